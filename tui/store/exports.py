"""Files the user asked for: exports, a merged bibliography (backed up first), and clipboard text
too long for OSC 52. Every write is atomic (temp file in the same folder, fsync, replace). A
user's file is read and written back byte for byte, whatever its encoding."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

from tui.store.atomic_storage import write_atomically
from tui.store.locations import DataFiles


def write_text_atomic(path: Path, text: str, *, user_file: bool = False) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never a mix.

    A `user_file` (an export, the user's .bib) gets no folders made for it (a missing folder is
    FileNotFoundError) and the mode a plain write would give: the old file's, else the umask's;
    when it is a symbolic link, the file it points to is replaced and the link kept.
    """
    if user_file and path.is_symlink():  # a refs.bib linked into a synced folder stays a link
        path = path.resolve()
    if not user_file:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(path.parent))
    mode = _user_mode(path) if user_file else None
    # A user's file read by `read_user_text` may hold bytes that are not UTF-8: back as they were.
    errors = "surrogateescape" if user_file else "strict"
    write_atomically(path, text.encode("utf-8", errors), mode=mode)


def read_user_text(path: Path) -> tuple[str, bool]:
    """The text of the user's file, and whether it is UTF-8. Bytes that are not (a Latin-1 .bib)
    become lone surrogates, which `write_text_atomic` writes back as the very same bytes."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape"), False


def _user_mode(path: Path) -> int:
    """The permission bits of `path`, or of a new file under the process's umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0o022)  # reading the umask sets it: put it straight back
        os.umask(mask)
        return 0o666 & ~mask


def backup_file(path: Path) -> Path | None:
    """Copy `path` to `<path>.bak-<UTC time>` before it is changed; None when it does not exist."""
    if not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = path.with_name(f"{path.name}.bak-{stamp}")
    shutil.copy2(path, backup)
    return backup


def write_clipboard_overflow(data_dir: Path, text: str) -> Path | None:
    """Text too long for the terminal clipboard goes to `<data>/clipboard.txt`; None on failure."""
    path = DataFiles(data_dir).clipboard_overflow_file
    try:
        write_text_atomic(path, text)
    except OSError:
        return None
    return path
