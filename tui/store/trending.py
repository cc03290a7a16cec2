"""Hugging Face's trending order, as last asked, of each day, week or month (``trending.json``),
so that a cached list shown offline keeps the API's order.

One small JSON object: scope (``day:2025-11-18``, ``week:2025-W46``, ``month:2025-11``,
``all``) -> the paper ids in the API's order and when that answer came. Read and changed like
every small document of the data folder (a regular file only, changed under its lock, written
atomically); ids are checked when read. At most `CAP` scopes are kept, the oldest answers go
first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tui.store.json_file import JsonDocument

CAP = 400  # scopes
IDS_CAP = 2_000  # ids a scope
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,120}")


@dataclass(frozen=True)
class KeptOrder:
    """The ids of one scope in the API's order, and when they were asked (ISO time)."""

    ids: tuple[str, ...]
    at: str


class TrendingStore(JsonDocument):
    """The ``trending.json`` of a data folder."""

    def get(self, scope: str) -> KeptOrder | None:
        """The kept order of `scope`, or None when it was never asked (or is unreadable)."""
        raw = self.read().get(scope)
        if not isinstance(raw, dict) or not isinstance(raw.get("ids"), list):
            return None
        ids = [pid for pid in raw["ids"][:IDS_CAP] if isinstance(pid, str) and _ID.fullmatch(pid)]
        at = raw.get("at")
        return KeptOrder(tuple(dict.fromkeys(ids)), at if isinstance(at, str) else "")

    def put(self, scope: str, ids: Sequence[str], at: str) -> None:
        """Keep the order of `scope` (read, changed and written under the lock)."""
        stored = {"ids": list(ids[:IDS_CAP]), "at": at}

        def change(data: dict[str, Any]) -> None:
            data[scope] = stored
            if len(data) > CAP:
                oldest = sorted(data, key=lambda name: str(_at(data[name])))
                for name in oldest[: len(data) - CAP]:
                    del data[name]

        self.update(change)


def _at(doc: object) -> object:
    return doc.get("at", "") if isinstance(doc, dict) else ""
