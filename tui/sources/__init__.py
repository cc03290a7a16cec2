"""Feed transport: bytes in, bytes out over one shared httpx client. Knows no domain type."""

from tui.sources.errors import FetchError, FetchErrorKind
from tui.sources.fetcher import DEFAULT_MAX_BYTES, Fetched, Fetcher, NotModified
from tui.sources.local_file import read_feed_file

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FetchError",
    "FetchErrorKind",
    "Fetched",
    "Fetcher",
    "NotModified",
    "read_feed_file",
]
