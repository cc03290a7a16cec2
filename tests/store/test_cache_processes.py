"""The paper cache across processes: several writers storing at once (a reader's refresh and
`dailypapers fetch`, say) lose no index or day-count entry, and a writer killed with SIGKILL,
even while it holds the lock, neither tears a file nor blocks the others."""

from __future__ import annotations

import json
import signal
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from tests.factories import make_paper
from tests.store.helpers import child
from tui.store import atomic_storage
from tui.store.atomic_storage import parse_tables
from tui.store.cache import PaperCache
from tui.store.locations import CACHE_DAY_COUNTS, CACHE_INDEX

# argv: folder, writer number, rounds (0: until killed), papers per round, "check" to look at
# index.json and days.json under the lock after each store (they must agree then). Each round stores
# new papers of one feed on one day; writers share days (different feed folders), so every
# writer's day counts and index entries land in the same two files.
WRITER = """
import sys, time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from tui.domain.paper import Paper
from tui.store.atomic_storage import exclusive_lock, parse_tables
from tui.store.cache import PaperCache

folder = Path(sys.argv[1])
writer, rounds, size = (int(arg) for arg in sys.argv[2:5])
check = sys.argv[5] == "check"
cache = PaperCache(folder)
while not (folder.parent / "go").exists():  # all start together, imports done
    time.sleep(0.005)
round_ = 0
while rounds == 0 or round_ < rounds:
    day = date(2026, 1, 1) + timedelta(days=(writer + round_) % 5)
    papers = [
        Paper(id=f"w{writer}.r{round_}.{n}", title=f"Paper {n}", day=day) for n in range(size)
    ]
    cache.store(f"https://feed.example/{writer}", papers)
    print(*(p.id for p in papers), flush=True)
    round_ += 1
    if check:  # between two stores (under the lock) the two files always agree
        with exclusive_lock(folder / ".cache.lock"):
            index = parse_tables((folder / "index.json").read_bytes())["days"]
            counts = parse_tables((folder / "days.json").read_bytes())["counts"]
        counted = Counter(doc["day"] for doc in index.values())
        if {d: c["n"] for d, c in counts.items()} != dict(counted):
            print("mismatch", len(index), sum(c["n"] for c in counts.values()), flush=True)
        if not {p.id for p in papers} <= set(index):
            print("lost", flush=True)
print("done", *cache.take_notices(), flush=True)
"""

# Takes the cache lock the way a store does, says so, and waits to be killed.
HOLDER = """
import sys, time
from pathlib import Path
from tui.store.atomic_storage import exclusive_lock
with exclusive_lock(Path(sys.argv[1]) / ".cache.lock"):
    print("held", flush=True)
    time.sleep(60)
"""


def _on_disk(folder: Path) -> tuple[dict[str, str], dict[str, int], dict[str, set[str]]]:
    """index.json (id -> day), days.json (day -> n) and the day files (day -> ids), each file
    parsed strictly (a torn file raises)."""
    index_tables = parse_tables((folder / CACHE_INDEX).read_bytes())
    counts_tables = parse_tables((folder / CACHE_DAY_COUNTS).read_bytes())
    index = {pid: doc["day"] for pid, doc in index_tables["days"].items()}
    counts = {day: doc["n"] for day, doc in counts_tables["counts"].items()}
    files: dict[str, set[str]] = {}
    for path in folder.glob("*/*.json"):
        if path.parent.name != "tops":
            files.setdefault(path.stem, set()).update(parse_tables(path.read_bytes())["papers"])
    return index, counts, files


def _assert_consistent(folder: Path, stored: set[str]) -> None:
    index, counts, files = _on_disk(folder)
    in_files = {pid: day for day, pids in files.items() for pid in pids}
    assert stored <= set(index), f"{len(stored - set(index))} papers missing from index.json"
    assert index == in_files, "index.json and the day files disagree"
    assert counts == dict(Counter(index.values())), "days.json does not count the index"


