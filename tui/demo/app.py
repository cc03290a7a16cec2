"""The reader over the bundled sample with a fixed clock: for --demo screenshots, snapshot tests
and benchmarks. No network; state lives in the folder given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.settings.settings import Settings
from tui.ui.app import DailyPapersApp

DEMO_FEED_FILE = Path(__file__).with_name("daily_papers.json")
DEMO_NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
DEMO_FEEDS = (FeedSpec(name="Demo", url=str(DEMO_FEED_FILE), kind=FeedKind.HF_JSON),)


def fixed_clock(now: datetime = DEMO_NOW) -> Callable[[], datetime]:
    return lambda: now


def build_demo_app(
    data_dir: Path,
    *,
    settings: Settings | None = None,
    clock: Callable[[], datetime] | None = None,
    feeds: tuple[FeedSpec, ...] = DEMO_FEEDS,
    offline_mode: bool = False,
) -> DailyPapersApp:
    """The demo reader over `data_dir` (created if needed)."""
    from tui.cli.wiring import build_library

    clock = clock or fixed_clock()
    settings = replace(settings or Settings(), feeds=feeds)
    library = build_library(data_dir, settings.feeds, offline=True, clock=clock)
    return DailyPapersApp(library, settings, clock=clock, offline_mode=offline_mode)
