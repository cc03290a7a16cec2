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

from tui.domain.feeds import FeedKind, FeedSpec, ParsedFeed, ParseError
from tui.sources.errors import FetchError
from tui.sources.local_file import read_feed_file
from tui.state_writes import BatchedStateWrites
from tui.store.cache import PaperCache
from tui.store.feed_state import FeedState, FeedStateStore

if TYPE_CHECKING:
    from tui.sources.fetcher import Fetcher


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


def url_for_day(feed: FeedSpec, day: date | None) -> str:
    """The feed URL, with `?date=YYYY-MM-DD` for a Hugging Face daily list of a given day."""
    if day is None or feed.kind is not FeedKind.HF_JSON or is_local(feed.url):
        return feed.url
    parts = urlsplit(feed.url)
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("date="))
    query = "&".join(filter(None, [query, urlencode({"date": day.isoformat()})]))
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
        on_result: Callable[[FeedResult], Awaitable[None]] | None = None,
    ) -> list[FeedResult]:
        """Every enabled feed once. An automatic poll skips feeds whose own `refresh_minutes`
        have not passed since their last fetch; a manual refresh fetches them all.
        `on_result` hears of each feed as soon as it is done (and cached), before the rest."""
        enabled = [feed for feed in self.feeds if feed.enabled]
        if automatic:
            due = await asyncio.to_thread(lambda: [f for f in enabled if self._is_due(f, day)])
            enabled = due

        async def one(feed: FeedSpec) -> FeedResult:
            result = await self.refresh_one(feed, day=day)
            if on_result is not None:
                await on_result(result)
            return result

        return list(await asyncio.gather(*(one(f) for f in enabled)))

    def _is_due(self, feed: FeedSpec, day: date | None) -> bool:
        if not feed.refresh_minutes:
            return True
        fetched_at = self._state.get(url_for_day(feed, day)).fetched_at
        if fetched_at is None:
            return True
        try:
            last = datetime.fromisoformat(fetched_at)
        except ValueError:
            return True
        return (self._clock() - last).total_seconds() >= feed.refresh_minutes * 60

    async def refresh_one(self, feed: FeedSpec, *, day: date | None = None) -> FeedResult:
        url = url_for_day(feed, day)
        state = await asyncio.to_thread(self._state.get, url)
        try:
            fetched = await self._fetch(url, state)
        except FetchError as error:
            return await self._record_failure(
                feed, url, state, str(error), error.kind, error.retry_after
            )
        if fetched is None:
            await self._record_success(url, state, None, state.paper_count)
            return FeedResult(feed, "not_modified", "no changes")
        try:
            parsed = await self._parse(feed, fetched, day)
        except ParseError as error:
            return await self._record_failure(feed, url, state, str(error), "parse", None)
        new_ids = await asyncio.to_thread(self._store, feed, parsed)
        await self._record_success(url, state, fetched, len(parsed.papers))
        return replace(_result_of(feed, parsed), new_ids=new_ids)

    def _store(self, feed: FeedSpec, parsed: ParsedFeed) -> frozenset[str]:
        """Cache the papers; returns the ids no feed had listed on those days before."""
        days = {p.day for p in parsed.papers}
        known: set[str] = set()
        for day in days:
            cached = self._cache.load_day(day) if day else self._cache.load_undated()
            known.update(p.id for p in cached)
        self._cache.store(feed_key(feed), parsed.papers)
        return frozenset(p.id for p in parsed.papers if p.id not in known)

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

    async def _parse(self, feed: FeedSpec, fetched: Body, day: date | None) -> ParsedFeed:
        from tui.parse_worker import ParseJob, needs_own_process, parse_in_process

        job = ParseJob(
            fetched.body,
            feed.name,
            fetched.content_type or None,
            feed.kind,
            day or self._clock().date(),
        )
        if needs_own_process(job):  # a child with its own deadline: it can be stopped
            return await parse_in_process(job)
        return await asyncio.to_thread(job.run)

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


def _result_of(feed: FeedSpec, parsed: ParsedFeed) -> FeedResult:
    ids = tuple(p.id for p in parsed.papers)
    notes = []
    if parsed.partial:
        notes.append("feed partly unreadable; kept what parsed")
    if parsed.skipped:
        notes.append(f"{parsed.skipped} items skipped")
    status = "partial" if parsed.partial else "ok"
    message = "; ".join(notes) or f"{len(ids)} papers"
    return FeedResult(feed, status, message, ids, skipped=parsed.skipped)
