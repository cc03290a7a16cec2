"""Refreshing feeds: fetch (conditional GET), parse off the event loop, cache, remember state.

One `FeedResult` per feed; a failure is a result with a one-line message, never an exception,
and never touches the cached papers or the validators of the last good fetch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

from tui.domain.feeds.result import ParsedFeed, ParseError, build_result
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.feeds.state import FeedState
from tui.domain.polling import age_seconds
from tui.domain.words import counted
from tui.library.state_writes import BatchedStateWrites
from tui.sources.errors import FetchError
from tui.sources.local_file import read_feed_file
from tui.store.cache import PaperCache
from tui.store.feed_state import FeedStateStore

if TYPE_CHECKING:
    from tui.library.trending import Order
    from tui.sources.fetcher import Fetcher

# Hugging Face pages: the API's page is 50 unless `limit` (1..100) says otherwise.
HF_PAGE = 100
HF_MAX_PAGES = 10
HF_PATH = "/api/daily_papers"
# A week or a month of a Hugging Face list, as the API's parameter: ("week", "2026-W31").
Span = tuple[str, str]


@dataclass(frozen=True)
class Body:
    """A feed body and the validators to send next time."""

    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class FeedResult:
    """How one feed's refresh went."""

    feed: FeedSpec
    status: str  # ok | not_modified | partial | failed | offline
    message: str = ""
    paper_ids: tuple[str, ...] = ()
    new_ids: frozenset[str] = frozenset()
    skipped: int = 0
    error_kind: str | None = None
    retry_after: str | None = None

    @property
    def failed(self) -> bool:
        return self.status in ("failed", "offline")

    @property
    def partial(self) -> bool:
        return self.status == "partial"


def is_local(url: str) -> bool:
    """True for a feed that is a file path rather than an http(s) URL."""
    return urlsplit(url).scheme not in ("http", "https")


def is_hf_url(url: str) -> bool:
    """True for a Hugging Face daily-papers URL (path `/api/daily_papers`, any host)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and parts.path.rstrip("/").endswith(HF_PATH)


def is_hf_feed(feed: FeedSpec) -> bool:
    """A feed that takes the API's `date=`, `limit=` and `p=`: recognised by its URL, or typed
    `hf-json` and on the network."""
    return is_hf_url(feed.url) or (feed.kind is FeedKind.HF_JSON and not is_local(feed.url))


def url_for_day(
    feed: FeedSpec,
    day: date | None,
    page: int | None = None,
    span: Span | None = None,
    sort: str | None = None,
) -> str:
    """The feed URL; for Hugging Face with `date=` (a given day), `limit=` and `p=` (a page);
    `span` asks for a week or a month (``("week", "2026-W31")``) instead of a day, `sort` for
    an order of the API's (``trending``)."""
    if not is_hf_feed(feed):
        return feed.url
    parts = urlsplit(feed.url)
    ours: tuple[str, ...] = ("date=", "limit=", "p=") if page is not None else ("date=",)
    if span is not None:
        ours = (*ours, "week=", "month=")
    if sort is not None:
        ours = (*ours, "sort=")
    kept = [q for q in parts.query.split("&") if q and not q.startswith(ours)]
    added: dict[str, str] = {}
    if day is not None:
        added["date"] = day.isoformat()
    if span is not None:
        added[span[0]] = span[1]
    if sort is not None:
        added["sort"] = sort
    if page is not None:
        added["limit"] = str(HF_PAGE)
        if page:
            added["p"] = str(page)
    query = "&".join(filter(None, ["&".join(kept), urlencode(added)]))
    return urlunsplit(parts._replace(query=query))


def feed_key(feed: FeedSpec) -> str:
    """The cache partition of a feed: its URL without the query (every day of a list together)."""
    parts = urlsplit(feed.url)
    return urlunsplit(parts._replace(query="", fragment="")) or feed.name


