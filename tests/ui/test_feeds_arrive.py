"""On a first run, each feed's papers show as they arrive (bad-inputs row 56).

Two feeds on a real server on 127.0.0.1: one answers at once, one holds its answer for 10 s.
The fast feed's papers must be on screen while the slow one is still being fetched.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.ui.conftest import STILL
from tests.ui.reader_pilot import hf_item, papers, status
from tui.cli.wiring import build_library
from tui.demo.app import fixed_clock
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.ui.app import DailyPapersApp

DAY = "2026-11-26"  # the fixed clock's day
SLOW_SECONDS = 10.0


@pytest.fixture
def feeds(httpserver: HTTPServer) -> Iterator[tuple[FeedSpec, FeedSpec]]:
    release = threading.Event()
    fast = [hf_item("2611.00001", "Fast feed paper", DAY)]
    slow = [hf_item("2611.00002", "Slow feed paper", DAY)]

    def answer_slowly(_request: Request) -> Response:
        release.wait(SLOW_SECONDS)
        return Response(json.dumps(slow), content_type="application/json")

    httpserver.expect_request("/fast/api/daily_papers").respond_with_json(fast)
    httpserver.expect_request("/slow/api/daily_papers").respond_with_handler(answer_slowly)
    yield (
        FeedSpec("Fast", httpserver.url_for("/fast/api/daily_papers"), FeedKind.HF_JSON),
        FeedSpec("Slow", httpserver.url_for("/slow/api/daily_papers"), FeedKind.HF_JSON),
    )
    release.set()


async def test_a_fast_feed_shows_before_a_slow_one_ends(
    feeds: tuple[FeedSpec, FeedSpec], tmp_path: Path
) -> None:
    library = build_library(tmp_path / "data", feeds, offline=False, clock=fixed_clock())
    app = DailyPapersApp(library, STILL, clock=fixed_clock())
    started = time.monotonic()
    async with app.run_test(size=(120, 34)) as pilot:
        while time.monotonic() - started < 6:
            if [p.title for p in papers(app).papers] == ["Fast feed paper"]:
                break
            await pilot.pause(0.05)
        assert [p.title for p in papers(app).papers] == ["Fast feed paper"]
        assert "refreshing…" in status(app), "the slow feed is still on its way"
        assert time.monotonic() - started < 6
        await pilot.press("q")
