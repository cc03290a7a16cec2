"""This machine's change log (`changes/<machine>.jsonl`) and its id (`machine_id`).

Every mark change is appended as one JSON line: ``{"v": 1, "t": [wall_ms, counter, machine],
"id": paper, "f": field, "x": value}``. The file is only ever appended to, under a flock on
the file itself, so an append costs the same at any length: the clock's last reading comes
from the file's tail, not from reading it all. The last line of every append carries the
greatest stamp this machine has seen (a ``clock`` line after adopted changes), so a later
process on this machine stamps after it. A line cut short by a kill is ignored when read and
never glued to the next append. Logs of other machines are read with `read_log`: every change
is checked and sanitised (`domain.changes.clean_change`); lines from a newer format are
counted and skipped, never dropped from the file. A log of whole JSON lines is parsed in one
call (one array): first by msgspec with every type checked in C, which reads a log as we write
it three times as fast; on any line it does not fully understand, by `json.loads` and the
careful checks; anything else line by line, so a bad line costs only itself.
"""

from __future__ import annotations

import fcntl
import json
import operator
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _string
from pathlib import Path
from typing import Any

from tui.domain.changes import (
    MACHINE_ID,
    Change,
    Stamp,
    Value,
    clean_change,
    clean_typed_change,
    latest,
    tick,
)
from tui.store.safe_files import open_regular, read_regular, refuse_links_below

FORMAT = 1
LOG_FOLDER = "changes"
MACHINE_FILE = "machine_id"
_TAIL = 4096


def wall_ms() -> int:
    """The wall clock in milliseconds (the default clock of a log)."""
    return time.time_ns() // 1_000_000


@dataclass(eq=False)  # never compared: no __eq__ to generate at start
class LogRead:
    """What a log held: its changes, the greatest stamp, and what could not be used."""

    changes: list[Change] = field(default_factory=list)
    last: Stamp | None = None
    newer: int = 0
    bad: int = 0
    torn: bool = False

    def problems(self, name: str) -> list[str]:
        """One line per kind of problem (nothing when the log was whole)."""
        lines = []
        if self.newer:
            lines.append(
                f"{name}: {self.newer} change(s) from a newer dailypapers were skipped "
                "(kept in the file; update dailypapers to use them)"
            )
        if self.bad:
            lines.append(f"{name}: {self.bad} unreadable line(s) skipped")
        if self.torn:
            lines.append(f"{name}: its last line was cut short (a write interrupted); ignored")
        return lines


def encode(change: Change) -> bytes:
    """One change as a log line (what ``json.dumps`` with these separators and
    ``ensure_ascii=False`` gives)."""
    return encode_all([change])


def encode_all(changes: Iterable[Change]) -> bytes:
    """Changes as log lines, built directly (a sync writes tens of thousands); the field
    names and machine ids, few and met again and again, are quoted once."""
    quoted: dict[str, str] = {}
    get = quoted.get
    text = "".join(
        [
            f'{{"v":{FORMAT},"t":[{int(wall)},{int(counter)},'
            f"{get(machine) or quoted.setdefault(machine, _string(machine))}],"
            f'"id":{_string(paper_id)},"f":{get(name) or quoted.setdefault(name, _string(name))},'
            f'"x":{"true" if value is True else "false" if value is False else _string(value)}}}\n'
            for paper_id, name, value, (wall, counter, machine) in changes
        ]
    )
    return text.encode()


_stamp_of = operator.attrgetter("stamp")


def _clock_line(stamp: Stamp) -> bytes:
    record = {"v": FORMAT, "clock": [stamp.wall_ms, stamp.counter, stamp.machine]}
    return (json.dumps(record, separators=(",", ":")) + "\n").encode()


