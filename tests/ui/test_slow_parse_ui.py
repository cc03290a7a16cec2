"""The reader while a feed takes for ever to parse: keys answer, and the parse is stopped.

Bad-inputs row 51 in the reader: parsing runs in a child process with its own deadline, so the
UI never waits on it and the refresh ends with a one-line reason.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.e2e.test_hostile_feeds import many_attributes
from tests.ui.conftest import STILL, seed_cache
from tests.ui.reader_pilot import papers, status
from tui.cli.wiring import build_library
from tui.demo.app import fixed_clock
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.ui.app import DailyPapersApp

DEADLINE = 3


async def test_keys_answer_while_a_feed_parses_and_the_parse_is_stopped(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAILYPAPERS_PARSE_TIMEOUT", str(DEADLINE))
    httpserver.expect_request("/slow.xml").respond_with_data(
        many_attributes(30_000), content_type="application/rss+xml"
    )
    cached = FeedSpec("HF", str(tmp_path / "none.json"), FeedKind.HF_JSON, enabled=False)
    hostile = FeedSpec("Slow", httpserver.url_for("/slow.xml"), FeedKind.AUTO)
    data_dir = tmp_path / "data"
    seed_cache(data_dir, cached)
    library = build_library(data_dir, (cached, hostile), offline=False, clock=fixed_clock())
    app = DailyPapersApp(library, STILL, clock=fixed_clock())
    started = time.monotonic()
    async with app.run_test(size=(120, 34)) as pilot:
        while "refreshing…" not in status(app) and time.monotonic() - started < 10:
            await pilot.pause(0.02)
        assert len(papers(app).papers) == 30
        for expected in (1, 2, 3):
            pressed = time.monotonic()
            await pilot.press("j")
            assert papers(app).cursor == expected
            assert time.monotonic() - pressed < 1.5, "a key waited on the parse"
        while "refreshing…" in status(app) and time.monotonic() - started < 30:
            await pilot.pause(0.1)
        took = time.monotonic() - started
        assert "to parse" in status(app) or "refreshing…" not in status(app)
        await pilot.press("q")
    assert took < DEADLINE + 6, f"the parse was stopped at its deadline ({took:.1f} s)"
