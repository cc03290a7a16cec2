"""The first-screen hint: saved and loaded for the same feeds, ignored otherwise, never raises."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.factories import make_paper
from tui.domain.paper import Marks, Paper
from tui.store import atomic_storage
from tui.store.first_screen import ROWS, FirstScreenStore

DAY = date(2026, 11, 26)


def _papers(n: int) -> list[Paper]:
    return [make_paper(f"2611.{10000 + i}", f"Paper {i}", upvotes=i, day=DAY) for i in range(n)]


def test_round_trip_keeps_order_marks_and_at_most_rows(tmp_path: Path) -> None:
    store = FirstScreenStore(tmp_path / "first_screen.json")
    papers = _papers(ROWS + 30)
    store.save("feeds", DAY, papers, {papers[1].id: Marks(saved=True)})
    first = store.load("feeds")
    assert first is not None
    assert [p.id for p in first.papers] == [p.id for p in papers[:ROWS]]
    assert first.marks == {papers[1].id: Marks(saved=True)}
    assert first.day == DAY


def test_another_days_first_screen_is_not_given(tmp_path: Path) -> None:
    store = FirstScreenStore(tmp_path / "first_screen.json")
    store.save("feeds", DAY, _papers(3), {})
    assert store.load("feeds", date(2026, 11, 27)) is None
    first = store.load("feeds", DAY)
    assert first is not None and len(first.papers) == 3


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"schema": 99}', b"\x00\xff"])
def test_other_feeds_or_a_bad_file_give_nothing(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "first_screen.json"
    store = FirstScreenStore(path)
    store.save("feeds", DAY, _papers(3), {})
    assert store.load("other feeds") is None
    path.write_bytes(content)
    assert store.load("feeds") is None


def test_a_full_disk_is_not_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_storage.os, "replace", full)
    store = FirstScreenStore(tmp_path / "first_screen.json")
    store.save("feeds", DAY, _papers(3), {})
    assert store.load("feeds") is None
