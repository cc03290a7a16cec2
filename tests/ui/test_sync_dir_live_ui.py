"""Pilot tests: with `sync_dir`, marks another machine synced into the shared folder show in
an open reader without a key press, with one "Synced: …" notice; a broken log in the folder
gives a notice and keeps this machine's marks."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import SIZE, current_id, main_screen, opened, visible_ids
from tui.demo.settling import settle
from tui.domain.paper import Marks
from tui.library.sync import FolderSync, sync_folder
from tui.store.changelog import ChangeLog
from tui.store.marks import MarkStore
from tui.ui.app import DailyPapersApp
from tui.ui.screens.mark_actions import MarkActions


def record_notices(app: DailyPapersApp) -> list[str]:
    notices: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        notices.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return notices


def machine_b_saves(tmp_path: Path, shared: Path, *paper_ids: str) -> None:
    """Another machine: its own data folder, saves, and a sync into the shared folder."""
    store = MarkStore(tmp_path / "b" / "marks", ChangeLog(tmp_path / "b"))
    store.set_many({pid: Marks(saved=True, saved_at="2030-01-01T00:00:00") for pid in paper_ids})
    sync_folder(store, shared)


async def wait_for(pilot: Pilot[None], check: object, seconds: float = 8.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if callable(check) and check():
            return True
        await asyncio.sleep(0.1)
        await pilot.pause()
    return False


@pytest.fixture(autouse=True)
def quick_looks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MarkActions, "SYNC_LOOK_SECONDS", 0.2)


def syncing_reader(make_app: AppFactory, shared: Path) -> tuple[DailyPapersApp, list[str]]:
    """The demo reader with `sync_dir` set to `shared` (made here), and its notices."""
    shared.mkdir()
    app = make_app()
    library = app.library
    library.folder_sync = FolderSync(library.marks_store, shared, library.pin_saved_sync)
    return app, record_notices(app)


async def test_a_save_synced_in_by_another_machine_shows_without_a_key(
    make_app: AppFactory, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    app, notices = syncing_reader(make_app, shared)
    async with opened(app, SIZE) as pilot:
        paper = current_id(app)
        state = main_screen(app).state
        assert not state.visible.marks_for(paper).saved
        await asyncio.sleep(0.5)  # the first look only remembers the folder
        machine_b_saves(tmp_path, shared, paper)
        shown = await wait_for(pilot, lambda: state.visible.marks_for(paper).saved)
        assert shown, "the synced save never showed"
        await settle(pilot)
        synced = [n for n in notices if n.startswith("Synced: ")]
        assert len(synced) == 1 and synced[0].endswith(" from " + str(shared))
        assert re.fullmatch(r"Synced: marks of 1 paper from .*", synced[0])  # not 4 fields
        await asyncio.sleep(0.8)  # more looks with nothing new: no second notice
        await pilot.pause()
        assert [n for n in notices if n.startswith("Synced: ")] == synced
        app.library.flush()
    assert MarkStore(tmp_path / "data" / "marks").load_all()[paper].saved


async def test_a_broken_log_in_the_folder_keeps_this_machines_marks(
    make_app: AppFactory, tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    app, notices = syncing_reader(make_app, shared)
    async with opened(app, SIZE) as pilot:
        paper = current_id(app)
        await pilot.press("s")
        await settle(pilot)
        await asyncio.sleep(0.5)
        (shared / "zz-broken.jsonl").write_bytes(b'{"v": 1, "machine": "zz"}\n{"half\x1b[2J')
        await asyncio.sleep(1.0)
        await settle(pilot)
        assert main_screen(app).state.visible.marks_for(paper).saved
        assert not any("\x1b" in n for n in notices)
        app.library.flush()
    assert MarkStore(tmp_path / "data" / "marks").load_all()[paper].saved


async def test_saves_synced_in_show_in_the_saved_view_cached_or_not(
    make_app: AppFactory, tmp_path: Path
) -> None:
    """Machine B saved a paper this reader has cached and one it has never seen: after the
    live sync, `S` lists both (the first pinned here by the merge, the second by its id)."""
    shared = tmp_path / "shared"
    app, notices = syncing_reader(make_app, shared)
    async with opened(app, SIZE) as pilot:
        paper = current_id(app)
        await asyncio.sleep(0.5)  # the first look only remembers the folder
        machine_b_saves(tmp_path, shared, paper, "2401.99999")
        assert await wait_for(pilot, lambda: any(n.startswith("Synced: ") for n in notices))
        assert "Synced: marks of 2 papers from " + str(shared) in notices
        await pilot.press("S")
        await settle(pilot)
        assert sorted(visible_ids(app)) == sorted([paper, "2401.99999"])
        assert paper in {p.id for p in app.library._cache.load_pinned()}
        app.library.flush()
