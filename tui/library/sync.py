"""Exchanging marks with other machines: merge their change logs into this one, both ways.

Carriers: a shared folder (`sync_folder`: every machine keeps a copy of its log there as
`<machine>.jsonl`; Syncthing, Dropbox or a git repository moves the files), and the system's
`ssh` (`sync_ssh`: the other side runs `dailypapers sync --serve`, reads this log on stdin and
answers with its own on stdout). Adopting a change writes the one field to the marks (never
a whole record, and without reading the marks first) and only then appends it to this log, so
a kill at any point loses nothing: the next sync finds the same changes still missing and
adopts them again (idempotent). A save adopted is passed to `pin` (the library pins the
paper's cached copy, as a save here does). A folder's logs unchanged since the last finished
sync are not read again (`store.sync_seen`). The cyclic collector is paused during a merge:
with it, a merge of 3 x 50,000 changes took about 0.9 s more CPU (measured).
"""

from __future__ import annotations

import contextlib
import shlex
import subprocess
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tui.domain.changes import (
    MACHINE_ID,
    TAG_PREFIX,
    Change,
    newer_than,
    whole_fields,
)
from tui.domain.paper import INBOX
from tui.domain.sanitise import sanitise_line
from tui.domain.words import counted
from tui.store.atomic_storage import reason_of, write_atomically
from tui.store.bulk import collection_paused
from tui.store.changelog import LogRead, parse_log, read_log
from tui.store.documents import marks_docs_of_changes
from tui.store.marks import MarkStore
from tui.store.safe_files import read_regular
from tui.store.sync_seen import MINE, SeenLogs, Signature, signature

SSH_TIMEOUT_S = 120.0
REMOTE_LIMIT = 512 * 1024 * 1024


class SyncError(Exception):
    """The other side could not be reached or read; nothing was changed here."""


# Told the ids of the papers a merge found saved elsewhere (not here before): the library pins
# its cached copy, as a save here does.
PinSaved = Callable[[set[str]], None]


@dataclass
class SyncOutcome:
    """What a sync did, for one line on the terminal: `taken` field changes, to the marks of
    the `papers` ids."""

    taken: int = 0
    machines: int = 0
    notices: list[str] = field(default_factory=list)
    papers: set[str] = field(default_factory=set)

    def summary(self, where: str) -> str:
        others = counted(self.machines, "other machine")
        if not self.papers:
            return sanitise_line(f"sync with {where}: nothing new from {others}")
        marks = f"marks of {counted(len(self.papers), 'paper')}"
        return sanitise_line(f"sync with {where}: {marks} taken from {others}")

    def took(self, changes: list[Change], pin: PinSaved | None) -> None:
        """Count what a merge adopted; tell `pin` the papers it saved."""
        self.taken += len(changes)
        self.papers.update(change.paper_id for change in changes)
        saved = {c.paper_id for c in changes if c.field == "saved" and c.value is True}
        if saved and pin is not None:
            pin(saved)


def seed_log(marks: MarkStore) -> None:
    """A folder marked before change logs existed: log its marks once, at their own times."""
    log = marks.log
    if log is None or log.path.exists():
        return
    for paper_id, mark in sorted(marks.load_all().items()):
        fields = [(name, value) for name, value in whole_fields(mark) if _set(name, value)]
        if fields:
            log.record(paper_id, fields)


def _set(name: str, value: object) -> bool:
    if name == "state":
        return value != INBOX
    return name.startswith(TAG_PREFIX) or bool(value)


def merge_in(marks: MarkStore, others: Iterable[Change]) -> list[Change]:
    """Adopt every change of `others` newer than what this machine holds; those changes."""
    log = marks.log
    assert log is not None, "a mark store with a change log is needed"
    incoming = list(others)
    if not incoming:
        return []
    taken = newer_than(log.read().changes, incoming)
    if not taken:
        return []
    if not log.path.exists():
        # Before the marks: killed between the two writes, the next sync must find a log (even
        # empty) so that `seed_log` does not log these marks again as this machine's own, with
        # new stamps; it takes them again from the other logs, stamps and all.
        log.path.parent.mkdir(parents=True, exist_ok=True)
        log.path.touch()
    # Each field as the change sets it, never read first: at most one change per field.
    marks.set_fields(marks_docs_of_changes(taken))  # one locked write per month touched
    log.adopt(taken)
    return taken


