"""The paper cache: `cache/<feed>/<YYYY-MM-DD>.json`, `index.json`, `days.json`, `pinned.json`.

Each cached paper is on one day only. `index.json` names that day (and where it came from) for
every paper id; `days.json` counts the papers of each day, so paging and the status line never
read the whole cache. A refresh upserts each paper into its (feed, day) file, on the surest day
any record of it has given (`domain/days.py`); when that day changes, the paper's copies in
every feed are moved to it. A refresh never removes a paper, except from a day that the feed
has just given whole (a complete Hugging Face day) and that no longer lists it; an empty or
broken response cannot empty the reader. `pinned.json` keeps a copy of every saved paper's
metadata, so a saved paper stays in the saved view after it has left every feed; saving
appends to its journal `pinned.json.journal` (store/journal.py).

A cache from before the index (papers on several days, an `undated.json`) is migrated on first
use: every paper goes to its one day, undated ones to the day their file was written, nothing
is dropped. All writes serialise on `cache/.cache.lock`, held by a store from its first read on.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from tui.domain.days import DaySource, surest
from tui.domain.paper import Paper, update_paper
from tui.store.bulk import collection_paused
from tui.store.cache_index import (
    Claim,
    claim_doc,
    claim_of,
    day_of_name,
    day_path,
    file_name,
    replace_doc,
    written_on,
)
from tui.store.cache_lock import store_lock
from tui.store.datafile import (
    CURRENT_VERSION,
    Doc,
    DocumentFile,
    Notices,
    Schema,
    flush_all,
    overlay,
)
from tui.store.day_tops import DayTops
from tui.store.documents import PAPER_FIELDS, paper_from_clean_doc, paper_from_doc, paper_to_doc
from tui.store.journal import JournaledFile
from tui.store.locations import CACHE_DAY_COUNTS, CACHE_INDEX, CACHE_PINNED, CACHE_TOPS

TABLE = "papers"
SCHEMA = Schema(CURRENT_VERSION, {TABLE: "id"})
PINNED_FILE = CACHE_PINNED
INDEX_FILE = CACHE_INDEX
COUNTS_FILE = CACHE_DAY_COUNTS
INDEX_TABLE = "days"
COUNTS_TABLE = "counts"
INDEX_SCHEMA = Schema(CURRENT_VERSION, {INDEX_TABLE: "id"})
COUNTS_SCHEMA = Schema(CURRENT_VERSION, {COUNTS_TABLE: "day"})
_SPECIAL = (PINNED_FILE, INDEX_FILE, COUNTS_FILE)
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_KEEP_UNKNOWN = overlay(PAPER_FIELDS)


def feed_folder_name(feed_key: str) -> str:
    """A safe, stable folder name for a feed key (a URL or a path): a readable slug + a hash."""
    readable = re.sub(r"^[a-z]+://", "", feed_key)
    slug = _UNSAFE.sub("-", readable).strip("-._")[:60].strip("-._") or "feed"
    import hashlib  # not needed to read the first screen, so not loaded before it

    digest = hashlib.sha256(feed_key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug}-{digest}"


def merge_docs(old: Doc | None, new: Doc) -> Doc:
    """A feed's new record of a paper over its stored one: the latest metadata wins where the
    new record has it, the rest is kept (unknown old fields too). A first record, or one the
    same as the stored one (a feed fetched again), is taken as it is: nothing to read back."""
    if old is None or old == new:
        return _KEEP_UNKNOWN(old, new)
    old_paper = paper_from_doc(old)
    new_paper = paper_from_doc(new)
    if old_paper is None or new_paper is None or old_paper.id != new_paper.id:
        return _KEEP_UNKNOWN(old, new)
    return _KEEP_UNKNOWN(old, paper_to_doc(update_paper(old_paper, new_paper)))


class PaperCache:
    """Cached papers by feed and day; safe from several threads and several processes."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._lock_path = folder / ".cache.lock"
        self._notices = Notices()
        self._files: dict[Path, DocumentFile] = {}
        self._lock = threading.Lock()
        self._index_checked = False
        self.tops = DayTops(folder / CACHE_TOPS)

    # -- reading -------------------------------------------------------------------------

    def days(self) -> list[date]:
        """Every day with cached papers, newest first (from the day counts)."""
        return sorted(self.day_counts(), reverse=True)

    def _days_on_disk(self) -> set[str]:
        return {path.name[:-5] for path in self._day_files() if _DAY_FILE.match(path.name)}

    def day_counts(self) -> dict[date, int]:
        """How many papers each day holds (days without papers are left out)."""
        with self._lock:
            self._ensure_index()
            on_disk = self._days_on_disk()  # a day file deleted by hand is no day
            counts_path = self._folder / COUNTS_FILE
            if not counts_path.exists() and (self._folder / INDEX_FILE).exists():
                counted = Counter(day for day, _ in self._index().values() if day is not None)
                return {d: n for d, n in counted.items() if d.isoformat() in on_disk}
            counts: dict[date, int] = {}
            for key, doc in self._file(counts_path, COUNTS_SCHEMA).docs(COUNTS_TABLE).items():
                number = doc.get("n")
                day = day_of_name(key)
                if day is not None and isinstance(number, int) and number > 0 and key in on_disk:
                    counts[day] = number
            return counts

    def load_day(self, day: date) -> list[Paper]:
        """Every feed's papers listed on `day`, one entry per feed (not merged)."""
        with self._lock, collection_paused(keep_what_it_made=True):
            self._ensure_index()
            return self._load_named(f"{day.isoformat()}.json")

    def load_all(self) -> list[Paper]:
        """Every cached paper of every day, one entry per feed (not merged), newest day first."""
        with self._lock, collection_paused(keep_what_it_made=True):
            self._ensure_index()
            papers: list[Paper] = []
            for path in sorted(self._day_files(), key=lambda p: p.name, reverse=True):
                papers.extend(_papers_of(self._file(path)))
            return papers

    def load_pinned(self) -> list[Paper]:
        """Every pinned (saved) paper's stored copy."""
        with self._lock:
            return _papers_of(self._file(self._folder / PINNED_FILE))

    def find(self, paper_ids: Iterable[str]) -> list[Paper]:
        """The day copies of these papers (one per feed), reading only the day files the index
        names for them: never a scan of the whole cache."""
        wanted = set(paper_ids)
        with self._lock:
            self._ensure_index()
            index = self._index()
            names = {file_name(index[pid][0]) for pid in wanted if pid in index}
            return [p for name in sorted(names) for p in self._load_named(name) if p.id in wanted]

    # -- writing -------------------------------------------------------------------------

    def store(
        self,
        feed_key: str,
        papers: Sequence[Paper],
        *,
        complete_days: Iterable[date] = (),
    ) -> frozenset[str]:
        """Upsert `papers`, each on its one day; returns the ids the cache did not hold before.

        `complete_days` are days this response gave whole: this feed's papers on those days
        that it no longer lists leave them. Nothing else is ever removed.
        """
        feed_dir = self._folder / feed_folder_name(feed_key)
        with self._lock, store_lock(self._lock_path, self._folder.parent, self._notices) as held:
            self._ensure_index()
            index = self._index()
            plan = _Plan(index)
            for paper in papers:
                plan.place(feed_dir, paper)
            for day in complete_days:
                plan.drop_missing(feed_dir, day, self._file(day_path(feed_dir, day)))
            self._apply(plan, flush=held)
            self.tops.update(papers, lambda pid: plan.index.get(pid, (None, None)), plan.left())
            return frozenset(plan.added)

    def pin(self, *papers: Paper) -> None:
        """Keep a copy of saved papers' metadata, whatever their feeds do later (one write)."""
        if not papers:
            return
        with self._lock:
            pinned = self._file(self._folder / PINNED_FILE)
            pinned.stage(TABLE, {paper.id: paper_to_doc(paper) for paper in papers}, merge_docs)
            self._flush()

    def take_notices(self) -> list[str]:
        """Messages for the user since the last call (files set aside, writes failing)."""
        return self._notices.take()

    # -- the index (lock held) -----------------------------------------------------------

    def _index(self) -> dict[str, Claim]:
        docs = self._file(self._folder / INDEX_FILE, INDEX_SCHEMA).docs(INDEX_TABLE)
        return {pid: claim_of(doc) for pid, doc in docs.items()}

    def _ensure_index(self) -> None:
        """Build the index from the day files when there is none (a cache of an older version,
        or an index that was set aside): every paper moved to its one day."""
        if self._index_checked:
            return
        self._index_checked = True
        if (self._folder / INDEX_FILE).exists() or not any(self._day_files()):
            return
        plan = _Plan({})
        for path in sorted(self._day_files()):
            for paper in _papers_of(self._file(path)):
                if paper.day is None:
                    paper = replace(paper, day=written_on(path), day_source=DaySource.FIRST_SEEN)
                plan.place(path.parent, paper, found_in=path)
        self._apply(plan, rebuilt=True)

    def _apply(self, plan: _Plan, *, rebuilt: bool = False, flush: bool = True) -> None:
        """Stage what `plan` decided (moves included); write it all, unless told not to."""
        for path, paper_id in plan.removals:
            self._file(path).stage(TABLE, {paper_id: None}, merge_docs)
        for old_day, moved in plan.moves().items():
            for path in self._day_files_named(f"{old_day}.json"):
                for paper in _papers_of(self._file(path)):
                    if paper.id in moved:
                        new_day, source = moved[paper.id]
                        self._file(path).stage(TABLE, {paper.id: None}, merge_docs)
                        relocated = replace(paper, day=new_day, day_source=source)
                        plan.add(path.parent / f"{new_day.isoformat()}.json", relocated)
        for path, docs in plan.writes.items():
            self._file(path).stage(TABLE, docs, merge_docs)
        index_file = self._file(self._folder / INDEX_FILE, INDEX_SCHEMA)
        changes = plan.index_changes()
        if changes or rebuilt:
            index_file.stage(INDEX_TABLE, changes, replace_doc)
        if changes or rebuilt or self._file(self._folder / COUNTS_FILE, COUNTS_SCHEMA).has_pending:
            self._stage_counts(Counter(day for day, _ in plan.index.values() if day is not None))
        if flush:
            self._flush()

    def _stage_counts(self, counts: Counter[date]) -> None:
        counts_file = self._file(self._folder / COUNTS_FILE, COUNTS_SCHEMA)
        stored = set(counts_file.docs(COUNTS_TABLE))
        docs: dict[str, Doc | None] = {key: None for key in stored}
        docs.update({day.isoformat(): {"n": n} for day, n in counts.items()})
        counts_file.stage(COUNTS_TABLE, docs, replace_doc)

    # -- helpers -------------------------------------------------------------------------

    def _load_named(self, name: str) -> list[Paper]:
        papers: list[Paper] = []
        for path in self._day_files_named(name):
            papers.extend(_papers_of(self._file(path)))
        return papers

    def _day_files_named(self, name: str) -> list[Path]:
        return sorted(p for p in self._day_files() if p.name == name)

    def _day_files(self) -> Iterator[Path]:
        """The day files on disk and those with unsaved changes (by path, not read)."""
        seen: set[Path] = set()
        try:
            feed_dirs = [e for e in self._folder.iterdir() if e.is_dir() and e.name != CACHE_TOPS]
            for feed_dir in feed_dirs:
                seen.update(feed_dir.glob("*.json"))
        except (FileNotFoundError, NotADirectoryError):
            pass
        except OSError as error:
            self._notices.add(f"{self._folder} cannot be listed: {error.strerror or error}")
        special = {self._folder / name for name in _SPECIAL}
        seen.update(path for path, f in self._files.items() if f.has_pending)
        return iter(path for path in seen if path not in special)

    def _file(self, path: Path, schema: Schema = SCHEMA) -> DocumentFile:
        if path not in self._files:
            # The saved papers' copies grow one paper at a time: journaled, so a save costs one.
            kind = JournaledFile if path.name == PINNED_FILE else DocumentFile
            self._files[path] = kind(
                path,
                root=self._folder.parent,
                lock_path=self._lock_path,
                schema=schema,
                notices=self._notices,
            )
        return self._files[path]

    def _flush(self) -> None:
        flush_all(list(self._files.values()), self._lock_path, self._notices)


