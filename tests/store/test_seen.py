"""SeenStore: the ids had on screen, kept across sessions; a bad file reads as empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.store import seen as seen_module
from tui.store.seen import SeenStore


def test_ids_seen_are_kept_for_the_next_session(tmp_path: Path) -> None:
    path = tmp_path / "seen.json"
    SeenStore(path).add(["a", "b"])
    again = SeenStore(path)
    assert again.snapshot() == {"a", "b"}
    again.add(["b", "c"])
    assert SeenStore(path).snapshot() == {"a", "b", "c"}


def test_an_unreadable_file_is_empty_and_is_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "seen.json"
    path.write_text("{not json", encoding="utf-8")
    store = SeenStore(path)
    assert store.snapshot() == frozenset()
    store.add(["x"])
    assert SeenStore(path).snapshot() == {"x"}


def test_only_the_most_recent_ids_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seen_module, "LIMIT", 3)
    path = tmp_path / "seen.json"
    store = SeenStore(path)
    store.add(["1", "2"])
    store.add(["3", "4", "5"])
    assert SeenStore(path).snapshot() == {"3", "4", "5"}
