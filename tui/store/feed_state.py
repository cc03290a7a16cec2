"""Per-feed fetch state (validators for conditional GET, last success, failures) and small
app-wide values such as the last visit time, in one file: `feeds.json`.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from tui.domain.feeds.state import FeedState
from tui.store.datafile import CURRENT_VERSION, DocumentFile, Notices, Schema, flush_all, overlay

FEEDS_TABLE = "feeds"
META_VALUES_TABLE = "meta"
SCHEMA = Schema(CURRENT_VERSION, {FEEDS_TABLE: "url"})


_FIELDS = frozenset(f.name for f in fields(FeedState))
_COUNTS = frozenset({"failures", "paper_count"})


def feed_state_to_doc(state: FeedState) -> dict[str, object]:
    """The stored form: every field, None included (so a cleared error is written as such)."""
    return {f.name: getattr(state, f.name) for f in fields(FeedState)}


def feed_state_from_doc(doc: Mapping[str, object]) -> FeedState:
    """The state a stored document describes; wrong types fall back to the defaults."""
    values: dict[str, Any] = {}
    for name in _FIELDS:
        value = doc.get(name) if isinstance(doc, Mapping) else None
        if name in _COUNTS:
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, str)
        if ok:
            values[name] = value
    return FeedState(**values)


class FeedStateStore:
    """Feed state by URL, and named values; safe from several threads and processes."""

    def __init__(self, path: Path) -> None:
        self._lock_path = path.with_name(f".{path.name}.lock")
        self._notices = Notices()
        self._file = DocumentFile(
            path,
            root=path.parent,
            lock_path=self._lock_path,
            schema=SCHEMA,
            notices=self._notices,
        )
        self._lock = threading.Lock()

    def get(self, url: str) -> FeedState:
        """The state of one feed URL (the default when never fetched)."""
        with self._lock:
            doc = self._file.docs(FEEDS_TABLE).get(url)
        return FeedState() if doc is None else feed_state_from_doc(doc)

    def put(self, url: str, state: FeedState) -> None:
        """Remember one feed URL's state."""
        self.put_many({url: state})

    def put_many(self, states: Mapping[str, FeedState]) -> None:
        """Remember several feeds' states in one write (a refresh of many feeds at once)."""
        if not states:
            return
        docs: dict[str, dict[str, object] | None] = {
            url: feed_state_to_doc(state) for url, state in states.items()
        }
        with self._lock:
            self._file.stage(FEEDS_TABLE, docs, overlay(_FIELDS))
            flush_all([self._file], self._lock_path, self._notices)

    def all(self) -> dict[str, FeedState]:
        """Every feed URL's state."""
        with self._lock:
            docs = self._file.docs(FEEDS_TABLE)
        return {url: feed_state_from_doc(doc) for url, doc in docs.items()}

    def get_meta(self, key: str) -> str | None:
        """A named value (``last_visit``), or None."""
        with self._lock:
            value = self._file.docs(META_VALUES_TABLE).get(key, {}).get("value")
        return value if isinstance(value, str) else None

    def put_meta(self, key: str, value: str) -> None:
        """Set a named value."""
        with self._lock:
            self._file.stage(
                META_VALUES_TABLE, {key: {"value": value}}, overlay(frozenset({"value"}))
            )
            flush_all([self._file], self._lock_path, self._notices)

    def take_notices(self) -> list[str]:
        """Messages for the user since the last call (file set aside, writes failing)."""
        return self._notices.take()