def sync_folder(marks: MarkStore, folder: Path, pin: PinSaved | None = None) -> SyncOutcome:
    """Merge the logs other machines left in `folder`, then leave this machine's log there.
    Logs unchanged since the last sync here are not read again (nothing in them is new)."""
    with collection_paused():
        return _sync_folder(marks, folder, pin)


def _sync_folder(marks: MarkStore, folder: Path, pin: PinSaved | None) -> SyncOutcome:
    log = marks.log
    assert log is not None
    if not folder.is_dir():
        raise SyncError(f"{folder} is not a folder (make it, or mount the shared one)")
    seed_log(marks)
    outcome = SyncOutcome()
    record = SeenLogs(log.data_dir, folder)
    before, now = record.load(), {}
    changes: list[Change] = []
    for path in machine_logs(folder):
        outcome.machines += path.stem != log.machine
        mark = signature(path)  # before the read: a log growing meanwhile is read again
        if mark is not None and before.get(path.name) == mark:
            now[path.name] = mark
            continue
        try:  # this machine's own copy too: a copied data folder shares its id
            read = read_log(path, folder)
        except OSError as error:
            outcome.notices.append(sanitise_line(f"{path.name}: unreadable: {reason_of(error)}"))
            continue
        outcome.notices.extend(read.problems(path.name))
        changes.extend(read.changes)
        if mark is not None:
            now[path.name] = mark
    outcome.took(merge_in(marks, changes), pin)
    target = folder / f"{log.machine}.jsonl"
    mine = signature(log.path)
    if mine is None or mine != before.get(MINE) or now.get(target.name) != before.get(target.name):
        _publish(marks, target)
    _remember(record, now, mine, target)
    outcome.notices.extend(marks.take_notices())
    return outcome


def machine_logs(folder: Path) -> list[Path]:
    """The machines' logs in a shared folder (`<machine id>.jsonl`), in name order."""
    logs = folder.glob("*.jsonl")
    return sorted(p for p in logs if MACHINE_ID.match(p.name.removesuffix(".jsonl")))


def _remember(
    record: SeenLogs, now: dict[str, Signature], mine: Signature | None, target: Path
) -> None:
    """Note what this sync read and published (a note that cannot be written costs only a
    full read next time)."""
    published = signature(target)
    if mine is not None and published is not None:
        now[MINE], now[target.name] = mine, published
    with contextlib.suppress(OSError):
        record.save(now)


def _publish(marks: MarkStore, target: Path) -> None:
    assert marks.log is not None
    try:
        raw = read_regular(marks.log.path)
    except FileNotFoundError:
        raw = b""
    try:
        write_atomically(target, raw)
    except OSError as error:
        raise SyncError(f"cannot write {target}: {reason_of(error)}") from error


def serve(
    marks: MarkStore, incoming: BinaryIO, outgoing: BinaryIO, pin: PinSaved | None = None
) -> LogRead:
    """The remote side of `sync_ssh`: take the peer's log from `incoming`, merge it, answer
    with this machine's log on `outgoing`. What the peer's log held, for its problems."""
    assert marks.log is not None
    seed_log(marks)
    with collection_paused():
        read = parse_log(incoming.read(REMOTE_LIMIT))
        SyncOutcome().took(merge_in(marks, read.changes), pin)
    with contextlib.suppress(FileNotFoundError):
        outgoing.write(read_regular(marks.log.path))
    outgoing.flush()
    return read


def ssh_command(target: str, ssh: str = "ssh", remote: str = "dailypapers") -> list[str]:
    """The ssh command line for ``[user@]host[:path]`` (path: the remote data folder);
    `remote` is how the other machine starts dailypapers (a venv's path, say)."""
    host, _, path = target.partition(":")
    if not host or host.startswith("-") or any(c.isspace() for c in host):
        raise SyncError(f"not a host to sync with: {sanitise_line(target)!r}")
    command = f"{remote} sync --serve"
    if path:
        command += f" --data-dir {shlex.quote(path)}"
    return [ssh, "-o", "BatchMode=yes", "-o", "ConnectTimeout=15", "--", host, command]


