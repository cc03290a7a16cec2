"""The user's own feed list (edited in the reader or imported from OPML), one JSON file.

The app never writes config.toml; once the user adds, pauses or removes a feed, the whole list
lives here and wins over the configured feeds (`tui.domain.feeds.feed_list.effective_feeds`).
`load` returns None while the user has never customised the list. Writes are atomic (temp
file, fsync, `os.replace`). A file that cannot be read is set aside as
`<name>.corrupt-<UTC stamp>` and the user is told once through `take_notices`; a file from a
newer version is left alone and never overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.store.atomic_storage import reason_of, set_aside, write_atomically
from tui.store.safe_files import read_regular

__all__ = ["SCHEMA_VERSION", "FeedListStore"]

SCHEMA_VERSION = 1


class _Unreadable(Exception):
    """The file is not a feed list of any version."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _encode(feed: FeedSpec) -> dict[str, Any]:
    return {
        "name": feed.name,
        "url": feed.url,
        "kind": feed.kind.value,
        "refresh_minutes": feed.refresh_minutes,
        "enabled": feed.enabled,
    }


def _decode(item: object) -> FeedSpec | None:
    """One stored feed; None for an entry without a usable URL. Odd fields get defaults."""
    if not isinstance(item, dict):
        return None
    url, name = item.get("url"), item.get("name")
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        kind = FeedKind(item.get("kind", "auto"))
    except ValueError:
        kind = FeedKind.AUTO
    refresh = item.get("refresh_minutes")
    enabled = item.get("enabled", True)
    return FeedSpec(
        name=name if isinstance(name, str) and name.strip() else url,
        url=url,
        kind=kind,
        refresh_minutes=refresh if type(refresh) is int and refresh > 0 else None,
        enabled=enabled if isinstance(enabled, bool) else True,
    )


def _parse(raw: bytes) -> tuple[int, list[object]]:
    """The schema version and the raw feed entries; `_Unreadable` when the file is not ours."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _Unreadable("not JSON") from error
    if not isinstance(data, dict):
        raise _Unreadable("not a JSON object")
    version, feeds = data.get("schema"), data.get("feeds")
    if type(version) is not int or version < 1:
        raise _Unreadable("no schema version")
    if version == SCHEMA_VERSION and not isinstance(feeds, list):
        raise _Unreadable("no feed list")
    return version, feeds if isinstance(feeds, list) else []


class FeedListStore:
    """The customised feed list in `path` (a JSON file in the data folder)."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self.path = path
        self._clock = clock
        self._notices: list[str] = []
        self._newer_version: int | None = None

    def _tell(self, text: str) -> None:
        if text not in self._notices:
            self._notices.append(text)

    def take_notices(self) -> list[str]:
        """The one-line messages for the user since the last call (each told once)."""
        notices, self._notices = self._notices, []
        return notices

    def load(self) -> list[FeedSpec] | None:
        """The customised list, or None when there is none (never customised, or unreadable)."""
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return None
        except OSError as error:
            self._tell(f"{self.path.name} cannot be read ({reason_of(error)}); using config feeds")
            return None
        try:
            version, entries = _parse(raw)
        except _Unreadable as error:
            self._set_aside(str(error))
            return None
        if version > SCHEMA_VERSION:
            self._newer_version = version
            self._tell(
                f"{self.path.name} was written by a newer dailypapers (schema {version}); "
                "using config feeds and leaving it untouched"
            )
            return None
        feeds = [feed for feed in map(_decode, entries) if feed is not None]
        if len(feeds) < len(entries):
            self._tell(f"{self.path.name}: skipped {len(entries) - len(feeds)} unreadable feeds")
        return feeds

    def save(self, feeds: Sequence[FeedSpec]) -> None:
        """Replace the stored list atomically. A failure is a notice; the old file stays whole."""
        if self._newer_version is not None:
            self._tell(f"feed changes not saved: {self.path.name} is from a newer dailypapers")
            return
        document = {"schema": SCHEMA_VERSION, "feeds": [_encode(feed) for feed in feeds]}
        payload = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, payload)
        except OSError as error:
            self._tell(f"feed changes cannot be saved: {reason_of(error)}")

    def _set_aside(self, why: str) -> None:
        try:
            aside = set_aside(self.path, self._clock())
        except OSError as error:
            self._tell(
                f"{self.path.name} is unreadable ({why}) and cannot be moved aside: "
                f"{reason_of(error)}; using config feeds"
            )
            return
        self._tell(
            f"{self.path.name} was unreadable ({why}); set aside as {aside.name}; "
            "using config feeds"
        )
