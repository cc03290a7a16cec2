"""Waiting for a headless reader to be still: used by the screenshots, the benchmark and tests."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot


async def settle(pilot: Pilot[Any], rounds: int = 100) -> None:
    """Wait until no worker runs (workers may start others) and the screen has caught up."""
    for _ in range(rounds):
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            break
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
