"""A refresh that finds the cache lock held by another process (a `dailypapers fetch`, say)
waits for it off the event loop: the reader's loop keeps turning all the while."""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.store.helpers import child
from tui.cli.wiring import build_library
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.store import atomic_storage

HF_BODY = (Path(__file__).parents[1] / "fixtures" / "hf_daily.json").read_bytes()
HOLDER = """
import sys, time
from pathlib import Path
from tui.store.atomic_storage import exclusive_lock
with exclusive_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


async def test_the_loop_keeps_turning_while_a_store_waits_for_the_lock(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic_storage, "LOCK_TIMEOUT_S", 1.0)
    httpserver.expect_request("/api/daily_papers").respond_with_data(
        HF_BODY, content_type="application/json"
    )
    feed = FeedSpec("HF", httpserver.url_for("/api/daily_papers"), FeedKind.HF_JSON)
    when = datetime(2024, 5, 20, 9, 0, tzinfo=UTC)
    library = build_library(tmp_path, [feed], offline=False, clock=lambda: when)
    holder = child(HOLDER, str(tmp_path / "cache" / ".cache.lock"))
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    gaps: list[float] = []

    async def tick() -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    ticker = asyncio.create_task(tick())
    started = time.monotonic()
    try:
        await library.refresh()
        waited = time.monotonic() - started
    finally:
        ticker.cancel()
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert waited >= 1.0  # the store did wait for the lock
    assert max(gaps) < 0.25, f"the loop stalled {max(gaps):.2f} s"
    notices = library.take_notices()
    assert any("is held by another process (waited 1 s)" in n for n in notices), notices
    await library.refresh()  # the lock is free again: the papers kept in memory are written
    assert library.take_notices() == ()
    assert (tmp_path / "cache" / "index.json").exists()
    await library.aclose()
