"""Pilot tests of the command table's surfaces: help, the command palette, a user keymap, and
the refresh key (with its rate limit)."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import (
    current_id,
    hf_item,
    main_screen,
    opened,
    papers,
    plain,
    record_notices,
    status,
    write_hf_feed,
)
from tui.demo.settling import settle
from tui.ui.app import DailyPapersApp
from tui.ui.command_table import COMMANDS, PALETTE_KEY, display_keys
from tui.ui.screens.help_screen import HelpScreen
from tui.ui.screens.main_screen import MainScreen


def help_text(app: DailyPapersApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    return plain(app.screen.query_one("#help-table", Static))


def help_line(text: str, help_words: str) -> str:
    return next(line for line in text.splitlines() if help_words in line)


async def test_question_mark_lists_every_command_and_escape_closes(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        text = help_text(app)
        for command in COMMANDS:
            line = help_line(text, command.help)
            assert display_keys(command.keys) in line, command.id
        assert PALETTE_KEY in text
        assert "j / down" in help_line(text, "Move down the list")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_ctrl_p_lists_the_commands_and_runs_one(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        results = app.screen.query_one(CommandList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        for command in COMMANDS:
            if command.id == "quit":  # Textual's own "Quit" entry runs the same action
                assert any(prompt.startswith("Quit") for prompt in prompts)
                continue
            assert any(command.help in prompt for prompt in prompts), command.id
        await pilot.press(*"Save")
        await settle(pilot)
        first = str(results.get_option_at_index(0).prompt)
        assert first.startswith("Save") and "star" in first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        paper = current_id(app)
        assert main_screen(app).state.visible.marks_for(paper).saved


async def test_a_keymap_rebinds_a_command(make_app: AppFactory) -> None:
    app = make_app(keymap={"toggle_saved": "x"})
    async with opened(app) as pilot:
        visible = main_screen(app).state
        first = current_id(app)
        await pilot.press("x")
        await settle(pilot)
        assert visible.visible.marks_for(first).saved, "x saves"
        await pilot.press("j", "s")
        await settle(pilot)
        assert not visible.visible.marks_for(current_id(app)).saved, "s no longer does"
        await pilot.press("question_mark")
        await settle(pilot)
        line = help_line(help_text(app), "Save or unsave the paper")
        assert line.split()[0] == "x"


async def test_r_refreshes_and_a_second_r_right_away_is_refused(tmp_path: Path) -> None:
    from tests.ui.conftest import STILL
    from tui.cli.wiring import build_library
    from tui.demo.app import fixed_clock

    def items(count: int) -> list[dict[str, object]]:
        return [hf_item(f"2611.{i:05d}", f"Paper {i}", "2026-11-26") for i in range(count)]

    feed = write_hf_feed(tmp_path / "feed.json", items(1))
    library = build_library(tmp_path / "data", (feed,), offline=True, clock=fixed_clock())
    app = DailyPapersApp(library, STILL, clock=fixed_clock())
    notices = record_notices(app)
    async with opened(app) as pilot:
        assert len(papers(app).papers) == 1
        write_hf_feed(tmp_path / "feed.json", items(2))
        await pilot.press("r")
        await settle(pilot)
        assert len(papers(app).papers) == 2
        assert "updated just now" in status(app)
        write_hf_feed(tmp_path / "feed.json", items(3))
        await pilot.press("r")
        await settle(pilot)
        assert len(papers(app).papers) == 2, "the second refresh did not run"
        assert any("try again" in notice for notice in notices)
