"""The models, datasets and Spaces Hugging Face links to papers (``hub_links.json``), kept so
that a paper seen once shows them again offline and is not asked again.

One small JSON object: paper id -> the API's own fields of the answer (``linkedModels``,
``numTotalModels``, …) and when it came. Read and changed like every small document of the data
folder (a regular file only, changed under its lock, written atomically); the caller checks
what it reads back (it goes through the same parser as an answer). At most `CAP` papers are
kept: the oldest answers go first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tui.store.json_file import JsonDocument

CAP = 2_000
AT = "at"  # when the answer came (ISO time)


class HubLinksStore(JsonDocument):
    """The ``hub_links.json`` of a data folder."""

    def load_all(self) -> dict[str, dict[str, Any]]:
        """Every kept answer by paper id (malformed entries left out)."""
        return {
            pid: doc
            for pid, doc in self.read().items()
            if isinstance(pid, str) and isinstance(doc, dict)
        }

    def put(self, paper_id: str, doc: Mapping[str, object], at: str) -> None:
        """Keep one paper's answer (read, changed and written under the lock)."""
        stored = {**doc, AT: at}

        def change(data: dict[str, Any]) -> None:
            data[paper_id] = stored
            if len(data) > CAP:
                oldest = sorted(data, key=lambda pid: str(_at(data[pid])))
                for pid in oldest[: len(data) - CAP]:
                    del data[pid]

        self.update(change)


def _at(doc: object) -> object:
    return doc.get(AT, "") if isinstance(doc, dict) else ""
