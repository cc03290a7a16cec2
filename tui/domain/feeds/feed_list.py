"""The user's list of feeds as a value: which list is in force, and edits that return new lists.

The configured feeds (config.toml) apply until the user edits the list from the reader or imports
an OPML file; from then on the customised list wins. Edits never mutate: `add_feed`,
`remove_feed` and `set_enabled` return a new tuple or raise `FeedListError` with a one-line
reason. Feeds are the same when their URLs are (`feed_url_key`: scheme and host case-folded,
default port and fragment dropped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit, urlunsplit

from tui.domain.feeds.spec import FeedSpec

__all__ = [
    "FeedListError",
    "add_feed",
    "add_feeds",
    "effective_feeds",
    "feed_url_key",
    "find_feed",
    "remove_feed",
    "set_enabled",
    "web_url_problem",
]

_DEFAULT_PORTS = {"http": 80, "https": 443}


class FeedListError(ValueError):
    """An edit that was refused; `str(error)` is a one-line reason for the user."""


def web_url_problem(url: str) -> str | None:
    """Why `url` is not a usable http(s) feed URL, or None when it is."""
    if not url or url != url.strip():
        return "the URL is empty or has spaces around it"
    if any(ord(char) < 0x21 or 0x7F <= ord(char) < 0xA0 for char in url):
        return "the URL holds spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "the URL cannot be parsed"
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        shown = parts.scheme or "no scheme"
        return f"only http and https feeds are allowed, not {shown}"
    if not parts.hostname:
        return "the URL has no host"
    return None


def feed_url_key(url: str) -> str:
    """The form two URLs of the same feed share (for duplicate checks)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return url.strip()
    host = (parts.hostname or "").lower()
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = f"{parts.username or ''}:{parts.password or ''}@{host}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def effective_feeds(
    configured: Sequence[FeedSpec], custom: Sequence[FeedSpec] | None
) -> tuple[FeedSpec, ...]:
    """The feeds in force: the user's customised list when there is one, else the configured."""
    return tuple(configured if custom is None else custom)


def find_feed(feeds: Sequence[FeedSpec], url: str) -> FeedSpec | None:
    """The feed with this URL (same `feed_url_key`), if any."""
    key = feed_url_key(url)
    return next((feed for feed in feeds if feed_url_key(feed.url) == key), None)


def add_feed(feeds: Sequence[FeedSpec], feed: FeedSpec) -> tuple[FeedSpec, ...]:
    """`feeds` with `feed` appended; a bad name or URL or a duplicate URL is refused."""
    _check_new(feed, find_feed(feeds, feed.url))
    return (*feeds, feed)


def add_feeds(
    feeds: Sequence[FeedSpec], new: Sequence[FeedSpec]
) -> tuple[tuple[FeedSpec, ...], list[tuple[FeedSpec, FeedListError]]]:
    """`feeds` with every feed of `new` that `add_feed` would take, in one pass (an import of
    thousands of feeds costs time linear in their number); and those refused, with why."""
    known = {feed_url_key(feed.url): feed for feed in feeds}
    added: list[FeedSpec] = []
    refused: list[tuple[FeedSpec, FeedListError]] = []
    for feed in new:
        key = feed_url_key(feed.url)
        try:
            _check_new(feed, known.get(key))
        except FeedListError as error:
            refused.append((feed, error))
            continue
        known[key] = feed
        added.append(feed)
    return (*feeds, *added), refused


def _check_new(feed: FeedSpec, existing: FeedSpec | None) -> None:
    if not feed.name.strip():
        raise FeedListError("a feed needs a name")
    problem = web_url_problem(feed.url)
    if problem is not None:
        raise FeedListError(f"cannot add {feed.url!r}: {problem}")
    if existing is not None:
        raise FeedListError(f"already in the list as {existing.name!r}: {existing.url}")


def remove_feed(feeds: Sequence[FeedSpec], url: str) -> tuple[FeedSpec, ...]:
    """`feeds` without the feed at `url`; refused when there is no such feed."""
    key = feed_url_key(url)
    kept = tuple(feed for feed in feeds if feed_url_key(feed.url) != key)
    if len(kept) == len(feeds):
        raise FeedListError(f"no feed with the URL {url}")
    return kept


def set_enabled(feeds: Sequence[FeedSpec], url: str, enabled: bool) -> tuple[FeedSpec, ...]:
    """`feeds` with the feed at `url` paused (False) or resumed (True)."""
    key = feed_url_key(url)
    if not any(feed_url_key(feed.url) == key for feed in feeds):
        raise FeedListError(f"no feed with the URL {url}")
    return tuple(
        replace(feed, enabled=enabled) if feed_url_key(feed.url) == key else feed for feed in feeds
    )
