"""The mark store across processes: crashes, two sessions at once, a real file-size limit."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from tests.store.helpers import child, temp_files
from tui.domain.paper import Marks
from tui.store.atomic_storage import parse_tables
from tui.store.marks import MarkStore

WRITER = """
import sys
from pathlib import Path
from tui.domain.paper import Marks
from tui.domain.paper import Marks
from tui.store.marks import MarkStore

store = MarkStore(Path(sys.argv[1]))
prefix, count = sys.argv[2], int(sys.argv[3])
for n in range(count):
    paper_id = f"{prefix}.{n:05d}"
    store.set(paper_id, Marks(read=True, read_at="2026-01-01T00:00:00+00:00"))
    print(paper_id, flush=True)
print("done", *store.take_notices(), flush=True)
"""


def test_a_mark_survives_sigkill_right_after_set_returns(tmp_path: Path) -> None:
    script = WRITER + "import time\ntime.sleep(60)\n"
    process = child(script, str(tmp_path / "marks"), "2405", "1")
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "2405.00000"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert MarkStore(tmp_path / "marks").load_all()["2405.00000"].read


@pytest.mark.slow
@pytest.mark.parametrize(("first", "second"), [("2405", "2406"), ("2405", "2405")])
def test_two_processes_writing_at_once_lose_nothing(
    tmp_path: Path, first: str, second: str
) -> None:
    folder = tmp_path / "marks"
    # Same month: the second writer uses ids 500-999, so all 1,000 ids differ.
    script = WRITER.replace('f"{prefix}.{n:05d}"', 'f"{prefix}.{n + int(sys.argv[4]):05d}"')
    writers = [
        child(script, str(folder), first, "500", "0"),
        child(script, str(folder), second, "500", "500" if first == second else "0"),
    ]
    outputs = [w.communicate(timeout=60) for w in writers]
    for (out, err), writer in zip(outputs, writers, strict=True):
        assert writer.returncode == 0, err
        assert out.splitlines()[-1] == "done"
    marks = MarkStore(folder).load_all()
    assert len(marks) == 1000
    assert all(mark.read for mark in marks.values())


@pytest.mark.slow
def test_kill_9_in_a_loop_never_leaves_a_broken_file(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    rng = random.Random(7)
    acknowledged: list[str] = []
    for round_ in range(12):
        process = child(WRITER, str(folder), f"24{round_ % 3 + 1:02d}", "100000")
        time.sleep(0.15 + rng.random() * 0.15)
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate()
        acknowledged += [f"{line[:4]}.{line[5:]}" for line in out.split() if "." in line]
        for path in folder.glob("*.json"):
            parse_tables(path.read_bytes())  # raises if a kill left a torn file
    store = MarkStore(folder)
    marks = store.load_all()
    assert acknowledged, "the writer never got to write"
    assert set(acknowledged) <= set(marks)
    store.set_many({f"24{m:02d}.99999": marks[acknowledged[0]] for m in (1, 2, 3)})
    assert temp_files(folder) == []  # a killed writer's temp file goes with the next write
    assert store.take_notices() == []


def test_a_real_file_size_limit_keeps_the_old_file(tmp_path: Path) -> None:
    script = """
import resource, signal, sys
from pathlib import Path
from tui.domain.paper import Marks
from tui.domain.paper import Marks
from tui.store.marks import MarkStore

folder = Path(sys.argv[1])
store = MarkStore(folder)
store.set_many({f"2405.{n:05d}": Marks(read=True) for n in range(40)})
before = (folder / "2405.json").read_bytes()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (10, 10))  # the journal line gets cut at 10 bytes
store.set("2405.99999", Marks(saved=True))
print((folder / "2405.json").read_bytes() == before)
print(sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")))
journal = folder / "2405.json.journal"
print(journal.exists() and journal.stat().st_size)
print("2405.99999" in store.load_all())
print(*store.take_notices())
"""
    process = child(script, str(tmp_path / "marks"))
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert out.splitlines() == [
        "True",
        "[]",
        "0",
        "True",
        "changes cannot be saved: File too large (marks/2405.json)",
    ]


def test_a_stale_change_writes_only_its_own_field(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    stale_reader = MarkStore(folder)
    seen = stale_reader.load_all().get("2405.00001", Marks())
    saver = child(
        "import sys\nfrom pathlib import Path\nfrom tui.domain.paper import Marks\n"
        "from tui.store.marks import MarkStore\n"
        "MarkStore(Path(sys.argv[1])).set('2405.00001', Marks(saved=True, saved_at='t'))\n",
        str(folder),
    )
    assert saver.wait(timeout=60) == 0
    stale_reader.set_many({"2405.00001": seen.with_read(True, "u")}, {"2405.00001": seen})
    assert MarkStore(folder).load_all()["2405.00001"] == Marks(True, True, "u", "t")
