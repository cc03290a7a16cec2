"""Pilot tests: `Q` queues, `V` shows the queue in the order queued, `#` tags, `N` notes; all
shown at once, written to disk, appended to the change log, and `z` undoes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import (
    SIZE,
    current_id,
    main_screen,
    opened,
    preview,
    status,
    visible_ids,
)
from tui.demo.settling import settle
from tui.store.changelog import ChangeLog
from tui.store.marks import MarkStore
from tui.ui.screens.text_prompt import TextPrompt


def stored_marks(tmp_path: Path) -> MarkStore:
    return MarkStore(tmp_path / "data" / "marks")


async def test_q_queues_and_v_shows_the_queue_in_the_order_queued(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with opened(app, SIZE) as pilot:
        await pilot.press("j", "j")
        later = current_id(app)
        await pilot.press("Q")
        await pilot.press("k")
        first_after = current_id(app)
        await pilot.press("Q")  # queued second, though it is higher in the list
        await settle(pilot)
        assert "queued" in preview(app, "meta")
        await pilot.press("V")
        await settle(pilot)
        assert visible_ids(app) == [later, first_after]
        assert "Reading queue" in status(app)
        assert "by upvotes" not in status(app)  # its own order, not the list's sort
        await pilot.press("Q")  # out of the queue, from the queue view
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        assert not main_screen(app).state.queue_mode
        app.library.flush()
    marks = stored_marks(tmp_path).load_all()
    assert marks[later].state == "queued" and marks[later].state_at
    queued = [pid for pid, m in marks.items() if m.state == "queued"]
    assert len(queued) == 1


async def test_tags_and_a_note_are_edited_shown_logged_and_undone(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with opened(app, SIZE) as pilot:
        paper = current_id(app)
        await pilot.press("number_sign")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"to-cite, ml")
        await pilot.press("enter")
        await settle(pilot)
        assert "#ml  #to-cite" in preview(app, "meta")
        await pilot.press("N")
        await settle(pilot)
        await pilot.press(*"see \x1b]0;x section 3")
        await pilot.press("enter")
        await settle(pilot)
        meta = preview(app, "meta")
        assert "Note: see" in meta and "section 3" in meta and "\x1b" not in meta
        await pilot.press("N")
        await settle(pilot)
        await pilot.press("escape")  # cancelled: the note stays
        await settle(pilot)
        assert "Note: see" in preview(app, "meta")
        app.library.flush()
        marks = stored_marks(tmp_path).load_all()[paper]
        assert marks.tags == ("ml", "to-cite") and marks.note.startswith("see")
        log = ChangeLog(tmp_path / "data").read().changes
        assert {c.field for c in log if c.paper_id == paper} == {"tag:ml", "tag:to-cite", "note"}
        await pilot.press("z")  # undoes the note
        await settle(pilot)
        assert "Note:" not in preview(app, "meta")
        app.library.flush()
    assert stored_marks(tmp_path).load_all()[paper].note == ""


async def test_y_copies_the_bibtex_with_the_papers_tags_and_note(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = make_app()
    async with opened(app, SIZE) as pilot:
        await pilot.press("number_sign")
        await settle(pilot)
        await pilot.press(*"to-cite, a_b")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        await pilot.press(*"compare with {50%} of 3")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        copied = app.clipboard
    assert copied.startswith("@misc{")
    assert r"keywords={a\_b, to-cite}," in copied
    assert r"note={compare with \textbraceleft{}50\%\textbraceright{} of 3}," in copied
    assert copied.count("{") == copied.count("}")


async def test_typing_in_the_editors_adds_to_the_tags_and_note_a_paper_has(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    async with opened(app, SIZE) as pilot:
        paper = current_id(app)
        for keys in ("to-cite", "ml"):  # two edits: the second must keep the first's tag
            await pilot.press("number_sign")
            await settle(pilot)
            await pilot.press(*keys, "enter")
            await settle(pilot)
        assert "#ml  #to-cite" in preview(app, "meta")
        await pilot.press("number_sign")
        await settle(pilot)
        assert app.screen.query_one("#prompt-input", Input).value == "ml, to-cite, "
        await pilot.press("escape")
        await settle(pilot)
        for words in ("see section 3", " again"):
            await pilot.press("N")
            await settle(pilot)
            await pilot.press(*words, "enter")
            await settle(pilot)
        assert "Note: see section 3 again" in preview(app, "meta")
        app.library.flush()
    marks = stored_marks(tmp_path).load_all()[paper]
    assert marks.tags == ("ml", "to-cite") and marks.note == "see section 3 again"