class FeedRefresher:
    """Fetches and stores feeds. `fetcher=None` means offline: nothing touches the network."""

    def __init__(
        self,
        *,
        feeds: Sequence[FeedSpec],
        fetcher: Callable[[], Fetcher] | None,
        cache: PaperCache,
        feed_state: FeedStateStore,
        clock: Callable[[], datetime],
    ) -> None:
        self.feeds = tuple(feeds)
        self._make_fetcher = fetcher
        self._fetcher: Fetcher | None = None
        self._cache = cache
        self._state = feed_state
        self._clock = clock
        self._fetcher_made = asyncio.Lock()
        self._state_writes = BatchedStateWrites(feed_state)

    @property
    def offline(self) -> bool:
        return self._make_fetcher is None

    async def refresh_all(
        self,
        *,
        day: date | None = None,
        automatic: bool = False,
        hf_only: bool = False,
        on_result: Callable[[FeedResult], Awaitable[None]] | None = None,
        span: Span | None = None,
        order: Order | None = None,
    ) -> list[FeedResult]:
        """Every enabled feed once. An automatic poll skips feeds whose own `refresh_minutes`
        have not passed since their last fetch; a manual refresh fetches them all. `hf_only`
        (paging to another day) asks the Hugging Face feeds alone. `on_result` hears of each
        feed as soon as it is done (and cached), before the rest. `order` asks the Hugging
        Face feeds for an order of theirs (see `library/trending.py`)."""
        hf_only = hf_only or span is not None or order is not None
        enabled = [f for f in self.feeds if f.enabled and (is_hf_feed(f) or not hf_only)]
        if automatic:
            due = await asyncio.to_thread(lambda: [f for f in enabled if self._is_due(f, day)])
            enabled = due

        async def one(feed: FeedSpec) -> FeedResult:
            result = await self.refresh_one(feed, day=day, span=span, order=order)
            if on_result is not None:
                await on_result(result)
            return result

        return list(await asyncio.gather(*(one(f) for f in enabled)))

    def _is_due(self, feed: FeedSpec, day: date | None) -> bool:
        if not feed.refresh_minutes:
            return True
        age = age_seconds(self._state.get(url_for_day(feed, day)).fetched_at, self._clock())
        return age is None or age >= feed.refresh_minutes * 60

    async def refresh_one(
        self,
        feed: FeedSpec,
        *,
        day: date | None = None,
        span: Span | None = None,
        order: Order | None = None,
    ) -> FeedResult:
        sort = order.sort if order is not None else None
        url = url_for_day(feed, day, span=span, sort=sort)
        state = FeedState() if order else await asyncio.to_thread(self._state.get, url)
        paged = is_hf_feed(feed)
        try:
            fetched = await self._fetch(
                url_for_day(feed, day, 0, span, sort) if paged else url, state
            )
        except FetchError as error:
            return await self._record_failure(
                feed, url, state, str(error), error.kind, error.retry_after
            )
        if fetched is None:
            await self._record_success(url, state, None, state.paper_count)
            return FeedResult(feed, "not_modified", "no changes")
        try:
            first = await self._parse(feed, fetched, day, order)
            walk = (
                await self._walk_pages(feed, day, first, span, order)
                if paged
                else _Walk([first], True)
            )
        except ParseError as error:
            return await self._record_failure(feed, url, state, str(error), "parse", None)
        parsed = walk.combined() if order is None else order.kept(walk.combined())
        whole = paged and span is None and order is None
        complete = walk.complete_days(day) if whole else frozenset()
        new_ids = await asyncio.to_thread(self._store, feed, parsed, complete)
        await self._record_success(url, state, fetched, len(parsed.papers))
        result = _result_of(feed, parsed)
        if walk.note:
            result = replace(result, message=f"{result.message}; {walk.note}")
        return replace(result, new_ids=new_ids)

    async def _walk_pages(
        self,
        feed: FeedSpec,
        day: date | None,
        first: ParsedFeed,
        span: Span | None = None,
        order: Order | None = None,
    ) -> _Walk:
        """Follow `p=1, 2, …` while a page comes back full (capped at `HF_MAX_PAGES`). Without
        a day, a span or an order asked, only while the newest day may go on into the next
        page."""
        walk = _Walk([first], ended=not _is_full(first))
        sort = order.sort if order is not None else None
        while not walk.ended and len(walk.pages) < HF_MAX_PAGES:
            if day is None and span is None and order is None and not walk.newest_day_continues():
                break
            page_url = url_for_day(feed, day, len(walk.pages), span, sort)
            try:
                body = await self._fetch(page_url, FeedState())
            except FetchError as error:
                walk.note = f"page {len(walk.pages) + 1} failed ({error}); kept the pages before"
                return walk
            if body is None:
                break
            page = await self._parse(feed, body, day, order)
            walk.pages.append(page)
            walk.ended = not _is_full(page)
        if not walk.ended and len(walk.pages) >= HF_MAX_PAGES and (day or span) is not None:
            walk.note = f"more than {HF_MAX_PAGES * HF_PAGE} papers; read the first pages only"
        return walk

    def _store(
        self, feed: FeedSpec, parsed: ParsedFeed, complete: frozenset[date]
    ) -> frozenset[str]:
        """Cache the papers; returns the ids the cache did not hold before."""
        return self._cache.store(feed_key(feed), parsed.papers, complete_days=complete)

    async def _fetch(self, url: str, state: FeedState) -> Body | None:
        """The body (None: not modified). httpx is imported on the first network fetch, in a
        thread, so start-up and the event loop never pay for it."""
        if is_local(url):
            body = await asyncio.to_thread(read_feed_file, Path(url))
            return Body(body, "", None, None)
        if self._make_fetcher is None:
            raise FetchError("offline mode: showing cached papers", kind="offline")
        async with self._fetcher_made:  # many feeds at once: one fetcher, made once
            if self._fetcher is None:
                self._fetcher = await asyncio.to_thread(self._make_fetcher)
        got = await self._fetcher.fetch(url, etag=state.etag, last_modified=state.last_modified)
        from tui.sources.fetcher import NotModified  # loaded already, with the fetcher

        if isinstance(got, NotModified):
            return None
        return Body(got.body, got.content_type, got.etag, got.last_modified)

    async def _parse(
        self, feed: FeedSpec, fetched: Body, day: date | None, order: Order | None = None
    ) -> ParsedFeed:
        """Parse off the event loop. An answer in an order of the API's (trending) is not
        that day's list: its undated entries are of no day asked or shared."""
        from tui.library.parse_worker import ParseJob, parse_off_loop

        job = ParseJob(
            fetched.body,
            feed.name,
            fetched.content_type or None,
            feed.kind,
            day if is_hf_feed(feed) and order is None else None,
            self._clock().date(),
            one_list=order is None,
        )
        return await parse_off_loop(job)

    async def _record_success(
        self, url: str, state: FeedState, fetched: Body | None, count: int
    ) -> None:
        now = self._clock().isoformat(timespec="seconds")
        new_state = replace(state, fetched_at=now, last_ok_at=now, last_error=None, failures=0)
        if fetched is not None:
            new_state = replace(
                new_state,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                paper_count=count,
            )
        await self._state_writes.put(url, new_state)

    async def _record_failure(
        self,
        feed: FeedSpec,
        url: str,
        state: FeedState,
        message: str,
        kind: str,
        retry_after: str | None,
    ) -> FeedResult:
        now = self._clock().isoformat(timespec="seconds")
        new_state = replace(state, fetched_at=now, last_error=message, failures=state.failures + 1)
        await self._state_writes.put(url, new_state)
        status = "offline" if kind == "offline" else "failed"
        return FeedResult(feed, status, message, error_kind=kind, retry_after=retry_after)

    async def aclose(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.aclose()


def _is_full(page: ParsedFeed) -> bool:
    return len(page.papers) + page.skipped >= HF_PAGE


class _Walk:
    """The pages of one Hugging Face answer, and whether the last one was short (the end)."""

    def __init__(self, pages: list[ParsedFeed], ended: bool) -> None:
        self.pages = pages
        self.ended = ended
        self.note = ""

    def days(self) -> set[date]:
        return {p.day for page in self.pages for p in page.papers if p.day is not None}

    def newest_day_continues(self) -> bool:
        """True when the last page holds only the newest day: its list may go on."""
        last = {p.day for p in self.pages[-1].papers if p.day is not None}
        return len(last) == 1 and last == {max(self.days(), default=None)}

    def combined(self) -> ParsedFeed:
        if len(self.pages) == 1:
            return self.pages[0]
        return build_result(
            (p for page in self.pages for p in page.papers),
            skipped=sum(page.skipped for page in self.pages),
            partial=any(page.partial for page in self.pages),
        )

    def complete_days(self, asked: date | None) -> frozenset[date]:
        """The days this answer gave whole: the day asked, once a short page ended the walk;
        without a day, every day but the oldest (its list may be cut)."""
        if asked is not None:
            return frozenset({asked}) if self.ended and not self.note else frozenset()
        days = self.days()
        return frozenset(days - {min(days)}) if len(days) > 1 and not self.note else frozenset()


def _result_of(feed: FeedSpec, parsed: ParsedFeed) -> FeedResult:
    ids = tuple(p.id for p in parsed.papers)
    notes = []
    if parsed.partial:
        notes.append("feed partly unreadable; kept what parsed")
    if parsed.skipped:
        notes.append(f"{counted(parsed.skipped, 'item')} skipped")
    status = "partial" if parsed.partial else "ok"
    message = "; ".join(notes) or counted(len(ids), "paper")
    return FeedResult(feed, status, message, ids, skipped=parsed.skipped)


def summarise(results: Sequence[FeedResult]) -> str | None:
    """One line for the status bar: the first problem, and how many feeds had one."""
    problems = [r for r in results if r.message and (r.failed or r.partial or r.skipped)]
    if not problems:
        return None
    first = problems[0]
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{first.feed.name}: {first.message}{more}"
