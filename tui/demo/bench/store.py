"""Benchmark of the mark store: one mark write with many marks stored, against plain TinyDB.

`run()` returns the figures (milliseconds, median of several runs) as a dict for the main
benchmark script; `python -m tui.demo.bench.store` prints them.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage

from tui.domain.paper import Marks
from tui.store.marks import MarkStore

WHEN = "2026-01-01T09:00:00+00:00"


def _paper_ids(count: int, months: int) -> list[str]:
    """`count` new-style arXiv ids spread evenly over `months` consecutive months."""
    ids = []
    for n in range(count):
        year, month = divmod(n % months, 12)
        ids.append(f"{24 + year:02d}{month + 1:02d}.{n // months:05d}")
    return ids


def _median_ms(action: Callable[[int], object], repeats: int) -> float:
    times = []
    for n in range(repeats):
        start = time.perf_counter()
        action(n)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_mark_store(folder: Path, ids: list[str], repeats: int) -> dict[str, float]:
    """Seed every id as read, then time single `set` calls and a full `load_all`."""
    store = MarkStore(folder / "marks")
    store.set_many({pid: Marks(read=True, read_at=WHEN) for pid in ids})
    rng = random.Random(1)
    targets = [rng.choice(ids) for _ in range(repeats)]

    def write(n: int) -> None:
        store.set(targets[n], Marks(read=True, saved=n % 2 == 0, read_at=WHEN, saved_at=WHEN))

    write_ms = _median_ms(write, repeats)
    load_ms = _median_ms(lambda _: store.load_all(), max(3, repeats // 10))
    assert len(store.load_all()) == len(ids), "the benchmark lost marks"
    return {"mark_write_ms": write_ms, "load_all_ms": load_ms}


def bench_plain_tinydb(folder: Path, ids: list[str], repeats: int) -> float:
    """One flag update in a single TinyDB JSONStorage file holding every mark."""
    with TinyDB(folder / "plain.json", storage=JSONStorage) as db:
        db.insert_multiple({"id": pid, "read": True, "read_at": WHEN} for pid in ids)
        rng = random.Random(2)
        targets = [rng.choice(ids) for _ in range(repeats)]
        paper = Query()
        return _median_ms(
            lambda n: db.update({"saved": n % 2 == 0}, paper.id == targets[n]), repeats
        )


def run(marks: int = 50_000, months: int = 24, repeats: int = 50) -> dict[str, float]:
    """The figures: mark write and load with the store, one plain TinyDB update (ms)."""
    ids = _paper_ids(marks, months)
    with tempfile.TemporaryDirectory(prefix="dailypapers-bench-") as tmp:
        folder = Path(tmp)
        figures: dict[str, float] = {"marks_stored": marks, "partitions": months}
        figures.update(bench_mark_store(folder, ids, repeats))
        figures["plain_tinydb_update_ms"] = bench_plain_tinydb(folder, ids, max(3, repeats // 10))
    return figures


def main() -> None:
    for name, value in run().items():
        sys.stdout.write(f"{name:24} {value:10.2f}\n")


if __name__ == "__main__":
    main()
