"""Marks the reader changed that a view read from disk may not hold yet.

A view is read on a worker thread while mark writes run on the writer thread. A star given
while a day loads could be read as "not starred" and then vanish from the screen when the view
arrives. Each submitted change gets a number; a view remembers how many changes were written
when its read began; what came later is laid over it when it is shown (on the UI thread).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import replace

from tui.domain.paper import Marks
from tui.library.views import View


class RecentMarks:
    """Submitted mark changes, numbered in order, and how far the writer has got."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._submitted = 0
        self._written = 0
        self._changes: dict[str, tuple[int, Marks]] = {}

    def submitted(self, changes: Mapping[str, Marks]) -> int:
        """Note changes just queued for writing; their number, to pass to `written`."""
        with self._lock:
            self._submitted += 1
            for paper_id, marks in changes.items():
                self._changes[paper_id] = (self._submitted, marks)
            return self._submitted

    def written(self, number: int) -> None:
        """The writer is done with change `number` (and, writes being in order, all before)."""
        with self._lock:
            self._written = max(self._written, number)

    @property
    def written_so_far(self) -> int:
        """Stamp a view with this before reading its marks from disk."""
        with self._lock:
            return self._written

    def later_than(self, stamp: int) -> dict[str, Marks]:
        """The changes submitted after `stamp` (a `written_so_far`): what a read of every mark
        begun at `stamp` may not hold yet."""
        with self._lock:
            return {pid: marks for pid, (n, marks) in self._changes.items() if n > stamp}

    def laid_over(self, view: View) -> View:
        """`view` with every change made after its read began (its own papers only)."""
        later = self.later_than(view.marks_written)
        if not later:
            return view
        listed = set(view.papers.ids())
        changes = {pid: marks for pid, marks in later.items() if pid in listed}
        if not changes:
            return view
        return replace(view, papers=view.papers.with_many_marks(changes))
