"""What is remembered of one feed URL between runs: validators, last fetch, last error."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FeedState:
    """What we remember about one feed URL between runs."""

    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None
    last_ok_at: str | None = None
    last_error: str | None = None
    failures: int = 0
    paper_count: int = 0
