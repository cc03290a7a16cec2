"""The Library over a real data folder and a local HTTP server: refresh, cache, marks, notices."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tui.cli.wiring import build_library
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.paper import Marks
from tui.domain.paper_list import SortKey
from tui.library.library import Library

FIXTURES = Path(__file__).parents[1] / "fixtures"
NOW = datetime(2024, 5, 20, 9, 0, tzinfo=UTC)
HF_BODY = (FIXTURES / "hf_daily.json").read_bytes()


@pytest.fixture
def feed(httpserver: HTTPServer) -> FeedSpec:
    return FeedSpec("HF", httpserver.url_for("/api/daily_papers"), FeedKind.HF_JSON)


def _library(data_dir: Path, *feeds: FeedSpec) -> Library:
    return build_library(data_dir, feeds, offline=False, clock=lambda: NOW)


def _serve(httpserver: HTTPServer, body: bytes, **headers: str) -> None:
    httpserver.expect_oneshot_request("/api/daily_papers").respond_with_data(
        body, content_type="application/json", headers=headers
    )


def _all_ids(library: Library) -> set[str]:
    return {p.id for day in library.load_day_sync().days for p in library.load_day_sync(day).papers}


async def test_refresh_caches_every_paper_once(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path
) -> None:
    _serve(httpserver, HF_BODY)
    library = _library(tmp_path, feed)
    outcome = await library.refresh()
    assert outcome.notice is None and not outcome.all_failed
    expected = {entry["paper"]["id"] for entry in json.loads(HF_BODY)}
    assert _all_ids(library) == expected
    await library.aclose()


async def test_not_modified_keeps_cache_and_sends_validators(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path
) -> None:
    _serve(httpserver, HF_BODY, ETag='"v1"')
    library = _library(tmp_path, feed)
    await library.refresh()
    before = _all_ids(library)
    httpserver.expect_oneshot_request(
        "/api/daily_papers", headers={"If-None-Match": '"v1"'}
    ).respond_with_data(b"", status=304)
    outcome = await library.refresh()
    assert [r.status for r in outcome.results] == ["not_modified"]
    assert _all_ids(library) == before
    await library.aclose()


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"", 200), (b'[{"paper": ', 200), (b"<html>portal</html>", 200), (b"oops", 503)],
)
async def test_a_failed_fetch_keeps_the_last_good_papers(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path, body: bytes, status: int
) -> None:
    _serve(httpserver, HF_BODY)
    library = _library(tmp_path, feed)
    await library.refresh()
    before = _all_ids(library)
    content_type = "text/html" if body.startswith(b"<html") else "application/json"
    httpserver.expect_oneshot_request("/api/daily_papers").respond_with_data(
        body, status=status, content_type=content_type
    )
    outcome = await library.refresh()
    assert outcome.all_failed
    assert outcome.notice is not None and "\n" not in outcome.notice
    assert _all_ids(library) == before
    await library.aclose()


async def test_new_papers_are_counted_only_after_a_first_visit(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path
) -> None:
    entries = json.loads(HF_BODY)
    _serve(httpserver, json.dumps(entries[:5]).encode())
    library = _library(tmp_path, feed)
    first = await library.refresh()
    assert first.new_ids == frozenset()
    await library.aclose()
    _serve(httpserver, json.dumps(entries[:8]).encode())
    again = _library(tmp_path, feed)
    outcome = await again.refresh()
    assert outcome.new_ids == {e["paper"]["id"] for e in entries[5:8]}
    await again.aclose()


async def test_a_saved_paper_outlives_its_feed(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path
) -> None:
    entries = json.loads(HF_BODY)
    _serve(httpserver, json.dumps(entries[:3]).encode())
    library = _library(tmp_path, feed)
    await library.refresh()
    paper = library.load_day_sync(library.load_day_sync().day).papers[0]
    await asyncio.wrap_future(
        library.submit_marks({paper.id: Marks(saved=True, saved_at=NOW.isoformat())}, [paper])
    )
    await library.aclose()
    # The cache folder goes (a wiped cache, or a feed that dropped the paper): the copy stays.
    for day_file in (tmp_path / "cache").rglob("????-??-??.json"):
        day_file.unlink()
    reopened = _library(tmp_path, feed)
    saved = reopened.load_saved_sync().papers
    assert [p.id for p in saved] == [paper.id]
    assert saved[0].title == paper.title
    await reopened.aclose()


async def test_marks_written_are_there_for_the_next_session(tmp_path: Path) -> None:
    local = FeedSpec("Local", str(FIXTURES / "hf_daily.json"), FeedKind.HF_JSON)
    library = build_library(tmp_path, [local], offline=True, clock=lambda: NOW)
    await library.refresh()
    view = library.load_day_sync()
    paper = view.papers[0]
    library.submit_marks({paper.id: Marks(read=True, read_at=NOW.isoformat())}, [paper])
    library.flush()
    other = build_library(tmp_path, [local], offline=True, clock=lambda: NOW)
    assert other.load_day_sync(view.day).papers.marks_for(paper.id).read
    assert other.find_paper_sync(f"arXiv:{paper.id}v2") is not None
    await library.aclose()


async def test_offline_library_never_fetches_and_says_so(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path
) -> None:
    library = build_library(tmp_path, [feed], offline=True, clock=lambda: NOW)
    outcome = await library.refresh()
    assert [r.status for r in outcome.results] == ["offline"]
    assert httpserver.log == []
    await library.aclose()


async def test_an_automatic_poll_skips_a_feed_that_is_not_due(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    slow = FeedSpec("HF", httpserver.url_for("/api/daily_papers"), FeedKind.HF_JSON, 600)
    _serve(httpserver, HF_BODY)
    library = _library(tmp_path, slow)
    await library.refresh()
    outcome = await library.refresh(automatic=True)
    assert outcome.results == ()
    await library.aclose()


async def test_a_big_body_is_parsed_in_a_worker_process(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path
) -> None:
    entries = json.loads(HF_BODY)
    many = []
    for index in range(700):
        entry = json.loads(json.dumps(entries[index % len(entries)]))
        entry["paper"]["id"] = f"2405.{20000 + index}"
        many.append(entry)
    body = json.dumps(many).encode()
    assert len(body) > 1_000_000
    _serve(httpserver, body)
    library = _library(tmp_path, feed)
    outcome = await library.refresh()
    assert not outcome.all_failed
    assert len(_all_ids(library)) == 700
    await library.aclose()


async def test_a_paused_feed_is_not_fetched(httpserver: HTTPServer, tmp_path: Path) -> None:
    paused = FeedSpec("HF", httpserver.url_for("/api/daily_papers"), FeedKind.HF_JSON, None, False)
    library = _library(tmp_path, paused)
    outcome = await library.refresh()
    assert outcome.results == ()
    assert httpserver.log == []
    await library.aclose()


@pytest.mark.parametrize(("rows", "kept"), [(3, 3), (None, "all"), (0, 1)])
async def test_the_first_screen_keeps_as_many_rows_as_the_list_shows(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path, rows: int | None, kept: object
) -> None:
    _serve(httpserver, HF_BODY)
    library = _library(tmp_path, feed)
    await library.refresh()
    days = library.load_day_sync().days
    view = max((library.load_day_sync(day) for day in days), key=lambda v: len(v.papers))
    assert len(view.papers) > 3
    library.first_screen.keep(view, view.papers, rows)
    library.flush()
    first = library.first_screen.read(view.day)
    assert first is not None
    expected = len(view.papers) if kept == "all" else kept
    assert [p.id for p in first.papers] == [p.id for p in view.papers][:expected]


async def test_with_no_first_screen_kept_the_days_top_is_painted_with_its_marks(
    httpserver: HTTPServer, feed: FeedSpec, tmp_path: Path
) -> None:
    _serve(httpserver, HF_BODY)
    library = _library(tmp_path, feed)
    await library.refresh()
    whole = library.load_day_sync()
    top = whole.papers.sorted_by(SortKey.TITLE)[0]
    library.set_marks_sync({top.id: Marks(saved=True)})
    assert not (tmp_path / "first_screen.json").exists()
    first = library.first_screen.read(None, "title")
    assert first is not None and not first.complete and first.day == whole.day
    assert (
        first.papers.sorted_by(SortKey.TITLE).ids()
        == whole.papers.sorted_by(SortKey.TITLE).ids()[: len(first.papers)]
    )
    assert first.papers.marks_for(top.id).saved
    assert library.first_screen.read(None, "no such order") is not None  # upvotes then
    await library.aclose()
