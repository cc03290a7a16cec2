"""Pilot tests of the key bar under the reader: what it shows, remapped keys, clicks, 80 columns."""

from __future__ import annotations

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import SIZE, main_screen, opened
from tui.demo.settling import settle
from tui.ui.app import DailyPapersApp
from tui.ui.command_table import COMMANDS
from tui.ui.widgets.key_bar import KeyBar


def bar_text(app: DailyPapersApp) -> str:
    return main_screen(app).query_one(KeyBar).render().plain


async def test_the_bar_shows_the_footer_commands_in_table_order(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app):
        hints = main_screen(app).query_one(KeyBar).hints()
        assert [h.description for h in hints] == [c.label for c in COMMANDS if c.footer]
        text = bar_text(app)
        assert text.startswith(" s Save  u Unread  S Saved  / Filter ")
        assert text.rstrip().endswith("▏ ^p palette")
        assert len(text) == SIZE[0]


async def test_a_remapped_key_shows_in_the_bar(make_app: AppFactory) -> None:
    app = make_app(keymap={"toggle_saved": "x"})
    async with opened(app):
        text = bar_text(app)
        assert text.startswith(" x Save  u Unread  S Saved "), "same place, the new key"
        assert " s Save " not in text


async def test_clicking_a_hint_runs_its_command(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        assert not main_screen(app).state.saved_mode
        column = bar_text(app).index(" S Saved ") + 3
        await pilot.click(KeyBar, offset=(column, 0))
        await settle(pilot)
        assert main_screen(app).state.saved_mode
        column = bar_text(app).index(" S Saved ") + 3
        await pilot.click(KeyBar, offset=(column, 0))
        await settle(pilot)
        assert not main_screen(app).state.saved_mode


async def test_at_80_columns_whole_hints_fit_and_the_palette_key_stays(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with opened(app, (80, 24)):
        text = bar_text(app)
        assert len(text) <= 80
        assert text.rstrip().endswith("^p palette")
        shown = [h for h in main_screen(app).query_one(KeyBar).hints() if h.description in text]
        assert shown and all(f" {h.display} {h.description} " in text for h in shown)


async def test_the_y_hint_names_the_configured_citation_format(make_app: AppFactory) -> None:
    app = make_app(citation_format="apa")
    async with opened(app):
        text = bar_text(app)
        assert " y APA " in text and "BibTeX" not in text
