"""The top rows kept per day: written when a day is stored, the same as the top of the whole
day in every order (while each feed's newer records are whole), and only ever of papers still
on that day."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tui.domain.days import DaySource
from tui.domain.paper import Paper
from tui.domain.paper_list import TOP_ORDERS, PaperList, SortKey
from tui.store.cache import PaperCache
from tui.store.day_tops import ROWS, DayTops

HF = "https://huggingface.co/api/daily_papers"
RSS = "https://rss.arxiv.org/rss/cs.CL"
MAY1, MAY2 = date(2024, 5, 1), date(2024, 5, 2)


def papers(count: int, day: date = MAY1, seed: int = 1, start: int = 0) -> list[Paper]:
    rng = random.Random(seed)
    return [
        Paper(
            f"2405.{start + n:05d}",
            f"Title {rng.randrange(1000):04d}",
            abstract=f"Abstract {n}",
            day=day,
            upvotes=rng.choice([None, *range(50)]),
            github_stars=rng.choice([None, rng.randrange(500)]),
        )
        for n in range(count)
    ]


def whole_day(cache: PaperCache, day: date) -> PaperList:
    return PaperList.of(cache.load_day(day))


@pytest.mark.parametrize("key", [*TOP_ORDERS, SortKey.TRENDING, SortKey.FOR_YOU])
def test_the_kept_top_is_the_top_of_the_whole_day_in_each_order(
    tmp_path: Path, key: SortKey
) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, papers(ROWS * 3))
    # The same papers in an arXiv listing (no counts), and new ones.
    listing = [replace(p, upvotes=None, github_stars=None) for p in papers(ROWS * 4)]
    cache.store(RSS, listing[ROWS * 2 :])
    # Newer records of some: new counts, corrected titles.
    revised = [
        replace(p, title=f"{p.title} v2", upvotes=n % 60) for n, p in enumerate(papers(ROWS))
    ]
    cache.store(HF, revised)
    top = DayTops(tmp_path / "cache" / "tops").load(MAY1, key)
    assert top is not None and len(top) == ROWS
    expected = whole_day(cache, MAY1).sorted_by(key).papers[:ROWS]
    assert PaperList.of(top).sorted_by(key).papers == expected


def test_papers_that_leave_a_day_leave_its_top(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, papers(10))
    featured = [replace(p, day=MAY2, day_source=DaySource.FEATURED) for p in papers(2)]
    cache.store(HF, featured)  # a surer day: they move
    cache.store(HF, papers(5, start=2), complete_days=[MAY1])  # the day whole: 7 to 9 go
    tops = DayTops(tmp_path / "cache" / "tops")
    assert sorted(p.id for p in tops.load(MAY2) or ()) == ["2405.00000", "2405.00001"]
    assert {p.day for p in tops.load(MAY2) or ()} == {MAY2}
    assert sorted(p.id for p in tops.load(MAY1) or ()) == [f"2405.{n:05d}" for n in range(2, 7)]


def test_the_tops_folder_is_no_feed(tmp_path: Path) -> None:
    cache = PaperCache(tmp_path / "cache")
    cache.store(HF, papers(5))
    fresh = PaperCache(tmp_path / "cache")
    assert fresh.day_counts() == {MAY1: 5}
    assert len(fresh.load_day(MAY1)) == 5


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"schema": 1}', b'{"schema": 9}'])
def test_a_bad_file_reads_as_none_and_is_rewritten(tmp_path: Path, content: bytes) -> None:
    tops = DayTops(tmp_path)
    (tmp_path / "2024-05-01.json").write_bytes(content)
    assert not tops.load(MAY1)
    tops.save(MAY1, papers(3))
    assert tops.load(MAY1) is not None and len(tops.load(MAY1) or ()) == 3
