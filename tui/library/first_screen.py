"""The first screen: the top rows shown last time, painted in the reader's very first frame.

One object owns the trick, from start to end. The command line calls `preload` before Textual
is imported, so the file is read on a thread while Textual loads; the app takes `ready()` in
its first frame (never waiting for it); the screen, once the whole day is read, hands back what
it shows to `keep` (written on the library's writer thread).

The first screen is always of the day the reader opens on (`--date`, else the newest day with
papers). When the one kept is of another day (yesterday's, once a newer day was fetched) or
there is none, the top rows kept for that day when it was stored (`store/day_tops.py`) are
painted instead, so the first frame never waits for the whole day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date

from tui.domain.paper import Marks
from tui.domain.paper_list import PaperList, SortKey
from tui.library.threads import to_thread
from tui.library.views import View
from tui.store.day_tops import DayTops
from tui.store.first_screen import ROWS, FirstScreenStore


class FirstScreen:
    """Reads and keeps `first_screen.json` for one set of feeds."""

    def __init__(
        self,
        store: FirstScreenStore,
        *,
        feeds_key: Callable[[], str],
        newest_day: Callable[[], date | None],
        writer: Callable[[Callable[[], None]], object],
        tops: DayTops,
        marks_for: Callable[[Iterable[str]], dict[str, Marks]],
    ) -> None:
        self._store = store
        self._tops = tops
        self._marks_for = marks_for
        self._feeds_key = feeds_key
        self._newest_day = newest_day
        self._writer = writer
        self._preloaded: Future[View | None] | None = None

    def preload(self, day: date | None, sort: str = SortKey.UPVOTES) -> None:
        """Start reading on a thread of its own (while the caller imports Textual)."""
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dailypapers-start")
        self._preloaded = pool.submit(self.read, day, sort)
        pool.shutdown(wait=False)

    def ready(self) -> View | None:
        """The preloaded first screen if it is there already; never waits."""
        preloaded = self._preloaded
        if preloaded is None or not preloaded.done() or preloaded.exception() is not None:
            return None
        return preloaded.result()

    async def load(self, day: date | None, sort: str = SortKey.UPVOTES) -> View | None:
        """The first screen, read now (off the event loop) when it was not preloaded."""
        return await to_thread(self.read, day, sort)

    def read(self, day: date | None, sort: str = SortKey.UPVOTES) -> View | None:
        """The top of the list of `day` (default: the newest day with papers), in `sort` order:
        as shown last time when that was this day and these feeds, else as kept when the day
        was stored; None when neither is there."""
        opens_on = day if day is not None else self._newest_day()
        if opens_on is None:
            return None
        first = self._store.load(self._feeds_key(), opens_on)
        if first is not None:
            papers = PaperList.of(first.papers, first.marks)
        else:  # none kept, or yesterday's: never paint another day than the one opened on
            try:
                key = SortKey(sort)
            except ValueError:
                key = SortKey.UPVOTES
            top = self._tops.load(opens_on, key)
            if not top:
                return None
            papers = PaperList.of(top, self._marks_for(p.id for p in top))
        return View(papers, opens_on, (opens_on,), complete=False)

    def keep(self, view: View, shown: PaperList, rows: int | None = None) -> None:
        """Remember the top `rows` of the list as shown (written on the writer thread). The
        fewer, the sooner the next start reads them: the UI passes what its list has room for."""
        if view.day is None or not view.complete or not shown:
            return
        top = shown.papers[: ROWS if rows is None else max(1, min(rows, ROWS))]
        marks = {p.id: shown.marks_for(p.id) for p in top}
        day, key = view.day, self._feeds_key()
        self._writer(lambda: self._store.save(key, day, top, marks))
        self._writer(lambda: self._keep_tops(day, view.papers))

    def _keep_tops(self, day: date, papers: PaperList) -> None:
        """A day stored before the top rows were kept (an older cache) gets them now."""
        if not self._tops.exists(day):
            self._tops.save(day, papers)
