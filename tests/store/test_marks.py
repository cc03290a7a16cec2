"""The mark store in one process: round trips, partitions, corrupt and foreign files, failures."""

from __future__ import annotations

import errno
import json
import os
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from tests.store.helpers import temp_files
from tui.domain.paper import Marks
from tui.store import atomic_storage
from tui.store.atomic_storage import parse_tables
from tui.store.journal import JournaledFile, read_with_journal
from tui.store.marks import MarkStore, partition_of, partitions_of

READ = Marks(read=True, read_at="2026-01-01T09:00:00+00:00")
SAVED = Marks(saved=True, saved_at="2026-01-02T09:00:00+00:00")


def on_disk(folder: Path) -> dict[str, Marks]:
    """What a fresh process would read."""
    return MarkStore(folder).load_all()


def test_marks_round_trip_through_a_new_store(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    store = MarkStore(folder)
    store.set("2405.00001", READ)
    store.set_many({"2406.00002": SAVED, "hep-th/9901001": READ, "guid:abc": SAVED})
    assert on_disk(folder) == {
        "2405.00001": READ,
        "2406.00002": SAVED,
        "hep-th/9901001": READ,
        "guid:abc": SAVED,
    }
    assert sorted(p.name for p in folder.glob("*.json")) == [
        "2405.json",
        "2406.json",
        "9901.json",
        "other.json",
    ]
    assert store.take_notices() == []


def test_partitions_are_safe_file_names() -> None:
    assert partition_of("2405.01234") == "2405"
    assert partition_of("guid:../../etc") == "other"
    assert partition_of("guid:x/1234") == "1234"


def test_default_marks_are_removed_from_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    store = MarkStore(folder)
    store.set_many({"2405.00001": READ, "2405.00002": READ})
    store.set("2405.00001", Marks())
    assert on_disk(folder) == {"2405.00002": READ}
    assert "2405.00001" not in read_with_journal(folder / "2405.json")["marks"]


def test_unknown_fields_of_a_mark_are_kept_on_update(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    MarkStore(folder).set("2405.00001", READ)
    path = folder / "2405.json"
    tables = parse_tables(path.read_bytes())
    tables["marks"]["2405.00001"]["tags"] = ["rl"]
    tables["notes"] = {"2405.00001": {"text": "later"}}
    path.write_text(json.dumps(tables))
    MarkStore(folder).set("2405.00001", SAVED)
    tables = read_with_journal(path)
    assert tables["marks"]["2405.00001"]["tags"] == ["rl"]
    assert tables["marks"]["2405.00001"]["saved"] is True
    assert tables["notes"] == {"2405.00001": {"text": "later"}}


def test_another_store_sees_the_latest_marks(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    first, second = MarkStore(folder), MarkStore(folder)
    first.set("2405.00001", READ)
    second.set("2405.00002", SAVED)
    assert first.load_all() == {"2405.00001": READ, "2405.00002": SAVED}


def test_many_threads_writing_lose_nothing(tmp_path: Path) -> None:
    store = MarkStore(tmp_path / "marks")

    def writer(n: int) -> None:
        for i in range(25):
            store.set(f"24{n % 3 + 10:02d}.{n:02d}{i:03d}", READ)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(on_disk(tmp_path / "marks")) == 200


CORRUPT = {
    "truncated": b'{"marks": {"2405.00001": {"rea',
    "trailing": b'{"marks": {}, "_meta": {"1": {"schema": 1}}} {"extra": 1}',
    "nuls": b"\x00" * 128,
    "list": b"[]",
    "empty": b"",
    "bad-schema": b'{"_meta": {"1": {"schema": "one"}}}',
}


@pytest.mark.parametrize("raw", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_corrupt_partition_is_set_aside_once_and_the_rest_loads(
    tmp_path: Path, raw: bytes
) -> None:
    folder = tmp_path / "marks"
    MarkStore(folder).set_many({"2405.00001": READ, "2406.00002": SAVED})
    (folder / "2405.json").write_bytes(raw)
    (folder / "2405.json.bak").unlink(missing_ok=True)
    store = MarkStore(folder)
    assert store.load_all() == {"2406.00002": SAVED}
    [aside] = folder.glob("2405.json.corrupt-*")
    assert aside.read_bytes() == raw
    [notice] = store.take_notices()
    assert notice == f"marks/2405.json was unreadable; set aside as marks/{aside.name}"
    store.set("2405.00003", READ)
    assert on_disk(folder) == {"2405.00003": READ, "2406.00002": SAVED}
    assert aside.read_bytes() == raw
    assert store.take_notices() == []


def test_a_corrupt_partition_falls_back_to_its_last_good_copy(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    store = MarkStore(folder)
    store.set("2405.00001", READ)
    with pytest.MonkeyPatch.context() as patch:  # this write rewrites the base whole
        patch.setattr(JournaledFile, "_too_long", lambda _self: True)
        store.set("2405.00002", SAVED)
    store.set("2405.00003", READ)
    (folder / "2405.json").write_bytes(b"\x00\x00")
    fresh = MarkStore(folder)
    # the base's last copy, the journal kept with it and the journal since: nothing lost
    assert fresh.load_all() == {"2405.00001": READ, "2405.00002": SAVED, "2405.00003": READ}
    [notice] = fresh.take_notices()
    assert notice.endswith("; restored its last good copy")


def test_a_file_from_a_newer_schema_is_read_only_and_kept_whole(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    folder.mkdir()
    future = {
        "_meta": {"1": {"schema": 7}},
        "marks": {"2405.00001": {"read": True, "colour": "red"}},
        "highlights": {"2405.00001": {"spans": [[1, 4]]}},
    }
    path = folder / "2405.json"
    path.write_text(json.dumps(future))
    before = path.read_bytes()
    store = MarkStore(folder)
    assert store.load_all() == {"2405.00001": Marks(read=True)}
    store.set("2405.00002", SAVED)
    assert path.read_bytes() == before
    assert store.load_all() == {"2405.00001": Marks(read=True), "2405.00002": SAVED}
    notices = store.take_notices()
    assert notices == [
        "marks/2405.json was written by a newer dailypapers (schema 7); it is read-only here"
    ]
    store.set("2405.00003", SAVED)
    assert store.take_notices() == []


def test_an_older_plain_tinydb_file_is_backed_up_and_migrated_once(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    folder.mkdir()
    path = folder / "2405.json"
    with TinyDB(path, storage=JSONStorage) as legacy:
        legacy.insert({"id": "2405.00001", "read": True, "tags": ["x"]})
        legacy.insert({"no id": True})
    original = path.read_bytes()
    assert MarkStore(folder).load_all() == {"2405.00001": Marks(read=True)}
    assert (folder / "2405.json.bak-v0").read_bytes() == original
    migrated = parse_tables(path.read_bytes())
    assert migrated["_meta"] == {"1": {"schema": 1}}
    assert migrated["marks"] == {"2405.00001": {"read": True, "tags": ["x"]}}
    assert migrated["_default"] == {"2": {"no id": True}}
    once = path.read_bytes()
    assert MarkStore(folder).load_all() == {"2405.00001": Marks(read=True)}
    assert path.read_bytes() == once
    assert (folder / "2405.json.bak-v0").read_bytes() == original


@pytest.mark.parametrize(
    ("code", "target"),
    [
        (errno.EROFS, "replace"),
        (errno.ENOSPC, "write"),
        (errno.EDQUOT, "mkstemp"),
        (errno.EFBIG, "write"),
    ],
)
def test_a_failed_write_keeps_the_file_and_the_change_then_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, target: str
) -> None:
    folder = tmp_path / "marks"
    store = MarkStore(folder)
    store.set("2405.00001", READ)
    before = (folder / "2405.json").read_bytes()

    def fail(*_: object, **__: object) -> None:
        raise OSError(code, os.strerror(code))

    with monkeypatch.context() as patch:
        if target in ("replace", "mkstemp"):  # a whole rewrite: make every write compact
            patch.setattr(JournaledFile, "_too_long", lambda _self: True)
        if target == "replace":
            patch.setattr(os, "replace", fail)
        elif target == "mkstemp":
            patch.setattr(tempfile, "mkstemp", fail)
        else:
            patch.setattr(atomic_storage, "_write_all", fail)
        store.set("2405.00002", SAVED)
        store.set("2406.00003", SAVED)
        assert (folder / "2405.json").read_bytes() == before
        assert temp_files(tmp_path) == []
        assert store.load_all() == {"2405.00001": READ, "2405.00002": SAVED, "2406.00003": SAVED}
        assert store.take_notices() == [
            f"changes cannot be saved: {os.strerror(code)} (marks/2405.json)"
        ]
    store.set("2406.00004", READ)
    assert on_disk(folder) == {
        "2405.00001": READ,
        "2405.00002": SAVED,
        "2406.00003": SAVED,
        "2406.00004": READ,
    }
    assert store.take_notices() == []


def test_an_unusable_folder_at_start_does_not_crash(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    store = MarkStore(tmp_path / "file" / "marks")
    assert store.load_all() == {}
    store.set("2405.00001", READ)
    assert store.load_all() == {"2405.00001": READ}
    [notice] = store.take_notices()
    assert notice.startswith("changes cannot be saved: cannot open the lock file")


def test_a_missing_folder_is_created_on_first_write(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "marks"
    store = MarkStore(folder)
    assert store.load_all() == {}
    store.set("2405.00001", READ)
    assert on_disk(folder) == {"2405.00001": READ}


def test_load_for_reads_only_the_wanted_papers(tmp_path: Path) -> None:
    store = MarkStore(tmp_path / "marks")
    store.set_many(
        {
            "2405.00001": Marks(read=True),
            "2405.00002": Marks(saved=True),
            "2406.00003": Marks(read=True),
        }
    )
    fresh = MarkStore(tmp_path / "marks")
    assert fresh.load_for(["2405.00001", "2406.00003", "2407.00009"]) == {
        "2405.00001": Marks(read=True),
        "2406.00003": Marks(read=True),
    }
    assert fresh.load_for([]) == {}


ids = st.one_of(
    st.from_regex(r"\A\d{4}\.\d{4,5}\Z"),
    st.from_regex(r"\A[a-z-]{2,8}/\d{7}\Z"),
    st.sampled_from(["guid:ab12", "12", "", "1a34.5", "２４０５.00001", "a/b/2405.0", "2405"]),
    st.text(max_size=8),
)


@given(st.lists(ids, max_size=20))
def test_partitions_of_many_ids_are_each_ids_partition(paper_ids: list[str]) -> None:
    assert partitions_of(paper_ids) == {partition_of(pid) for pid in paper_ids}
