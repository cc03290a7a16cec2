"""Reading the small JSON documents of the data folder (examples, Zotero sends, venues) the way
every store reads: only a regular file, never through a link, and a file that does not parse is
set aside as `<name>.corrupt-<time>` (kept for the user, never overwritten) with a one-line
notice, instead of being read as empty and then written over."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.store.atomic_storage import exclusive_lock, reason_of, set_aside, write_atomically
from tui.store.safe_files import read_regular


class JsonDocument:
    """One small JSON object file of the data folder: read through `read_json_object`, changed
    under its own lock (read again, changed, written atomically), so two processes never lose
    each other's changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = path.with_name(f".{path.name}.lock")
        self.notices: list[str] = []  # files set aside, for the user (one line each)

    def read(self) -> dict[str, Any]:
        return read_json_object(self.path, self.notices)

    def update(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Apply `change` to the object on disk, under the lock."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with exclusive_lock(self._lock):
            data = self.read()
            change(data)
            payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
            write_atomically(self.path, payload.encode("utf-8"))


def read_json_object(path: Path, notices: list[str] | None = None) -> dict[str, Any]:
    """The JSON object in `path`; ``{}`` when there is none. A file that is there but is no JSON
    object is moved aside first (and said so in `notices`), so a later write loses nothing."""
    try:
        raw = read_regular(path)
    except FileNotFoundError:
        return {}
    except OSError as error:
        _tell(notices, f"{path.name} cannot be read ({reason_of(error)})")
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if isinstance(data, dict):
        return data
    try:
        aside = set_aside(path, datetime.now(UTC))
    except OSError as error:
        _tell(notices, f"{path.name} is unreadable and cannot be moved aside: {reason_of(error)}")
    else:
        _tell(notices, f"{path.name} was unreadable; set aside as {aside.name}")
    return {}


def _tell(notices: list[str] | None, text: str) -> None:
    if notices is not None and text not in notices:
        notices.append(text)
