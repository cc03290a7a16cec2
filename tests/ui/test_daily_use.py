"""Pilot tests of the reader's rough edges of daily use (issue 18): the status line's words,
rules that say what they hid, new papers, star counts, the palette, preview scrolling."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import SIZE, hf_item, papers, status, write_hf_feed
from tui.demo.settling import settle
from tui.ui.app import DailyPapersApp

DAY = "2026-11-26"


async def test_status_line_says_one_paper_in_the_singular(
    make_app: AppFactory, tmp_path: Path
) -> None:
    feed = write_hf_feed(tmp_path / "one.json", [hf_item("2611.00001", "Only one", DAY)])
    app = make_app(feeds=(feed,))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert " · 1 paper · 1 unread" in status(app), status(app)


async def test_status_line_says_how_many_rules_hid(make_app: AppFactory, tmp_path: Path) -> None:
    items = [
        hf_item(f"2611.0000{i}", f"Paper {i}", DAY, upvotes=v) for i, v in enumerate([1, 9, 2])
    ]
    feed = write_hf_feed(tmp_path / "three.json", items)
    app = make_app(feeds=(feed,), hide_below_upvotes=5)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 paper" in status(app) and "2 hidden by rules" in status(app), status(app)
    shown = make_app(feeds=(feed,))
    async with shown.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "3 papers" in status(shown) and "hidden" not in status(shown)


async def test_rows_show_star_counts_when_sorting_by_stars(
    make_app: AppFactory, tmp_path: Path
) -> None:
    repo = "https://github.com/a/b"
    items = [
        hf_item("2611.00001", "Starry", DAY, upvotes=3, githubRepo=repo, githubStars=12345),
        hf_item("2611.00002", "Dim", DAY, upvotes=7, githubRepo=repo, githubStars=42),
        hf_item("2611.00003", "Starless", DAY, upvotes=5),
    ]
    app = make_app(feeds=(write_hf_feed(tmp_path / "stars.json", items),))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "7 Dim" in row(app, 0) and "☆" not in row(app, 0), "by upvotes: upvotes"
        await pilot.press("O", "O")
        await settle(pilot)
        assert "by stars" in status(app)
        rows = [row(app, i) for i in range(3)]
        assert "12k☆ Starry" in rows[0] and "42☆ Dim" in rows[1], rows
        assert "· Starless" in rows[2] and "5" not in rows[2], rows
        await pilot.press("O")
        await settle(pilot)
        assert "☆" not in row(app, 0)


def row(app: DailyPapersApp, line: int) -> str:
    return papers(app).render_line(line).text


async def test_the_palette_shows_each_commands_keys(make_app: AppFactory) -> None:
    app = make_app(keymap={"toggle_saved": "x"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        results = app.screen.query_one(CommandList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(p.startswith("Save (x)") for p in prompts), prompts
        assert any(p.startswith("Prev day ([)") for p in prompts), prompts
        assert any(p.startswith("Filter (/)") for p in prompts), prompts
