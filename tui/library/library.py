"""The use-cases the reader and the command line await: load the cache, refresh, mark, query.

`Library` is Textual-free. Every expected failure (network, parse, disk) comes back as a value
(a one-line notice), never as an exception. Disk and parsing run off the event loop; mark
writes run in order on one writer thread, so a quick save-unsave never lands reversed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.arxiv import normalise_arxiv_id
from tui.domain.feeds.feed_list import FeedListError
from tui.domain.feeds.spec import FeedSpec
from tui.domain.feeds.state import FeedState
from tui.domain.paper import Marks, Paper
from tui.domain.paper_list import PaperList
from tui.store.cache import PaperCache
from tui.store.exports import write_clipboard_overflow
from tui.store.feed_list import FeedListStore
from tui.store.feed_state import FeedStateStore
from tui.store.first_screen import ROWS, FirstScreenStore
from tui.store.marks import MarkStore

if TYPE_CHECKING:
    from tui.library.refresh import FeedRefresher, FeedResult

# Builds the refresher for a feed list. The refresh machinery (fetching, parsing, polling) is
# loaded on the first refresh, after the first paint, not while the reader starts.
PAGE_BACK_DAYS = 7
RefresherFactory = Callable[[tuple[FeedSpec, ...]], "FeedRefresher"]


@dataclass(frozen=True)
class View:
    """What the reader shows: the papers of one day (or the library, or the saved ones) with
    their marks. `counts` is how many papers each cached day holds."""

    papers: PaperList
    day: date | None
    days: tuple[date, ...]
    notices: tuple[str, ...] = ()
    complete: bool = True  # False for the first screen painted before the whole day is read
    counts: Mapping[date, int] = field(default_factory=dict)

    @property
    def elsewhere(self) -> int:
        """How many cached papers are on other days than the one shown."""
        return sum(n for d, n in self.counts.items() if d != self.day)


@dataclass(frozen=True)
class PagingOutcome:
    """Where a day-paging press lands (None: nowhere new) and what to tell the user."""

    day: date | None
    notice: str | None = None


@dataclass(frozen=True)
class RefreshOutcome:
    """The result of refreshing every feed once."""

    results: tuple[FeedResult, ...]
    new_ids: frozenset[str]
    notice: str | None

    @property
    def all_failed(self) -> bool:
        return bool(self.results) and all(r.failed for r in self.results)


class Library:
    """The facade over the stores and the refresher; the only object the UI talks to."""

    def __init__(
        self,
        *,
        marks: MarkStore,
        cache: PaperCache,
        feed_state: FeedStateStore,
        feeds: Sequence[FeedSpec],
        make_refresher: RefresherFactory,
        clock: Callable[[], datetime],
        data_dir: Path,
        feed_list: FeedListStore | None = None,
        offline: bool = False,
    ) -> None:
        self.data_dir = data_dir
        self._first_screen = FirstScreenStore(data_dir / "first_screen.json")
        self._feed_list = feed_list
        self._marks = marks
        self._cache = cache
        self._feed_state = feed_state
        self._feeds = tuple(feeds)
        self._make_refresher = make_refresher
        self._refresher: FeedRefresher | None = None
        self._clock = clock
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dailypapers-writer")
        self._had_visit: bool | None = None
        self._probed_empty: set[date] = set()
        self.offline = offline

    @property
    def feeds(self) -> tuple[FeedSpec, ...]:
        return self._feeds

    async def _the_refresher(self) -> FeedRefresher:
        if self._refresher is None:  # its modules load in a thread: the loop never waits on disk
            self._refresher = await asyncio.to_thread(self._make_refresher, self._feeds)
        return self._refresher

    def now_iso(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    # -- reading -------------------------------------------------------------------------

    async def load_day(self, day: date | None = None) -> View:
        """The papers of `day` (default: the newest cached day) from the cache, with marks."""
        return await asyncio.to_thread(self.load_day_sync, day)

    def load_day_sync(self, day: date | None = None) -> View:
        counts = self._cache.day_counts()
        days = tuple(sorted(counts, reverse=True))
        shown = day if day is not None else (days[0] if days else None)
        papers: list[Paper] = []
        if shown is not None:
            papers.extend(self._cache.load_day(shown))
        if day is None or (days and shown == days[0]):
            papers.extend(self._cache.load_undated())  # a cache not yet migrated
        marks = self._marks.load_for(p.id for p in papers)
        papers_list = PaperList.of(papers, marks)
        return View(papers_list, shown, days, self.take_notices(), counts=counts)

    async def load_library(self) -> View:
        """Every cached paper, newest day first (each on its one day)."""
        return await asyncio.to_thread(self.load_library_sync)

    def load_library_sync(self) -> View:
        counts = self._cache.day_counts()
        papers = self._cache.load_all()
        marks = self._marks.load_for(p.id for p in papers)
        days = tuple(sorted(counts, reverse=True))
        return View(PaperList.of(papers, marks), None, days, self.take_notices(), counts=counts)

    def day_counts(self) -> dict[date, int]:
        """How many cached papers each day holds (days without papers left out)."""
        return self._cache.day_counts()

    def cached_neighbour(self, day: date | None, step: int) -> date | None:
        """The nearest cached day with papers before (step -1) or after (+1) `day`."""
        days = sorted(self._cache.day_counts())
        if day is None:
            return days[-1] if days else None
        later = [d for d in days if (d > day if step > 0 else d < day)]
        if not later:
            return None
        return later[0] if step > 0 else later[-1]

    def _feeds_key(self) -> str:
        return "\n".join(sorted(feed.url for feed in self.feeds if feed.enabled))

    async def load_first_screen(self, day: date | None = None) -> View | None:
        """The top of the list shown last time, to paint before the day is read; None when
        there is none for these feeds (or for another day than the one asked for)."""
        return await asyncio.to_thread(self.load_first_screen_sync, day)

    def load_first_screen_sync(self, day: date | None = None) -> View | None:
        """`load_first_screen` on this thread (the command line starts it before the UI)."""
        first = self._first_screen.load(self._feeds_key())
        if first is None or (day is not None and first.day != day):
            return None
        papers = PaperList.of(first.papers, first.marks)
        return View(papers, first.day, (first.day,), complete=False)

    def keep_first_screen(self, view: View, shown: PaperList, rows: int | None = None) -> None:
        """Remember the top `rows` of the list as shown (written on the writer thread). The
        fewer, the sooner the next start reads them: the UI passes what its list has room for."""
        if view.day is None or not view.complete or not shown:
            return
        top = shown.papers[: ROWS if rows is None else max(1, min(rows, ROWS))]
        marks = {p.id: shown.marks_for(p.id) for p in top}
        self._writer.submit(self._first_screen.save, self._feeds_key(), view.day, top, marks)

    async def load_saved(self) -> View:
        """Every saved paper, across all days, even those that left their feeds."""
        return await asyncio.to_thread(self.load_saved_sync)

    def load_saved_sync(self) -> View:
        marks = self._marks.load_all()
        saved = {pid for pid, mark in marks.items() if mark.saved}
        papers = [p for p in self._cache.load_pinned() if p.id in saved]
        days = tuple(self._cache.days())
        return View(PaperList.of(papers, marks).saved_only(), None, days, self.take_notices())

    def find_paper_sync(self, paper_id: str) -> Paper | None:
        """A paper by id from the local cache: saved copies first, then the days, newest first."""
        wanted = normalise_arxiv_id(paper_id) or paper_id.strip()
        for paper in self._cache.load_pinned():
            if paper.id == wanted:
                return paper
        for day in self._cache.days():
            found = [p for p in self._cache.load_day(day) if p.id == wanted]
            if found:
                return PaperList.of(found)[0]
        return next((p for p in self._cache.load_undated() if p.id == wanted), None)

    def all_papers_sync(self) -> list[Paper]:
        """Every cached paper once (saved copies, every day, undated): what cite keys are unique
        across."""
        papers: dict[str, Paper] = {}
        days = [self._cache.load_day(day) for day in self._cache.days()]
        for paper in [*self._cache.load_pinned(), *(p for day in days for p in day)]:
            papers.setdefault(paper.id, paper)
        for paper in self._cache.load_undated():
            papers.setdefault(paper.id, paper)
        return list(papers.values())

    async def load_marks(self) -> dict[str, Marks]:
        """Every mark, as stored now (picks up another session's writes)."""
        return await asyncio.to_thread(self._marks.load_all)

    def take_notices(self) -> tuple[str, ...]:
        """One-line notices from the stores (corrupt files set aside, failed writes), once each."""
        notices = [
            *self._marks.take_notices(),
            *self._cache.take_notices(),
            *self._feed_state.take_notices(),
        ]
        return tuple(dict.fromkeys(notices))

    # -- paging days ---------------------------------------------------------------------

    async def page_day(
        self, day: date | None, step: int, asking: Callable[[date], None] | None = None
    ) -> PagingOutcome:
        """The next day with papers before or after `day`. Past the oldest cached day, the
        Hugging Face feeds are asked for earlier days, one request at a time, at most
        `PAGE_BACK_DAYS` days per press, skipping empty answers. Nothing else is fetched."""
        found = await asyncio.to_thread(self.cached_neighbour, day, step)
        if found is not None:
            return PagingOutcome(found)
        if step > 0:
            return PagingOutcome(None, "No later day with papers")
        if day is None or not self.pages_back:
            return PagingOutcome(None, "No earlier day with papers in the cache")
        start = min(day, *self._probed_empty) if self._probed_empty else day
        for back in range(1, PAGE_BACK_DAYS + 1):
            asked = start - timedelta(days=back)
            if asking is not None:
                asking(asked)
            outcome = await self.refresh(day=asked, hf_only=True)
            if any(r.status in ("ok", "partial") and r.paper_ids for r in outcome.results):
                found = await asyncio.to_thread(self.cached_neighbour, day, -1)
                return PagingOutcome(found or asked)
            if outcome.all_failed:
                return PagingOutcome(None, outcome.notice or "could not ask for earlier days")
            self._probed_empty.add(asked)
        oldest = start - timedelta(days=PAGE_BACK_DAYS)
        return PagingOutcome(None, f"No papers back to {oldest:%a %d %b %Y}; [ looks further")

    @property
    def pages_back(self) -> bool:
        """Whether an earlier day can be asked for: a Hugging Face feed, and not offline."""
        from tui.library.refresh import is_hf_feed

        return not self.offline and any(is_hf_feed(f) for f in self.feeds if f.enabled)

    # -- refreshing ----------------------------------------------------------------------

    async def refresh(
        self,
        *,
        day: date | None = None,
        automatic: bool = False,
        hf_only: bool = False,
        on_feed: Callable[[FeedResult], Awaitable[None]] | None = None,
        span: tuple[str, str] | None = None,
    ) -> RefreshOutcome:
        """Fetch every enabled feed once; keep the last good data on any failure.

        Papers that arrive and were not cached before are new, unless this is the first visit
        ever (then everything would be new, which says nothing). `on_feed` is awaited as each
        feed is done, so its papers can be shown before a slow feed ends.
        """
        refresher = await self._the_refresher()
        results = await refresher.refresh_all(
            day=day, automatic=automatic, hf_only=hf_only, on_result=on_feed, span=span
        )
        arrived = frozenset(pid for result in results for pid in result.new_ids)
        new = arrived if await self._visited_before() else frozenset()
        return RefreshOutcome(tuple(results), new, _summarise(results))

    async def _visited_before(self) -> bool:
        """Whether any earlier session ran; records this visit the first time it is asked."""
        if self._had_visit is None:
            self._had_visit = await asyncio.to_thread(self._record_visit)
        return self._had_visit

    def _record_visit(self) -> bool:
        before = self._feed_state.get_meta("last_visit")
        self._feed_state.put_meta("last_visit", self.now_iso())
        return before is not None

    def feeds_fresh(self, day: date | None, *, default_minutes: float) -> bool:
        """True when every enabled feed was fetched within its refresh interval (so `list`
        can answer from the cache without waiting on the network)."""
        from tui.library.refresh import is_local, url_for_day  # no network code behind them

        now = self._clock()
        for feed in self.feeds:
            if not feed.enabled:
                continue
            if is_local(feed.url):
                return False  # a file is read again at once: it may have changed
            fetched = self._feed_state.get(url_for_day(feed, day)).fetched_at
            minutes = feed.refresh_minutes or default_minutes
            try:
                age = (now - datetime.fromisoformat(fetched)).total_seconds() if fetched else None
            except (TypeError, ValueError):
                age = None
            if age is None or not 0 <= age < minutes * 60:
                return False
        return True

    # -- the feeds ------------------------------------------------------------------------

    async def feed_status(self) -> list[tuple[FeedSpec, FeedState]]:
        """Each feed in force with what is remembered of its last fetch."""
        return await asyncio.to_thread(
            lambda: [(feed, self._feed_state.get(feed.url)) for feed in self.feeds]
        )

    async def change_feeds(
        self, change: Callable[[tuple[FeedSpec, ...]], Iterable[FeedSpec]]
    ) -> str:
        """Apply an edit to the feed list and keep it; a one-line reason when it is refused."""
        try:
            feeds = tuple(change(self.feeds))
        except FeedListError as error:
            return str(error)
        self._feeds = feeds
        if self._refresher is not None:
            self._refresher.feeds = feeds
        if self._feed_list is not None:
            await asyncio.to_thread(self._feed_list.save, feeds)
            return "; ".join(self._feed_list.take_notices())
        return ""

    # -- marking -------------------------------------------------------------------------

    def submit_marks(
        self,
        changes: Mapping[str, Marks],
        papers: Iterable[Paper] = (),
        before: Mapping[str, Marks] | None = None,
    ) -> Future[None]:
        """Queue a mark write now, in order; the write itself runs on the writer thread.

        `before` is what the caller showed when it made the change: then only the fields that
        changed are written, onto what is on disk (another session's save is kept).
        Queued synchronously so that a signal arriving right after a key press still finds
        the write in the queue when `flush` runs.
        """
        seen = None if before is None else dict(before)
        return self._writer.submit(
            self._write_marks, dict(changes), {p.id: p for p in papers}, seen
        )

    async def set_marks(self, paper: Paper, marks: Marks) -> None:
        """Persist one paper's marks (and a copy of a saved paper's metadata)."""
        await asyncio.wrap_future(self.submit_marks({paper.id: marks}, [paper]))

    def _write_marks(
        self,
        changes: dict[str, Marks],
        papers: dict[str, Paper],
        before: dict[str, Marks] | None = None,
    ) -> None:
        self._marks.set_many(changes, before)
        for pid, mark in changes.items():
            if mark.saved and pid in papers:
                self._cache.pin(papers[pid])

    def set_marks_sync(self, changes: Mapping[str, Marks], papers: Sequence[Paper] = ()) -> None:
        """For the command line: write now, on this thread."""
        self._write_marks(dict(changes), {p.id: p for p in papers})

    def save_clipboard_overflow(self, text: str) -> Path | None:
        """Keep text too long for the terminal clipboard in a file; its path, or None."""
        return write_clipboard_overflow(self.data_dir, text)

    def flush(self) -> None:
        """Wait for every pending write (quit, SIGHUP, SIGTERM)."""
        self._writer.shutdown(wait=True)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dailypapers-writer")

    def rescue_unsaved(self) -> str | None:
        """After the last flush: where mark changes the data folder refused went, if any."""
        return self._marks.rescue_unsaved()

    async def aclose(self) -> None:
        await asyncio.to_thread(self.flush)
        if self._refresher is not None:
            await self._refresher.aclose()


def _summarise(results: Sequence[FeedResult]) -> str | None:
    """One line for the status bar: the first problem, and how many feeds had one."""
    problems = [r for r in results if r.message and (r.failed or r.partial or r.skipped)]
    if not problems:
        return None
    first = problems[0]
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{first.feed.name}: {first.message}{more}"
