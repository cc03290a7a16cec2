"""The top of each day: `cache/tops/<YYYY-MM-DD>.json`, the first rows of the day's list in each
kept order (`domain/paper_list.TOP_ORDERS`), rewritten whenever papers of that day are stored.

The reader paints them before the whole day is read when it has no first screen of that day
(a first start, or a newer day fetched since), so its first frame never depends on the size
of the day. Only a hint, like the first screen: the whole day replaces it moments later, a
bad file reads as none, and nothing is kept here that is not also in the day files.

A store merges what arrived into what was kept (no day file is read again, so a 5,000-paper
fetch pays ~40 ms for it): exact while a feed's newer record of a paper is whole; a paper that
was below the kept rows and comes back without a field it had (stars, say) is ranked on what
came, until the whole day replaces the hint.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from tui.domain.days import DaySource
from tui.domain.paper import Paper, update_paper
from tui.domain.paper_list import SortKey, top_order, top_rows
from tui.store.atomic_storage import write_atomically
from tui.store.documents import paper_from_doc, paper_to_doc
from tui.store.safe_files import read_regular

SCHEMA = 1
ROWS = 50  # per order: more rows than most terminals show; the whole day follows anyway
Claims = Callable[[str], tuple[date | None, DaySource | None]]  # a paper's day now, by id


class DayTops:
    """One small file per day; reads and writes never raise for a bad file or a full disk."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def _path(self, day: date) -> Path:
        return self._folder / f"{day.isoformat()}.json"

    def exists(self, day: date) -> bool:
        return self._path(day).is_file()

    def load(self, day: date, key: SortKey = SortKey.UPVOTES) -> tuple[Paper, ...] | None:
        """The top rows of `day` in `key` order (as kept), or None when none are kept. Only
        the lines of that order's papers are parsed."""
        read = self._read(day)
        if read is None:
            return None
        header, lines = read
        try:
            rows = header["orders"][str(top_order(key))]
            docs = [json.loads(lines[1 + row]) for row in rows]
            return tuple(p for doc in docs if isinstance(doc, dict) and (p := paper_from_doc(doc)))
        except (TypeError, KeyError, IndexError, ValueError, AttributeError):
            return None

    def _read(self, day: date) -> tuple[dict[str, Any], list[bytes]] | None:
        """The header and every line of the day's file (a header line, then a paper a line)."""
        try:
            lines = read_regular(self._path(day)).split(b"\n")
            header = json.loads(lines[0])
        except (OSError, ValueError):
            return None
        if not isinstance(header, dict) or header.get("schema") != SCHEMA:
            return None
        return header, lines

    def kept(self, day: date) -> list[Paper]:
        """Every paper kept for `day` (in no particular order)."""
        read = self._read(day)
        papers: list[Paper] = []
        for line in read[1][1:] if read is not None else ():
            with contextlib.suppress(ValueError):
                doc = json.loads(line)
                if isinstance(doc, dict) and (paper := paper_from_doc(doc)) is not None:
                    papers.append(paper)
        return papers

    def save(self, day: date, papers: Iterable[Paper]) -> None:
        """Keep the top rows of `papers`, the whole of `day` as it is now: a header line (the
        rows of each order, as line numbers), then each paper's document on a line."""
        orders = top_rows(papers, ROWS)
        rows: dict[str, int] = {}
        for top in orders.values():
            for paper in top:
                rows.setdefault(paper.id, len(rows))
        docs = {p.id: p for top in orders.values() for p in top}
        header = {
            "schema": SCHEMA,
            "day": day.isoformat(),
            "orders": {str(key): [rows[p.id] for p in top] for key, top in orders.items()},
        }
        lines = [header, *(paper_to_doc(docs[pid]) for pid in rows)]
        text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
        with contextlib.suppress(OSError):
            self._folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self._path(day), text.encode("utf-8"))

    def update(self, stored: Iterable[Paper], day_of: Claims, left: Iterable[date] = ()) -> None:
        """`stored` papers have just been written, each on the day `day_of` gives it, and
        papers have left the days `left`: each of those days keeps its top rows of what was
        kept there and is still there, and of what arrived (newer counts win)."""
        arrived: dict[date, list[Paper]] = {day: [] for day in left}
        for paper in stored:
            day, source = day_of(paper.id)
            if day is not None:
                placed = paper if paper.day == day else replace(paper, day=day, day_source=source)
                arrived.setdefault(day, []).append(placed)
        for day, papers in arrived.items():
            now = {p.id: p for p in self.kept(day) if day_of(p.id)[0] == day}
            for paper in papers:  # as the day file has it: the newer record over the older
                known = now.get(paper.id)
                now[paper.id] = paper if known is None else update_paper(known, paper)
            self.save(day, now.values())
