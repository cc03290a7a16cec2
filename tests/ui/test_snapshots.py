"""Snapshot tests of the main screens (fixed clock, fixed size, demo data).

The main screen, help, 80x24 and the light theme are the committed screenshots, compared by
tests/demo/test_screenshots.py; they are not compared twice here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, seed_cache
from tui.demo.settling import settle
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.ui.app import DailyPapersApp

SIZE = (120, 34)


@pytest.fixture(autouse=True)
def _notices_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """A notice must still be up when the snapshot is taken, however slow the machine."""

    def notify_for_long(self: App[None], message: str, **options: Any) -> None:
        App.notify(self, message, **{**options, "timeout": 3600})

    monkeypatch.setattr(DailyPapersApp, "notify", notify_for_long)


def _then(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run


def _snap(
    snap_compare: Any, app: Any, keys: Sequence[str] = (), size: tuple[int, int] = SIZE
) -> bool:
    return bool(snap_compare(app, terminal_size=size, run_before=_then(*keys)))


def test_preview_scrolled(snap_compare: Any, make_app: AppFactory) -> None:
    assert _snap(snap_compare, make_app(), ["j", "enter", "pagedown"])


def test_saved_view(snap_compare: Any, make_app: AppFactory) -> None:
    assert _snap(snap_compare, make_app(), ["s", "j", "j", "s", "S"])


def test_filter_active(snap_compare: Any, make_app: AppFactory) -> None:
    assert _snap(snap_compare, make_app(), ["slash", *"diffusion"])


def test_library_view(snap_compare: Any, make_app: AppFactory) -> None:
    """`L`: every cached paper, a separator line per day."""
    assert _snap(snap_compare, make_app(), ["L"])


def test_no_papers_yet(snap_compare: Any, make_app: AppFactory, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    feeds = (FeedSpec(name="Empty", url=str(empty), kind=FeedKind.HF_JSON),)
    assert _snap(snap_compare, make_app(feeds=feeds))


def test_offline_notice(snap_compare: Any, make_app: AppFactory, tmp_path: Path) -> None:
    remote = FeedSpec(name="HF", url="http://127.0.0.1:9/api/daily_papers", kind=FeedKind.HF_JSON)
    seed_cache(tmp_path / "data", remote)
    assert _snap(snap_compare, make_app(feeds=(remote,)))


def test_dark_theme(snap_compare: Any, make_app: AppFactory) -> None:
    assert _snap(snap_compare, make_app(theme="nord"))
