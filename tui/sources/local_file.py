"""Reading a feed from a local file (`--feed ./file.json`): bytes out, size capped.

Failures become a one-line `FetchError`, the same as for a network feed. Only regular files are
read: a FIFO or device named by mistake must not block or stream forever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.sources.errors import DEFAULT_MAX_BYTES, FetchError, one_line, too_large

__all__ = ["read_feed_file"]


def read_feed_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the feed file at `path`; `FetchError` if missing, odd, empty or too big."""
    name = one_line(str(path), 80)
    try:
        # O_NONBLOCK so that opening a FIFO does not wait for a writer; fstat then rejects it.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        raise FetchError(f"feed file not found: {name}", kind="bad_url") from exc
    except OSError as exc:
        raise FetchError(f"cannot read feed file {name}: {_reason(exc)}", kind="bad_url") from exc
    try:
        body = _read_regular(descriptor, name, max_bytes + 1)
    except OSError as exc:
        raise FetchError(f"cannot read feed file {name}: {_reason(exc)}", kind="bad_url") from exc
    if len(body) > max_bytes:
        raise too_large(max_bytes)
    if not body:
        raise FetchError(f"feed file is empty: {name}", kind="empty")
    return body


def _read_regular(descriptor: int, name: str, limit: int) -> bytes:
    """Up to `limit` bytes from an open descriptor that must be a regular file; closes it."""
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise FetchError(f"not a regular file: {name}", kind="bad_url")
        parts: list[bytes] = []
        remaining = limit
        while remaining > 0:
            part = os.read(descriptor, min(remaining, 1024 * 1024))
            if not part:
                break
            parts.append(part)
            remaining -= len(part)
        return b"".join(parts)
    finally:
        os.close(descriptor)


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()
