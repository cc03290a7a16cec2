"""Benchmark of the reader's day load: a day of 5,000 cached papers, some of them read, from
the day file to the Paper list the reader shows, with marks (`Library.load_day_sync`).

Each run builds a new `Library` over the same data folder (as a start of the reader does: no
file already parsed in memory; the operating system's page cache is warm). Also timed, for
reading the figures: the JSON parse of the day file alone and the marks alone. `run()` returns
milliseconds (medians); `python -m tui.demo.bench.day_load` prints them.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui.cli.wiring import build_library
from tui.demo.bench.data import BENCH_FEED, NEWEST_DAY, warm_folder


def _median_ms(action: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), times


def run(papers: int = 5_000, repeats: int = 7, read_share: float = 0.3) -> dict[str, object]:
    """Median milliseconds of a whole day load, of its JSON parse, and of its marks."""
    with tempfile.TemporaryDirectory(prefix="dailypapers-bench-day-") as tmp:
        data_dir = Path(tmp)
        warm_folder(data_dir, papers=papers, days=1, read_share=read_share)
        (day_file,) = (data_dir / "cache").glob(f"*-*/{NEWEST_DAY.isoformat()}.json")
        raw = day_file.read_bytes()

        def load() -> None:
            view = build_library(data_dir, [BENCH_FEED], offline=True).load_day_sync()
            if len(view.papers) != papers:
                raise RuntimeError(f"day load: {len(view.papers)} of {papers} papers")

        load()  # bytecode and page cache, untimed
        whole, samples = _median_ms(load, repeats)
        parse, _ = _median_ms(lambda: json.loads(raw), repeats)
        library = build_library(data_dir, [BENCH_FEED], offline=True)
        ids = [p.id for p in library.load_day_sync().papers]
        marks, _ = _median_ms(
            lambda: build_library(data_dir, [], offline=True).marks_store.load_for(ids), repeats
        )
    return {
        "papers": papers,
        "day_file_bytes": len(raw),
        "load_ms": whole,
        "samples_ms": samples,
        "json_parse_ms": parse,
        "marks_ms": marks,
    }


def main() -> None:
    for name, value in run().items():
        sys.stdout.write(f"{name:16} {value}\n")


if __name__ == "__main__":
    main()
