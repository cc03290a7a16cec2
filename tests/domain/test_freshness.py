"""What the status line says about freshness: updated, refreshing, offline, retrying."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tui.domain.freshness import Freshness, ago, describe

NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)


def test_ago_reads_naturally() -> None:
    assert ago(NOW, NOW) == "just now"
    assert ago(NOW - timedelta(minutes=3), NOW) == "3 min ago"
    assert ago(NOW - timedelta(hours=2), NOW) == "2 h ago"
    assert ago(NOW - timedelta(days=4), NOW) == "4 days ago"
    assert ago(NOW + timedelta(hours=1), NOW) == "just now"  # a clock that went backwards


def test_each_state_has_its_words() -> None:
    assert describe(Freshness(), NOW) == ("not updated yet", False)
    assert describe(Freshness().started(), NOW) == ("refreshing…", False)
    updated = Freshness().succeeded(NOW - timedelta(minutes=3))
    assert describe(updated, NOW) == ("updated 3 min ago", False)
    assert describe(Freshness(offline_mode=True), NOW)[0].startswith("offline mode")


def test_offline_says_since_when_and_keeps_the_first_failure_time() -> None:
    first = Freshness().failed(NOW, "offline: could not reach huggingface.co", offline=True)
    later = first.failed(NOW + timedelta(minutes=30), "offline again", offline=True)
    assert later.offline_since == NOW
    text, warning = describe(later, NOW)
    assert warning and text.startswith("offline since ") and "showing cached papers" in text


def test_a_server_error_says_when_it_retries() -> None:
    failed = Freshness().failed(NOW, "server error 503", offline=False)
    retrying = failed.retrying(NOW + timedelta(minutes=2))
    text, warning = describe(retrying, NOW)
    assert warning
    assert text.startswith("server error 503; retrying at ")
    assert describe(retrying.succeeded(NOW), NOW) == ("updated just now", False)
