"""One TinyDB file of a store: schema check, migration, setting aside, and unsaved changes.

A `DocumentFile` reads its file tolerantly and keeps the changes it could not save yet, so a
failed write (disk full, read-only folder, a file from a newer version) loses nothing while the
process lives and is retried by the next write. Writes happen only inside the store's flock
(`flush_locked`), where the file is re-read first so another process's changes are kept.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from tui.domain.sanitise import json_text_is_clean, sanitise_line
from tui.store.atomic_storage import (
    LockUnavailableError,
    Tables,
    UnreadableFileError,
    encode_tables,
    exclusive_lock,
    parse_tables,
    reason_of,
    set_aside,
    write_atomically,
)
from tui.store.safe_files import read_regular, refuse_links_below

Doc = dict[str, Any]
Merge = Callable[[Doc | None, Doc], Doc]
# A merge that may also remove the document (returns None).
Change = Callable[[Doc | None, Doc], Doc | None]
META_TABLE = "_meta"
LEGACY_TABLE = "_default"


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to generate at start
class Schema:
    """The schema a store writes. Version 0 is a plain TinyDB file: documents with int ids in
    `_default`, each naming its key in a field; `keys` maps each table to that field."""

    version: int
    keys: Mapping[str, str] = field(default_factory=dict)


CURRENT_VERSION = 1


class Notices:
    """One-line messages for the user, each handed out once; a failing write is told once.

    Messages name files and quote system errors: each is sanitised here, once for every store.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[str] = []
        self._failure: str | None = None

    def add(self, text: str) -> None:
        text = sanitise_line(text)
        with self._lock:
            if text not in self._items:
                self._items.append(text)

    def write_failed(self, reason: str, where: str = "") -> None:
        """Tell of a failed write, unless the last write failed for the same reason."""
        with self._lock:
            if reason != self._failure:
                self._failure = reason
                suffix = f" ({where})" if where else ""
                self._items.append(sanitise_line(f"changes cannot be saved: {reason}{suffix}"))

    @property
    def last_failure(self) -> str | None:
        """Why the last write failed, while it is still failing."""
        with self._lock:
            return self._failure

    def write_succeeded(self) -> None:
        with self._lock:
            self._failure = None

    def take(self) -> list[str]:
        with self._lock:
            items, self._items = self._items, []
            return items


def overlay(known: frozenset[str]) -> Merge:
    """A merge that takes every known field from the new document and keeps unknown old ones."""

    def merge(old: Doc | None, new: Doc) -> Doc:
        kept = {k: v for k, v in (old or {}).items() if k not in known}
        return {**kept, **new}

    return merge


def change_fields(old: Doc | None, change: Doc) -> Doc | None:
    """A merge that changes only the fields named in `change` (None removes one) and keeps
    every other field of the document as it is on disk; a document left with nothing but
    false or empty values goes."""
    merged = {**(old or {}), **change}
    kept = {key: value for key, value in merged.items() if value is not None}
    return kept if any(value not in (False, "", 0) for value in kept.values()) else None


def join_changes(first: Doc | None, then: Doc) -> Doc:
    """Two field changes as one (the later wins per field; a None, "remove", is kept)."""
    return {**(first or {}), **then}


def apply_changes(docs: dict[str, Any], changes: Mapping[str, Doc | None], merge: Change) -> None:
    """Upsert (merge) or, for None, remove each document of `changes` in `docs`."""
    for key, new in changes.items():
        if new is None:
            docs.pop(key, None)
        else:
            old = docs.get(key)
            merged = merge(old if isinstance(old, dict) else None, new)
            if merged is None:
                docs.pop(key, None)
            else:
                docs[key] = merged


class _Mode(Enum):
    PEEK = "peek"  # no lock held: any repair needs the lock first
    REPAIR = "repair"  # lock held: set aside, back up and migrate on disk
    MEMORY = "memory"  # no lock can be had: repair in memory only, touch nothing


class _NeedsLockError(Exception):
    pass


