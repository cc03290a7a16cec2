"""The sync use-cases on real folders: a sync's speed at 3 × 50,000 changes, a second sync
skipping the logs it has read, a kill -9 in the middle of a sync, and a folder marked before
change logs existed."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.store.helpers import child
from tui.demo.bench.sync import build
from tui.domain.changes import Change, Stamp, merge
from tui.domain.paper import Marks
from tui.library.sync import FolderSync, sync_folder
from tui.store.changelog import ChangeLog, encode, read_log
from tui.store.marks import MarkStore


def _log(path: Path, machine: str, count: int) -> None:
    fields = ("read", "saved", "tag:ml", "note")
    lines = [
        encode(
            Change(
                f"24{n % 12 + 1:02d}.{n % 20000:05d}",
                fields[n % 4],
                "x" if fields[n % 4] == "note" else n % 3 == 0,
                Stamp(1_700_000_000_000 + n * 7, n % 3, machine),
            )
        )
        for n in range(count)
    ]
    path.write_bytes(b"".join(lines))


def test_a_sync_of_three_machines_of_fifty_thousand_changes_takes_them_all_quickly(
    tmp_path: Path,
) -> None:
    data, shared = build(tmp_path, 50_000)  # A's marks and log; B's and C's logs shared
    store = MarkStore(data / "marks", ChangeLog(data))
    # CPU time, not wall time: the test machines are shared, and a busy neighbour is not ours.
    start = time.process_time()
    outcome = sync_folder(store, shared)
    elapsed = time.process_time() - start
    theirs = [read_log(path).changes for path in sorted(shared.glob("*.jsonl"))]
    assert outcome.machines == 2 and len(theirs) == 3  # B, C, and A's log published
    assert store.log is not None
    assert merge(store.log.read().changes) == merge(*theirs)
    assert outcome.taken > 40_000
    # The goal (< 1 s of CPU, idle) is the benchmark's (tui/demo/bench/sync.py); under a loaded
    # test run it takes 1.1-1.8 s, so this ceiling only catches a return to the old 2.9 s.
    assert elapsed < 2.0, f"{elapsed:.2f} s"
    start = time.process_time()
    assert sync_folder(store, shared).taken == 0
    assert time.process_time() - start < 0.2  # nothing new: no log is read again


def test_a_log_unchanged_since_the_last_sync_is_not_read_again(tmp_path: Path) -> None:
    data, shared = tmp_path / "here", tmp_path / "shared"
    shared.mkdir()
    other = shared / "other.jsonl"
    _log(other, "other", 40)
    store = MarkStore(data / "marks", ChangeLog(data))
    assert sync_folder(store, shared).taken == 40
    held = store.load_all()
    # Garbage of the same size, with the same time, in the same file: not looked at again.
    info = other.stat()
    with other.open("r+b") as file:
        file.write(b"#" * info.st_size)
    os.utime(other, ns=(info.st_atime_ns, info.st_mtime_ns))
    again = sync_folder(store, shared)
    assert (again.taken, again.notices, again.machines) == (0, [], 1)
    assert store.load_all() == held
    # Changed since: read again, and told.
    other.write_bytes(b"#" * info.st_size + b"\n" + encode(Change(NEW, "saved", True, LATE)))
    changed = sync_folder(store, shared)
    assert changed.taken == 1 and changed.notices == ["other.jsonl: 1 unreadable line(s) skipped"]
    assert store.load_all()[NEW].saved is True
    # This machine's published copy, removed: published again though nothing changed here.
    assert store.log is not None
    (shared / f"{store.log.machine}.jsonl").unlink()
    sync_folder(store, shared)
    assert (shared / f"{store.log.machine}.jsonl").read_bytes() == store.log.path.read_bytes()


NEW = "2501.00001"
LATE = Stamp(1_800_000_000_000, 0, "other")


def test_a_folder_marked_before_change_logs_existed_is_logged_once(tmp_path: Path) -> None:
    data, shared = tmp_path / "old", tmp_path / "shared"
    shared.mkdir()
    MarkStore(data / "marks").set("2405.00001", Marks(saved=True, saved_at="2024-05-01T00:00:00"))
    store = MarkStore(data / "marks", ChangeLog(data))
    sync_folder(store, shared)
    sync_folder(store, shared)
    assert store.log is not None
    changes = store.log.read().changes
    assert [(c.paper_id, c.field, c.value) for c in changes] == [("2405.00001", "saved", True)]
    assert (shared / f"{store.log.machine}.jsonl").read_bytes() == store.log.path.read_bytes()


SYNCER = """
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tui.library.sync import sync_folder
from tui.store.changelog import ChangeLog
from tui.store.marks import MarkStore
data = Path(sys.argv[1])
print("syncing", flush=True)
sync_folder(MarkStore(data / "marks", ChangeLog(data)), Path(sys.argv[2]))
print("done", flush=True)
"""


@pytest.mark.parametrize("delay", [0.1, 0.2, 0.3, 0.4])
def test_a_kill_during_a_sync_loses_nothing(tmp_path: Path, delay: float) -> None:
    """Killed at some point of a sync (before, between or after the marks and the log are
    written, depending on the machine's speed), the next sync ends with every change held and
    logged with its own stamp: none taken for this machine's own with a new one."""
    data, shared = tmp_path / "here", tmp_path / "shared"
    shared.mkdir()
    _log(shared / "other.jsonl", "other", 20_000)
    process = child(SYNCER, str(data), str(shared))
    assert process.stdout is not None and process.stdout.readline().strip() == "syncing"
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    store = MarkStore(data / "marks", ChangeLog(data))
    sync_folder(store, shared)  # again, to the end
    expected = merge(read_log(shared / "other.jsonl").changes)
    held = store.load_all()
    wrong = [key for key, change in expected.items() if not _holds(held, key, change.value)]
    assert not wrong, f"{len(wrong)} marks not held, e.g. {wrong[:3]}"
    assert store.log is not None
    logged = merge(store.log.read().changes)
    differ = [key for key in expected if logged.get(key) != expected[key]]
    assert not differ, f"{len(differ)} changes logged otherwise, e.g. {differ[:3]}"


def _holds(held: dict[str, Marks], key: tuple[str, str], value: object) -> bool:
    paper_id, name = key
    marks = held.get(paper_id, Marks())
    if name == "read":
        return marks.read is value
    if name == "saved":
        return marks.saved is value
    if name == "note":
        return marks.note == value
    return ("ml" in marks.tags) is value


def test_sync_dir_merges_on_the_writer_thread_after_a_change(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from tui.library.sync import FolderSync

    shared = tmp_path / "shared"
    shared.mkdir()
    _log(shared / "other.jsonl", "other", 40)
    store = MarkStore(tmp_path / "here" / "marks", ChangeLog(tmp_path / "here"))
    background = FolderSync(store, shared)
    with ThreadPoolExecutor(max_workers=1) as writer:
        store.set_many({"2405.99999": Marks(saved=True)}, {"2405.99999": Marks()})
        background.soon(writer.submit)
        background.soon(writer.submit)  # one already waiting: not queued twice
    theirs = {c.paper_id for c in merge(read_log(shared / "other.jsonl").changes).values()}
    assert background.take_changed() == theirs and background.take_changed() == set()
    assert store.log is not None
    published = read_log(shared / f"{store.log.machine}.jsonl").changes
    assert ("2405.99999", "saved", True) in [(c.paper_id, c.field, c.value) for c in published]
    gone = FolderSync(store, tmp_path / "unmounted")
    with ThreadPoolExecutor(max_workers=1) as writer:
        gone.soon(writer.submit)
    assert gone.take_notices() == [
        f"sync_dir: {tmp_path / 'unmounted'} is not a folder (make it, or mount the shared one)"
    ]


def test_the_folder_look_sees_only_other_machines_logs_change(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    store = MarkStore(tmp_path / "a" / "marks", ChangeLog(tmp_path / "a"))
    looking = FolderSync(store, shared)
    assert not looking.folder_changed()  # the first look only remembers
    store.set("2405.00001", Marks(saved=True, saved_at="2024-05-01T00:00:00"))
    sync_folder(store, shared)  # this machine's own copy: not a change to merge
    assert not looking.folder_changed()
    (shared / "other.jsonl").write_bytes(b"")
    assert looking.folder_changed()
    assert not looking.folder_changed()
    (shared / "other.jsonl").write_bytes(b"x")
    assert looking.folder_changed()
    assert looking.where == str(shared)
    assert not FolderSync(store, tmp_path / "away").folder_changed()


def test_a_log_changed_after_the_start_merge_is_merged_by_the_first_look(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    _log(shared / "other.jsonl", "other", 4)
    store = MarkStore(tmp_path / "a" / "marks", ChangeLog(tmp_path / "a"))
    looking = FolderSync(store, shared)
    with ThreadPoolExecutor(max_workers=1) as writer:
        looking.soon(writer.submit)  # the reader's merge once painted
    assert len(store.load_all()) > 0
    # The other machine syncs again before the reader's first look (found trying sync_dir:
    # that look took the new log as its starting point, and the change was never merged).
    _log(shared / "other.jsonl", "other", 40)
    assert looking.folder_changed()
    assert not looking.folder_changed()


async def test_saves_synced_in_are_pinned_or_shown_by_id_without_a_cache_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Machine B saved a paper A has cached but never pinned, and one A has never seen: the
    merge pins the first (as `s` would); `S` and `list --saved` show both, the second by its
    id, and opening the saved view reads no day of the cache."""
    from tui.cli.wiring import build_library
    from tui.domain.feeds.spec import FeedKind, FeedSpec
    from tui.store.cache import PaperCache

    fixture = Path(__file__).parents[1] / "fixtures" / "hf_daily.json"
    feed = FeedSpec("HF", str(fixture), FeedKind.HF_JSON)
    shared = tmp_path / "shared"
    shared.mkdir()
    here = build_library(tmp_path / "a", [feed], offline=False)
    await here.refresh()
    paper = (await here.load_day()).papers[0]
    other = MarkStore(tmp_path / "b" / "marks", ChangeLog(tmp_path / "b"))
    saved = Marks(saved=True, saved_at="2030-01-01T00:00:00")
    other.set_many({paper.id: saved, "2401.99999": saved})
    sync_folder(other, shared)
    outcome = sync_folder(here.marks_store, shared, here.pin_saved_sync)
    assert outcome.papers == {paper.id, "2401.99999"}
    assert outcome.summary("s") == "sync with s: marks of 2 papers taken from 1 other machine"
    assert [p.id for p in here._cache.load_pinned()] == [paper.id]

    def no_scan(*_: object) -> None:
        raise AssertionError("the saved view read the whole cache")

    monkeypatch.setattr(PaperCache, "load_all", no_scan)
    monkeypatch.setattr(PaperCache, "load_day", no_scan)
    shown = {p.id: p for p in (await here.load_saved()).papers}
    assert sorted(shown) == sorted([paper.id, "2401.99999"])
    assert shown[paper.id].title == paper.title
    assert shown["2401.99999"].link == "https://arxiv.org/abs/2401.99999"
    assert "another machine" in shown["2401.99999"].abstract
    monkeypatch.undo()
    assert here.find_paper_sync("2401.99999") == shown["2401.99999"]  # to cite or open by id
    assert here.find_paper_sync("2401.99998") is None
    await here.aclose()


def test_the_summary_counts_papers_not_fields() -> None:
    from tui.library.sync import SyncOutcome

    one = Stamp(1, 0, "b")
    outcome = SyncOutcome(machines=2)
    assert outcome.summary("~/s") == "sync with ~/s: nothing new from 2 other machines"
    outcome.took([Change("2405.00001", f, True, one) for f in ("read", "saved", "tag:ml")], None)
    assert outcome.summary("~/s") == "sync with ~/s: marks of 1 paper taken from 2 other machines"
    assert outcome.taken == 3