def _run_writers(folder: Path, writers: int, rounds: int, size: int) -> set[str]:
    processes = [
        child(WRITER, str(folder), str(w), str(rounds), str(size), "check") for w in range(writers)
    ]
    time.sleep(1.0)
    (folder.parent / "go").touch()
    stored: set[str] = set()
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        lines = out.splitlines()
        assert lines[-1] == "done", lines[-1]  # and no notice: no write failed or waited
        faults = [line for line in lines if line.startswith(("mismatch", "lost"))]
        assert faults == [], f"{len(faults)} of {rounds} checks failed: {faults[:3]}"
        stored.update(pid for line in lines[:-1] for pid in line.split())
    return stored


@pytest.mark.slow
def test_writers_storing_at_once_lose_no_index_or_count_entry(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    stored = _run_writers(folder, writers=4, rounds=25, size=3)
    assert len(stored) == 4 * 25 * 3
    _assert_consistent(folder, stored)
    fresh = PaperCache(folder)
    assert sum(fresh.day_counts().values()) == len(stored)
    assert fresh.take_notices() == []


@pytest.mark.slow
def test_a_writer_killed_mid_write_loses_nothing_of_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    victim = child(WRITER, str(folder), "9", "0", "40", "-")  # stores until killed
    others = [child(WRITER, str(folder), str(w), "30", "3", "-") for w in range(3)]
    (tmp_path / "go").touch()
    assert victim.stdout is not None
    victim.stdout.readline()  # it has stored once: the files exist, its next write is on
    time.sleep(0.3)
    victim.send_signal(signal.SIGKILL)
    out, _ = victim.communicate()
    acknowledged = {pid for line in out.splitlines() for pid in line.split()}
    stored = set(acknowledged)
    for process in others:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert out.splitlines()[-1] == "done"
        stored.update(pid for line in out.splitlines()[:-1] for pid in line.split())
    # A kill between the files of one store may leave its last papers in some files only:
    # the next store (here, one more round) sets the counts right; every stored paper is kept.
    PaperCache(folder).store("https://feed.example/later", [])
    index, counts, files = _on_disk(folder)
    in_files = {pid for pids in files.values() for pid in pids}
    assert stored <= set(index) and stored <= in_files
    in_flight = (set(index) ^ in_files) - stored
    assert all(pid.startswith("w9.") for pid in in_flight) and len(in_flight) <= 40
    assert counts == dict(Counter(index.values()))


def test_a_lock_left_by_a_killed_process_does_not_block(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    holder = child(HOLDER, str(folder))
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert (folder / ".cache.lock").exists()  # the file stays; its flock went with the process
    cache = PaperCache(folder)
    started = time.monotonic()
    cache.store("https://feed.example/a", [])
    cache.store("https://feed.example/a", [make_paper("2601.00001", day=date(2026, 1, 1))])
    assert time.monotonic() - started < 2.0  # far under the 10 s the lock waits at most
    assert cache.take_notices() == []
    assert json.loads((folder / CACHE_INDEX).read_text())["days"] == {
        "2601.00001": {"day": "2026-01-01"}
    }


def test_a_lock_held_past_the_timeout_keeps_the_store_in_memory_then_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setattr(atomic_storage, "LOCK_TIMEOUT_S", 0.3)
    cache = PaperCache(folder)
    cache.store("https://feed.example/a", [make_paper("2601.00001", day=date(2026, 1, 1))])
    holder = child(HOLDER, str(folder))
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    cache.store("https://feed.example/a", [make_paper("2601.00002", day=date(2026, 1, 2))])
    waited = time.monotonic() - started
    holder.kill()
    holder.wait()
    assert 0.3 <= waited < 1.0  # one wait for the lock, not one per file
    [notice] = cache.take_notices()
    assert notice == (
        f"changes cannot be saved: {folder / '.cache.lock'} is held by another process "
        "(waited 0.3 s)"
    )
    assert cache.day_counts() == {date(2026, 1, 1): 1, date(2026, 1, 2): 1}  # in memory
    assert PaperCache(folder).day_counts() == {date(2026, 1, 1): 1}  # not on disk yet
    cache.store("https://feed.example/b", [make_paper("2601.00003", day=date(2026, 1, 2))])
    assert PaperCache(folder).day_counts() == {date(2026, 1, 1): 1, date(2026, 1, 2): 2}
    _assert_consistent(folder, {"2601.00001", "2601.00002", "2601.00003"})
    assert cache.take_notices() == []
