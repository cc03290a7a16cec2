"""How fresh the shown papers are, as the status line says it: "updated 3 min ago", offline, etc."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True)
class Freshness:
    """What the status line knows about the last refreshes. Times are aware datetimes."""

    updated_at: datetime | None = None
    refreshing: bool = False
    offline_since: datetime | None = None
    problem: str | None = None
    offline_mode: bool = False
    retry_at: datetime | None = None

    def started(self) -> Freshness:
        return replace(self, refreshing=True)

    def succeeded(self, now: datetime, problem: str | None = None) -> Freshness:
        return replace(
            self,
            refreshing=False,
            updated_at=now,
            offline_since=None,
            problem=problem,
            retry_at=None,
        )

    def retrying(self, at: datetime) -> Freshness:
        """After a failure: when the next attempt is due."""
        return replace(self, retry_at=at)

    def failed(self, now: datetime, problem: str, *, offline: bool) -> Freshness:
        since = (self.offline_since or now) if offline else None
        return replace(self, refreshing=False, offline_since=since, problem=problem)


def ago(then: datetime, now: datetime) -> str:
    """'just now', '3 min ago', '2 h ago', '4 days ago'."""
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def describe(freshness: Freshness, now: datetime) -> tuple[str, bool]:
    """The right-hand status text, and whether it is a warning."""
    if freshness.refreshing:
        return "refreshing…", False
    if freshness.offline_mode:
        return "offline mode — showing cached papers", False
    if freshness.offline_since is not None:
        since = freshness.offline_since.astimezone().strftime("%H:%M")
        return f"offline since {since} — showing cached papers", True
    if freshness.problem:
        if freshness.retry_at is not None:
            at = freshness.retry_at.astimezone().strftime("%H:%M")
            return f"{freshness.problem}; retrying at {at}", True
        return freshness.problem, True
    if freshness.updated_at is None:
        return "not updated yet", False
    return f"updated {ago(freshness.updated_at, now)}", False
