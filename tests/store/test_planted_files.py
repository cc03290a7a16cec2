"""Things planted where data files should be: named pipes, links out of the data folder.

Bad-inputs rows 55 (a FIFO where a marks file should be) and 58 (symbolic links inside the data
folder). Real files, real FIFOs and links, and the real command line in a child process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.processes import run_cli
from tui.domain.paper import Marks
from tui.settings.settings import load_settings
from tui.store.feed_list import FeedListStore
from tui.store.first_screen import FirstScreenStore
from tui.store.marks import MarkStore
from tui.store.safe_files import UnsafeFileError, read_regular

SAVED = Marks(saved=True, saved_at="2026-10-01T00:00:00+00:00")


def test_read_regular_refuses_a_fifo_a_link_and_a_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "real").write_bytes(b"data")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(UnsafeFileError, match="not a regular file"):
        read_regular(tmp_path / "pipe")
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        read_regular(tmp_path / "link")
    with pytest.raises(IsADirectoryError):
        read_regular(tmp_path)
    assert read_regular(tmp_path / "link", follow_links=True) == b"data"


def test_a_named_pipe_for_a_marks_file_is_refused_without_waiting(tmp_path: Path) -> None:
    (tmp_path / "marks").mkdir()
    os.mkfifo(tmp_path / "marks" / "2610.json")
    store = MarkStore(tmp_path / "marks")
    assert store.load_all() == {}
    assert store.take_notices() == ["marks/2610.json cannot be read: not a regular file (refused)"]


def test_list_does_not_hang_on_a_named_pipe_in_the_data_folder(tmp_path: Path) -> None:
    (tmp_path / "marks").mkdir()
    os.mkfifo(tmp_path / "marks" / "2610.json")
    os.mkfifo(tmp_path / "first_screen.json")
    os.mkfifo(tmp_path / "feed_list.json")
    result = run_cli("--data-dir", str(tmp_path), "--offline", "list", "--saved", timeout=30)
    assert result.returncode == 0, result.stderr
    assert "not a regular file" in result.stderr


def test_a_named_pipe_as_the_config_file_is_a_notice(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "config.toml")
    loaded = load_settings(tmp_path / "config.toml")
    assert loaded.notices == (
        f"{tmp_path}/config.toml: cannot read (not a regular file (refused)); using defaults",
    )


def test_other_data_files_as_pipes_read_as_absent(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "first_screen.json")
    os.mkfifo(tmp_path / "feed_list.json")
    assert FirstScreenStore(tmp_path / "first_screen.json").load("x") is None
    feeds = FeedListStore(tmp_path / "feed_list.json")
    assert feeds.load() is None
    assert "not a regular file" in feeds.take_notices()[0]


def test_a_symlinked_lock_file_creates_nothing_outside(tmp_path: Path) -> None:
    data, outside = tmp_path / "data", tmp_path / "outside"
    (data / "marks").mkdir(parents=True)
    outside.mkdir()
    (data / "marks" / ".marks.lock").symlink_to(outside / "planted")
    store = MarkStore(data / "marks")
    store.set("2610.00001", SAVED)
    assert not (outside / "planted").exists()
    assert list(outside.iterdir()) == []
    [notice] = store.take_notices()
    assert notice.startswith("changes cannot be saved: cannot open the lock file")
    assert notice.endswith("a symbolic link (refused)")
    assert store.load_all() == {"2610.00001": SAVED}  # kept in memory, retried later


def test_a_symlinked_marks_folder_is_never_written_through(tmp_path: Path) -> None:
    data, outside = tmp_path / "data", tmp_path / "outside"
    data.mkdir()
    outside.mkdir()
    (data / "marks").symlink_to(outside, target_is_directory=True)
    store = MarkStore(data / "marks")
    store.set("2610.00001", SAVED)
    assert list(outside.iterdir()) == []
    assert "symbolic link (refused)" in store.take_notices()[0]


def test_a_symlinked_marks_file_is_neither_read_nor_replaced(tmp_path: Path) -> None:
    data, outside = tmp_path / "data", tmp_path / "outside"
    (data / "marks").mkdir(parents=True)
    outside.mkdir()
    secret = outside / "secret.json"
    secret.write_text('{"marks": {"2610.00002": {"saved": true}}}')
    (data / "marks" / "2610.json").symlink_to(secret)
    store = MarkStore(data / "marks")
    assert store.load_all() == {}
    store.set("2610.00001", SAVED)
    assert secret.read_text() == '{"marks": {"2610.00002": {"saved": true}}}'
    assert (data / "marks" / "2610.json").is_symlink()
    assert any("symbolic link" in notice for notice in store.take_notices())


def test_a_cli_write_through_a_planted_lock_link_says_so(tmp_path: Path) -> None:
    data, outside = tmp_path / "data", tmp_path / "outside"
    (data / "cache").mkdir(parents=True)
    outside.mkdir()
    (data / "cache" / ".cache.lock").symlink_to(outside / "planted")
    feed = tmp_path / "feed.json"
    feed.write_text('[{"paper": {"id": "2610.00001", "title": "A paper"}}]')
    result = run_cli("--data-dir", str(data), "--feed", str(feed), "fetch", timeout=60)
    assert "symbolic link (refused)" in result.stderr
    assert list(outside.iterdir()) == []
