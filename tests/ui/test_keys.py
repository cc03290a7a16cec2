"""Pilot tests: moving through the list with every movement key, the preview focus, the mouse."""

from __future__ import annotations

import pytest
from textual import events

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
from tui.ui.widgets.paper_preview import PaperPreview

SHORT = (120, 16)  # a list 13 rows high over the demo day's 30 papers


async def test_j_and_k_move_one_row(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, SHORT) as pilot:
        view = papers(app)
        assert len(view.papers) == 30 and view.cursor == 0
        await pilot.press("j")
        assert view.cursor == 1
        await pilot.press("j", "j")
        assert view.cursor == 3
        await pilot.press("k")
        assert view.cursor == 2
        await pilot.press("k", "k", "k")
        assert view.cursor == 0, "the cursor stops at the top"


async def test_arrows_move_when_the_list_fits(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        view = papers(app)
        await pilot.press("down", "down")
        assert view.cursor == 2
        await pilot.press("up")
        assert view.cursor == 1
        await pilot.press("end")
        assert view.cursor == 29
        await pilot.press("home")
        assert view.cursor == 0


# On a list taller than its pane, the arrow/home/end/page keys must move the cursor, not just
# scroll the view (PaperListView does not inherit ScrollableContainer's scroll bindings).


@pytest.mark.parametrize(
    ("before", "key", "expected"),
    [
        ((), "down", 1),
        (("G",), "up", 28),
        (("G",), "home", 0),
        ((), "end", 29),
        ((), "pagedown", 12),
        (("G",), "pageup", 17),
    ],
)
async def test_arrows_home_end_and_pages_move_the_cursor_on_a_long_list(
    make_app: AppFactory, before: tuple[str, ...], key: str, expected: int
) -> None:
    app = make_app()
    async with opened(app, SHORT) as pilot:
        view = papers(app)
        assert view.size.height == 13
        await pilot.press(*before, key)
        assert view.cursor == expected


async def test_the_preview_follows_the_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        first = preview(app, "title")
        await pilot.press("j")
        await pilot.pause()
        view = papers(app)
        assert view.current is not None
        assert preview(app, "title") != first
        assert preview(app, "meta").find(view.current.id) >= 0


async def test_g_home_and_G_end_jump(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        view = papers(app)
        await pilot.press("G")
        assert view.cursor == 29
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("end")
        assert view.cursor == 29
        await pilot.press("home")
        assert view.cursor == 0


async def test_space_moves_a_page_and_the_list_follows(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, SHORT) as pilot:
        view = papers(app)
        page = view.size.height - 1
        assert page == 12
        await pilot.press("space")
        assert view.cursor == page
        await pilot.press("space")
        assert view.cursor == 2 * page
        assert view.scroll_offset.y > 0, "the list scrolls to keep the cursor in sight"
        await pilot.press("space")
        assert view.cursor == 29, "a page past the end stops on the last paper"


async def test_pagedown_and_pageup_move_a_page_when_the_list_fits(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        view = papers(app)
        await pilot.press("pagedown")
        assert view.cursor == 29
        await pilot.press("pageup")
        assert view.cursor == 0


async def test_n_and_p_jump_over_read_papers(make_app: AppFactory) -> None:
    app = make_app()
    notices = record_notices(app)
    async with opened(app) as pilot:
        view = papers(app)
        await pilot.press("j", "m", "j", "m", "g")
        await settle(pilot)
        assert view.cursor == 0
        await pilot.press("n")
        assert view.cursor == 3, "n skips the two read papers"
        await pilot.press("p")
        assert view.cursor == 0, "p skips them on the way back"
        await pilot.press("p")
        assert view.cursor == 0
        assert any("No more unread" in n for n in notices)
        await pilot.press("G", "n")
        assert view.cursor == 29


async def test_enter_focuses_the_preview_and_escape_goes_back(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        view = papers(app)
        assert view.has_focus
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.focused, PaperPreview)
        await pilot.press("escape")
        await pilot.pause()
        assert view.has_focus, "escape goes back to the list"
        assert view.cursor == 1, "the cursor stays where it was"
        await pilot.press("j")
        assert view.cursor == 2


async def test_a_click_selects_the_row(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        view = papers(app)
        expected = view.papers[4].id
        await pilot.click("#papers", offset=(10, 4))
        await pilot.pause()
        assert view.cursor == 4
        assert current_id(app) == expected
        assert expected in preview(app, "meta")


async def test_a_double_click_opens_the_row_in_the_preview(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.double_click("#papers", offset=(10, 3))
        await pilot.pause()
        assert papers(app).cursor == 3
        assert isinstance(app.focused, PaperPreview)


async def test_a_click_from_the_filter_returns_to_the_list(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert not papers(app).has_focus
        await pilot.click("#papers", offset=(10, 2))
        await pilot.pause()
        assert papers(app).has_focus and papers(app).cursor == 2


async def test_the_mouse_wheel_scrolls_the_list(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, SHORT) as pilot:
        view = papers(app)
        assert view.scroll_offset.y == 0
        for _ in range(3):
            await pilot._post_mouse_events([events.MouseScrollDown], "#papers", offset=(5, 3))
        await pilot.pause()
        assert view.scroll_offset.y > 0
        down = view.scroll_offset.y
        assert view.cursor == 0, "the wheel scrolls; it does not move the cursor"
        await pilot.click("#papers", offset=(10, 2))
        assert view.cursor == down + 2, "a click after scrolling picks the row under the mouse"
        assert view.scroll_offset.y == down
        await pilot._post_mouse_events([events.MouseScrollUp], "#papers", offset=(5, 3))
        await pilot.pause()
        assert view.scroll_offset.y < down
        assert main_screen(app).is_current
