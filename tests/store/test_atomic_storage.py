"""Atomic writes, unreadable-file detection, the flock, and TinyDB compatibility."""

from __future__ import annotations

import errno
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB

from tests.store.helpers import child, temp_files
from tui.store import atomic_storage
from tui.store.atomic_storage import (
    LockUnavailableError,
    UnreadableFileError,
    exclusive_lock,
    parse_tables,
    write_atomically,
)
from tui.store.tinydb_storage import AtomicJSONStorage, KeyedTable

GOOD = b'{"marks": {"2405.00001": {"read": true}}}'


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   \n",
        GOOD[:-7],
        GOOD + b"garbage",
        b"\x00" * 32,
        GOOD[:10] + b"\x00\x00" + GOOD[10:],
        b"[1, 2, 3]",
        b'"text"',
        b'{"marks": [1, 2]}',
        b"\xff\xfe{}",
        b"[" * 100_000,
    ],
    ids=[
        "empty",
        "blank",
        "truncated",
        "trailing",
        "nuls",
        "nul-inside",
        "list",
        "string",
        "table-list",
        "not-utf8",
        "deep",
    ],
)
def test_unreadable_bytes_are_reported_not_raised_as_anything_else(raw: bytes) -> None:
    with pytest.raises(UnreadableFileError):
        parse_tables(raw)


def test_a_good_file_parses() -> None:
    assert parse_tables(GOOD) == {"marks": {"2405.00001": {"read": True}}}


def test_write_replaces_the_file_and_keeps_the_old_one_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    write_atomically(path, b"one", keep_backup=True)
    write_atomically(path, b"two", keep_backup=True)
    assert path.read_bytes() == b"two"
    assert (tmp_path / "x.json.bak").read_bytes() == b"one"
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG])
def test_a_failed_replace_keeps_the_old_file_and_removes_the_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"old")

    def refuse(*_: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError) as caught:
        write_atomically(path, b"new")
    assert caught.value.errno == code
    assert path.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_a_write_that_runs_out_of_space_halfway_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"old")

    def half_then_full(fd: int, payload: bytes) -> None:
        os.write(fd, payload[: len(payload) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_storage, "_write_all", half_then_full)
    with pytest.raises(OSError):
        write_atomically(path, b"new contents")
    assert path.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_a_refused_temp_file_is_an_oserror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OSError):
        write_atomically(tmp_path / "x.json", b"new")
    assert list(tmp_path.iterdir()) == []


def test_storage_reads_missing_as_empty_and_never_creates_on_open(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "missing" / "x.json")
    assert storage.read() is None
    assert not (tmp_path / "missing").exists()


def test_tinydb_opens_a_store_file_with_string_ids(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    AtomicJSONStorage(path).write({"marks": {"2405.00001": {"read": True}}})
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table_class = KeyedTable
    table = db.table("marks")
    paper_id: Any = "2405.00001"  # tinydb's hints assume int ids
    assert table.get(doc_id=paper_id) == {"read": True}
    table.update({"saved": True}, doc_ids=[paper_id])
    assert parse_tables(path.read_bytes())["marks"]["2405.00001"] == {"read": True, "saved": True}


def test_the_lock_creates_its_folder(tmp_path: Path) -> None:
    lock = tmp_path / "a" / "b" / ".lock"
    with exclusive_lock(lock):
        assert lock.exists()


def test_a_lock_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    lock = exclusive_lock(tmp_path / "file" / ".lock")
    with pytest.raises(LockUnavailableError, match="cannot open the lock file"), lock:
        pass


def test_a_lock_held_by_another_process_times_out_then_is_freed_when_it_dies(
    tmp_path: Path,
) -> None:
    lock = tmp_path / ".lock"
    script = (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = child(script, str(lock))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        busy = exclusive_lock(lock, timeout=0.1)
        with pytest.raises(LockUnavailableError, match="held by another process"), busy:
            pass
    finally:
        holder.kill()
        holder.wait()
    with exclusive_lock(lock, timeout=1.0):  # a stale lock does not outlive its process
        assert holder.returncode is not None


def test_the_lock_is_re_entrant_in_its_thread_and_excludes_other_threads(tmp_path: Path) -> None:
    lock = tmp_path / ".lock"
    outcome: list[str] = []

    def other_thread() -> None:
        try:
            with exclusive_lock(lock, timeout=0.1):
                outcome.append("taken")
        except LockUnavailableError:
            outcome.append("busy")

    with exclusive_lock(lock, timeout=0.1):
        started = time.monotonic()
        with exclusive_lock(lock, timeout=5.0), exclusive_lock(lock, timeout=5.0):
            assert time.monotonic() - started < 1.0  # no wait on its own hold
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        assert outcome == ["busy"]  # still held after the nested holds ended
    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert outcome == ["busy", "taken"]
