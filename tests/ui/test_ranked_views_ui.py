"""Pilot tests of the views shown in an order of their own: a Hugging Face search keeps the
API's order (relevance), whatever `O` says, with no day separators, and every key works on its
answers (save, cite, open, read); the "for you" library is one ranked list, not cut into days."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from tests.hf_api_server import HfApi
from tests.ui.reader_pilot import SIZE, main_screen, papers, record_notices, settled, status
from tests.ui.test_spans_ui import online_app
from tui.domain.paper_list import SortKey
from tui.ui.screens.reading_screen import ReadingScreen

QUERY = "learning"


def _api_order(hf_api: HfApi, query: str) -> list[str]:
    url = hf_api.url_for("/api/papers/search", q=query, limit=100)
    with urllib.request.urlopen(url, timeout=5) as answer:  # the loopback server
        return [entry["paper"]["id"] for entry in json.loads(answer.read())]


async def test_search_answers_keep_the_apis_order_and_every_key_works(
    hf_api: HfApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAILYPAPERS_HF_API", hf_api.url)
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 22")  # o copies, never opens
    expected = _api_order(hf_api, QUERY)
    assert len(expected) > 3
    app = online_app(hf_api, tmp_path / "data")
    notices = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("O", "O", "O")  # by title: not the API's order
        assert main_screen(app).state.sort is SortKey.TITLE
        await pilot.press("j", "j", "j", "j", "j")
        await pilot.press("f", *QUERY, "enter")
        await settled(pilot)
        view = papers(app)
        assert [p.id for p in view.papers] == expected
        assert view.current is not None and view.current.id == expected[0], "the best first"
        assert view.group_of is None, "no day separators in a search"
        assert "by relevance" in status(app)
        await pilot.press("O")
        await settled(pilot)
        assert [p.id for p in view.papers] == expected
        assert any("keep Hugging Face's order" in n for n in notices)
        view.go(2)
        await pilot.pause()
        target = expected[2]
        await pilot.press("s", "y")
        await settled(pilot)
        assert view.papers.marks_for(target).saved
        assert app.clipboard.startswith("@") and target in app.clipboard
        await pilot.press("o")
        await settled(pilot)
        assert app.clipboard == f"https://huggingface.co/papers/{target}"
        await pilot.press("R")
        await settled(pilot)
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("escape")
        await settled(pilot)
        assert [p.id for p in view.papers] == expected  # the order survives it all


async def test_the_for_you_library_is_one_ranked_list_without_day_separators(
    hf_api: HfApi, tmp_path: Path
) -> None:
    app = online_app(hf_api, tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("s", "L")
        await settled(pilot)
        assert papers(app).group_of is not None, "the library by upvotes: a separator a day"
        while main_screen(app).state.sort is not SortKey.FOR_YOU:
            await pilot.press("O")
            if main_screen(app).state.sort is SortKey.TRENDING:
                await settled(pilot)
                assert papers(app).group_of is None, "trending is one order across the days"
        await settled(pilot)
        assert papers(app).group_of is None
        scores = [main_screen(app).state.ranked(p.id).score for p in papers(app).papers]
        assert scores == sorted(scores, reverse=True)
        assert len({p.day for p in papers(app).papers}) > 1
