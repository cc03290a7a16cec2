"""The first screen: a small copy of the top of the last list shown, so the next start can paint
it before the whole day is read (a day can hold thousands of papers).

It is only a hint. It is replaced within moments by the real list, ignored when it is for other
feeds or unreadable (then it is simply rewritten), and never holds anything not also kept in
the cache and the marks.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tui.domain.paper import Marks, Paper
from tui.store.atomic_storage import write_atomically
from tui.store.documents import marks_from_doc, marks_to_doc, paper_from_doc, paper_to_doc
from tui.store.safe_files import read_regular

SCHEMA = 1
ROWS = 120  # more than any terminal shows at once


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to generate at start
class FirstScreen:
    """The top papers of a day's list, with their marks, for the feeds named by `feeds_key`."""

    feeds_key: str
    day: date
    papers: tuple[Paper, ...]
    marks: Mapping[str, Marks]


class FirstScreenStore:
    """One small JSON file; reads and writes never raise for a bad file or a full disk."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def load(self, feeds_key: str, day: date | None = None) -> FirstScreen | None:
        """The stored first screen when it was made for these feeds (and of `day`, when
        given: another day's papers are not even read); else None."""
        try:
            raw = json.loads(read_regular(self._path))
            if raw.get("schema") != SCHEMA or raw.get("feeds") != feeds_key:
                return None
            if day is not None and raw.get("day") != day.isoformat():
                return None
            papers = tuple(p for d in raw["papers"] if (p := paper_from_doc(d)) is not None)
            marks = {
                pid: m for pid, d in raw["marks"].items() if (m := marks_from_doc(d)) is not None
            }
            return FirstScreen(feeds_key, date.fromisoformat(raw["day"]), papers, marks)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def save(
        self, feeds_key: str, day: date, papers: Sequence[Paper], marks: Mapping[str, Marks]
    ) -> None:
        """Keep the first `ROWS` papers of a list as shown."""
        top = list(papers[:ROWS])
        payload = {
            "schema": SCHEMA,
            "feeds": feeds_key,
            "day": day.isoformat(),
            "papers": [paper_to_doc(p) for p in top],
            "marks": {p.id: marks_to_doc(marks[p.id]) for p in top if p.id in marks},
        }
        with contextlib.suppress(OSError):
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self._path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
