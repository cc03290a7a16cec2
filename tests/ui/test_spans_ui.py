"""Pilot tests over a loopback Hugging Face API: `w` / `M` show the shown day's week and month
(asked with ``week=`` / ``month=``, paged), `O` reaches trending."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from tests.hf_api_server import HfApi
from tests.ui.conftest import STILL
from tests.ui.reader_pilot import SIZE, main_screen, opened, papers, settled, status
from tui.cli.wiring import build_library
from tui.domain.feeds.spec import FeedSpec
from tui.domain.paper_list import SortKey
from tui.ui.app import DailyPapersApp

NOW = datetime(2025, 11, 18, 12, 0, tzinfo=UTC)


def online_app(hf_api: HfApi, data: Path) -> DailyPapersApp:
    feeds = (FeedSpec("HF", hf_api.feed_url),)
    library = build_library(data, feeds, offline=False, clock=lambda: NOW)
    return DailyPapersApp(library, replace(STILL, feeds=feeds), clock=lambda: NOW)


def _ids(hf_api: HfApi, *days: str) -> set[str]:
    return {e["paper"]["id"] for day in days for e in hf_api.days[day]}


async def test_w_shows_the_week_of_the_shown_day_and_w_again_goes_back(
    hf_api: HfApi, tmp_path: Path
) -> None:
    app = online_app(hf_api, tmp_path / "data")
    async with opened(app, SIZE, until_idle=True) as pilot:
        assert main_screen(app).state.day == date(2025, 11, 18)
        await pilot.press("left_square_bracket", "left_square_bracket")  # Fri 14 Nov
        await settled(pilot)
        assert main_screen(app).state.day == date(2025, 11, 14)
        hf_api.clear_requests()
        await pilot.press("w")
        await settled(pilot)
        shown = {p.id for p in papers(app).papers}
        assert shown >= _ids(hf_api, "2025-11-14", "2025-11-13", "2025-11-12")
        week = {p.day for p in papers(app).papers}
        assert week == {date(2025, 11, 14), date(2025, 11, 13), date(2025, 11, 12)}
        assert status(app).startswith("Week 2025-W46 (10 Nov – 16 Nov)")
        pages = [q.get("p", "0") for q in hf_api.daily_requests() if q.get("week") == "2025-W46"]
        assert pages == ["0", "1"]
        await pilot.press("w")
        await settled(pilot)
        assert status(app).startswith("Fri 14 Nov 2025")


async def test_M_shows_the_month_and_O_reaches_trending(hf_api: HfApi, tmp_path: Path) -> None:
    app = online_app(hf_api, tmp_path / "data")
    async with opened(app, SIZE, until_idle=True) as pilot:
        await pilot.press("M")
        await settled(pilot)
        assert status(app).startswith("November 2025")
        shown = {p.id for p in papers(app).papers}
        every = _ids(hf_api, *(d for d in hf_api.days if d.startswith("2025-11")))
        assert shown == every
        for _ in range(4):
            await pilot.press("O")
        await pilot.pause()
        assert main_screen(app).state.sort is SortKey.TRENDING
        assert "by trending" in status(app)
