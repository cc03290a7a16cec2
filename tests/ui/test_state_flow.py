"""Pilot tests of the state flow: the main screen's reactives hold what the widgets show, each
widget follows its own reactive, and a key draws only what it changed (once)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import current_id, main_screen, opened, papers, preview, status
from tui.demo.settling import settle
from tui.ui.app import DailyPapersApp
from tui.ui.widgets.paper_preview import PaperPreview
from tui.ui.widgets.status_line import StatusLine


def count_draws(monkeypatch: pytest.MonkeyPatch, app: DailyPapersApp) -> Counter[str]:
    """How often, from now on, the list is laid out or its rows drawn again, the preview drawn
    and the status line written."""
    seen: Counter[str] = Counter()
    screen = main_screen(app)
    targets: dict[str, tuple[object, str]] = {
        "list layout": (papers(app), "_show"),
        "list rows": (papers(app), "redraw"),
        "preview": (screen.query_one(PaperPreview), "_show"),
        "status": (screen.query_one(StatusLine), "_draw"),
    }
    for name, (widget, method) in targets.items():
        original: Callable[..., Any] = getattr(widget, method)

        def counted(*args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            seen[_name] += 1
            return _original(*args, **kw)

        monkeypatch.setattr(widget, method, counted)
    return seen


async def test_the_widgets_show_the_screens_reactives(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        await pilot.press("j", "j")
        assert screen.listing.papers is screen.state.visible is papers(app).papers
        assert screen.paper is not None and screen.paper.id == current_id(app)
        shown = screen.query_one(PaperPreview).content
        assert shown is screen.shown and shown is not None and shown.paper is screen.paper
        assert preview(app, "title") == screen.paper.title
        assert screen.query_one(StatusLine).status is screen.status
        assert status(app).startswith(screen.status.left[:20])


async def test_a_cursor_move_draws_the_preview_once_and_nothing_else(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with opened(app) as pilot:
        draws = count_draws(monkeypatch, app)
        for expected in range(1, 4):
            await pilot.press("j")
            assert draws == Counter({"preview": expected}), draws


async def test_a_filter_keystroke_lays_the_list_out_once(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("slash")
        draws = count_draws(monkeypatch, app)
        await pilot.press("d")
        assert draws["list layout"] == 1 and draws["status"] == 1, draws
        assert draws["preview"] <= 1 and draws["list rows"] == 0, draws
        assert main_screen(app).state.query == "d"


async def test_a_mark_redraws_the_rows_without_laying_the_list_out(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("j")
        before = papers(app).papers.papers
        draws = count_draws(monkeypatch, app)
        await pilot.press("s")  # a star: the counts stay, so the status line does too
        assert draws == Counter({"list rows": 1, "preview": 1}), draws
        assert papers(app).papers.marks_for(current_id(app)).saved
        assert "saved" in preview(app, "meta")
        unread = status(app)
        await pilot.press("m")  # read: one unread fewer
        assert draws == Counter({"list rows": 2, "preview": 2, "status": 1}), draws
        assert papers(app).papers.papers is before
        assert status(app) != unread and "· read" in preview(app, "meta")


async def test_a_display_option_reaches_only_the_widgets_it_concerns(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with opened(app) as pilot:
        draws = count_draws(monkeypatch, app)
        await pilot.press("a")  # every author: the preview alone
        assert draws == Counter({"preview": 1}), draws
        await pilot.press("t")  # raw TeX: the rows and the preview
        assert draws == Counter({"preview": 2, "list rows": 1}), draws


async def test_a_filter_keystroke_reaches_the_list_in_the_frame_of_the_typed_character(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar calls the screen within the keystroke: the first frame after the key already
    has the list filtered (through the Changed message alone, the typed character went out in
    a frame of its own and the list one frame, 1/60 s, later); no keystroke lays the screen out
    again while the list's scrollbar stays as it is; the preview follows right after."""
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        events: list[str] = []
        display, render_line = app._display, papers(app).render_line

        def frame(*args: Any) -> None:
            events.append("frame")
            display(*args)

        def row(y: int) -> Any:
            events.append("row")
            return render_line(y)

        layouts = Counter[str]()
        refresh_layout = main_screen(app)._refresh_layout

        def laid_out(*args: Any, **kw: Any) -> None:
            layouts["screen"] += 1
            refresh_layout(*args, **kw)

        monkeypatch.setattr(app, "_display", frame)
        monkeypatch.setattr(papers(app), "render_line", row)
        monkeypatch.setattr(main_screen(app), "_refresh_layout", laid_out)
        scrollbar = papers(app).show_vertical_scrollbar
        for typed in ("l", "la"):
            events.clear()
            await pilot.press(typed[-1])
            await settle(pilot)
            assert main_screen(app).state.query == typed
            assert events and events[0] == "row", events  # drawn before the first frame
            assert current_id(app) and main_screen(app).shown is not None
            assert main_screen(app).shown.paper == papers(app).current
        assert papers(app).show_vertical_scrollbar == scrollbar
        assert layouts["screen"] == 0, layouts


async def test_a_filter_keystroke_that_keeps_the_paper_leaves_the_preview_alone(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's "no paper matches" text names the filter; while a paper is shown it is
    not part of what the preview shows, so narrowing the filter around it draws nothing."""
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("slash", "l")
        await settle(pilot)
        kept = current_id(app)
        draws = count_draws(monkeypatch, app)
        await pilot.press("a")
        await settle(pilot)
        assert main_screen(app).state.query == "la" and current_id(app) == kept
        assert draws["preview"] == 0, draws
        await pilot.press("z", "q", "x")  # nothing matches: the text naming the filter shows
        await settle(pilot)
        assert papers(app).current is None and "“lazqx”" in preview(app, "title")
