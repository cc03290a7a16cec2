"""Which papers are in Zotero, for the mark the reader shows: read from ``zotero.json`` without
loading the network half of the Zotero use-case (the reader reads them at start)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tui.store.locations import DataFiles
from tui.store.zotero_sent import ZoteroSentStore


@dataclass(frozen=True)
class ZoteroMark:
    """A paper in Zotero: the route it went by and when (ISO time, UTC)."""

    route: str
    at: str

    def describe(self) -> str:
        """``in Zotero (sent 2 Dec 2026 by the connector)``."""
        try:
            when = datetime.fromisoformat(self.at)
        except ValueError:
            day = ""
        else:
            day = f"sent {when.day} {when:%b %Y}"
        how = f"by the {self.route}" if self.route else ""
        said = " ".join(part for part in (day, how) if part)
        return f"in Zotero ({said})" if said else "in Zotero"


def marks_of(store: ZoteroSentStore) -> dict[str, ZoteroMark]:
    """Every paper the store has as sent, with its route and time (reads the disk)."""
    return {
        paper_id: ZoteroMark(record.route, record.at)
        for paper_id, record in store.sent_records().items()
    }


def read_marks(data_dir: Path) -> dict[str, ZoteroMark]:
    """Every paper sent to Zotero from this data folder (reads the disk: call off the loop)."""
    return marks_of(ZoteroSentStore(DataFiles(data_dir).zotero_sent_file))