class DocumentFile:
    """One partition file. Not thread-safe by itself: its store holds a lock around it."""

    def __init__(
        self, path: Path, *, root: Path, lock_path: Path, schema: Schema, notices: Notices
    ) -> None:
        self.path = path
        self._root = root
        self._lock_path = lock_path
        self._schema = schema
        self._notices = notices
        self._pending: dict[str, dict[str, Doc | None]] = {}
        self._merges: dict[str, Change] = {}
        self._newer_told = False
        self._last_read: tuple[tuple[int, int, int, int], Tables] | None = None
        self._clean = False  # the text of the file last read holds no odd character

    @property
    def name(self) -> str:
        """The file as the user sees it in a notice (``marks/2405.json``)."""
        try:
            return str(self.path.relative_to(self._root))
        except ValueError:
            return str(self.path)

    @property
    def root(self) -> Path:
        """The data folder this file lives in; no link below it is followed."""
        return self._root

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def pending(self, table: str) -> dict[str, Doc | None]:
        """The changes of `table` not written yet (a copy)."""
        return dict(self._pending.get(table, {}))

    # -- reading -------------------------------------------------------------------------

    def docs_checked(self, table: str) -> tuple[dict[str, Doc], bool]:
        """`docs`, and whether every string in them is known clean: the file's text held no
        character the sanitisers would touch (`json_text_is_clean`) and nothing is pending."""
        docs = self.docs(table)
        return docs, self._clean and not self._pending

    def docs(self, table: str) -> dict[str, Doc]:
        """The documents of `table` on disk, with this process's unsaved changes on top."""
        docs = dict(self._load().get(table, {}))
        changes = self._pending.get(table)
        if changes:
            apply_changes(docs, changes, self._merges[table])
        return {key: doc for key, doc in docs.items() if isinstance(doc, dict)}

    def _load(self) -> Tables:
        """The file's tables. A file unchanged since the last read (same inode, size and
        mtime: every write replaces the file) is not parsed again."""
        signature = self._signature()
        last = self._last_read
        if signature is not None and last is not None and last[0] == signature:
            return last[1]
        try:
            tables = self._read(_Mode.PEEK)
        except _NeedsLockError:
            pass
        else:
            self._last_read = None if signature is None else (signature, tables)
            return tables
        try:
            with exclusive_lock(self._lock_path, root=self._root):
                return self._read(_Mode.REPAIR)
        except OSError as error:
            self._notices.write_failed(reason_of(error))
            return self._read(_Mode.MEMORY)

    def _signature(self) -> tuple[int, int, int, int] | None:
        try:
            info = os.lstat(self.path)
        except OSError:
            return None
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)

    def _read(self, mode: _Mode) -> Tables:
        self._clean = False
        try:
            refuse_links_below(self.path, self._root)
            raw = read_regular(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except OSError as error:
            if mode is _Mode.REPAIR:
                raise  # a write must never replace a file it could not read
            self._notices.add(f"{self.name} cannot be read: {reason_of(error)}")
            return {}
        try:
            tables = parse_tables(raw)
            version = _version_of(tables)
            self._clean = version == self._schema.version and json_text_is_clean(raw)
        except UnreadableFileError as error:
            if mode is _Mode.PEEK:
                raise _NeedsLockError from error
            if mode is _Mode.MEMORY:
                self._notices.add(f"{self.name} is unreadable ({error}); it is left as it is")
                return {}
            return self._set_aside()
        if version > self._schema.version:
            self._tell_newer(version)
        elif version < self._schema.version:
            if mode is _Mode.PEEK:
                raise _NeedsLockError
            migrated = _migrate(tables, self._schema)
            if mode is _Mode.REPAIR:
                self._save_migration(raw, version, migrated)
            return migrated
        return tables

    def _tell_newer(self, version: int) -> None:
        if not self._newer_told:
            self._newer_told = True
            self._notices.add(
                f"{self.name} was written by a newer dailypapers (schema {version}); "
                "it is read-only here"
            )

    # -- repairing (lock held) -----------------------------------------------------------

    def _set_aside(self) -> Tables:
        """Move the unreadable file aside (never overwritten) and fall back to its `.bak`."""
        aside = set_aside(self.path, datetime.now(UTC))
        shown = self.name + aside.name[len(self.path.name) :]
        tables, restored = self._restore_backup()
        note = "; restored its last good copy" if restored else ""
        self._notices.add(f"{self.name} was unreadable; set aside as {shown}{note}")
        return tables

    def _restore_backup(self) -> tuple[Tables, bool]:
        backup = self.path.with_name(self.path.name + ".bak")
        try:
            raw = read_regular(backup)
            tables = parse_tables(raw)
            if _version_of(tables) != self._schema.version:
                return {}, False
            write_atomically(self.path, raw)
        except (OSError, UnreadableFileError):
            return {}, False
        return tables, True

    def _save_migration(self, raw: bytes, version: int, migrated: Tables) -> None:
        backup = self.path.with_name(f"{self.path.name}.bak-v{version}")
        try:
            if not backup.exists():
                write_atomically(backup, raw)
            write_atomically(self.path, encode_tables(migrated))
        except OSError as error:
            self._notices.write_failed(reason_of(error), self.name)

    # -- writing -------------------------------------------------------------------------

    def stage(
        self,
        table: str,
        changes: Mapping[str, Doc | None],
        merge: Change,
        combine: Change | None = None,
    ) -> None:
        """Queue changes in memory; `flush_locked` applies them with `merge`. Two changes of
        one document still waiting are joined with `combine` (default: `merge`)."""
        self._merges[table] = merge
        join = combine or merge
        pending = self._pending.setdefault(table, {})
        for key, new in changes.items():
            before = pending.get(key)
            pending[key] = new if new is None or before is None else join(before, new)

    def flush_locked(self) -> bool:
        """Write the pending changes (caller holds the lock); False when they stay pending."""
        if not self._pending:
            return True
        try:
            tables = self._read(_Mode.REPAIR)
            if _version_of(tables) > self._schema.version:
                return False
            for table, changes in self._pending.items():
                apply_changes(tables.setdefault(table, {}), changes, self._merges[table])
            tables[META_TABLE] = {"1": {"schema": self._schema.version}}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._remove_stale_temp_files()
            payload = encode_tables(tables)
            write_atomically(self.path, payload, keep_backup=True)
            self._clean = json_text_is_clean(payload)
            signature = self._signature()
            self._last_read = None if signature is None else (signature, tables)
        except (OSError, UnreadableFileError) as error:
            shown = reason_of(error) if isinstance(error, OSError) else str(error)
            self._notices.write_failed(shown, self.name)
            return False
        self._pending.clear()
        return True

    def _remove_stale_temp_files(self) -> None:
        # Every write of this file happens under the lock we hold: a temp file of it that is
        # still here was left by a writer that was killed.
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stale.unlink(missing_ok=True)


def flush_all(files: list[DocumentFile], lock_path: Path, notices: Notices) -> None:
    """Write every file with pending changes, all under one hold of the lock."""
    waiting = [f for f in files if f.has_pending]
    if not waiting:
        return
    try:
        with exclusive_lock(lock_path, root=waiting[0].root):
            saved = [f.flush_locked() for f in waiting]
    except LockUnavailableError as error:
        notices.write_failed(reason_of(error))
        return
    if all(saved):
        notices.write_succeeded()


def _version_of(tables: Tables) -> int:
    meta = tables.get(META_TABLE)
    if meta is None:
        return 0
    doc = meta.get("1")
    version = doc.get("schema") if isinstance(doc, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise UnreadableFileError("bad schema version")
    return version


def _migrate(tables: Tables, schema: Schema) -> Tables:
    """Bring an older file up to `schema`; running it on its own output changes nothing."""
    migrated = {name: dict(docs) for name, docs in tables.items()}
    legacy = migrated.pop(LEGACY_TABLE, {})
    left: dict[str, Any] = {}
    for doc_id, doc in legacy.items():
        placed = False
        for table, key_field in schema.keys.items():
            key = doc.get(key_field) if isinstance(doc, dict) else None
            if isinstance(key, str) and key:
                rest = {k: v for k, v in doc.items() if k != key_field}
                migrated.setdefault(table, {}).setdefault(key, rest)
                placed = True
                break
        if not placed:
            left[doc_id] = doc
    if left:
        migrated[LEGACY_TABLE] = left
    migrated[META_TABLE] = {"1": {"schema": schema.version}}
    return migrated
