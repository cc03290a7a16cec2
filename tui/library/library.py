"""The use-cases the reader and the command line await: load the cache, refresh, mark, query.

`Library` is Textual-free. Every expected failure (network, parse, disk) comes back as a value
(a one-line notice), never as an exception. Disk and parsing run off the event loop; mark
writes run in order on one writer thread, so a quick save-unsave never lands reversed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.feeds.feed_list import FeedListError
from tui.domain.feeds.spec import FeedSpec
from tui.domain.feeds.state import FeedState
from tui.domain.paper import QUEUED, Marks, Paper
from tui.domain.paper_list import PaperList
from tui.domain.polling import age_seconds
from tui.library.first_screen import FirstScreen
from tui.library.recent_marks import RecentMarks
from tui.library.saved_views import SavedViews
from tui.library.threads import to_thread, wrap_future
from tui.library.views import View as View
from tui.store.cache import PaperCache
from tui.store.feed_list import FeedListStore
from tui.store.feed_state import FeedStateStore
from tui.store.first_screen import FirstScreenStore
from tui.store.locations import DataFiles
from tui.store.marks import MarkStore
from tui.store.seen import SeenStore

if TYPE_CHECKING:
    from tui.library.paging import DayPager, PagingOutcome
    from tui.library.ranking import ForYou
    from tui.library.refresh import FeedRefresher, FeedResult
    from tui.library.sync import FolderSync
    from tui.library.trending import Order
    from tui.store.cite_keys import CiteKeyStore

# Builds the refresher for a feed list. The refresh machinery (fetching, parsing, polling) is
# loaded on the first refresh, after the first paint, not while the reader starts.
RefresherFactory = Callable[[tuple[FeedSpec, ...]], "FeedRefresher"]


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to generate at start
class RefreshOutcome:
    """The result of refreshing every feed once."""

    results: tuple[FeedResult, ...]
    new_ids: frozenset[str]
    notice: str | None

    @property
    def all_failed(self) -> bool:
        return bool(self.results) and all(r.failed for r in self.results)


class Library(SavedViews):
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
        self._seen = SeenStore(DataFiles(data_dir).seen_file)
        self._feed_list = feed_list
        self._marks = marks
        self._cache = cache
        self._feed_state = feed_state
        self._feeds = tuple(feeds)
        self._make_refresher = make_refresher
        self._refresher: FeedRefresher | None = None
        self._clock = clock
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dailypapers-writer")
        self.recent_marks = RecentMarks()
        self._had_visit: bool | None = None
        self.first_screen = FirstScreen(
            FirstScreenStore(DataFiles(data_dir).first_screen_file),
            feeds_key=self._feeds_key,
            newest_day=lambda: next(iter(self._cache.days()), None),
            writer=self._writer.submit,
            tops=self._cache.tops,
            marks_for=self._marks.load_for,
        )
        self.offline = offline
        self.folder_sync: FolderSync | None = None  # sync_dir: set by the wiring

    @cached_property
    def for_you(self) -> ForYou:
        """The For-you model, built (its modules loaded) on first use, never at start."""
        from tui.library.ranking import ForYou

        return ForYou.in_folder(self._marks, self._cache, self.data_dir, self._clock)

    @property
    def feeds(self) -> tuple[FeedSpec, ...]:
        return self._feeds

    async def _the_refresher(self) -> FeedRefresher:
        if self._refresher is None:  # its modules load in a thread: the loop never waits on disk
            self._refresher = await to_thread(self._make_refresher, self._feeds)
        return self._refresher

    def now_iso(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    # -- reading -------------------------------------------------------------------------

    async def load_day(self, day: date | None = None) -> View:
        """The papers of `day` (default: the newest cached day) from the cache, with marks (and,
        like every async load, the marks changed while it read, laid over it on the loop)."""
        return self.recent_marks.laid_over(await to_thread(self.load_day_sync, day))

    def load_day_sync(self, day: date | None = None) -> View:
        stamp = self.recent_marks.written_so_far
        counts = self._cache.day_counts()
        days = tuple(sorted(counts, reverse=True))
        shown = day if day is not None else (days[0] if days else None)
        papers: list[Paper] = []
        if shown is not None:
            papers.extend(self._cache.load_day(shown))
        marks = self._marks.load_for(p.id for p in papers)
        papers_list = PaperList.of(papers, marks)
        notices = self.take_notices()
        return View(papers_list, shown, days, notices, counts=counts, marks_written=stamp)

    async def load_library(self) -> View:
        """Every cached paper, newest day first (each on its one day)."""
        return self.recent_marks.laid_over(await to_thread(self.load_library_sync))

    def load_library_sync(self) -> View:
        stamp = self.recent_marks.written_so_far
        counts = self._cache.day_counts()
        papers = self._cache.load_all()
        marks = self._marks.load_for(p.id for p in papers)
        days = tuple(sorted(counts, reverse=True))
        listed = PaperList.of(papers, marks)
        return View(listed, None, days, self.take_notices(), counts=counts, marks_written=stamp)

    def day_counts(self) -> dict[date, int]:
        """How many cached papers each day holds (days without papers left out)."""
        return self._cache.day_counts()

    def _feeds_key(self) -> str:
        return "\n".join(sorted(feed.url for feed in self.feeds if feed.enabled))

    async def load_marks(self) -> dict[str, Marks]:
        """Every mark as stored now, with this session's unwritten changes laid over it."""
        stamp = self.recent_marks.written_so_far  # another session's writes come in too
        marks = await to_thread(self._marks.load_all)
        return marks | self.recent_marks.later_than(stamp)

    def take_notices(self) -> tuple[str, ...]:
        """One-line notices from the stores (corrupt files set aside, failed writes), once each."""
        sync = self.folder_sync.take_notices() if self.folder_sync else ()
        stores = (*self._marks.take_notices(), *self._cache.take_notices())
        return tuple(dict.fromkeys((*stores, *self._feed_state.take_notices(), *sync)))

    # -- paging days ---------------------------------------------------------------------

    async def page_day(
        self, day: date | None, step: int, asking: Callable[[date], None] | None = None
    ) -> PagingOutcome:
        """The next day with papers before or after `day` (see `library/paging.py`)."""
        return await self._pager.page(day, step, asking)

    @cached_property
    def _pager(self) -> DayPager:
        from tui.library.paging import DayPager  # paging is a key press, not start-up

        return DayPager(self, days=self._cache.days)

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
        order: Order | None = None,
    ) -> RefreshOutcome:
        """Fetch every enabled feed once; keep the last good data on any failure. Papers that
        arrive, were not cached before and were never on screen are new, unless this is the
        first visit ever (then all would be, which says nothing). `on_feed` is awaited as each
        feed is done, so its papers can be shown before a slow feed ends."""
        from tui.library.refresh import summarise

        refresher = await self._the_refresher()
        seen = await to_thread(self._seen.snapshot)  # before any arrival is on screen
        results = await refresher.refresh_all(
            day=day, automatic=automatic, hf_only=hf_only, on_result=on_feed, span=span, order=order
        )
        arrived = frozenset(pid for result in results for pid in result.new_ids)
        new = arrived if await self._visited_before() else frozenset()
        new = new - seen  # new: never had on screen
        return RefreshOutcome(tuple(results), new, summarise(results))

    async def _visited_before(self) -> bool:
        """Whether any earlier session ran; records this visit the first time it is asked."""
        if self._had_visit is None:
            self._had_visit = await to_thread(self._record_visit)
        return self._had_visit

    def note_seen(self, ids: Sequence[str]) -> None:
        """These papers were on screen: they are never "new" again (written behind)."""
        self._writer.submit(self._seen.add, tuple(ids))

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
            age = age_seconds(self._feed_state.get(url_for_day(feed, day)).fetched_at, now)
            minutes = feed.refresh_minutes or default_minutes
            if age is None or not 0 <= age < minutes * 60:
                return False
        return True

    # -- the feeds ------------------------------------------------------------------------

    async def feed_status(self) -> list[tuple[FeedSpec, FeedState]]:
        """Each feed in force with what is remembered of its last fetch."""
        return await to_thread(
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
            await to_thread(self._feed_list.save, feeds)
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
        number = self.recent_marks.submitted(changes)
        written = self._writer.submit(
            self._write_marks, dict(changes), {p.id: p for p in papers}, seen, number
        )
        self.sync_soon()
        return written

    def sync_soon(self) -> None:
        """With `sync_dir`: merge with the shared folder on the writer thread, after the writes
        queued so far."""
        if self.folder_sync is not None:
            self.folder_sync.soon(self._writer.submit)

    def _write_marks(
        self,
        changes: dict[str, Marks],
        papers: dict[str, Paper],
        before: dict[str, Marks] | None = None,
        number: int = 0,
    ) -> None:
        try:
            self._marks.set_many(changes, before)
            for pid, mark in changes.items():
                if (mark.saved or mark.state == QUEUED) and pid in papers:
                    self._cache.pin(papers[pid])
        finally:
            self.recent_marks.written(number)

    def set_marks_sync(
        self,
        changes: Mapping[str, Marks],
        papers: Sequence[Paper] = (),
        before: Mapping[str, Marks] | None = None,
    ) -> None:
        """For the command line: write now, on this thread (with `before`: changed fields)."""
        seen = None if before is None else dict(before)
        self._write_marks(dict(changes), {p.id: p for p in papers}, seen)

    @property
    def marks_store(self) -> MarkStore:
        """The marks, for the sync use-cases (`library/sync.py`)."""
        return self._marks

    def cite_keys(self) -> CiteKeyStore:
        """The cite keys handed out from this data folder (kept: a key never changes)."""
        from tui.store.cite_keys import CiteKeyStore

        return CiteKeyStore(DataFiles(self.data_dir).cite_keys_file)

    def save_clipboard_overflow(self, text: str) -> Path | None:
        """Keep text too long for the terminal clipboard in a file; its path, or None."""
        from tui.store.exports import write_clipboard_overflow  # on a long copy only

        return write_clipboard_overflow(self.data_dir, text)

    async def writes_done(self) -> None:
        """Wait until every mark write queued so far is on disk (the writer keeps order)."""
        await wrap_future(self._writer.submit(lambda: None))

    def flush(self) -> None:
        """Wait for every pending write (quit, SIGHUP, SIGTERM)."""
        self._writer.shutdown(wait=True)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dailypapers-writer")

    def rescue_unsaved(self) -> str | None:
        """After the last flush: where mark changes the data folder refused went, if any."""
        return self._marks.rescue_unsaved()

    async def aclose(self) -> None:
        await to_thread(self.flush)
        if self._refresher is not None:
            await self._refresher.aclose()
