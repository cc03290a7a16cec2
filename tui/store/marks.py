"""The user's marks (read, saved, queue state, tags, note), one small file per arXiv month:
`marks/<YYMM>.json`, each with its journal `marks/<YYMM>.json.journal` (store/journal.py).

A write appends one line to its month's journal, so it costs what changed however many marks
that month (or `other`, for ids that are not arXiv ones) holds. Writers in several processes
serialise on `marks/.marks.lock` and re-read inside it (only the journal lines added since),
so two sessions never lose each other's marks. A write is a change to the fields that changed,
applied to what is on disk under the lock, never a whole record that may be stale: another
session's save survives this one's mark-read.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from tui.domain.arxiv import month_key
from tui.domain.changes import field_changes, whole_fields
from tui.domain.paper import NO_MARKS, Marks
from tui.store.atomic_storage import reason_of
from tui.store.changelog import ChangeLog
from tui.store.datafile import (
    CURRENT_VERSION,
    Doc,
    Notices,
    Schema,
    change_fields,
    flush_all,
    join_changes,
)
from tui.store.documents import marks_change_doc, marks_from_doc, marks_whole_doc
from tui.store.journal import JOURNAL_SUFFIX, JournaledFile

TABLE = "marks"
SCHEMA = Schema(CURRENT_VERSION, {TABLE: "id"})
_PARTITION = re.compile(r"^(?:\d{4}|other)$")


def partition_of(paper_id: str) -> str:
    """The file a paper's marks live in (its arXiv YYMM, or ``other``)."""
    key = month_key(paper_id)
    return key if _PARTITION.match(key) else "other"


def partitions_of(paper_ids: Iterable[str]) -> set[str]:
    """`partition_of` of every id, each asked once: an id without a slash is in the partition
    of its first four characters, so a day's 5,000 ids ask a handful."""
    ids = paper_ids if isinstance(paper_ids, (set, frozenset)) else set(paper_ids)
    asked = {paper_id[:4] for paper_id in ids if "/" not in paper_id}
    asked.update(paper_id for paper_id in ids if "/" in paper_id)
    return {partition_of(paper_id) for paper_id in asked}


