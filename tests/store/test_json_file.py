"""The small JSON stores (for-you examples, Zotero sends) set an unreadable file aside, never
read it as empty and write over it (bad-inputs: a corrupt state file loses nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.store.examples import SEEDS, ExampleStore, StoredExample
from tui.store.json_file import read_json_object
from tui.store.zotero_sent import SENT, SendRecord, ZoteroSentStore


@pytest.mark.parametrize("garbage", [b"{not json", b"[1, 2]", b"\xff\xfe", b""])
def test_a_corrupt_file_is_set_aside_with_one_notice(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "examples.json"
    path.write_bytes(garbage)
    notices: list[str] = []
    assert read_json_object(path, notices) == {}
    (aside,) = tmp_path.glob("examples.json.corrupt-*")
    assert aside.read_bytes() == garbage, "the user's bytes are kept"
    assert notices == [f"examples.json was unreadable; set aside as {aside.name}"]


def test_seeds_written_after_a_corrupt_file_keep_it_aside(tmp_path: Path) -> None:
    path = tmp_path / "examples.json"
    path.write_text("{torn")
    store = ExampleStore(path)
    store.add(SEEDS, [StoredExample("2405.09818", "A paper")])
    assert [e.id for e in ExampleStore(path).load(SEEDS)] == ["2405.09818"]
    assert len(list(tmp_path.glob("examples.json.corrupt-*"))) == 1
    assert store.notices and "set aside" in store.notices[0]


def test_a_link_in_place_of_the_zotero_file_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text('{"2405.09818": {"state": "sent", "token": "t"}}')
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "zotero.json"
    path.symlink_to(outside)
    store = ZoteroSentStore(path)
    assert store.get("2405.09818") is None
    assert store.notices and "cannot be read" in store.notices[0]
    store.put("2405.09818", SendRecord(SENT, "t2"))
    assert outside.read_text().count("t2") == 0, "nothing written through the link"
