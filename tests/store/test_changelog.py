"""This machine's change log: appends, the clock across processes, torn lines, newer formats."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

from tests.store.helpers import child
from tui.domain.changes import Change, Stamp
from tui.domain.paper import Marks
from tui.store.changelog import ChangeLog, encode, machine_id, parse_log, read_log
from tui.store.marks import MarkStore


def test_the_machine_id_is_made_once_and_kept(tmp_path: Path) -> None:
    first = machine_id(tmp_path)
    assert len(first) == 12 and machine_id(tmp_path) == first
    assert (tmp_path / "machine_id").read_text().strip() == first
    assert machine_id(tmp_path / "other") != first


def test_changes_are_stamped_in_order_even_when_the_clock_goes_back(tmp_path: Path) -> None:
    times = iter([5000, 4000, 4000, 3000])
    log = ChangeLog(tmp_path, clock=lambda: next(times))
    log.record("2405.00001", [("read", True), ("saved", True)])
    again = ChangeLog(tmp_path, clock=lambda: next(times))  # another process, later
    again.record("2405.00001", [("tag:ml", True), ("note", "x")])
    stamps = [c.stamp for c in log.read().changes]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert stamps[-1] > Stamp(5000, 0, log.machine)


def test_adopted_changes_keep_their_stamps_and_push_the_clock(tmp_path: Path) -> None:
    log = ChangeLog(tmp_path, clock=lambda: 1000)
    ahead = Change("2405.00001", "saved", True, Stamp(9_000_000, 4, "other"))
    log.adopt([ahead])
    assert log.read().changes == [ahead]
    (made,) = ChangeLog(tmp_path, clock=lambda: 1000).record("2405.00002", [("read", True)])
    assert made.stamp > ahead.stamp


def test_a_torn_last_line_is_ignored_and_the_next_append_starts_clean(tmp_path: Path) -> None:
    log = ChangeLog(tmp_path, clock=lambda: 1000)
    log.record("2405.00001", [("read", True)])
    with log.path.open("ab") as f:
        f.write(b'{"v":1,"t":[2000,0,"x"],"id":"2405.0')  # killed mid-write
    read = log.read()
    assert read.torn and len(read.changes) == 1
    log.record("2405.00002", [("saved", True)])
    read = log.read()
    assert [c.paper_id for c in read.changes] == ["2405.00001", "2405.00002"]
    assert read.bad == 1 and not read.torn  # the cut line now sits in the middle


def test_lines_of_a_newer_format_are_counted_and_left_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    good = encode(Change("2405.00001", "read", True, Stamp(1, 0, "b")))
    newer = json.dumps({"v": 2, "t": [2, 0, "b"], "id": "2405.00001", "f": "stars", "x": 5})
    path.write_bytes(good + newer.encode() + b"\n" + b"[1,2]\n")
    read = read_log(path)
    assert len(read.changes) == 1 and read.newer == 1 and read.bad == 1
    assert "newer dailypapers" in read.problems("other")[0]
    assert newer in path.read_text()


def test_blank_broken_and_hostile_lines_cost_only_themselves(tmp_path: Path) -> None:
    good = [encode(Change(f"2405.0000{n}", "tag:ml", True, Stamp(n, 0, "b"))) for n in range(3)]
    hostile = [
        b'{"v":1,"t":[5,0,["b"]],"id":"2405.00009","f":"read","x":true}\n',  # unhashable
        b'{"v":1,"t":[5,0,"b"],"id":"2405\\u001b[2J","f":"read","x":true}\n',  # escape
        b'{"v":1,"t":[5,0,"b"],"id":"2405.00009","f":"read","x":"yes"}\n',
        b'{"v":1,"t":[5,0,"b"],"id":"2405.00009","f":"tag: ","x":true}\n',
        b'{"v":1,"clock":[9,0,"b"]}\n',
    ]
    fast = parse_log(b"".join(good + hostile))  # every line JSON: parsed in one call
    slow = parse_log(b"".join([good[0], b"\n", b"not json\n", good[1], good[2], *hostile]))
    for read in (fast, slow):
        assert [c.paper_id for c in read.changes] == ["2405.00000", "2405.00001", "2405.00002"]
        assert read.last == Stamp(9, 0, "b")
    assert (fast.bad, slow.bad) == (4, 5)


def test_the_mark_store_appends_each_changed_field(tmp_path: Path) -> None:
    log = ChangeLog(tmp_path, clock=lambda: 1000)
    store = MarkStore(tmp_path / "marks", log)
    before = Marks()
    after = before.with_saved(True, "t").with_tags(("ml",))
    store.set_many({"2405.00001": after}, {"2405.00001": before})
    fields = [(c.field, c.value) for c in log.read().changes]
    assert fields == [("saved", True), ("tag:ml", True)]
    assert store.load_all()["2405.00001"].tags == ("ml",)


def test_appending_stays_fast_at_fifty_thousand_entries(tmp_path: Path) -> None:
    log = ChangeLog(tmp_path)
    line = encode(Change("2405.00001", "read", True, Stamp(1, 0, "b")))
    log.path.parent.mkdir(parents=True, exist_ok=True)
    log.path.write_bytes(line * 50_000)
    timings = []
    for n in range(20):
        start = time.perf_counter()
        log.record(f"2405.{n:05d}", [("read", True)])
        timings.append(time.perf_counter() - start)
    timings.sort()
    assert timings[len(timings) // 2] < 0.005, timings
    assert len(log.read().changes) == 50_020


WRITER = """
import sys
from pathlib import Path
from tui.store.changelog import ChangeLog
log = ChangeLog(Path(sys.argv[1]))
for n in range(100000):
    log.record(f"2405.{n % 99999:05d}", [("note", "x" * 3000)])
    if n == 5:
        print("going", flush=True)
"""


def test_a_kill_during_appends_loses_no_whole_line(tmp_path: Path) -> None:
    process = child(WRITER, str(tmp_path))
    assert process.stdout is not None and process.stdout.readline().strip() == "going"
    time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    raw = ChangeLog(tmp_path).path.read_bytes()
    read = parse_log(raw)
    assert read.bad == 0 and len(read.changes) >= 6
    assert len(read.changes) == raw.count(b"\n")