class MarkStore:
    """Read and write marks; safe from several threads and several processes."""

    def __init__(self, folder: Path, log: ChangeLog | None = None) -> None:
        self._folder = folder
        self.log = log
        self._lock_path = folder / ".marks.lock"
        self._notices = Notices()
        self._files: dict[str, JournaledFile] = {}
        self._lock = threading.Lock()

    def load_all(self) -> dict[str, Marks]:
        """Every stored mark (with this process's unsaved ones), as on disk now."""
        with self._lock:
            marks: dict[str, Marks] = {}
            for key in sorted(self._partitions_on_disk() | frozenset(self._files)):
                for paper_id, doc in self._file(key).docs(TABLE).items():
                    mark = marks_from_doc(doc)
                    if mark is not None and mark != NO_MARKS:
                        marks[paper_id] = mark
            return marks

    def load_for(self, paper_ids: Iterable[str]) -> dict[str, Marks]:
        """The marks of these papers, reading only the months they fall in."""
        wanted = set(paper_ids)
        keys = partitions_of(wanted)
        with self._lock:
            on_disk = self._partitions_on_disk() | frozenset(self._files)
            marks: dict[str, Marks] = {}
            for key in sorted(keys & on_disk):
                for paper_id, doc in self._file(key).docs(TABLE).items():
                    mark = marks_from_doc(doc) if paper_id in wanted else None
                    if mark is not None and mark != NO_MARKS:
                        marks[paper_id] = mark
            return marks

    def files_of(self, paper_ids: Iterable[str]) -> list[Path]:
        """Every file the marks of these papers are read from (present or not)."""
        keys = sorted(partitions_of(paper_ids))
        names = (f"{key}.json" for key in keys)
        return [self._folder / (name + end) for name in names for end in ("", JOURNAL_SUFFIX)]

    def set(self, paper_id: str, marks: Marks) -> None:
        """Store one paper's marks (durably, before returning, when the disk allows)."""
        self.set_many({paper_id: marks})

    def set_many(
        self,
        changes: Mapping[str, Marks],
        before: Mapping[str, Marks] | None = None,
        *,
        record: bool = True,
    ) -> None:
        """Store several marks: one locked write per month touched.

        With `before` (the marks the caller saw when it made each change), only the fields
        that differ are written; without, every field of each mark is. Each changed field is
        then appended to this machine's change log (unless `record` is False: a sync adopting
        other machines' changes appends them itself, with their own stamps).
        """
        docs: dict[str, Doc] = {}
        for paper_id, mark in changes.items():
            seen = before.get(paper_id) if before is not None else None
            docs[paper_id] = marks_whole_doc(mark) if seen is None else marks_change_doc(seen, mark)
        if self.set_fields(docs) and record and self.log is not None:
            self._record(changes, before)

    def set_fields(self, docs: Mapping[str, Doc]) -> bool:
        """Write changes of fields as stored (`marks_change_doc`'s form: None removes a field)
        by paper id, one locked write per month touched, not logged; False when none."""
        grouped: dict[str, dict[str, Doc | None]] = {}
        for paper_id, doc in docs.items():
            if doc:
                grouped.setdefault(partition_of(paper_id), {})[paper_id] = doc
        if not grouped:
            return False
        with self._lock:
            for key, changed in grouped.items():
                self._file(key).stage(TABLE, changed, change_fields, join_changes)
            flush_all(list(self._files.values()), self._lock_path, self._notices)
        return True

    def _record(self, changes: Mapping[str, Marks], before: Mapping[str, Marks] | None) -> None:
        assert self.log is not None
        try:
            for paper_id, mark in changes.items():
                seen = before.get(paper_id) if before is not None else None
                fields = whole_fields(mark) if seen is None else field_changes(seen, mark)
                if fields:
                    self.log.record(paper_id, fields)
        except OSError as error:
            self._notices.add(f"the change log cannot be written: {reason_of(error)}")

    def unsaved(self) -> dict[str, Doc | None]:
        """Changes that could not be written yet, by paper id (after one more try)."""
        with self._lock:
            flush_all(list(self._files.values()), self._lock_path, self._notices)
            return {
                paper_id: change
                for key in sorted(self._files)
                for paper_id, change in self._files[key].pending(TABLE).items()
            }

    def rescue_unsaved(self, folder: Path | None = None) -> str | None:
        """At the end of a session: put changes that could not be saved in a private file of
        the temporary folder and say so (what, why, where); None when everything was saved."""
        changes = self.unsaved()
        if not changes:
            return None
        reason = self._notices.last_failure or "the data folder refused the write"
        count = f"{len(changes)} mark change{'s' * (len(changes) != 1)}"
        where = f"could not be saved in {self._folder} ({reason})"
        from tui.store.rescue import write_rescue_file  # at the end of a session only

        try:
            kept = write_rescue_file({TABLE: changes}, folder)
        except OSError as error:
            return f"{count} {where}, nor kept elsewhere: {reason_of(error)}; they are lost"
        return f"{count} {where}; kept in {kept}"

    def take_notices(self) -> list[str]:
        """Messages for the user since the last call (files set aside, writes failing)."""
        return self._notices.take()

    def _file(self, key: str) -> JournaledFile:
        if key not in self._files:
            self._files[key] = JournaledFile(
                self._folder / f"{key}.json",
                root=self._folder.parent,
                lock_path=self._lock_path,
                schema=SCHEMA,
                notices=self._notices,
            )
        return self._files[key]

    def _partitions_on_disk(self) -> frozenset[str]:
        try:
            names = [entry.name for entry in self._folder.iterdir()]
        except (FileNotFoundError, NotADirectoryError):
            return frozenset()
        except OSError as error:
            self._notices.add(f"{self._folder} cannot be listed: {error.strerror or error}")
            return frozenset()
        # A journal alone counts too: its base may have been set aside with no copy to restore.
        stems = (name.removesuffix(JOURNAL_SUFFIX) for name in names)
        return frozenset(
            stem[:-5] for stem in stems if stem.endswith(".json") and _PARTITION.match(stem[:-5])
        )
