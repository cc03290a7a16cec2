"""Files the user asked for: exports, a merged bibliography (backed up first), and clipboard text
too long for OSC 52. Every write is atomic (temp file in the same folder, fsync, replace)."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def write_text_atomic(path: Path, text: str, *, user_file: bool = False) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never a mix.

    A `user_file` (an export, the user's .bib) gets no folders made for it (a missing folder is
    FileNotFoundError) and the mode a plain write would give: the old file's, else the umask's.
    """
    if not user_file:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(path.parent))
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if user_file:
            os.fchmod(fd, _user_mode(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


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
    path = data_dir / "clipboard.txt"
    try:
        write_text_atomic(path, text)
    except OSError:
        return None
    return path
