"""Benchmark of writes that should cost what changed: one mark write with 100 and with 50,000
marks in one partition, one saved-paper copy (`pin`) with 100 and with 5,000 saved papers.

`run()` returns the figures (milliseconds, best of 5) for the main benchmark script;
`python -m tui.demo.bench.marks` prints them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui.demo.bench.data import synthetic_papers
from tui.domain.paper import Marks
from tui.store.atomic_storage import encode_tables, write_atomically
from tui.store.cache import PaperCache
from tui.store.datafile import CURRENT_VERSION
from tui.store.documents import paper_to_doc
from tui.store.locations import CACHE_PINNED
from tui.store.marks import MarkStore

WHEN = "2026-01-01T09:00:00+00:00"


def best_ms(action: Callable[[int], object], repeats: int = 5) -> float:
    """The fastest of `repeats` runs of `action(n)`, in milliseconds."""
    times = []
    for n in range(repeats):
        start = time.perf_counter()
        action(n)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def mark_write_ms(folder: Path, count: int) -> float:
    """One `set` in a store holding `count` marks, all in the one `other` partition (ids
    that are not arXiv ones)."""
    store = MarkStore(folder / "marks")
    store.set_many({f"hf:paper-x{n}": Marks(read=True, read_at=WHEN) for n in range(count)})
    return best_ms(lambda n: store.set(f"hf:paper-x{n}", Marks(read=True, saved=True)))


def pin_ms(folder: Path, count: int) -> float:
    """One `pin` (the saved copy of a paper) with `count` papers saved already."""
    papers = synthetic_papers(count + 5, marked=False)
    cache_dir = folder / "cache"
    cache_dir.mkdir(parents=True)
    seeded = {"papers": {p.id: paper_to_doc(p) for p in papers[:count]}}
    seeded["_meta"] = {"1": {"schema": CURRENT_VERSION}}
    write_atomically(cache_dir / CACHE_PINNED, encode_tables(seeded))
    cache = PaperCache(cache_dir)
    assert len(cache.load_pinned()) == count, "the benchmark's saved papers were not read"
    return best_ms(lambda n: cache.pin(papers[count + n]))


def run() -> dict[str, float]:
    """The four figures (ms, best of 5)."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="dailypapers-bench-") as tmp:
        root = Path(tmp)
        for count in (100, 50_000):
            figures[f"mark_write_{count}_ms"] = mark_write_ms(root / f"m{count}", count)
        for count in (100, 5_000):
            figures[f"pin_{count}_ms"] = pin_ms(root / f"p{count}", count)
    return figures


def main() -> None:
    for name, value in run().items():
        sys.stdout.write(f"{name:24} {value:10.2f}\n")


if __name__ == "__main__":
    main()
