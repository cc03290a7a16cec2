"""Pilot tests over a loopback Hugging Face API: `O` on trending asks the API for the trending
order of the day, week or month shown (``sort=trending``) and shows that order; offline, the
order kept from that visit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.hf_api_server import HfApi
from tests.library.test_trending import api_trending
from tests.ui.reader_pilot import SIZE, main_screen, papers, settled, status
from tests.ui.test_spans_ui import NOW, online_app
from tui.cli.wiring import build_library
from tui.domain.paper_list import SortKey
from tui.domain.periods import period_of
from tui.library.trending import Scope
from tui.ui.app import DailyPapersApp

DAY = date(2025, 11, 18)


async def _to_trending(pilot: object, app: DailyPapersApp) -> None:
    while main_screen(app).state.sort is not SortKey.TRENDING:
        await pilot.press("O")  # type: ignore[attr-defined]
    await settled(pilot)


async def test_O_trending_shows_hugging_faces_order_and_keeps_it_offline(
    hf_api: HfApi, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    app = online_app(hf_api, data)
    expected = api_trending(hf_api, Scope(day=DAY))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert main_screen(app).state.day == DAY
        by_votes = [p.id for p in papers(app).papers]
        hf_api.clear_requests()
        await _to_trending(pilot, app)
        asked = hf_api.daily_requests()
        assert asked and {(q["sort"], q["date"]) for q in asked} == {("trending", "2025-11-18")}
        shown = [p.id for p in papers(app).papers]
        assert shown[: len(expected)] == expected and shown != by_votes
        assert "by trending (Hugging Face's)" in status(app)
        await pilot.press("M")  # the month: asked for the month, one order across its days
        await settled(pilot)
        month = period_of(DAY, "month")
        months = [q for q in hf_api.daily_requests() if q.get("sort") == "trending"]
        assert any(q.get("month") == "2025-11" for q in months)
        in_month = api_trending(hf_api, Scope(period=month))
        assert [p.id for p in papers(app).papers][: len(in_month)] == in_month
        assert papers(app).group_of is None
    hf_api.clear_requests()
    offline = DailyPapersApp(
        build_library(data, app.settings.feeds, offline=True, clock=lambda: NOW),
        app.settings,
        clock=lambda: NOW,
        offline_mode=True,
    )
    async with offline.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await _to_trending(pilot, offline)
        assert [p.id for p in papers(offline).papers][: len(expected)] == expected
        assert "by trending (Hugging Face's)" in status(offline)
    assert hf_api.requests == []


async def test_trending_offline_without_a_kept_order_is_the_estimate(tmp_path: Path) -> None:
    from tests.ui.conftest import STILL
    from tui.demo.app import build_demo_app

    app = build_demo_app(tmp_path / "data", settings=STILL)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await _to_trending(pilot, app)
        assert "by trending (estimated)" in status(app)
