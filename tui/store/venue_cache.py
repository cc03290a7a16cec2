"""Where papers were published, as the lookup services answered (``venues.json``).

One entry per arXiv id: the venue found, or none (a miss), and when it was asked. The whole
file is read once (it is small: a few hundred bytes a paper) and each answer is written under
the file's lock (read again, changed, written atomically), so two readers in two SSH sessions
never lose each other's answers. An entry that does not read as a venue counts as never asked.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from tui.domain.citation.venue import Venue, venue_from_record
from tui.store.json_file import JsonDocument


class VenueCache(JsonDocument):
    """The ``venues.json`` of a data folder."""

    def entries(self) -> dict[str, tuple[Venue | None, str]]:
        """Every answer kept: arXiv id -> (the venue, or None for a miss; when it was asked)."""
        kept: dict[str, tuple[Venue | None, str]] = {}
        for arxiv_id, raw in self.read().items():
            if not isinstance(raw, dict) or not isinstance(raw.get("asked"), str):
                continue
            record = raw.get("venue")
            venue = venue_from_record(record) if record is not None else None
            if record is not None and venue is None:
                continue  # unreadable: as if never asked
            kept[arxiv_id] = (venue, raw["asked"])
        return kept

    def put(self, arxiv_id: str, venue: Venue | None, asked: str) -> None:
        """Keep one answer (a miss too), under the lock."""
        stored = {"venue": asdict(venue) if venue is not None else None, "asked": asked}

        def change(data: dict[str, Any]) -> None:
            data[arxiv_id] = stored

        self.update(change)
