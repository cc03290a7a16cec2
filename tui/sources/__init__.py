"""Feed transport: bytes in, bytes out over one shared httpx client. Knows no domain type.

The names below load on first use (PEP 562), so importing `tui.sources.errors` or
`tui.sources.local_file` does not import httpx: start-up stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.sources.errors import DEFAULT_MAX_BYTES, FetchError, FetchErrorKind
    from tui.sources.fetcher import Fetched, Fetcher, NotModified
    from tui.sources.local_file import read_feed_file

_HOMES = {
    "FetchError": "tui.sources.errors",
    "FetchErrorKind": "tui.sources.errors",
    "DEFAULT_MAX_BYTES": "tui.sources.errors",
    "Fetched": "tui.sources.fetcher",
    "Fetcher": "tui.sources.fetcher",
    "NotModified": "tui.sources.fetcher",
    "read_feed_file": "tui.sources.local_file",
}

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FetchError",
    "FetchErrorKind",
    "Fetched",
    "Fetcher",
    "NotModified",
    "read_feed_file",
]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'tui.sources' has no attribute {name!r}")
