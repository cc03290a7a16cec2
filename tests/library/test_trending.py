"""Hugging Face's trending order over a loopback API: asked with ``sort=trending`` for the day,
week or month (paged like a day), only the papers of what was asked kept and ranked, the order
kept in the data folder and read back offline, and not asked again while it is recent."""

from __future__ import annotations

import json
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.hf_api_server import HfApi
from tui.cli.wiring import build_library
from tui.domain.feeds.spec import FeedSpec
from tui.domain.paper_list import SortKey
from tui.domain.periods import parse_month
from tui.library.library import Library
from tui.library.trending import FRESH_SECONDS, Scope, Trending

NOW = datetime(2025, 11, 18, 12, 0, tzinfo=UTC)
DAY = date(2025, 11, 18)


def api_trending(hf_api: HfApi, holds: Scope) -> list[str]:
    """The API's trending answer, every page, cut to the papers `holds` takes."""
    ids: list[str] = []
    for page in range(10):
        url = hf_api.url_for(sort="trending", limit=100, p=page)
        with urllib.request.urlopen(url, timeout=5) as answer:
            entries = json.loads(answer.read())
        for entry in entries:
            featured = entry["paper"].get("submittedOnDailyAt") or entry["publishedAt"]
            if holds.holds(date.fromisoformat(featured[:10])):
                ids.append(entry["paper"]["id"])
        if len(entries) < 100:
            return ids
    return ids


def _library(hf_api: HfApi, data: Path, *, offline: bool = False, now: datetime = NOW) -> Library:
    feeds = (FeedSpec("HF", hf_api.feed_url),)
    return build_library(data, feeds, offline=offline, clock=lambda: now)


async def test_a_days_trending_order_is_asked_kept_and_read_back_offline(
    hf_api: HfApi, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    library = _library(hf_api, data)
    await library.refresh(day=DAY)
    before = await library.load_library()
    hf_api.clear_requests()
    ranks = await Trending(library).ask(Scope(day=DAY))
    asked = hf_api.daily_requests()
    assert asked and all(q["sort"] == "trending" and q["date"] == "2025-11-18" for q in asked)
    assert [q.get("p", "0") for q in asked] == [str(n) for n in range(len(asked))]  # paged
    expected = api_trending(hf_api, Scope(day=DAY))
    assert ranks.asked and sorted(ranks.ranks, key=ranks.ranks.__getitem__) == expected
    by_votes = [p.id for p in (await library.load_day(DAY)).papers.sorted_by(SortKey.UPVOTES)]
    assert expected != by_votes, "the fixture's trending is not just upvotes"
    after = await library.load_library()
    assert len(after.papers) == len(before.papers), "papers of other days are not kept"
    hf_api.clear_requests()
    again = await Trending(library).ask(Scope(day=DAY))
    assert again.ranks == ranks.ranks and not again.asked and hf_api.daily_requests() == []
    await library.aclose()

    offline = _library(hf_api, data, offline=True)
    kept = await Trending(offline).ask(Scope(day=DAY))
    assert kept.ranks == ranks.ranks and hf_api.requests == []
    later = _library(hf_api, data, now=NOW + timedelta(seconds=FRESH_SECONDS + 1))
    await Trending(later).ask(Scope(day=DAY))
    assert hf_api.daily_requests(), "an old order is asked again"
    await later.aclose()


async def test_a_months_trending_order_keeps_the_papers_of_the_month(
    hf_api: HfApi, tmp_path: Path
) -> None:
    library = _library(hf_api, tmp_path / "data")
    month = parse_month("2025-11")
    ranks = await Trending(library).ask(Scope(period=month))
    assert {q.get("month") for q in hf_api.daily_requests()} == {"2025-11"}
    assert sorted(ranks.ranks, key=ranks.ranks.__getitem__) == api_trending(
        hf_api, Scope(period=month)
    )
    await library.aclose()


async def test_a_failed_ask_keeps_the_kept_order_and_says_so(hf_api: HfApi, tmp_path: Path) -> None:
    data = tmp_path / "data"
    library = _library(hf_api, data)
    first = await Trending(library).ask(Scope(day=DAY))
    await library.aclose()
    later = _library(hf_api, data, now=NOW + timedelta(hours=1))
    hf_api.fail_next(503, count=5)
    failed = await Trending(later).ask(Scope(day=DAY))
    assert failed.ranks == first.ranks and not failed.asked
    assert failed.notice is not None and failed.notice.startswith("Trending: ")
    await later.aclose()


async def test_a_day_never_asked_takes_the_kept_order_of_its_month(
    hf_api: HfApi, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    library = _library(hf_api, data)
    month = await Trending(library).ask(Scope(period=parse_month("2025-11")))
    await library.aclose()
    offline = _library(hf_api, data, offline=True)
    day = await Trending(offline).ask(Scope(day=DAY))
    assert not day.exact and day.ranks == month.ranks
    order = sorted(day.ranks, key=day.ranks.__getitem__)
    in_day = [pid for pid in order if pid in {p.id for p in offline.load_day_sync(DAY).papers}]
    assert in_day == api_trending(hf_api, Scope(day=DAY))
    assert not (await Trending(offline).ask(Scope(day=date(2024, 5, 27)))).ranks
