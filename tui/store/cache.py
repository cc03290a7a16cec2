"""The paper cache: `cache/<feed>/<YYYY-MM-DD>.json` (and `undated.json`), plus `pinned.json`.

A refresh upserts each paper into its (feed, day) file and never removes one, so an empty or
broken feed response cannot empty the reader. `pinned.json` keeps a copy of every saved paper's
metadata, so a saved paper stays in the saved view after it has left every feed. All writes
serialise on `cache/.cache.lock`.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from tui.domain.paper import Paper, update_paper
from tui.store.datafile import (
    CURRENT_VERSION,
    Doc,
    DocumentFile,
    Notices,
    Schema,
    flush_all,
    overlay,
)
from tui.store.documents import PAPER_FIELDS, paper_from_doc, paper_to_doc

TABLE = "papers"
SCHEMA = Schema(CURRENT_VERSION, {TABLE: "id"})
UNDATED = "undated"
PINNED_FILE = "pinned.json"
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
    new record has it, the rest is kept (unknown old fields too)."""
    old_paper = paper_from_doc(old) if old is not None else None
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

    # -- reading -------------------------------------------------------------------------

    def days(self) -> list[date]:
        """Every day with cached papers, newest first (from file names; nothing is parsed)."""
        with self._lock:
            found: set[date] = set()
            for path in self._day_files():
                if _DAY_FILE.match(path.name):
                    with contextlib.suppress(ValueError):  # 2024-13-45.json is not a day
                        found.add(date.fromisoformat(path.name[:-5]))
            return sorted(found, reverse=True)

    def load_day(self, day: date) -> list[Paper]:
        """Every feed's papers listed on `day`, one entry per feed (not merged)."""
        return self._load_named(f"{day.isoformat()}.json")

    def load_undated(self) -> list[Paper]:
        """Papers whose feed gave no day."""
        return self._load_named(f"{UNDATED}.json")

    def load_pinned(self) -> list[Paper]:
        """Every pinned (saved) paper's stored copy."""
        with self._lock:
            return _papers_of(self._file(self._folder / PINNED_FILE))

    # -- writing -------------------------------------------------------------------------

    def store(self, feed_key: str, papers: Sequence[Paper]) -> None:
        """Upsert `papers` into the feed's day files. Never removes a cached paper."""
        grouped: dict[Path, dict[str, Doc | None]] = {}
        feed_dir = self._folder / feed_folder_name(feed_key)
        for paper in papers:
            name = paper.day.isoformat() if paper.day is not None else UNDATED
            grouped.setdefault(feed_dir / f"{name}.json", {})[paper.id] = paper_to_doc(paper)
        with self._lock:
            for path, docs in grouped.items():
                self._file(path).stage(TABLE, docs, merge_docs)
            self._flush()

    def pin(self, paper: Paper) -> None:
        """Keep a copy of a saved paper's metadata, whatever its feeds do later."""
        with self._lock:
            pinned = self._file(self._folder / PINNED_FILE)
            pinned.stage(TABLE, {paper.id: paper_to_doc(paper)}, merge_docs)
            self._flush()

    def unpin(self, paper_id: str) -> None:
        """Forget a paper's pinned copy (it stays in the day files it was cached in)."""
        with self._lock:
            self._file(self._folder / PINNED_FILE).stage(TABLE, {paper_id: None}, merge_docs)
            self._flush()

    def take_notices(self) -> list[str]:
        """Messages for the user since the last call (files set aside, writes failing)."""
        return self._notices.take()

    # -- helpers -------------------------------------------------------------------------

    def _load_named(self, name: str) -> list[Paper]:
        with self._lock:
            papers: list[Paper] = []
            for path in sorted(p for p in self._day_files() if p.name == name):
                papers.extend(_papers_of(self._file(path)))
            return papers

    def _day_files(self) -> Iterator[Path]:
        """The day files on disk and those with unsaved changes (by path, not read)."""
        seen: set[Path] = set()
        try:
            feed_dirs = [entry for entry in self._folder.iterdir() if entry.is_dir()]
            for feed_dir in feed_dirs:
                seen.update(feed_dir.glob("*.json"))
        except (FileNotFoundError, NotADirectoryError):
            pass
        except OSError as error:
            self._notices.add(f"{self._folder} cannot be listed: {error.strerror or error}")
        pinned = self._folder / PINNED_FILE
        seen.update(path for path, f in self._files.items() if f.has_pending and path != pinned)
        return iter(seen)

    def _file(self, path: Path) -> DocumentFile:
        if path not in self._files:
            self._files[path] = DocumentFile(
                path,
                root=self._folder.parent,
                lock_path=self._lock_path,
                schema=SCHEMA,
                notices=self._notices,
            )
        return self._files[path]

    def _flush(self) -> None:
        flush_all(list(self._files.values()), self._lock_path, self._notices)


def _papers_of(file: DocumentFile) -> list[Paper]:
    papers = []
    for doc in file.docs(TABLE).values():
        paper = paper_from_doc(doc)
        if paper is not None:
            papers.append(paper)
    return papers
