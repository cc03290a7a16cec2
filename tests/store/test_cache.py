"""The paper cache: upserts by feed and day, never removes, pins outlive feeds, safe names."""

from __future__ import annotations

import errno
import json
import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import make_paper
from tests.store.helpers import temp_files
from tui.domain.paper import Paper
from tui.store import documents
from tui.store.cache import PaperCache, feed_folder_name
from tui.store.locations import CACHE_TOPS

HF = "https://huggingface.co/api/daily_papers"
RSS = "https://rss.arxiv.org/rss/cs.CL"
MAY1, MAY2 = date(2024, 5, 1), date(2024, 5, 2)


def paper(pid: str, day: date | None = MAY1, **fields: object) -> Paper:
    """A paper listed on `day` (May 1st unless said)."""
    return make_paper(pid, day=day, **fields)


def ids(papers: list[Paper]) -> list[str]:
    return sorted(p.id for p in papers)


def test_papers_round_trip_by_day(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, [paper("2405.00001"), paper("2405.00002", MAY2)])
    fresh = PaperCache(tmp_path / "cache")
    assert fresh.days() == [MAY2, MAY1]
    assert fresh.day_counts() == {MAY2: 1, MAY1: 1}
    assert fresh.load_day(MAY1) == [paper("2405.00001")]
    assert fresh.load_day(MAY2) == [paper("2405.00002", MAY2)]
    assert fresh.load_day(date(2020, 1, 1)) == []
    assert fresh.take_notices() == []


def test_a_store_never_removes_a_cached_paper(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, [paper("2405.00001", upvotes=3), paper("2405.00002")])
    cache.store(HF, [])
    cache.store(HF, [paper("2405.00001", upvotes=9, abstract="Longer")])
    papers = {p.id: p for p in PaperCache(tmp_path / "cache").load_day(MAY1)}
    assert set(papers) == {"2405.00001", "2405.00002"}
    assert papers["2405.00001"].upvotes == 9
    assert papers["2405.00001"].abstract == "Longer"


def test_a_poorer_record_does_not_erase_richer_fields(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, [paper("2405.00001", abstract="Full abstract", github="https://g/x")])
    cache.store(HF, [paper("2405.00001")])
    [kept] = cache.load_day(MAY1)
    assert kept.abstract == "Full abstract" and kept.github == "https://g/x"


def test_each_feed_keeps_its_own_entry_of_a_day(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, [paper("2405.00001", feeds=("hf",))])
    cache.store(RSS, [paper("2405.00001", feeds=("rss",)), paper("2405.00003")])
    day = cache.load_day(MAY1)
    assert ids(day) == ["2405.00001", "2405.00001", "2405.00003"]
    assert {p.feeds for p in day if p.id == "2405.00001"} == {("hf",), ("rss",)}


def test_days_are_days_with_papers_and_skip_junk(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, [paper("2405.00001")])
    feed_dir = next(p for p in (tmp_path / "cache").iterdir() if p.is_dir())
    (feed_dir / "2024-13-45.json").write_text("{}")
    (feed_dir / "notes.txt").write_text("x")
    (feed_dir / "2024-06-01.json").write_text("no paper of the index is on this day")
    assert cache.days() == [MAY1]


