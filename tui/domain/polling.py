"""When to poll a feed next: backoff with jitter, Retry-After, and the manual-refresh limiter.

Pure: no clock and no randomness of its own. Callers pass `now` (a datetime, only to resolve an
HTTP-date Retry-After), `now_monotonic` (from `time.monotonic()`, so a wall-clock jump never
wedges polling) and `random` (a `Callable[[], float]` in [0, 1), e.g. `random.random`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

__all__ = [
    "FIRST_RETRY_SECONDS",
    "RETRY_AFTER_MAX_SECONDS",
    "RETRY_AFTER_MIN_SECONDS",
    "PollPlan",
    "RefreshLimiter",
    "backoff_delay",
    "next_poll_delay",
    "parse_retry_after",
    "plan_next_poll",
]

FIRST_RETRY_SECONDS = 60.0
RETRY_AFTER_MIN_SECONDS = 60.0
RETRY_AFTER_MAX_SECONDS = 6 * 3600.0
# Jitter takes a delay down by at most this fraction, so polls from many readers spread out.
_JITTER_FRACTION = 0.5
# 2**40 minutes is far past any cap; stops the power from overflowing a float.
_MAX_DOUBLINGS = 40
_MAX_DELTA_DIGITS = 12


def backoff_delay(
    failures: int,
    *,
    base_seconds: float,
    cap_seconds: float = 3600.0,
    random: Callable[[], float],
    first_retry_seconds: float = FIRST_RETRY_SECONDS,
) -> float:
    """Seconds to wait before the next poll after `failures` failed polls in a row.

    0 failures: `base_seconds` (the normal refresh interval). Otherwise an exponential step
    (first_retry_seconds * 1, 2, 4, ...), capped at `cap_seconds`, then scaled by a jitter
    factor in (0.5, 1]. For a fixed `random()` value the result never decreases as failures
    grow (from 1 failure on), is never negative and never exceeds `cap_seconds`.
    """
    if failures <= 0:
        return max(0.0, base_seconds)
    doublings = min(failures - 1, _MAX_DOUBLINGS)
    nominal = min(max(0.0, cap_seconds), max(0.0, first_retry_seconds) * 2.0**doublings)
    jitter = min(1.0, max(0.0, random()))
    return nominal * (1.0 - _JITTER_FRACTION * jitter)


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds a Retry-After header value asks for, clamped to [60 s, 6 h]; None if unusable.

    Accepts delta-seconds (`"120"`) or an HTTP-date (`"Wed, 21 Oct 2015 07:28:00 GMT"`); a date
    in the past gives the minimum. A naive `now` is taken as UTC.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        if len(text) > _MAX_DELTA_DIGITS:
            return RETRY_AFTER_MAX_SECONDS
        return _clamp(float(int(text)))
    when = _parse_http_date(text)
    if when is None:
        return None
    reference = now if now.tzinfo is not None else now.replace(tzinfo=UTC)
    return _clamp((when - reference).total_seconds())


@dataclass(frozen=True)
class PollPlan:
    """The next poll: how long to wait and why (for a status line such as "retrying at 14:05")."""

    delay_seconds: float
    reason: Literal["scheduled", "backoff", "retry_after"]

    def due_at(self, now_monotonic: float) -> float:
        """The `time.monotonic()` value at which the poll is due."""
        return now_monotonic + self.delay_seconds


def plan_next_poll(
    *,
    failures: int,
    refresh_seconds: float,
    retry_after_seconds: float | None,
    random: Callable[[], float],
    cap_seconds: float = 3600.0,
) -> PollPlan:
    """Retry-After (clamped) wins when the server sent one; otherwise backoff or the interval."""
    if retry_after_seconds is not None:
        return PollPlan(_clamp(retry_after_seconds), "retry_after")
    delay = backoff_delay(
        failures, base_seconds=refresh_seconds, cap_seconds=cap_seconds, random=random
    )
    return PollPlan(delay, "backoff" if failures > 0 else "scheduled")


def next_poll_delay(
    *,
    failures: int,
    refresh_seconds: float,
    retry_after_seconds: float | None,
    random: Callable[[], float],
) -> float:
    """Seconds until the next poll; see `plan_next_poll`."""
    return plan_next_poll(
        failures=failures,
        refresh_seconds=refresh_seconds,
        retry_after_seconds=retry_after_seconds,
        random=random,
    ).delay_seconds


class RefreshLimiter:
    """Allows a manual refresh at most once per `min_interval` seconds of monotonic time."""

    def __init__(self, min_interval: float = 10.0) -> None:
        self._min_interval = min_interval
        self._last: float | None = None

    def allow(self, now_monotonic: float) -> bool:
        """True (and the refresh is counted) if the last allowed one is `min_interval` old."""
        if self.remaining(now_monotonic) > 0.0:
            return False
        self._last = now_monotonic
        return True

    def remaining(self, now_monotonic: float) -> float:
        """Seconds until `allow` would say yes (0.0 when it would now)."""
        if self._last is None or now_monotonic < self._last:
            # A clock that went backwards (another process's monotonic value) must not lock us out.
            return 0.0
        return max(0.0, self._min_interval - (now_monotonic - self._last))


def _clamp(seconds: float) -> float:
    if seconds != seconds:  # NaN
        return RETRY_AFTER_MIN_SECONDS
    return min(RETRY_AFTER_MAX_SECONDS, max(RETRY_AFTER_MIN_SECONDS, seconds))


def _parse_http_date(text: str) -> datetime | None:
    from email.utils import parsedate_to_datetime  # only a Retry-After date needs it

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when


def age_seconds(fetched_at: str | None, now: datetime) -> float | None:
    """Seconds since a stored fetch time (ISO 8601); None when there is none or it is
    unreadable (negative when the stored time is ahead of `now`)."""
    if not fetched_at:
        return None
    try:
        return (now - datetime.fromisoformat(fetched_at)).total_seconds()
    except (TypeError, ValueError):
        return None
