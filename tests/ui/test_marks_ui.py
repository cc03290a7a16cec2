"""Pilot tests: save, read, mark all read, undo, reading by time, and marks kept on disk."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from textual.strip import Strip

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import (
    current_id,
    main_screen,
    opened,
    papers,
    preview,
    record_notices,
)
from tui.demo.settling import settle
from tui.domain.paper import Marks
from tui.store.cache import PaperCache
from tui.store.marks import MarkStore
from tui.ui.app import DailyPapersApp


def stored(tmp_path: Path) -> dict[str, Marks]:
    """The marks as a new session would read them from the data folder."""
    return defaultdict(Marks, MarkStore(tmp_path / "data" / "marks").load_all())


def row(app: DailyPapersApp, index: int) -> str:
    """The text of one visible row of the list."""
    view = papers(app)
    strip: Strip = view.render_line(index - view.scroll_offset.y)
    return strip.text


def marks_of(app: DailyPapersApp, paper_id: str) -> Marks:
    return main_screen(app).state.visible.marks_for(paper_id)


async def test_s_saves_with_a_star_and_s_again_unsaves(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("j")
        paper = current_id(app)
        assert "★" not in row(app, 1)
        await pilot.press("s")
        await settle(pilot)
        assert marks_of(app, paper).saved
        assert row(app, 1)[1] == "★"
        assert "saved" in preview(app, "meta")
        app.library.flush()
        assert stored(tmp_path)[paper].saved
        pinned = [p.id for p in PaperCache(tmp_path / "data" / "cache").load_pinned()]
        assert paper in pinned, "a saved paper's metadata is kept apart from its day"
        await pilot.press("s")
        await settle(pilot)
        assert not marks_of(app, paper).saved
        assert row(app, 1)[1] == " "
        app.library.flush()
        assert not stored(tmp_path)[paper].saved


async def test_m_toggles_read(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with opened(app) as pilot:
        paper = current_id(app)
        assert row(app, 0)[0] == "●"
        await pilot.press("m")
        await settle(pilot)
        assert marks_of(app, paper).read
        assert row(app, 0)[0] == " "
        assert "29 unread" in main_screen(app).state.summary()
        app.library.flush()
        assert stored(tmp_path)[paper].read
        await pilot.press("m")
        await settle(pilot)
        assert not marks_of(app, paper).read
        app.library.flush()
        assert not stored(tmp_path)[paper].read


async def test_mark_read_after_zero_marks_at_once(make_app: AppFactory) -> None:
    app = make_app(mark_read_after=0)
    async with opened(app) as pilot:
        await pilot.press("j")
        paper = current_id(app)
        assert marks_of(app, paper).read


async def test_mark_read_after_a_delay_marks_once_it_passed(make_app: AppFactory) -> None:
    app = make_app(mark_read_after=0.5)  # longer than a key press takes, even on a slow runner
    async with opened(app) as pilot:
        await pilot.press("j")
        paper = current_id(app)
        assert not marks_of(app, paper).read, "not before the delay"
        await pilot.pause(1.0)
        assert marks_of(app, paper).read


async def test_moving_on_before_the_delay_leaves_a_paper_unread(make_app: AppFactory) -> None:
    app = make_app(mark_read_after=0.6)  # longer than a key press takes, even on a slow runner
    async with opened(app) as pilot:
        await pilot.press("j")
        passed = current_id(app)
        await pilot.press("j")
        await pilot.pause(0.8)
        assert not marks_of(app, passed).read
        assert marks_of(app, current_id(app)).read


async def test_a_negative_mark_read_after_never_marks(make_app: AppFactory) -> None:
    app = make_app(mark_read_after=-1)
    async with opened(app) as pilot:
        await pilot.press("j")
        await pilot.pause(0.3)
        assert not marks_of(app, current_id(app)).read
        assert main_screen(app).state.visible.unread_count() == 30


async def test_A_marks_all_read_and_z_undoes_it(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with opened(app) as pilot:
        state = main_screen(app).state
        ids = [p.id for p in papers(app).papers]
        await pilot.press("A")
        await settle(pilot)
        assert state.visible.unread_count() == 0
        assert "0 unread" in state.summary()
        app.library.flush()
        assert all(stored(tmp_path)[pid].read for pid in ids)
        await pilot.press("z")
        await settle(pilot)
        assert state.visible.unread_count() == 30
        app.library.flush()
        assert not any(stored(tmp_path)[pid].read for pid in ids)


async def test_A_marks_only_the_papers_in_view(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("slash", *"diffus", "enter")
        await settle(pilot)
        in_view = {p.id for p in papers(app).papers}
        assert 0 < len(in_view) < 30
        await pilot.press("A", "slash", "escape")
        await settle(pilot)
        state = main_screen(app).state
        assert len(state.visible) == 30
        read = {p.id for p in state.visible if state.visible.marks_for(p.id).read}
        assert read == in_view


async def test_z_undoes_the_last_change_only(make_app: AppFactory) -> None:
    app = make_app()
    notices = record_notices(app)
    async with opened(app) as pilot:
        first = current_id(app)
        await pilot.press("s", "j", "m")
        await settle(pilot)
        second = current_id(app)
        await pilot.press("z")
        await settle(pilot)
        assert not marks_of(app, second).read, "the read mark is undone"
        assert marks_of(app, first).saved, "the save before it stays"
        await pilot.press("z")
        await settle(pilot)
        assert not marks_of(app, first).saved
        await pilot.press("z")
        assert "Nothing to undo" in notices


async def test_marks_are_kept_after_q(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with opened(app) as pilot:
        saved = current_id(app)
        await pilot.press("s", "j", "m")
        read = current_id(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    marks = stored(tmp_path)
    assert marks[saved].saved and marks[read].read


async def test_marks_are_kept_after_action_quit(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("G", "s", "A")
        last = current_id(app)
        ids = [p.id for p in papers(app).papers]
        await app.action_quit()
    marks = stored(tmp_path)
    assert marks[last].saved
    assert all(marks[pid].read for pid in ids)


async def test_marks_show_again_in_a_new_session(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("j", "s", "m")
        paper = current_id(app)
        await pilot.press("q")
    again = make_app()
    async with opened(again) as pilot:
        marks = marks_of(again, paper)
        assert marks.saved and marks.read
        index = papers(again).papers.index_of(paper)
        assert index is not None and row(again, index)[:2] == " ★"
