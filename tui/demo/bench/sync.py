"""Benchmark of `dailypapers sync DIR`: three machines' change logs merged end to end.

Builds three data folders (A, B, C) whose logs hold `changes` changes each over realistic ids
(arXiv ids over ~24 months, some non-arXiv ids; read/saved/state/tags/note; interleaved
clocks), then times, best of several runs (CPU and wall seconds): (a) A's full `sync_folder`
against a shared folder holding B's and C's logs, (b) a second sync with nothing new, (c) one
change appended to A's log. `run()` returns the figures as a dict for the main benchmark;
`python -m tui.demo.bench.sync` prints them (`--profile` adds a cProfile of (a)).
"""

from __future__ import annotations

import cProfile
import pstats
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui.domain.changes import Change, Stamp, apply_change, merge
from tui.domain.paper import STATES, Marks
from tui.library.sync import sync_folder
from tui.store.changelog import MACHINE_FILE, ChangeLog, encode
from tui.store.marks import MarkStore

MACHINES = ("aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc")
_TAGS = ("ml", "nlp", "vision", "to-cite", "théorie")


def _paper_ids(count: int, months: int, rng: random.Random) -> list[str]:
    ids = [f"{24 + m // 12:02d}{m % 12 + 1:02d}.{rng.randrange(1, 20000):05d}" for m in
           (rng.randrange(months) for _ in range(count))]  # fmt: skip
    for n in range(0, count, 20):
        ids[n] = f"10.1000/doi.{n}" if n % 40 else f"hep-th/{9901000 + n}"
    return ids


def _value(rng: random.Random, field: str) -> str | bool:
    if field == "state":
        return rng.choice(STATES)
    if field == "note":
        return f"note {rng.randrange(10_000)}: worth a second read"
    return rng.random() < 0.7


def _log_changes(machine: str, count: int, ids: list[str], seed: int) -> list[Change]:
    rng = random.Random(seed)
    fields = ("read", "read", "saved", "state", "note", *(f"tag:{t}" for t in _TAGS))
    wall = 1_700_000_000_000 + seed
    changes = []
    for _ in range(count):
        wall += rng.randrange(0, 3) * 1000  # the three machines' clocks interleave
        field = rng.choice(fields)
        stamp = Stamp(wall, rng.randrange(2), machine)
        changes.append(Change(rng.choice(ids), field, _value(rng, field), stamp))
    return changes


def build(root: Path, changes: int, months: int = 24) -> tuple[Path, Path]:
    """Machine A's data folder (its log and the marks it makes) and a shared folder holding
    B's and C's logs."""
    ids = _paper_ids(max(100, changes // 5), months, random.Random(7))
    shared = root / "shared"
    shared.mkdir(parents=True)
    data = root / "a"
    for n, machine in enumerate(MACHINES):
        log = _log_changes(machine, changes, ids, n)
        raw = b"".join(encode(c) for c in log)
        if n:
            (shared / f"{machine}.jsonl").write_bytes(raw)
            continue
        (data / "changes").mkdir(parents=True)
        (data / MACHINE_FILE).write_text(machine + "\n")
        (data / "changes" / f"{machine}.jsonl").write_bytes(raw)
        marks: dict[str, Marks] = {}
        for change in sorted(merge(log).values(), key=lambda c: c.order()):
            marks[change.paper_id] = apply_change(marks.get(change.paper_id, Marks()), change)
        MarkStore(data / "marks").set_many(marks, record=False)
    return data, shared


def _best(action: Callable[[int], object], repeats: int) -> tuple[float, float]:
    """The best CPU and the best wall seconds of `repeats` runs."""
    cpu, wall = [], []
    for n in range(repeats):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        action(n)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return min(cpu), min(wall)


def _fresh(root: Path, data: Path, n: int) -> MarkStore:
    copy = root / f"run{n}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy)
    return MarkStore(copy / "marks", ChangeLog(copy))


def run(changes: int = 50_000, repeats: int = 3) -> dict[str, float]:
    """The figures (seconds): full sync, sync with nothing new, one append; and how many."""
    with tempfile.TemporaryDirectory(prefix="dailypapers-bench-sync-") as tmp:
        root = Path(tmp)
        data, shared = build(root, changes)
        stores = [_fresh(root, data, n) for n in range(repeats)]
        taken: list[int] = []
        # Each run syncs its own copy of A, to a copy of the shared folder (A publishes there).
        folders = []
        for n in range(repeats):
            shutil.copytree(shared, root / f"shared{n}")
            folders.append(root / f"shared{n}")
        full = _best(lambda n: taken.append(sync_folder(stores[n], folders[n]).taken), repeats)
        again = _best(lambda n: sync_folder(stores[n], folders[n]), repeats)
        log = stores[0].log
        assert log is not None
        append = _best(lambda n: log.record(f"2601.{n:05d}", [("read", True)]), max(5, repeats))
    return {
        "changes_per_machine": changes,
        "taken": taken[0],
        "full_cpu_s": full[0],
        "full_wall_s": full[1],
        "again_cpu_s": again[0],
        "again_wall_s": again[1],
        "append_ms": append[1] * 1000,
    }


def profile(changes: int = 50_000) -> None:
    """A cProfile of one full sync, the top entries by cumulative time on stdout."""
    with tempfile.TemporaryDirectory(prefix="dailypapers-bench-sync-") as tmp:
        root = Path(tmp)
        data, shared = build(root, changes)
        store = _fresh(root, data, 0)
        profiler = cProfile.Profile()
        profiler.runcall(sync_folder, store, shared)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)


def main() -> None:
    if "--profile" in sys.argv:
        profile()
        return
    for name, value in run().items():
        sys.stdout.write(f"{name:24} {value:10.3f}\n")


if __name__ == "__main__":
    main()
