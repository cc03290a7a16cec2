"""The "for you" examples that are not stars: seeds and "less like this" (``examples.json``).

A seed is a paper from a .bib, CSL-JSON or export file that counts as liked without being
saved; a negative is a paper the user pressed `-` on. Each keeps its id, title, abstract and
when it was added, so the model needs no other file. Every change is read, changed and written
back under the file's lock, atomically (temp file, fsync, replace); a file that does not parse
counts as empty, and every string read back is sanitised again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from tui.domain.sanitise import sanitise_line, sanitise_text
from tui.store.json_file import JsonDocument

SEEDS: Final = "seeds"
NEGATIVES: Final = "negatives"
VERSION: Final = 1


@dataclass(frozen=True, slots=True)
class StoredExample:
    """One example as stored: the paper's id, title, abstract, and when it was added (ISO)."""

    id: str
    title: str
    abstract: str = ""
    added_at: str = ""


class ExampleStore(JsonDocument):
    """The ``examples.json`` of a data folder."""

    def load(self, kind: str) -> list[StoredExample]:
        """The seeds (`SEEDS`) or the negatives (`NEGATIVES`), by id."""
        table = self.read().get(kind)
        if not isinstance(table, dict):
            return []
        found = []
        for key, raw in sorted(table.items()):
            if not isinstance(raw, dict):
                continue
            found.append(
                StoredExample(
                    sanitise_line(str(key)),
                    sanitise_line(str(raw.get("title", ""))),
                    sanitise_text(str(raw.get("abstract", ""))),
                    sanitise_line(str(raw.get("added_at", ""))),
                )
            )
        return found

    def add(self, kind: str, examples: Iterable[StoredExample]) -> int:
        """Add (or refresh) examples of `kind`; returns how many were new."""
        added = 0

        def change(table: dict[str, Any]) -> None:
            nonlocal added
            for example in examples:
                added += example.id not in table
                table[example.id] = {
                    "title": example.title,
                    "abstract": example.abstract,
                    "added_at": example.added_at,
                }

        self._change(kind, change)
        return added

    def remove(self, kind: str, ids: Iterable[str]) -> None:
        """Drop these ids from `kind` (an undone `-`)."""
        wanted = set(ids)
        self._change(kind, lambda table: [table.pop(i, None) for i in wanted])

    def clear(self, kind: str) -> int:
        """Drop every example of `kind`; returns how many there were."""
        count = 0

        def change(table: dict[str, Any]) -> None:
            nonlocal count
            count = len(table)
            table.clear()

        self._change(kind, change)
        return count

    def _change(self, kind: str, change: Callable[[dict[str, Any]], object]) -> None:
        def in_place(data: dict[str, Any]) -> None:
            table = data.get(kind)
            if not isinstance(table, dict):
                table = {}
            change(table)
            data[kind] = table
            data["version"] = VERSION

        self.update(in_place)
