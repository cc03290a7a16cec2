"""Which papers went to Zotero, and the write token of a send under way (``zotero.json``).

A paper is ``pending`` (with the token of its attempt) from just before it is sent until Zotero
answers, then ``sent`` (with the route). A retry after an unknown outcome reuses the token, so
Zotero itself can tell a repeat (the Web API answers 412 to a used ``Zotero-Write-Token``, the
connector 409 to a used import session): a paper is never sent twice. Every change is read,
changed and written back under the file's lock; the write is atomic. A file that does not parse
counts as empty (nothing is lost but the marks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.store.atomic_storage import exclusive_lock, write_atomically
from tui.store.json_file import read_json_object

PENDING = "pending"
SENT = "sent"


@dataclass(frozen=True)
class SendRecord:
    """One paper's state: `PENDING` or `SENT`, the attempt's token, the route, the time."""

    state: str
    token: str
    route: str = ""
    at: str = ""


class ZoteroSentStore:
    """The ``zotero.json`` of a data folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = path.with_name(f".{path.name}.lock")
        self.notices: list[str] = []  # files set aside, for the user (one line each)

    def _read(self) -> dict[str, Any]:
        return read_json_object(self.path, self.notices)

    def get(self, paper_id: str) -> SendRecord | None:
        """The record of `paper_id`, if any."""
        raw = self._read().get(paper_id)
        if not isinstance(raw, dict) or raw.get("state") not in (PENDING, SENT):
            return None
        values = {name: str(raw.get(name, "")) for name in ("state", "token", "route", "at")}
        return SendRecord(**values)

    def sent_ids(self) -> frozenset[str]:
        """Every paper sent (for the mark in the reader)."""
        data = self._read()
        return frozenset(
            k for k, v in data.items() if isinstance(v, dict) and v.get("state") == SENT
        )

    def put(self, paper_id: str, record: SendRecord) -> None:
        """Set the record of `paper_id` (read, changed and written under the lock)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with exclusive_lock(self._lock):
            data = self._read()
            data[paper_id] = {
                "state": record.state,
                "token": record.token,
                "route": record.route,
                "at": record.at,
            }
            payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
            write_atomically(self.path, payload.encode("utf-8"))
