"""Files the user asked for: exports, a merged bibliography (backed up first), and clipboard text
too long for OSC 52. Every write is atomic (temp file in the same folder, fsync, replace)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from tui.store.atomic_storage import write_atomically
from tui.store.locations import DataFiles


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))


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