def parse_log(raw: bytes) -> LogRead:
    """The changes of a log's bytes; a cut-short last line is noted, never fatal.

    The whole log is parsed as one JSON array when every line is whole (fast), else line by
    line, so one bad line costs only itself."""
    result = LogRead()
    whole = raw.rstrip(b" \t\r\n")
    if not whole:
        return result
    if not raw.rstrip(b" \t\r").endswith(b"\n"):
        head, _, last = whole.rpartition(b"\n")
        result.torn = _parse_line(last, LogRead()) is None
        if result.torn:
            whole = head.rstrip(b" \t\r\n")
    array = b"[" + whole.replace(b"\n", b",") + b"]"  # blank lines make it fail: the slow way
    if not _take_typed(array, result):
        try:  # the lines as we write them: one C call
            records = json.loads(array)
        except (ValueError, UnicodeDecodeError):
            records = _parse_lines(whole)
        _take(records, result)
    if result.changes:
        result.last = latest((result.last, max(c.stamp for c in result.changes)))
    return result


def _parse_lines(whole: bytes) -> list[object]:
    """The records of a log one line at a time (a line that is not JSON: `_BAD`)."""
    records: list[object] = []
    for line in whole.split(b"\n"):
        if line.strip():
            try:
                records.append(json.loads(line))
            except (ValueError, UnicodeDecodeError):
                records.append(_BAD)
    return records


_BAD = object()


def _line_decoder() -> Callable[[bytes], list[Any]]:
    """msgspec's decoder of a log of whole lines as we write them (types checked in C)."""
    import msgspec  # loaded on the first sync, not at every start of the reader

    class Line(msgspec.Struct):
        v: int
        t: Stamp | None = None
        id: str | None = None
        f: str | None = None
        x: bool | str | None = None
        clock: Stamp | None = None

    return msgspec.json.Decoder(list[Line]).decode


_typed: list[Callable[[bytes], list[Any]]] = []


def _take_typed(array: bytes, into: LogRead) -> bool:
    """Add the changes of a log decoded with its types checked in C, as `_take` would; False
    (and `into` untouched) when any line is not one this fast way fully understands: the
    careful way then reads the whole log."""
    import msgspec

    if not _typed:
        _typed.append(_line_decoder())
    try:
        lines = _typed[0](array)
    except (msgspec.DecodeError, RecursionError):
        return False
    changes: list[Change] = []
    append, last = changes.append, into.last
    for line in lines:
        stamp = line.t
        if line.v != FORMAT or (stamp is None) == (line.clock is None):
            return False
        if stamp is None:  # a clock line
            if line.id is not None or line.f is not None or line.x is not None:
                return False
            clock = clean_typed_change("x", "read", True, line.clock)
            last = latest((last, clock.stamp if clock is not None else None))
            continue
        if line.id is None or line.f is None or line.x is None:
            return False
        change = clean_typed_change(line.id, line.f, line.x, stamp)
        if change is None:
            return False
        append(change)
    into.changes.extend(changes)
    into.last = last
    return True


_CHANGE_KEYS = operator.itemgetter("v", "t", "id", "f", "x")


def _take(records: list[object], into: LogRead) -> None:
    """Add the changes (and clocks) of parsed lines to `into`."""
    append = into.changes.append
    for record in records:
        if type(record) is dict and "clock" not in record:
            try:
                version, stamp, paper_id, name, value = _CHANGE_KEYS(record)
            except KeyError:
                pass
            else:
                change = clean_change(paper_id, name, value, stamp)
                if change is not None and version == FORMAT:
                    append(change)
                    continue
        if record is _BAD:
            into.bad += 1
        else:
            _add_record(record, into)


def _parse_line(line: bytes, into: LogRead) -> bool | None:
    """Add one line's change (or clock) to `into`; None when the line is not JSON at all."""
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        into.bad += 1
        return None
    return _add_record(record, into)


