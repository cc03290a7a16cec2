"""Issue 10 end to end over a real data folder and loopback servers shaped like the real ones:
whole Hugging Face days (paging), the newest featured day first, each paper on one day, day
paging that steps over empty days and asks Hugging Face alone, arXiv politeness."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from tests.hf_api_server import ArxivLike, HfApi
from tests.shape_files import load_shape, shape_bytes
from tui.cli.wiring import build_library
from tui.domain.feeds.spec import FeedSpec
from tui.domain.paper_list import SortKey
from tui.library.library import Library
from tui.library.refresh import is_hf_feed, url_for_day

NOW = datetime(2025, 11, 19, 9, 0, tzinfo=UTC)


def _library(data: Path, *feeds: FeedSpec) -> Library:
    return build_library(data, feeds, offline=False, clock=lambda: NOW)


def _hf(api: HfApi) -> FeedSpec:
    return FeedSpec("HF", api.feed_url)  # typed by nothing but its URL


async def test_a_120_paper_day_comes_back_whole(hf_api: HfApi, tmp_path: Path) -> None:
    library = _library(tmp_path, _hf(hf_api))
    outcome = await library.refresh(day=date(2025, 11, 18))
    assert not outcome.all_failed
    view = library.load_day_sync(date(2025, 11, 18))
    assert len(view.papers) == 120
    asked = hf_api.daily_requests()
    assert [(q.get("limit"), q.get("p", "0")) for q in asked] == [("100", "0"), ("100", "1")]
    await library.aclose()


async def test_a_day_of_exactly_fifty_asks_one_more_page(hf_api: HfApi, tmp_path: Path) -> None:
    library = _library(tmp_path, _hf(hf_api))
    await library.refresh(day=date(2025, 11, 13))
    assert len(library.load_day_sync(date(2025, 11, 13)).papers) == 50
    await library.aclose()


async def test_the_reader_opens_on_the_newest_featured_day(hf_api: HfApi, tmp_path: Path) -> None:
    hf_api.serve_shape("hf_nodate_two_days.json")
    library = _library(tmp_path, _hf(hf_api))
    await library.refresh()
    view = library.load_day_sync()
    assert view.day == date(2025, 11, 17), "never the clock's day (2025-11-19)"
    assert len(view.papers) == 37, "the six without a featured time join the rest"
    assert {p.day_source for p in view.papers} == {"featured"}
    await library.aclose()


async def test_paging_back_steps_over_empty_days_and_asks_hugging_face_alone(
    hf_api: HfApi, arxiv_like: ArxivLike, tmp_path: Path
) -> None:
    rss = FeedSpec("arXiv", arxiv_like.url_of("/rss/cs.LG"))
    library = _library(tmp_path, _hf(hf_api), rss)
    await library.refresh(day=date(2025, 11, 17))
    rss_before = len(arxiv_like.times("/rss/cs.LG"))
    hf_api.clear_requests()
    asked: list[date] = []
    outcome = await library.page_day(date(2024, 10, 1), -1, asking=asked.append)
    # The oldest cached day is the arXiv channel day (2024-10-01): Hugging Face is asked for
    # the days before it, one at a time; nothing there in this archive, so a week is probed.
    assert outcome.day is None and outcome.notice and "[ looks further" in outcome.notice
    assert len(asked) == 7 and asked == sorted(asked, reverse=True)
    assert len(arxiv_like.times("/rss/cs.LG")) == rss_before, "paging sends no RSS request"
    assert [q.get("date") for q in hf_api.daily_requests()] == [d.isoformat() for d in asked]
    # A cached day before: found without any request.
    hf_api.clear_requests()
    found = await library.page_day(date(2025, 11, 17), -1)
    assert found.day == date(2024, 10, 1) and hf_api.daily_requests() == []
    await library.aclose()


async def test_paging_back_past_the_cache_finds_the_next_day_with_papers(
    hf_api: HfApi, tmp_path: Path
) -> None:
    library = _library(tmp_path, _hf(hf_api))
    await library.refresh(day=date(2025, 11, 17))
    outcome = await library.page_day(date(2025, 11, 17), -1)
    assert outcome.day == date(2025, 11, 14), "the weekend between is skipped"
    assert len(library.load_day_sync(date(2025, 11, 14)).papers) == 11
    assert (await library.page_day(date(2025, 11, 14), 1)).day == date(2025, 11, 17)
    await library.aclose()


async def test_a_mirror_and_the_json_put_a_paper_on_one_day(
    hf_api: HfApi, arxiv_like: ArxivLike, tmp_path: Path
) -> None:
    mirror = FeedSpec("Mirror", arxiv_like.add("/mirror.rss", shape_bytes("hf_mirror_scrape.rss")))
    library = _library(tmp_path, mirror, _hf(hf_api))
    await library.refresh()  # the mirror first, so its scrape day is stored before
    await library.refresh(day=date(2025, 11, 18))
    listed = {e["paper"]["id"] for e in load_shape("hf_day_120.json")}
    days: dict[str, set[date]] = {}
    for day in library.load_day_sync().days:
        for paper in library.load_day_sync(day).papers:
            days.setdefault(paper.id, set()).add(day)
    assert all(len(found) == 1 for found in days.values()), "one day per paper"
    both = [pid for pid in listed if "Mirror" in _feeds_of(library, pid)]
    assert both, "the fixture overlaps"
    for pid in both:
        assert days[pid] == {date(2025, 11, 18)}, "the featured day wins over the scrape day"
    await library.aclose()


def _feeds_of(library: Library, paper_id: str) -> tuple[str, ...]:
    paper = library.find_paper_sync(paper_id)
    return paper.feeds if paper else ()


async def test_a_complete_day_drops_a_paper_it_no_longer_lists(
    hf_api: HfApi, tmp_path: Path
) -> None:
    library = _library(tmp_path, _hf(hf_api))
    await library.refresh(day=date(2025, 11, 13))
    dropped = hf_api.days["2025-11-13"].pop(0)
    await library.refresh(day=date(2025, 11, 13))
    ids = {p.id for p in library.load_day_sync(date(2025, 11, 13)).papers}
    assert len(ids) == 49 and dropped["paper"]["id"] not in ids
    await library.aclose()


async def test_a_library_view_reaches_every_cached_paper(
    arxiv_like: ArxivLike, tmp_path: Path
) -> None:
    api = FeedSpec("arXiv API", arxiv_like.url_of("/api/query"))
    library = _library(tmp_path, api)
    await library.refresh()
    day_view = library.load_day_sync()
    everything = library.load_library_sync()
    assert len(everything.papers) == 100
    assert len(day_view.papers) + day_view.elsewhere == 100
    assert len(everything.days) > 90
    await library.aclose()


def test_hugging_face_is_recognised_by_its_url() -> None:
    feed = FeedSpec("x", "https://mirror.example/api/daily_papers/?sort=trending")
    assert is_hf_feed(feed)
    url = url_for_day(feed, date(2025, 11, 18), 2)
    assert "date=2025-11-18" in url and "limit=100" in url and "p=2" in url
    assert "sort=trending" in url
    assert not is_hf_feed(FeedSpec("y", "https://rss.arxiv.org/rss/cs.LG"))


def test_list_json_rows_name_their_day_source(hf_api: HfApi, tmp_path: Path) -> None:
    from tests.e2e.processes import run_cli

    hf_api.serve_shape("hf_pre2025_day.json")
    result = run_cli("--data-dir", str(tmp_path), "--feed", hf_api.feed_url, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {(r["day"], r["day_source"]) for r in rows} == {("2024-05-27", "published")}
    listed = run_cli("--data-dir", str(tmp_path), "--feed", hf_api.feed_url, "list", "--all")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == len(rows)
    before = len(hf_api.daily_requests())
    again = run_cli("--data-dir", str(tmp_path), "--feed", hf_api.feed_url, "list")
    assert again.returncode == 0 and len(hf_api.daily_requests()) == before, "fresh: no wait"


async def test_once_a_newer_day_is_cached_the_first_screen_is_its_top_not_yesterdays(
    hf_api: HfApi, tmp_path: Path
) -> None:
    library = _library(tmp_path, _hf(hf_api))
    await library.refresh(day=date(2025, 11, 14))
    view = library.load_day_sync()
    library.first_screen.keep(view, view.papers)
    library.flush()
    kept = library.first_screen.read(None)
    assert kept is not None and kept.day == date(2025, 11, 14)
    await library.refresh(day=date(2025, 11, 17))
    first = library.first_screen.read(None)
    assert first is not None and first.day == date(2025, 11, 17), "never yesterday's screen"
    whole = library.load_day_sync().papers.sorted_by(SortKey.UPVOTES)
    assert first.papers.sorted_by(SortKey.UPVOTES).ids() == whole.ids()[: len(first.papers)]
    assert {p.day for p in first.papers} == {date(2025, 11, 17)}
    await library.aclose()
