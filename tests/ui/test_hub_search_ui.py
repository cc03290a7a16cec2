"""Pilot tests over a loopback Hugging Face API: `f` searches every paper (debounced while
typing, one request at a time), shows the answers as a view where `s` saves, and says when
offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hf_api_server import HfApi
from tests.ui.reader_pilot import (
    SIZE,
    main_screen,
    opened,
    papers,
    preview,
    record_notices,
    settled,
    status,
)
from tests.ui.test_spans_ui import online_app
from tui.ui.screens.hub_search_screen import HubSearchScreen

QUERY = "geometric deep learning gauges"


async def test_f_finds_a_paper_from_another_month_and_s_saves_it(
    hf_api: HfApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAILYPAPERS_HF_API", hf_api.url)
    app = online_app(hf_api, tmp_path / "data")
    async with opened(app, SIZE, until_idle=True) as pilot:
        assert "2405.15542" not in {p.id for p in papers(app).papers}
        hf_api.clear_requests()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, HubSearchScreen)
        await pilot.press(*QUERY, "enter")
        await settled(pilot)
        assert not isinstance(app.screen, HubSearchScreen)
        found = [p.id for p in papers(app).papers]
        assert "2405.15542" in found and len(found) == 3  # every word, in title or abstract
        assert status(app).startswith(f"Hugging Face search “{QUERY}”")
        assert "0 days" not in status(app)
        spanned = len({p.day for p in papers(app).papers if p.day is not None})
        assert status(app).count(" · ") >= 3 and f" · {spanned} day" in status(app), status(app)
        papers(app).go(found.index("2405.15542"))
        await pilot.pause()
        assert preview(app, "title").startswith("Geometric Deep Learning")
        asked = [q["q"] for q in hf_api.requests_to("/api/papers/search")]
        assert asked[-1] == QUERY and len(asked) <= 2  # debounced: not one per keystroke
        await pilot.press("s")
        await settled(pilot)
        await pilot.press("S")
        await settled(pilot)
        assert [p.id for p in papers(app).papers] == ["2405.15542"]


async def test_f_offline_says_so_and_keeps_the_list(tmp_path: Path) -> None:
    from tests.ui.conftest import STILL
    from tui.demo.app import build_demo_app

    app = build_demo_app(tmp_path / "data", settings=STILL)
    async with opened(app, SIZE, until_idle=True) as pilot:
        before = [p.id for p in papers(app).papers]
        notices = record_notices(app)
        await pilot.press("f", *"anything", "enter")
        await settled(pilot)
        assert "Offline: searching needs the network" in notices
        assert [p.id for p in papers(app).papers] == before
        assert main_screen(app).state.search is None


async def test_escape_closes_the_search_box_without_searching(
    hf_api: HfApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAILYPAPERS_HF_API", hf_api.url)
    app = online_app(hf_api, tmp_path / "data")
    async with opened(app, SIZE, until_idle=True) as pilot:
        await pilot.press("f", "a", "escape")
        await settled(pilot)
        assert not isinstance(app.screen, HubSearchScreen)
        assert hf_api.requests_to("/api/papers/search") == []


async def test_f_with_hugging_face_unreachable_says_so_and_keeps_the_list(
    hf_api: HfApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    with socket.socket() as spare:  # a port nobody listens on
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    monkeypatch.setenv("DAILYPAPERS_HF_API", f"http://127.0.0.1:{port}")
    app = online_app(hf_api, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        before = [p.id for p in papers(app).papers]
        notices = record_notices(app)
        await pilot.press("f", *"anything", "enter")
        await settled(pilot)
        failed = [n for n in notices if n.startswith("Search failed")]
        assert failed and "did not answer" in failed[0] and "unchanged" in failed[0]
        assert [p.id for p in papers(app).papers] == before
        assert main_screen(app).state.search is None
