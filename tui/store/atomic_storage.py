"""The bytes on disk: atomic writes, the file lock, unreadable files (the TinyDB storage over
them is in `store/tinydb_storage.py`, so that nothing here loads TinyDB).

A write goes to a temp file in the same folder, is flushed and fsynced, then `os.replace`d over
the old file (and the folder fsynced), so a crash leaves either the old or the new file, never a
torn one. The old version is kept as `<name>.bak` (a hard link, so it costs no copy). Writers
serialise on an `fcntl.flock` of a lock file; the kernel drops the lock when a process dies.
The lock is re-entrant within a thread (a store holding it across a whole write reads and
repairs files under it), and excludes other threads of the process like other processes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.domain.fast_json import REFUSED, decode_or_refuse
from tui.store.safe_files import open_regular, refuse_links_below

Tables = dict[str, dict[str, Any]]

LOCK_TIMEOUT_S = 10.0
_held = threading.local()  # per thread: lock path -> how many holds are nested


class UnreadableFileError(Exception):
    """The file exists but is not a TinyDB JSON document (truncated, garbage, wrong type)."""


class LockUnavailableError(OSError):
    """The lock file cannot be created or taken; writes wait in memory until it can."""


def reason_of(error: OSError) -> str:
    """A short human reason for an OSError (``No space left on device``)."""
    return error.strerror or str(error) or type(error).__name__


def parse_tables(raw: bytes) -> Tables:
    """The tables of a TinyDB JSON file; `UnreadableFileError` when it is not one."""
    if not raw.strip():
        raise UnreadableFileError("empty file")
    data = _fast_decode(raw) if len(raw) >= FAST_DECODE_FROM else _REFUSED
    try:
        if data is _REFUSED:
            data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise UnreadableFileError("not UTF-8") from error
    except (ValueError, RecursionError) as error:
        raise UnreadableFileError(f"not JSON: {error}") from error
    if not isinstance(data, dict):
        raise UnreadableFileError(f"top level is a {type(data).__name__}, not an object")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise UnreadableFileError(f"table {name!r} is not an object")
    return data


FAST_DECODE_FROM = 256 * 1024  # below it, importing msgspec costs more than it saves
_REFUSED = REFUSED
_fast_decode = decode_or_refuse  # a day of 5,000 papers: ~14 ms against json.loads' ~27


def encode_tables(tables: Tables) -> bytes:
    """Compact JSON (ASCII, so a stray byte never hides in the file)."""
    return json.dumps(tables, separators=(",", ":")).encode("utf-8")


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; some filesystems refuse to open a folder: not fatal.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _link_backup(path: Path) -> None:
    """Keep the current file as `<name>.bak` (its last good version) without copying it."""
    backup = path.with_name(path.name + ".bak")
    staging = path.with_name(f".{path.name}.bak-{os.getpid()}")
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(staging)
        os.link(path, staging)
        os.replace(staging, backup)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(staging)


def write_atomically(
    path: Path,
    payload: bytes,
    *,
    keep_backup: bool = False,
    mode: int | None = None,
    durable: bool = True,
) -> None:
    """Replace `path` by `payload` all at once; on any error the old file is untouched. The
    new file is private (0600) unless `mode` says otherwise. Not `durable`: no fsync (~10 ms),
    for a file that may be lost or cut short by a crash (a cache that checks its own length)."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            if mode is not None:
                os.fchmod(fd, mode)
            _write_all(fd, payload)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and path.exists():
            _link_backup(path)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_dir(path.parent)


def set_aside(path: Path, when: datetime) -> Path:
    """Move an unreadable file out of the way as `<name>.corrupt-<UTC stamp>` (never over an
    earlier one) and return where it went; the original bytes are kept for the user."""
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    os.rename(path, aside)
    return aside


@contextlib.contextmanager
def exclusive_lock(
    lock_path: Path, timeout: float = LOCK_TIMEOUT_S, *, root: Path | None = None
) -> Iterator[None]:
    """Hold an exclusive flock on `lock_path` (created, with its folder, when missing); a
    thread that holds it already just goes on (a second flock of the file would wait on it).

    The lock file must be a regular file, not a link; with `root` (the data folder) no folder
    between it and the lock may be a link either, so the lock is never created outside it.
    """
    depths: dict[str, int] = _held.__dict__.setdefault("depths", {})
    key = os.path.abspath(lock_path)
    if depths.get(key):
        depths[key] += 1
        try:
            yield
        finally:
            depths[key] -= 1
        return
    try:
        if root is not None:
            refuse_links_below(lock_path, root)
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_regular(lock_path, os.O_RDWR | os.O_CREAT)
    except OSError as error:
        raise LockUnavailableError(
            error.errno, f"cannot open the lock file {lock_path}: {reason_of(error)}"
        ) from error
    try:
        _acquire(fd, lock_path, timeout)
        depths[key] = 1
        try:
            yield
        finally:
            depths.pop(key, None)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(fd: int, lock_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockUnavailableError(
                    errno.EWOULDBLOCK,
                    f"{lock_path} is held by another process (waited {timeout:g} s)",
                ) from None
            time.sleep(0.002)
        except OSError as error:
            raise LockUnavailableError(
                error.errno, f"cannot lock {lock_path}: {reason_of(error)}"
            ) from error
