"""The append-only journal beside a store file (`<name>.journal`), so a write costs what changed.

A write appends one JSON line, `{"d": {table: {key: document or null}}}`, holding the whole
documents it changed as they are after the change (null: removed), with O_APPEND, then fsyncs
it, all under the store's lock; one line per write, so a write is kept whole or not at all.
Reading replays the lines over the base file. Lines hold results, not edits, so replaying a
line twice changes nothing: a writer killed between rewriting the base and emptying the journal
loses nothing and doubles nothing. The base is rewritten (and the journal emptied) only when the
journal outgrows a quarter of the base, so that cost is spread over the writes that caused it.

A last line without its newline is a write that was cut off (never acknowledged): readers stop
before it, the next writer cuts it away. A whole line that does not parse is a damaged journal:
under the lock it is set aside like any unreadable file, after the base has taken every good line.
The parsed state is kept between reads, keyed by the base's (inode, size, mtime) and the offset
read up to in the journal, so a read or a write re-reads only the lines added since.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tui.domain.sanitise import json_text_is_clean
from tui.store import atomic_storage
from tui.store.atomic_storage import (
    Tables,
    UnreadableFileError,
    encode_tables,
    exclusive_lock,
    parse_tables,
    reason_of,
    set_aside,
    write_atomically,
)
from tui.store.datafile import (
    META_TABLE,
    DocumentFile,
    Notices,
    Schema,
    _Mode,
    _version_of,
)
from tui.store.safe_files import open_regular, read_regular, refuse_links_below

JOURNAL_SUFFIX = ".journal"
MIN_COMPACT_BYTES = 32 * 1024


class DamagedJournalError(Exception):
    """A whole line of the journal is not a journal entry."""


class _Retry(Exception):
    """The base file was replaced while it was read without the lock: read it again."""


@dataclass(eq=False)  # never compared: no __eq__ to generate at start
class _State:
    base: tuple[int, int, int, int]
    journal: tuple[int, int]  # (device, inode) of the journal read
    offset: int  # read up to here: always just after a newline
    tables: Tables
    clean: bool


def _apply_line(tables: Tables, line: bytes) -> None:
    try:
        entry = json.loads(line)
    except (ValueError, RecursionError) as error:
        raise DamagedJournalError(str(error)) from error
    changed = entry.get("d") if isinstance(entry, dict) else None
    if not isinstance(changed, dict):
        raise DamagedJournalError("not a journal entry")
    for table, docs in changed.items():
        if not isinstance(docs, dict):
            raise DamagedJournalError(f"table {table!r} is not an object")
        target = tables.setdefault(table, {})
        for key, doc in docs.items():
            if doc is None:
                target.pop(key, None)
            else:
                target[key] = doc


class JournaledFile(DocumentFile):
    """A `DocumentFile` whose writes append to its journal instead of rewriting it."""

    def __init__(
        self, path: Path, *, root: Path, lock_path: Path, schema: Schema, notices: Notices
    ) -> None:
        super().__init__(path, root=root, lock_path=lock_path, schema=schema, notices=notices)
        self.journal_path = path.with_name(path.name + JOURNAL_SUFFIX)
        self._state: _State | None = None

    # -- reading -------------------------------------------------------------------------

    def _load(self) -> Tables:
        for _ in range(3):
            try:
                return self._replayed(_Mode.PEEK)
            except _Retry:
                continue
            except DamagedJournalError:
                break
        try:
            with exclusive_lock(self._lock_path, root=self._root):
                return self._replayed(_Mode.REPAIR)
        except OSError as error:
            self._notices.write_failed(reason_of(error))
        self._state = None
        try:
            return self._replayed(_Mode.MEMORY)
        except _Retry:
            return super()._load()

    def _replayed(self, mode: _Mode) -> Tables:
        """The base with every journal line on top; raises `_Retry` when a writer rewrote the
        base meanwhile (without the lock)."""
        signature = self._signature()
        state = self._state
        if state is None or signature is None or state.base != signature:
            state = self._read_base(mode, signature)
        try:
            try:
                self._read_journal(state, mode)
            except _Retry:
                if mode is not _Mode.REPAIR:
                    raise
                state = self._read_base(mode, self._signature())  # lock held: once is enough
                self._read_journal(state, mode)
        except DamagedJournalError:
            if mode is not _Mode.REPAIR:
                raise
            self._set_journal_aside(state)
        if mode is not _Mode.REPAIR and self._signature() != signature:
            self._state = None
            raise _Retry
        self._clean = state.clean
        return state.tables

    def _read_base(self, mode: _Mode, signature: tuple[int, int, int, int] | None) -> _State:
        if mode is _Mode.PEEK:
            tables = super()._load()
            # Only a base this version wrote and that was read whole: not a refused link.
            trusted = META_TABLE in tables and self._last_read is not None
            trusted = trusted and self._last_read is not None and self._last_read[0] == signature
        else:
            tables = self._read(mode)
            trusted = mode is _Mode.REPAIR
        copied = {name: dict(docs) for name, docs in tables.items()}
        state = _State(signature or (0, 0, 0, 0), (0, 0), 0, copied, self._clean)
        self._state = state if trusted and signature is not None else None
        return state

    def _read_journal(self, state: _State, mode: _Mode) -> None:
        try:
            refuse_links_below(self.journal_path, self._root)
            fd = open_regular(self.journal_path, os.O_RDWR if mode is _Mode.REPAIR else os.O_RDONLY)
        except (FileNotFoundError, NotADirectoryError):
            return
        try:
            info = os.fstat(fd)
            ident = (info.st_dev, info.st_ino)
            if ident != state.journal or info.st_size < state.offset:
                if state.journal != (0, 0):
                    raise _Retry  # emptied or replaced by a compaction: start again
                state.journal = ident
            chunk = os.pread(fd, info.st_size - state.offset, state.offset)
            end = chunk.rfind(b"\n") + 1
            if mode is _Mode.REPAIR and end < len(chunk):
                os.ftruncate(fd, state.offset + end)  # a write cut off: it never returned
            lines = chunk[:end]
            for line in lines.splitlines():
                if line.strip():
                    self._replay(state.tables, line, mode)
            state.offset += end
            state.clean = state.clean and json_text_is_clean(lines)
        finally:
            os.close(fd)

    def _replay(self, tables: Tables, line: bytes, mode: _Mode) -> None:
        try:
            _apply_line(tables, line)
        except DamagedJournalError:
            if mode is not _Mode.MEMORY:
                raise
            self._notices.add(f"{self.name}{JOURNAL_SUFFIX} has a damaged line; it is skipped")

    def _set_journal_aside(self, state: _State) -> None:
        """Lock held: fold the good lines into the base, then move the journal aside."""
        good = self._read(_Mode.REPAIR)
        fd = open_regular(self.journal_path, os.O_RDONLY)
        try:
            raw = os.pread(fd, os.fstat(fd).st_size, 0)
        finally:
            os.close(fd)
        for line in raw.splitlines():
            try:
                _apply_line(good, line)
            except DamagedJournalError:
                continue
        self._write_base(good, move_journal=False)
        aside = set_aside(self.journal_path, datetime.now(UTC))
        shown = self.name + JOURNAL_SUFFIX + aside.name[len(self.journal_path.name) :]
        self._notices.add(f"{self.name}{JOURNAL_SUFFIX} had a damaged line; set aside as {shown}")
        state.tables, state.offset, state.journal = good, 0, (0, 0)
        state.base = self._signature() or (0, 0, 0, 0)
        self._state = state

    # -- writing (lock held) -------------------------------------------------------------

    def flush_locked(self) -> bool:
        if not self._pending:
            return True
        try:
            tables = self._replayed(_Mode.REPAIR)
            state = self._state
            if _version_of(tables) > self._schema.version:
                return False
            if state is None or _version_of(tables) < self._schema.version or self._too_long():
                return self._compact(tables)
            entry = self._changed_docs(tables)
            self._append(entry, state)
        except (OSError, UnreadableFileError, _Retry) as error:
            shown = reason_of(error) if isinstance(error, OSError) else str(error) or "retry"
            self._notices.write_failed(shown, self.name)
            self._state = None
            return False
        self._pending.clear()
        return True

    def _changed_docs(self, tables: Tables) -> dict[str, dict[str, object]]:
        """Apply the pending changes to `tables`; the documents they leave, by table."""
        entry: dict[str, dict[str, object]] = {}
        for table, changes in self._pending.items():
            docs = tables.setdefault(table, {})
            for key, change in changes.items():
                old = docs.get(key)
                new = None
                if change is not None:
                    new = self._merges[table](old if isinstance(old, dict) else None, change)
                if new is None:
                    docs.pop(key, None)
                else:
                    docs[key] = new
                entry.setdefault(table, {})[key] = new
        return entry

    def _append(self, entry: dict[str, dict[str, object]], state: _State) -> None:
        line = json.dumps({"d": entry}, separators=(",", ":")).encode("utf-8") + b"\n"
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        fd = open_regular(self.journal_path, flags)
        try:
            size = os.fstat(fd).st_size
            try:
                atomic_storage._write_all(fd, line)  # looked up here: tests make it fail
                os.fsync(fd)
            except BaseException:
                os.ftruncate(fd, size)  # no half line for the next writer to find
                raise
            info = os.fstat(fd)
        finally:
            os.close(fd)
        state.journal = (info.st_dev, info.st_ino)
        state.offset = size + len(line)
        state.clean = state.clean and json_text_is_clean(line)

    def _too_long(self) -> bool:
        state = self._state
        base_size = state.base[2] if state is not None else 0
        return state is not None and state.offset > max(MIN_COMPACT_BYTES, base_size // 4)

    def _compact(self, tables: Tables) -> bool:
        """Write the base whole (pending changes in), then empty the journal. The changes go to
        the journal first, so the journal set aside with the old base holds them too."""
        entry = self._changed_docs(tables)
        if self._state is not None:
            self._append(entry, self._state)
        self._write_base(tables)
        self._pending.clear()
        return True

    def _write_base(self, tables: Tables, *, move_journal: bool = True) -> None:
        tables[META_TABLE] = {"1": {"schema": self._schema.version}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._remove_stale_temp_files()
        payload = encode_tables(tables)
        write_atomically(self.path, payload, keep_backup=True)
        # Only now: were the journal emptied first, a crash here would lose its lines. It is
        # kept beside the base's last copy (`.bak`): the two give this base back if it breaks.
        try:
            refuse_links_below(self.journal_path, self._root)
            if move_journal:
                os.replace(self.journal_path, self._old_journal)
        except FileNotFoundError:
            pass
        signature = self._signature()
        self._clean = json_text_is_clean(payload)
        self._last_read = None
        if signature is not None:
            self._state = _State(signature, (0, 0), 0, tables, self._clean)

    @property
    def _old_journal(self) -> Path:
        return self.journal_path.with_name(self.journal_path.name + ".bak")

    def _restore_backup(self) -> tuple[Tables, bool]:
        """The base's last copy with the journal it had then on top (see `_write_base`)."""
        tables, restored = super()._restore_backup()
        if not restored:
            return tables, False
        try:
            raw = read_regular(self._old_journal)
        except OSError:
            return tables, True
        for line in raw[: raw.rfind(b"\n") + 1].splitlines():
            with contextlib.suppress(DamagedJournalError):
                _apply_line(tables, line)
        with contextlib.suppress(OSError):  # else the lines are in memory: the next write saves
            write_atomically(self.path, encode_tables(tables))
        return tables, True


def read_with_journal(path: Path) -> Tables:
    """The tables of a journaled file as a reader sees them: the base with every whole line of
    its journal on top (for tools and tests; the stores keep their own parsed copy)."""
    try:
        tables = parse_tables(path.read_bytes())
    except FileNotFoundError:
        tables = {}
    journal = path.with_name(path.name + JOURNAL_SUFFIX)
    raw = journal.read_bytes() if journal.exists() else b""
    for line in raw[: raw.rfind(b"\n") + 1].splitlines():
        if line.strip():
            _apply_line(tables, line)
    return tables
