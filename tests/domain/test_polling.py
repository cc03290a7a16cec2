"""Poll scheduling: backoff with jitter, Retry-After parsing and clamping, the refresh limiter."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from hypothesis import given
from hypothesis import strategies as st

from tui.domain.polling import (
    RETRY_AFTER_MAX_SECONDS,
    RETRY_AFTER_MIN_SECONDS,
    PollPlan,
    RefreshLimiter,
    backoff_delay,
    next_poll_delay,
    parse_retry_after,
    plan_next_poll,
)

NOW = datetime(2025, 3, 14, 12, 0, 0, tzinfo=UTC)
unit = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)
failures = st.integers(min_value=1, max_value=10_000)
caps = st.floats(min_value=1.0, max_value=86_400.0)


# --- backoff -------------------------------------------------------------------------------


def test_no_failures_is_the_normal_interval() -> None:
    assert backoff_delay(0, base_seconds=900.0, random=lambda: 0.3) == 900.0


def test_backoff_doubles_from_one_minute_up_to_the_hour_without_jitter() -> None:
    delays = [backoff_delay(n, base_seconds=900.0, random=lambda: 0.0) for n in range(1, 10)]
    assert delays == [60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 3600.0, 3600.0, 3600.0]


def test_jitter_takes_at_most_half_off() -> None:
    assert backoff_delay(1, base_seconds=900.0, random=lambda: 0.999999) > 30.0
    assert backoff_delay(3, base_seconds=900.0, random=lambda: 0.5) == 240.0 * 0.75


@given(n=failures, r=unit, cap=caps)
def test_backoff_is_monotone_in_failures_for_the_same_jitter(n: int, r: float, cap: float) -> None:
    first = backoff_delay(n, base_seconds=900.0, cap_seconds=cap, random=lambda: r)
    second = backoff_delay(n + 1, base_seconds=900.0, cap_seconds=cap, random=lambda: r)
    assert second >= first


@given(n=st.integers(min_value=1, max_value=10**9), r=unit, cap=caps)
def test_backoff_never_exceeds_the_cap_and_is_never_negative(n: int, r: float, cap: float) -> None:
    delay = backoff_delay(n, base_seconds=900.0, cap_seconds=cap, random=lambda: r)
    assert 0.0 <= delay <= cap


@given(r=st.floats(allow_nan=True, allow_infinity=True))
def test_a_misbehaving_random_source_is_clamped(r: float) -> None:
    delay = backoff_delay(2, base_seconds=900.0, random=lambda: r)
    assert 60.0 <= delay <= 120.0


# --- Retry-After ---------------------------------------------------------------------------


def test_delta_seconds() -> None:
    assert parse_retry_after("120", now=NOW) == 120.0
    assert parse_retry_after("  3600 ", now=NOW) == 3600.0


def test_clamped_to_a_minute_and_six_hours() -> None:
    assert parse_retry_after("0", now=NOW) == 60.0
    assert parse_retry_after("5", now=NOW) == 60.0
    assert parse_retry_after("999999999", now=NOW) == 6 * 3600.0
    assert parse_retry_after("9" * 5000, now=NOW) == 6 * 3600.0


def test_http_date() -> None:
    in_ten_minutes = format_datetime(NOW + timedelta(minutes=10), usegmt=True)
    assert parse_retry_after(in_ten_minutes, now=NOW) == 600.0
    assert parse_retry_after("Fri, 14 Mar 2025 14:00:00 GMT", now=NOW) == 7200.0
    assert parse_retry_after("Fri, 14 Mar 2025 11:00:00 GMT", now=NOW) == 60.0  # in the past
    assert parse_retry_after("Fri, 14 Mar 2030 11:00:00 GMT", now=NOW) == 6 * 3600.0


def test_http_date_with_a_naive_now_is_taken_as_utc() -> None:
    naive = NOW.replace(tzinfo=None)
    assert parse_retry_after("Fri, 14 Mar 2025 12:30:00 GMT", now=naive) == 1800.0


def test_garbage_is_none() -> None:
    for value in [None, "", "   ", "soon", "-5", "1.5", "١٢٠", "²", "Fri, 99 Foo 2025", "\x1b[31m"]:
        assert parse_retry_after(value, now=NOW) is None, value


@given(seconds=st.integers(min_value=0, max_value=10**30))
def test_any_number_is_clamped(seconds: int) -> None:
    parsed = parse_retry_after(str(seconds), now=NOW)
    assert parsed is not None
    assert RETRY_AFTER_MIN_SECONDS <= parsed <= RETRY_AFTER_MAX_SECONDS
    if 60 <= seconds <= 6 * 3600:
        assert parsed == seconds


@given(offset=st.integers(min_value=-(10**8), max_value=10**8))
def test_any_http_date_is_clamped(offset: int) -> None:
    parsed = parse_retry_after(
        format_datetime(NOW + timedelta(seconds=offset), usegmt=True), now=NOW
    )
    assert parsed is not None
    assert RETRY_AFTER_MIN_SECONDS <= parsed <= RETRY_AFTER_MAX_SECONDS
    if 60 <= offset <= 6 * 3600:
        assert parsed == offset


@given(st.text(max_size=80))
def test_arbitrary_text_is_none_or_within_the_clamps(value: str) -> None:
    parsed = parse_retry_after(value, now=NOW)
    assert parsed is None or RETRY_AFTER_MIN_SECONDS <= parsed <= RETRY_AFTER_MAX_SECONDS


# --- the next poll -------------------------------------------------------------------------


def test_retry_after_wins_over_backoff() -> None:
    delay = next_poll_delay(
        failures=7, refresh_seconds=900.0, retry_after_seconds=120.0, random=lambda: 0.0
    )
    assert delay == 120.0


def test_without_retry_after_it_is_backoff_or_the_interval() -> None:
    assert (
        next_poll_delay(
            failures=0, refresh_seconds=900.0, retry_after_seconds=None, random=lambda: 0.0
        )
        == 900.0
    )
    assert (
        next_poll_delay(
            failures=2, refresh_seconds=900.0, retry_after_seconds=None, random=lambda: 0.0
        )
        == 120.0
    )


def test_plan_says_why_and_when() -> None:
    plan = plan_next_poll(
        failures=1, refresh_seconds=900.0, retry_after_seconds=None, random=lambda: 0.0
    )
    assert plan == PollPlan(60.0, "backoff")
    assert plan.due_at(1000.0) == 1060.0
    scheduled = plan_next_poll(
        failures=0, refresh_seconds=900.0, retry_after_seconds=None, random=lambda: 0.0
    )
    assert scheduled.reason == "scheduled"
    told = plan_next_poll(
        failures=1, refresh_seconds=900.0, retry_after_seconds=10**9, random=lambda: 0.0
    )
    assert told == PollPlan(6 * 3600.0, "retry_after")


# --- manual refresh ------------------------------------------------------------------------


def test_refresh_limiter_allows_one_refresh_per_interval() -> None:
    limiter = RefreshLimiter(min_interval=10.0)
    assert limiter.allow(100.0)
    assert not limiter.allow(101.0)
    assert not limiter.allow(109.9)
    assert limiter.remaining(105.0) == 5.0
    assert limiter.allow(110.0)
    assert not limiter.allow(115.0)


def test_refresh_limiter_does_not_lock_out_when_time_goes_backwards() -> None:
    limiter = RefreshLimiter()
    assert limiter.allow(5000.0)
    assert limiter.allow(3.0)


@given(st.lists(st.floats(min_value=0.0, max_value=1e6), min_size=1, max_size=40))
def test_allowed_refreshes_are_at_least_the_interval_apart(moments: list[float]) -> None:
    limiter = RefreshLimiter(min_interval=10.0)
    allowed = [moment for moment in sorted(moments) if limiter.allow(moment)]
    assert allowed[0] == min(moments)
    assert all(later - earlier >= 10.0 for earlier, later in itertools.pairwise(allowed))
