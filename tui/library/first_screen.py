"""The first screen: the top rows shown last time, painted in the reader's very first frame.

One object owns the trick, from start to end. The command line calls `preload` before Textual
is imported, so the file is read on a thread while Textual loads; the app takes `ready()` in
its first frame (never waiting for it); the screen, once the whole day is read, hands back what
it shows to `keep` (written on the library's writer thread). A first screen of another day than
the one the reader opens on (yesterday's, once a newer day is cached) is never painted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date

from tui.domain.paper_list import PaperList
from tui.library.views import View
from tui.store.first_screen import ROWS, FirstScreenStore


class FirstScreen:
    """Reads and keeps `first_screen.json` for one set of feeds."""

    def __init__(
        self,
        store: FirstScreenStore,
        *,
        feeds_key: Callable[[], str],
        newest_day: Callable[[], date | None],
        writer: Callable[[Callable[[], None]], None],
    ) -> None:
        self._store = store
        self._feeds_key = feeds_key
        self._newest_day = newest_day
        self._writer = writer
        self._preloaded: Future[View | None] | None = None

    def preload(self, day: date | None) -> None:
        """Start reading on a thread of its own (while the caller imports Textual)."""
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dailypapers-start")
        self._preloaded = pool.submit(self.read, day)
        pool.shutdown(wait=False)

    def ready(self) -> View | None:
        """The preloaded first screen if it is there already; never waits."""
        preloaded = self._preloaded
        if preloaded is None or not preloaded.done() or preloaded.exception() is not None:
            return None
        return preloaded.result()

    async def load(self, day: date | None) -> View | None:
        """The first screen, read now (off the event loop) when it was not preloaded."""
        return await asyncio.to_thread(self.read, day)

    def read(self, day: date | None) -> View | None:
        """The top of the list shown last time; None when there is none for these feeds, or
        it is of another day than the one asked for (or than the newest, when none is)."""
        first = self._store.load(self._feeds_key())
        if first is None or (day is not None and first.day != day):
            return None
        if day is None and first.day != (self._newest_day() or first.day):
            return None  # a newer day was fetched since: never paint yesterday first
        return View(
            PaperList.of(first.papers, first.marks), first.day, (first.day,), complete=False
        )

    def keep(self, view: View, shown: PaperList, rows: int | None = None) -> None:
        """Remember the top `rows` of the list as shown (written on the writer thread). The
        fewer, the sooner the next start reads them: the UI passes what its list has room for."""
        if view.day is None or not view.complete or not shown:
            return
        top = shown.papers[: ROWS if rows is None else max(1, min(rows, ROWS))]
        marks = {p.id: shown.marks_for(p.id) for p in top}
        day, key = view.day, self._feeds_key()
        self._writer(lambda: self._store.save(key, day, top, marks))
