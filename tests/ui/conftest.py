"""Shared fixtures for the UI tests: the demo reader over a tmp_path data folder, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input

from tui.demo.app import DEMO_FEED_FILE, DEMO_FEEDS, build_demo_app
from tui.domain.feeds.parse import parse_feed
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.library.refresh import feed_key
from tui.settings.settings import Settings
from tui.store.cache import PaperCache
from tui.ui.app import DailyPapersApp

# Never mark a paper read by a timer unless a test asks: snapshots must not depend on timing.
STILL = Settings(mark_read_after=-1)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "cursor_blink", False)


AppFactory = Callable[..., DailyPapersApp]


@pytest.fixture
def make_app(tmp_path: Path) -> AppFactory:
    """Build the demo reader; keyword arguments override settings fields."""

    def make(
        *, feeds: tuple[FeedSpec, ...] = DEMO_FEEDS, offline_mode: bool = False, **changes: object
    ) -> DailyPapersApp:
        settings = replace(STILL, **changes)  # type: ignore[arg-type]
        return build_demo_app(
            tmp_path / "data", settings=settings, feeds=feeds, offline_mode=offline_mode
        )

    return make


def seed_cache(data_dir: Path, feed: FeedSpec) -> None:
    """Put the demo papers into the cache as if `feed` had delivered them earlier."""
    body = DEMO_FEED_FILE.read_bytes()
    parsed = parse_feed(body, feed_name=feed.name, kind=FeedKind.HF_JSON)
    PaperCache(data_dir / "cache").store(feed_key(feed), parsed.papers)
