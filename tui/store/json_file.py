"""Reading the small JSON documents of the data folder (examples, Zotero sends, venues) the way
every store reads: only a regular file, never through a link, and a file that does not parse is
set aside as `<name>.corrupt-<time>` (kept for the user, never overwritten) with a one-line
notice, instead of being read as empty and then written over."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.store.atomic_storage import reason_of, set_aside
from tui.store.safe_files import read_regular


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
