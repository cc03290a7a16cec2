"""Key latency in the reader, in-process: cursor moves and filter keystrokes with many papers
in view, each timed from the key event to the last frame it causes (see `tui.demo.bench.apps`).

Also times plain `pilot.press` + `pilot.pause` round trips in the reader and in a bare app:
Pilot waits for the process to go idle (at least 2 x 20 ms), so those measure the harness as
much as the app and are reported for comparison only.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tui.cli.wiring import build_library
from tui.demo.bench.apps import KeyTimes, bare_pilot_presses, reader_latencies
from tui.demo.bench.data import BENCH_FEED, warm_folder
from tui.settings.settings import Settings
from tui.ui.app import DailyPapersApp

NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
QUERY = "diffusion model"


@dataclass(frozen=True)
class UiFigures:
    """Milliseconds per key: median and 95th percentile, and how many keys were timed."""

    papers: int
    cursor: KeyTimes
    cursor_settled: KeyTimes
    filter: KeyTimes
    filter_settled: KeyTimes
    pilot_press_reader: KeyTimes
    pilot_press_bare: KeyTimes


def reader_app(data_dir: Path) -> DailyPapersApp:
    """The reader on `data_dir`, offline, with a fixed clock and the default settings, except
    that no timer marks a paper read (it would draw a frame in the middle of a later key)."""
    library = build_library(data_dir, (BENCH_FEED,), offline=True, clock=lambda: NOW)
    settings = Settings(feeds=(BENCH_FEED,), mark_read_after=-1)
    return DailyPapersApp(library, settings, clock=lambda: NOW, offline_mode=True)


def run(
    papers: int = 5_000,
    moves: int = 100,
    rounds: int = 4,
    presses: int = 20,
    *,
    hub_fields: bool = True,
) -> UiFigures:
    """Fill a throwaway data folder with `papers` on one day and time keys in the reader
    (without `hub_fields`: papers without Hugging Face's extras)."""
    with tempfile.TemporaryDirectory(prefix="dailypapers-bench-ui-") as tmp:
        data_dir = Path(tmp)
        warm_folder(data_dir, papers=papers, days=1, hub_fields=hub_fields)
        app = reader_app(data_dir)
        timed = asyncio.run(
            reader_latencies(app, moves=moves, query=QUERY, rounds=rounds, presses=presses)
        )
        bare = asyncio.run(bare_pilot_presses(presses))
    return UiFigures(
        papers,
        timed["cursor"],
        timed["cursor_settled"],
        timed["filter"],
        timed["filter_settled"],
        timed["pilot_press"],
        bare,
    )


if __name__ == "__main__":
    figures = run()
    for name in (
        "cursor",
        "cursor_settled",
        "filter",
        "filter_settled",
        "pilot_press_reader",
        "pilot_press_bare",
    ):
        times: KeyTimes = getattr(figures, name)
        print(f"{name:20} median {times.median:7.2f} ms  p95 {times.p95:7.2f} ms")
