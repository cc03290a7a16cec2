"""The journal across real processes: kill -9 while writing, and two sessions in lockstep."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from tests.store.helpers import child
from tui.store.marks import MarkStore

WRITER = """
import sys
from pathlib import Path
from tui.domain.paper import Marks
from tui.store.marks import MarkStore

store = MarkStore(Path(sys.argv[1]))
for n in range(int(sys.argv[2]), 10**6):
    store.set(f"hf:paper-{n}", Marks(read=True, note="x" * (n % 40)))
    print(n, flush=True)
"""

LOCKSTEP = """
import sys, time
from pathlib import Path
from tui.domain.paper import Marks
from tui.store.marks import MarkStore

store = MarkStore(Path(sys.argv[1]))
me, other = sys.argv[2], sys.argv[3]
for n in range(60):
    store.set(f"hf:{me}-{n}", Marks(saved=True))
    deadline = time.monotonic() + 20
    while f"hf:{other}-{n}" not in store.load_for([f"hf:{other}-{n}"]):
        assert time.monotonic() < deadline, f"never saw {other}-{n}"
        time.sleep(0.001)
print("done", len(store.load_all()), *store.take_notices(), flush=True)
"""


@pytest.mark.slow
def test_kill_9_while_appending_loses_no_acknowledged_write(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    rng = random.Random(13)
    acknowledged: set[int] = set()
    start = 0
    for _ in range(10):
        process = child(WRITER, str(folder), str(start))
        time.sleep(0.2 + rng.random() * 0.3)
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate()
        done = [int(line) for line in out.split()]
        acknowledged.update(done)
        start = (max(done) + 1) if done else start
        stored = MarkStore(folder).load_all()
        assert {f"hf:paper-{n}" for n in acknowledged} <= set(stored)
    assert len(acknowledged) > 500, "too few writes to pass a compaction"
    assert (folder / "other.json.journal.bak").exists(), "no compaction happened"
    store = MarkStore(folder)
    store.set("hf:paper-last", MarkStore(folder).load_all()["hf:paper-0"])
    assert store.take_notices() == []


@pytest.mark.slow
def test_two_processes_writing_in_turn_see_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    pair = [child(LOCKSTEP, str(folder), "a", "b"), child(LOCKSTEP, str(folder), "b", "a")]
    outputs = [p.communicate(timeout=120) for p in pair]
    for (out, err), process in zip(outputs, pair, strict=True):
        assert process.returncode == 0, err
        assert out.split() == ["done", "120"]
    assert len(MarkStore(folder).load_all()) == 120
