"""Which papers went to Zotero, and the write token of a send under way (``zotero.json``).

A paper is ``pending`` (with the token of its attempt) from just before it is sent until Zotero
answers, then ``sent`` (with the route). A retry after an unknown outcome reuses the token, so
Zotero itself can tell a repeat (the Web API answers 412 to a used ``Zotero-Write-Token``, the
connector 409 to a used import session): a paper is never sent twice. Every change is read,
changed and written back under the file's lock; the write is atomic. A file that does not parse
counts as empty (nothing is lost but the marks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.store.json_file import JsonDocument

PENDING = "pending"
SENT = "sent"


@dataclass(frozen=True)
class SendRecord:
    """One paper's state: `PENDING` or `SENT`, the attempt's token, the route, the time."""

    state: str
    token: str
    route: str = ""
    at: str = ""


ROUTES = ("connector", "web API")


def _values(raw: dict[str, object], names: tuple[str, ...]) -> dict[str, str]:
    """The record's fields as text; a route that is none of `ROUTES` (a hand-edited or planted
    file) is dropped, so that nothing from the file but a known word reaches the screen."""
    values = {name: str(raw.get(name, "")) for name in names}
    if values.get("route") not in ROUTES:
        values["route"] = ""
    return values


class ZoteroSentStore(JsonDocument):
    """The ``zotero.json`` of a data folder."""

    def get(self, paper_id: str) -> SendRecord | None:
        """The record of `paper_id`, if any."""
        raw = self.read().get(paper_id)
        if not isinstance(raw, dict) or raw.get("state") not in (PENDING, SENT):
            return None
        return SendRecord(**_values(raw, ("state", "token", "route", "at")))

    def sent_ids(self) -> frozenset[str]:
        """Every paper sent."""
        return frozenset(self.sent_records())

    def sent_records(self) -> dict[str, SendRecord]:
        """The record of every paper sent (for the mark in the reader), read once."""
        records = {}
        for paper_id, raw in self.read().items():
            if isinstance(raw, dict) and raw.get("state") == SENT:
                records[paper_id] = SendRecord(SENT, **_values(raw, ("token", "route", "at")))
        return records

    def put(self, paper_id: str, record: SendRecord) -> None:
        """Set the record of `paper_id` (read, changed and written under the lock)."""
        stored = {
            "state": record.state,
            "token": record.token,
            "route": record.route,
            "at": record.at,
        }

        def change(data: dict[str, Any]) -> None:
            data[paper_id] = stored

        self.update(change)