def _add_record(record: object, into: LogRead) -> bool:
    """Add one parsed line's change (or clock) to `into`; False when it is not usable."""
    if not isinstance(record, dict):
        into.bad += 1
        return False
    version = record.get("v")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT:
        into.newer += 1
        return False
    if "clock" in record:
        stamp = clean_change("x", "read", True, record.get("clock"))
        if stamp is not None:
            into.last = latest((into.last, stamp.stamp))
        return True
    change = clean_change(record.get("id"), record.get("f"), record.get("x"), record.get("t"))
    if change is None or version != FORMAT:
        into.bad += 1
        return False
    into.changes.append(change)
    if into.last is None or change.stamp > into.last:
        into.last = change.stamp
    return True


def _last_stamp(tail: bytes) -> Stamp | None:
    """The stamp of the last whole line of a log's tail (every append ends with the greatest
    stamp seen); only the few lines needed are parsed."""
    for line in reversed(tail.split(b"\n")):
        found = LogRead()
        if line.strip() and _parse_line(line, found) and found.last is not None:
            return found.last
    return None


def read_log(path: Path, root: Path | None = None) -> LogRead:
    """The changes of one log file (missing: none). Raises OSError when it cannot be read."""
    if root is not None:
        refuse_links_below(path, root)
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        return LogRead()
    return parse_log(raw)


def machine_id(data_dir: Path) -> str:
    """This data folder's machine id, made once (12 random hex digits) and kept."""
    path = data_dir / MACHINE_FILE
    for _ in range(2):
        try:
            text = read_regular(path, limit=200).decode("ascii", "replace").strip()
        except FileNotFoundError:
            pass
        else:
            if MACHINE_ID.match(text):
                return text
            path.unlink(missing_ok=True)  # a damaged id: this folder becomes a new machine
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = open_regular(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            continue  # another process made it first: use theirs
        try:
            os.write(fd, (os.urandom(6).hex() + "\n").encode())
            os.fsync(fd)
        finally:
            os.close(fd)
    return read_regular(path, limit=200).decode("ascii").strip()


class ChangeLog:
    """This machine's log: stamp and append changes; read it back."""

    def __init__(self, data_dir: Path, clock: Callable[[], int] = wall_ms) -> None:
        self.data_dir = data_dir
        self._clock = clock
        self._machine: str | None = None

    @property
    def machine(self) -> str:
        """This machine's id (made on first use, so a read-only folder costs nothing)."""
        if self._machine is None:
            self._machine = machine_id(self.data_dir)
        return self._machine

    @property
    def path(self) -> Path:
        return self.data_dir / LOG_FOLDER / f"{self.machine}.jsonl"

    def record(self, paper_id: str, fields: Sequence[tuple[str, Value]]) -> list[Change]:
        """Stamp changes made here now and append them; the changes, as written."""
        made: list[Change] = []

        def build(last: Stamp | None) -> tuple[bytes, Stamp | None]:
            stamp = last
            for name, value in fields:
                stamp = tick(stamp, self._clock(), self.machine)
                made.append(Change(paper_id, name, value, stamp))
            return encode_all(made), stamp

        self._append(build)
        return made

    def adopt(self, changes: Iterable[Change]) -> None:
        """Append changes taken from other machines, with their own stamps."""
        ordered = sorted(changes, key=_stamp_of)
        if not ordered:
            return
        lines = encode_all(ordered)  # before the lock: the clock line alone needs the tail

        def build(last: Stamp | None) -> tuple[bytes, Stamp | None]:
            top = latest((last, ordered[-1].stamp))
            tail = _clock_line(top) if top is not None else b""
            return lines + tail, top

        self._append(build)

    def read(self) -> LogRead:
        """Everything this machine's log holds."""
        return read_log(self.path, self.data_dir)

    def _append(self, build: Callable[[Stamp | None], tuple[bytes, Stamp | None]]) -> None:
        refuse_links_below(self.path, self.data_dir)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_regular(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            size = os.fstat(fd).st_size
            tail = os.pread(fd, min(size, _TAIL), max(0, size - _TAIL))
            payload, _ = build(_last_stamp(tail))
            if tail and not tail.endswith(b"\n"):
                payload = b"\n" + payload  # never glue onto a line a kill cut short
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