def test_a_pinned_paper_outlives_its_feed_and_cache(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    saved = paper("2405.00001", abstract="Keep me")
    cache.store(HF, [saved, paper("2405.00002")])
    cache.pin(saved)
    for path in (tmp_path / "cache").rglob("2024-05-01.json"):
        path.unlink()
    fresh = PaperCache(tmp_path / "cache")
    assert fresh.load_day(MAY1) == []
    assert fresh.load_pinned() == [saved]
    assert fresh.days() == []


def test_a_corrupt_day_file_is_set_aside_and_other_feeds_load(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, [paper("2405.00001")])
    cache.store(RSS, [paper("2405.00002")])
    bad = tmp_path / "cache" / feed_folder_name(HF) / "2024-05-01.json"
    bad.write_bytes(b'{"papers": {"2405.0')
    bad.with_name(bad.name + ".bak").unlink(missing_ok=True)
    fresh = PaperCache(tmp_path / "cache")
    assert ids(fresh.load_day(MAY1)) == ["2405.00002"]
    [notice] = fresh.take_notices()
    [aside] = bad.parent.glob("2024-05-01.json.corrupt-*")
    shown = f"cache/{bad.parent.name}/2024-05-01.json"
    assert notice == f"{shown} was unreadable; set aside as {shown}{aside.name[15:]}"


def test_a_failed_store_keeps_the_papers_in_memory_then_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, [paper("2405.00001")])

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", full)
        cache.store(HF, [paper("2405.00002", MAY2)])
        assert cache.days() == [MAY2, MAY1]
        assert ids(cache.load_day(MAY2)) == ["2405.00002"]
        assert PaperCache(tmp_path / "cache").days() == [MAY1]
        assert temp_files(tmp_path) == []
        [notice] = cache.take_notices()
        assert notice.startswith("changes cannot be saved: No space left on device")
    cache.pin(paper("2405.00001"))
    assert PaperCache(tmp_path / "cache").days() == [MAY2, MAY1]


@given(st.text(min_size=1))
def test_a_feed_folder_name_is_one_safe_path_part(key: str) -> None:
    name = feed_folder_name(key)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name)
    assert len(name) <= 80
    assert feed_folder_name(key) == name


def test_feed_folder_names_differ_for_different_keys() -> None:
    assert feed_folder_name("https://a/x?y") != feed_folder_name("https://a/x-y")
    assert feed_folder_name("../../etc").startswith("etc-")


def test_a_feeds_corrected_title_replaces_the_cached_one(tmp_path: Path) -> None:
    """bad-inputs row 9: same id, different title across fetches; the latest metadata wins."""
    cache = PaperCache(tmp_path / "cache")
    first = paper("2405.00001")
    cache.store(HF, [replace(first, title="A Title With A Typo In Teh Middle")])
    cache.store(HF, [replace(first, title="A Corrected Title")])
    [kept] = cache.load_day(MAY1)
    assert kept.title == "A Corrected Title"


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped", "raw-utf8"])
def test_a_hand_edited_day_file_still_comes_out_sanitised(tmp_path: Path, ascii_only: bool) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, [paper("2405.00001"), paper("2405.00002")])
    found = (tmp_path / "cache").glob("*/2024-05-01.json")
    [day_file] = [f for f in found if f.parent.name != CACHE_TOPS]  # the feed's file, not its tops
    tables = json.loads(day_file.read_text())
    doc = tables["papers"]["2405.00001"]
    doc["title"] = "red\x1b[31m\x1b]52;c;ZXZpbA==\x07 title\u202e\u2066"
    doc["authors"] = ["\x9b2Jbob", "al\u200bice"]
    doc["abstract"] = "line\x1b[2J one\r\nline two\u2028three"
    day_file.write_text(json.dumps(tables, ensure_ascii=ascii_only), encoding="utf-8")
    papers = {p.id: p for p in PaperCache(tmp_path / "cache").load_day(MAY1)}
    edited = papers["2405.00001"]
    assert edited.title == "red title"
    assert edited.authors == ("bob", "alice")
    assert edited.abstract == "line one\nline two\nthree"
    assert papers["2405.00002"] == paper("2405.00002", day_source=None)


def test_a_day_file_the_cache_wrote_is_read_without_sanitising_each_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [
        paper(f"2405.{n:05d}", abstract=f"Abstract\n\n{n}", authors=("A", "B")) for n in range(50)
    ]
    PaperCache(tmp_path / "cache").store(HF, made)
    monkeypatch.setattr(documents, "sanitise_line", _refuse)
    monkeypatch.setattr(documents, "sanitise_text", _refuse)
    assert ids(PaperCache(tmp_path / "cache").load_day(MAY1)) == ids(made)


def _refuse(text: str) -> str:
    raise AssertionError(f"sanitised again: {text!r}")
