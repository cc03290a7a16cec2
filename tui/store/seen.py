"""The papers this user has had on screen: one small JSON file of ids, so that "new" means
never shown before, whatever day a paper moves to or whichever feed brings it back.

Only a hint: an unreadable file is read as empty (papers may show as new once more) and a
failed write is dropped. The most recent `LIMIT` ids are kept.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterable
from pathlib import Path

from tui.store.atomic_storage import write_atomically
from tui.store.safe_files import read_regular

SCHEMA = 1
LIMIT = 50_000  # a year and more of daily papers; the file stays under a megabyte


class SeenStore:
    """Ids seen, in the order first seen; safe to call from the writer thread and the loop's."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._ids: dict[str, None] | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> dict[str, None]:
        if self._ids is None:
            ids: dict[str, None] = {}
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                raw = json.loads(read_regular(self._path))
                if raw.get("schema") == SCHEMA:
                    ids = dict.fromkeys(i for i in raw["ids"] if isinstance(i, str))
            self._ids = ids
        return self._ids

    def snapshot(self) -> frozenset[str]:
        """Every id had on screen so far."""
        with self._lock:
            return frozenset(self._loaded())

    def add(self, ids: Iterable[str]) -> None:
        """Remember `ids` as seen; writes the file only when one of them is new to it."""
        with self._lock:
            seen = self._loaded()
            fresh = [i for i in ids if i not in seen]
            if not fresh:
                return
            seen.update(dict.fromkeys(fresh))
            if len(seen) > LIMIT:
                for old in list(seen)[: len(seen) - LIMIT]:
                    del seen[old]
            payload = json.dumps({"schema": SCHEMA, "ids": list(seen)}, ensure_ascii=False)
            with contextlib.suppress(OSError):
                self._path.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(self._path, payload.encode("utf-8"))