class _Plan:
    """What one store (or the migration) will write: each paper on its one day."""

    def __init__(self, index: dict[str, Claim]) -> None:
        self.index = dict(index)
        self._before = index
        self.writes: dict[Path, dict[str, Doc | None]] = {}
        self.removals: list[tuple[Path, str]] = []
        self.added: set[str] = set()
        self._moves: dict[str, dict[str, tuple[date, DaySource | None]]] = {}
        self._paths: dict[tuple[Path, date | None], Path] = {}

    def place(self, feed_dir: Path, paper: Paper, found_in: Path | None = None) -> None:
        """Put `paper` on the surest day of its records; a day change moves its other copies."""
        before = self.index.get(paper.id)
        if before is None and paper.id not in self._before:
            self.added.add(paper.id)
        day, source = surest(before or (None, None), (paper.day, paper.day_source))
        self.index[paper.id] = (day, source)
        placed = paper
        if (paper.day, paper.day_source) != (day, source):
            placed = replace(paper, day=day, day_source=source)
        if found_in is not None and found_in.name != file_name(day):
            self.removals.append((found_in, paper.id))
        self.add(self._path(feed_dir, day), placed)
        if before is not None and before[0] is not None and before[0] != day and day is not None:
            self._moves.setdefault(before[0].isoformat(), {})[paper.id] = (day, source)
            self._move_planned(paper.id, file_name(before[0]), day, source)

    def _move_planned(
        self, paper_id: str, old_name: str, day: date, source: DaySource | None
    ) -> None:
        """Copies of a paper this plan was about to write on its old day go to its new one."""
        for path in [p for p in self.writes if p.name == old_name]:
            doc = self.writes[path].pop(paper_id, None)
            old = paper_from_doc(doc) if doc is not None else None
            if old is not None:
                self.add(path.parent / file_name(day), replace(old, day=day, day_source=source))

    def _path(self, feed_dir: Path, day: date | None) -> Path:
        """The day file, one Path object per (feed, day): thousands of papers share a few."""
        path = self._paths.get((feed_dir, day))
        if path is None:
            path = self._paths[(feed_dir, day)] = day_path(feed_dir, day)
        return path

    def add(self, path: Path, paper: Paper) -> None:
        docs = self.writes.setdefault(path, {})
        doc = paper_to_doc(paper)
        earlier = docs.get(paper.id)
        docs[paper.id] = doc if earlier is None else merge_docs(earlier, doc)

    def drop_missing(self, feed_dir: Path, day: date, file: DocumentFile) -> None:
        """This feed listed `day` whole: its cached papers of that day it did not list go."""
        listed = set(self.writes.get(day_path(feed_dir, day), {}))
        for paper_id in file.docs(TABLE):
            if paper_id not in listed:
                self.removals.append((file.path, paper_id))
                if self.index.get(paper_id, (None, None))[0] == day:
                    self.index.pop(paper_id, None)

    def moves(self) -> dict[str, dict[str, tuple[date, DaySource | None]]]:
        return self._moves

    def left(self) -> set[date]:
        """The days some paper leaves (moved to another day, or dropped)."""
        names = [*self._moves, *(path.stem for path, _ in self.removals)]
        return {day for name in names if (day := day_of_name(name)) is not None}

    def index_changes(self) -> dict[str, Doc | None]:
        changes: dict[str, Doc | None] = {
            pid: claim_doc(claim)
            for pid, claim in self.index.items()
            if self._before.get(pid) != claim
        }
        changes.update({pid: None for pid in self._before if pid not in self.index})
        return changes


def _papers_of(file: DocumentFile) -> list[Paper]:
    """The papers of one file; its documents' text is sanitised again unless the file as a
    whole was found clean (then each is only type-checked)."""
    docs, clean = file.docs_checked(TABLE)
    read = paper_from_clean_doc if clean else paper_from_doc
    return [paper for doc in docs.values() if (paper := read(doc)) is not None]
