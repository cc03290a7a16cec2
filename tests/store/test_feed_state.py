"""Feed state and named values: round trips, tolerance, sharing between stores, failures."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tui.domain.feeds.state import FeedState
from tui.store.atomic_storage import parse_tables
from tui.store.feed_state import FeedStateStore

URL = "https://huggingface.co/api/daily_papers"
STATE = FeedState(
    etag='W/"abc"',
    last_modified="Wed, 01 May 2024 00:00:00 GMT",
    fetched_at="2026-01-01T09:00:00+00:00",
    last_ok_at="2026-01-01T09:00:00+00:00",
    failures=0,
    paper_count=42,
)


def test_state_and_values_round_trip(tmp_path: Path) -> None:
    store = FeedStateStore(tmp_path / "feeds.json")
    store.put(URL, STATE)
    store.put_meta("last_visit", "2026-01-01T09:00:00+00:00")
    fresh = FeedStateStore(tmp_path / "feeds.json")
    assert fresh.get(URL) == STATE
    assert fresh.all() == {URL: STATE}
    assert fresh.get("https://other") == FeedState()
    assert fresh.get_meta("last_visit") == "2026-01-01T09:00:00+00:00"
    assert fresh.get_meta("missing") is None
    assert fresh.take_notices() == []


def test_a_cleared_error_is_stored_as_cleared(tmp_path: Path) -> None:
    store = FeedStateStore(tmp_path / "feeds.json")
    store.put(URL, FeedState(last_error="HTTP 503", failures=2))
    store.put(URL, FeedState(failures=0))
    assert FeedStateStore(tmp_path / "feeds.json").get(URL) == FeedState()


def test_two_stores_keep_each_others_feeds(tmp_path: Path) -> None:
    first, second = FeedStateStore(tmp_path / "f.json"), FeedStateStore(tmp_path / "f.json")
    first.put("https://a", STATE)
    second.put("https://b", FeedState(failures=1))
    assert set(first.all()) == {"https://a", "https://b"}


def test_bad_fields_fall_back_and_unknown_ones_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "feeds.json"
    doc = {"etag": 5, "failures": "many", "paper_count": -1, "cookie_jar": {"k": "v"}}
    path.write_text(json.dumps({"_meta": {"1": {"schema": 1}}, "feeds": {URL: doc}}))
    store = FeedStateStore(path)
    assert store.get(URL) == FeedState()
    store.put(URL, FeedState(etag="e"))
    assert parse_tables(path.read_bytes())["feeds"][URL]["cookie_jar"] == {"k": "v"}


def test_a_corrupt_file_is_set_aside_and_state_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "feeds.json"
    path.write_bytes(b"\x00" * 10)
    store = FeedStateStore(path)
    assert store.all() == {}
    [notice] = store.take_notices()
    assert notice.startswith("feeds.json was unreadable; set aside as feeds.json.corrupt-")
    assert len(list(tmp_path.glob("feeds.json.corrupt-*"))) == 1


def test_a_failed_write_is_kept_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = FeedStateStore(tmp_path / "feeds.json")

    def read_only(*_: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", read_only)
        store.put(URL, STATE)
        assert store.get(URL) == STATE
        assert store.take_notices() == [
            "changes cannot be saved: Read-only file system (feeds.json)"
        ]
    store.put_meta("last_visit", "now")
    assert FeedStateStore(tmp_path / "feeds.json").get(URL) == STATE