def sync_ssh(
    marks: MarkStore,
    target: str,
    ssh: str = "ssh",
    remote: str = "dailypapers",
    pin: PinSaved | None = None,
) -> SyncOutcome:
    """Merge both ways with another machine over the system's ssh, in one call."""
    assert marks.log is not None
    command = ssh_command(target, ssh, remote)
    seed_log(marks)
    try:
        mine = read_regular(marks.log.path)
    except FileNotFoundError:
        mine = b""
    try:
        done = subprocess.run(
            command, input=mine, capture_output=True, timeout=SSH_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SyncError(f"ssh {sanitise_line(target)} failed: {error}") from error
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no reason"]
        raise SyncError(sanitise_line(f"ssh {target}: exit {done.returncode}: {last[0]}"))
    with collection_paused():
        read = parse_log(done.stdout[:REMOTE_LIMIT])
        outcome = SyncOutcome(machines=1, notices=read.problems(sanitise_line(target)))
        outcome.took(merge_in(marks, read.changes), pin)
    outcome.notices.extend(marks.take_notices())
    return outcome


class FolderSync:
    """`sync_dir` in the reader: a merge with the shared folder at start and after each mark
    change, on the library's writer thread (after the write it follows; never the UI's). A
    merge already waiting covers the changes made meanwhile."""

    def __init__(self, marks: MarkStore, folder: Path, pin: PinSaved | None = None) -> None:
        self._marks = marks
        self._folder = folder
        self._pin = pin
        self._queued = False
        self._notices: list[str] = []
        self._seen: frozenset[tuple[str, Signature | None]] | None = None
        self._changed: set[str] = set()
        self._lock = threading.Lock()

    @property
    def where(self) -> str:
        """The shared folder as a notice names it (one line, home as ``~``)."""
        home = str(Path.home())
        shown = str(self._folder)
        if home not in ("", "/") and (shown == home or shown.startswith(home + "/")):
            shown = "~" + shown[len(home) :]
        return sanitise_line(shown)

    def folder_changed(self) -> bool:
        """True when another machine's log in the folder changed since the last look or the
        last merge began (names and `signature`s only: an idle look costs a listing, never a
        parse). A first look before any merge only remembers (the reader merges at start
        anyway). Blocking: call it off the UI thread."""
        seen = self._listing()
        with self._lock:
            changed = self._seen is not None and seen != self._seen
            self._seen = seen
        return changed

    def _listing(self) -> frozenset[tuple[str, Signature | None]]:
        own = self._marks.log.machine if self._marks.log is not None else ""
        return frozenset(
            (path.name, signature(path)) for path in machine_logs(self._folder) if path.stem != own
        )

    def soon(self, submit: Callable[[Callable[[], None]], object]) -> None:
        """Queue one merge with `submit` (the writer's), unless one is waiting already."""
        if not self._queued:
            self._queued = True
            submit(self._run)

    def _run(self) -> None:
        self._queued = False
        try:
            # Taken before the merge reads: a log changed after it is seen by the next look
            # (a change the start merge missed was once taken by the first look as the base).
            before = self._listing() if self._folder.is_dir() else frozenset()
            with self._lock:
                self._seen = before
            outcome = sync_folder(self._marks, self._folder, self._pin)
        except (SyncError, OSError) as error:
            shown = str(error) if isinstance(error, SyncError) else reason_of(error)
            self._tell(f"sync_dir: {shown}")
            return
        with self._lock:
            self._changed |= outcome.papers
        for line in outcome.notices:
            self._tell(line)

    def _tell(self, line: str) -> None:
        line = sanitise_line(line)
        if line not in self._notices:
            self._notices.append(line)

    def take_notices(self) -> list[str]:
        notices, self._notices = self._notices, []
        return notices

    def take_changed(self) -> set[str]:
        """The papers whose marks merges changed since the last call (any thread)."""
        with self._lock:
            changed, self._changed = self._changed, set()
        return changed
