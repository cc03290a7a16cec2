"""Mark changes the data folder refuses until the end are kept in a private file, and said."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from tui.domain.paper import Marks
from tui.store import atomic_storage
from tui.store.marks import MarkStore


def test_unsaved_changes_go_to_a_private_file_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    store = MarkStore(tmp_path / "marks")
    monkeypatch.setattr(atomic_storage.os, "replace", refuse)
    store.set("2405.00001", Marks(saved=True, saved_at="t"))
    message = store.rescue_unsaved(tmp_path)
    assert message is not None
    kept = next(tmp_path.glob("dailypapers-unsaved-*.json"))
    assert message == (
        f"1 mark change could not be saved in {tmp_path / 'marks'} (Read-only file system); "
        f"kept in {kept}"
    )
    change = {"read": False, "read_at": None, "saved": True, "saved_at": "t"}
    assert json.loads(kept.read_text()) == {"marks": {"2405.00001": change}}
    assert os.stat(kept).st_mode & 0o777 == 0o600


def test_nothing_to_rescue_when_everything_was_saved(tmp_path: Path) -> None:
    store = MarkStore(tmp_path / "marks")
    store.set("2405.00001", Marks(read=True, read_at="t"))
    assert store.rescue_unsaved(tmp_path) is None
    assert not list(tmp_path.glob("dailypapers-unsaved-*"))
