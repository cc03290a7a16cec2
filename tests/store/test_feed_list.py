"""The customised feed list on disk: absent, saved atomically, corrupt files set aside."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.store.feed_list import SCHEMA_VERSION, FeedListStore

FEEDS = [
    FeedSpec("Hugging Face", "https://huggingface.co/api/daily_papers", FeedKind.HF_JSON),
    FeedSpec("cs.CL «NLP»", "https://rss.arxiv.org/rss/cs.CL", FeedKind.RSS, 90, False),
]
STAMP = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def _store(tmp_path: Path) -> FeedListStore:
    return FeedListStore(tmp_path / "data" / "feed_list.json", clock=lambda: STAMP)


def test_never_customised_loads_as_none_and_writes_nothing(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.load() is None
    assert store.take_notices() == []
    assert not (tmp_path / "data").exists()


def test_saved_feeds_load_back_in_a_new_store(tmp_path: Path) -> None:
    _store(tmp_path).save(FEEDS)
    assert _store(tmp_path).load() == FEEDS
    document = json.loads((tmp_path / "data" / "feed_list.json").read_text("utf-8"))
    assert document["schema"] == SCHEMA_VERSION
    assert document["feeds"][1] == {
        "name": "cs.CL «NLP»",
        "url": "https://rss.arxiv.org/rss/cs.CL",
        "kind": "rss",
        "refresh_minutes": 90,
        "enabled": False,
    }


def test_an_empty_list_is_a_customisation(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.save([])
    assert store.load() == []


def test_save_replaces_atomically_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.save(FEEDS)
    before = os.stat(store.path).st_ino
    store.save(FEEDS[:1])
    assert os.stat(store.path).st_ino != before  # a new file renamed over, not rewritten
    assert store.load() == FEEDS[:1]
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["feed_list.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_failed_save_keeps_the_old_file_and_says_so_once(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.save(FEEDS)
    folder = store.path.parent
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        store.save([])
        store.save([])
    finally:
        folder.chmod(stat.S_IRWXU)
    notices = store.take_notices()
    assert len(notices) == 1 and notices[0].startswith("feed changes cannot be saved: ")
    assert store.load() == FEEDS


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe garbage", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"feeds": []}', "no schema version"),
        (b'{"schema": 1, "feeds": {"a": 1}}', "no feed list"),
        (b"", "not JSON"),
    ],
)
def test_a_corrupt_file_is_set_aside_with_one_notice(
    tmp_path: Path, content: bytes, why: str
) -> None:
    store = _store(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    assert store.load() is None
    aside = store.path.with_name("feed_list.json.corrupt-20250304T050607Z")
    assert aside.read_bytes() == content
    assert not store.path.exists()
    assert store.take_notices() == [
        f"feed_list.json was unreadable ({why}); set aside as {aside.name}; using config feeds"
    ]
    assert store.take_notices() == []
    store.save(FEEDS)
    assert store.load() == FEEDS


def test_a_second_corrupt_file_in_the_same_second_gets_its_own_name(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.path.parent.mkdir(parents=True)
    for content in (b"one", b"two"):
        store.path.write_bytes(content)
        assert store.load() is None
    assert store.path.with_name("feed_list.json.corrupt-20250304T050607Z").read_bytes() == b"one"
    assert store.path.with_name("feed_list.json.corrupt-20250304T050607Z-1").read_bytes() == b"two"


def test_odd_entries_are_skipped_or_get_defaults(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.path.parent.mkdir(parents=True)
    entries = [
        {
            "name": "ok",
            "url": "https://a.example/f",
            "kind": "gopher",
            "refresh_minutes": -1,
            "enabled": "yes",
        },
        {"name": "no url"},
        "not a table",
        {"url": "https://b.example/f"},
    ]
    store.path.write_text(json.dumps({"schema": 1, "feeds": entries}), "utf-8")
    assert store.load() == [
        FeedSpec("ok", "https://a.example/f"),
        FeedSpec("https://b.example/f", "https://b.example/f"),
    ]
    assert store.take_notices() == ["feed_list.json: skipped 2 unreadable feeds"]


def test_a_file_from_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.path.parent.mkdir(parents=True)
    newer = json.dumps({"schema": SCHEMA_VERSION + 1, "lists": {}}).encode()
    store.path.write_bytes(newer)
    assert store.load() is None
    store.save(FEEDS)
    assert store.path.read_bytes() == newer
    notices = store.take_notices()
    assert len(notices) == 2
    assert "newer dailypapers (schema 2)" in notices[0]
    assert notices[1] == "feed changes not saved: feed_list.json is from a newer dailypapers"


def test_a_save_that_cannot_replace_the_file_is_a_notice_not_an_error(tmp_path: Path) -> None:
    store = _store(tmp_path)
    (store.path / "in-the-way").mkdir(parents=True)  # a folder where the file should be
    store.save(FEEDS)
    notices = store.take_notices()
    assert len(notices) == 1 and notices[0].startswith("feed changes cannot be saved: ")
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["feed_list.json"]
