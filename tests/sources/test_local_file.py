"""Reading `--feed ./file.json`: real files in tmp_path, one-line errors, the size cap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.sources.errors import FetchError
from tui.sources.local_file import read_feed_file


def read_error(path: Path, **options: int) -> FetchError:
    with pytest.raises(FetchError) as caught:
        read_feed_file(path, **options)
    assert "\n" not in str(caught.value)
    return caught.value


def test_reads_the_bytes(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_bytes(b'[{"paper": {"id": "2401.00001"}}]')
    assert read_feed_file(feed) == b'[{"paper": {"id": "2401.00001"}}]'


def test_missing_file(tmp_path: Path) -> None:
    error = read_error(tmp_path / "nope.json")
    assert error.kind == "bad_url"
    assert str(error).startswith("feed file not found: ")
    assert "nope.json" in str(error)


def test_directory_is_not_a_feed(tmp_path: Path) -> None:
    error = read_error(tmp_path)
    assert error.kind == "bad_url"
    assert "not a regular file" in str(error) or "cannot read" in str(error)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    error = read_error(fifo)
    assert str(error).startswith("not a regular file: ")


def test_empty_file(tmp_path: Path) -> None:
    feed = tmp_path / "empty.xml"
    feed.write_bytes(b"")
    error = read_error(feed)
    assert error.kind == "empty"


def test_too_large_file_is_capped(tmp_path: Path) -> None:
    feed = tmp_path / "big.xml"
    feed.write_bytes(b"x" * 2049)
    error = read_error(feed, max_bytes=2048)
    assert error.kind == "too_large"
    assert str(error) == "feed too large (>2 KB); skipped"
    feed.write_bytes(b"x" * 2048)
    assert len(read_feed_file(feed, max_bytes=2048)) == 2048


def test_control_characters_in_the_name_do_not_reach_the_message(tmp_path: Path) -> None:
    error = read_error(tmp_path / "evil\x1b[2J\nname.json")
    assert "\x1b" not in str(error)
    assert "\n" not in str(error)


def test_os_error_while_opening_is_a_fetch_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "feed.json"
    feed.write_bytes(b"{}")

    def denied(*_: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    error = read_error(feed)
    assert error.kind == "bad_url"
    assert str(error).endswith(": permission denied")
