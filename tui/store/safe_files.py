"""Opening files that someone else may have planted: only regular files, never through links.

Every data file, lock file and the config file is opened here. A named pipe or a device where a
file should be is refused at once (opened with `O_NONBLOCK`, then `fstat`), so nothing blocks on
it; inside the data folder a symbolic link is refused too (`O_NOFOLLOW` on the file, `lstat` on
each folder below the data folder), so nothing is read or created outside it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["UnsafeFileError", "open_regular", "read_regular", "refuse_links_below"]

_READ_CHUNK = 1024 * 1024


class UnsafeFileError(OSError):
    """A path that is a link, or not a regular file, where a data file should be."""


def refuse_links_below(path: Path, root: Path) -> None:
    """`UnsafeFileError` when a folder or file between `root` (exclusive) and `path` is a link.

    `root` itself may be a link (the user chose it); a path outside `root` is not checked.
    """
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return
    current = root
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return
        if stat.S_ISLNK(mode):
            raise _link_refused(current)


def open_regular(path: Path, flags: int, *, follow_links: bool = False, mode: int = 0o600) -> int:
    """A descriptor of `path` opened with `flags`, which must turn out to be a regular file.

    Never blocks on a FIFO; refuses a final symbolic link unless `follow_links`.
    """
    extra = os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags | extra, mode)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise UnsafeFileError(errno.ELOOP, "a symbolic link (refused)", str(path)) from error
        raise
    try:
        kind = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(kind):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        if not stat.S_ISREG(kind):
            raise UnsafeFileError(errno.EINVAL, "not a regular file (refused)", str(path))
        os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_regular(path: Path, *, follow_links: bool = False, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (at most `limit` + 1 when a limit is given)."""
    descriptor = open_regular(path, os.O_RDONLY, follow_links=follow_links)
    try:
        parts: list[bytes] = []
        remaining = None if limit is None else limit + 1
        # The whole file in one read as a rule (an 11 MB day file: no chunks to join), then
        # chunks for whatever it grew by meanwhile.
        chunk = max(_READ_CHUNK, os.fstat(descriptor).st_size + 1)
        while remaining is None or remaining > 0:
            size = chunk if remaining is None else min(remaining, chunk)
            chunk = _READ_CHUNK
            part = os.read(descriptor, size)
            if not part:
                break
            parts.append(part)
            if remaining is not None:
                remaining -= len(part)
        return b"".join(parts)
    finally:
        os.close(descriptor)


def _link_refused(path: Path) -> UnsafeFileError:
    return UnsafeFileError(errno.ELOOP, f"{path} is a symbolic link (refused)", str(path))
