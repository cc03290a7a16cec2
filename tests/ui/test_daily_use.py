"""Pilot tests of the reader's rough edges of daily use (issue 18): the status line's words,
rules that say what they hid, new papers, star counts, the palette, preview scrolling."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import OptionList
from textual.widgets._toast import Toast

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import (
    SIZE,
    current_id,
    hf_item,
    main_screen,
    opened,
    papers,
    record_notices,
    status,
    write_hf_feed,
)
from tui.demo.settling import settle
from tui.domain.feeds.spec import FeedSpec
from tui.ui.app import DailyPapersApp
from tui.ui.screens.chooser_screen import ChooserScreen
from tui.ui.screens.help_screen import HelpScreen
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.paper_list_view import NEW_GLYPH
from tui.ui.widgets.paper_preview import PaperPreview
from tui.ui.widgets.status_line import StatusLine

DAY = "2026-11-26"


async def test_status_line_says_one_paper_in_the_singular(
    make_app: AppFactory, tmp_path: Path
) -> None:
    feed = write_hf_feed(tmp_path / "one.json", [hf_item("2611.00001", "Only one", DAY)])
    app = make_app(feeds=(feed,))
    async with opened(app, SIZE):
        assert " · 1 paper · 1 unread" in status(app), status(app)


async def test_status_line_says_how_many_rules_hid(make_app: AppFactory, tmp_path: Path) -> None:
    items = [
        hf_item(f"2611.0000{i}", f"Paper {i}", DAY, upvotes=v) for i, v in enumerate([1, 9, 2])
    ]
    feed = write_hf_feed(tmp_path / "three.json", items)
    app = make_app(feeds=(feed,), hide_below_upvotes=5)
    async with opened(app, SIZE):
        assert "1 paper" in status(app) and "2 hidden by rules" in status(app), status(app)
    shown = make_app(feeds=(feed,))
    async with opened(shown, SIZE):
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
    async with opened(app, SIZE) as pilot:
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
    async with opened(app, SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        results = app.screen.query_one(CommandList)
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(p.startswith("Save (x)") for p in prompts), prompts
        assert any(p.startswith("Prev day ([)") for p in prompts), prompts
        assert any(p.startswith("Filter (/)") for p in prompts), prompts


async def test_at_80x24_enter_then_j_k_space_g_G_scroll_the_preview(
    make_app: AppFactory, tmp_path: Path
) -> None:
    abstract = " ".join(f"Sentence {n} of a long abstract." for n in range(80))
    items = [
        hf_item("2611.00001", "Long", DAY, summary=abstract),
        hf_item("2611.00002", "Other", DAY, upvotes=0),
    ]
    app = make_app(feeds=(write_hf_feed(tmp_path / "long.json", items),))
    async with opened(app, (80, 24)) as pilot:
        shown = main_screen(app).query_one(PaperPreview)
        first = current_id(app)
        await pilot.press("enter")
        await settle(pilot)
        assert shown.has_focus and main_screen(app).has_class("-reading")
        assert shown.size.height >= 12, "reading: the preview takes most of the height"
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert shown.scroll_offset.y == 3 and current_id(app) == first, "j scrolls, not moves"
        await pilot.press("k")
        await settle(pilot)
        assert shown.scroll_offset.y == 2
        await pilot.press("space")
        await settle(pilot)
        assert shown.scroll_offset.y > 2 + shown.size.height // 2
        await pilot.press("G")
        await settle(pilot)
        assert shown.scroll_offset.y == shown.max_scroll_y > 0
        assert "Sentence 79" in "".join(shown.render_line(y).text for y in range(shown.size.height))
        await pilot.press("g")
        await settle(pilot)
        assert shown.scroll_offset.y == 0 and current_id(app) == first
        await pilot.press("escape", "j")
        await settle(pilot)
        assert papers(app).has_focus and not main_screen(app).has_class("-reading")
        assert current_id(app) != first, "back in the list, j moves again"


async def test_at_80_columns_the_key_bar_keeps_help(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, (80, 24)) as pilot:
        text = main_screen(app).query_one(KeyBar).render().plain
        assert " ? Help " in text and text.rstrip().endswith("^p palette"), text
        await pilot.click(KeyBar, offset=(text.index(" ? Help ") + 2, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_j_k_move_in_the_help_screen_and_in_choosers(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        body = app.screen.query_one("#help-body", VerticalScroll)
        await pilot.press("j", "j")
        await settle(pilot)
        assert body.scroll_offset.y == 2
        await pilot.press("k")
        await settle(pilot)
        assert body.scroll_offset.y == 1
        await pilot.press("escape", "Y")
        await settle(pilot)
        assert isinstance(app.screen, ChooserScreen)
        options = app.screen.query_one(OptionList)
        start = options.highlighted
        await pilot.press("j")
        assert options.highlighted == (start or 0) + 1
        await pilot.press("k", "k")
        assert options.highlighted == 0, "k stops at the top"


async def _session(make_app: AppFactory, feed: FeedSpec) -> tuple[str, list[str]]:
    """One run of the reader: its status line and its rows, as drawn."""
    app = make_app(feeds=(feed,))
    async with opened(app, SIZE):
        text = status(app)
        rows = [row(app, i) for i in range(len(papers(app).papers))]
    app.library.flush()
    return text, rows


async def test_new_papers_have_their_own_glyph_and_only_never_seen_ones_are_new(
    make_app: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "feed.json"
    a, b, c = (
        hf_item(f"2611.0000{i}", f"Paper {n}", DAY, upvotes=9 - i) for i, n in enumerate("ABC")
    )
    text, rows = await _session(make_app, write_hf_feed(path, [a, b]))
    assert "new" not in text and not any(NEW_GLYPH in r for r in rows), "the first visit: none"
    text, rows = await _session(make_app, write_hf_feed(path, [a, b, c]))
    assert "1 new" in text, text
    assert [r.split()[0] for r in rows] == ["●", "●", NEW_GLYPH], rows
    shutil.rmtree(tmp_path / "data" / "cache")  # every paper arrives again
    text, rows = await _session(make_app, write_hf_feed(path, [a, b, c]))
    assert "new" not in text and not any(NEW_GLYPH in r for r in rows), "all had on screen"


async def test_start_up_says_nothing_when_all_is_well(make_app: AppFactory, tmp_path: Path) -> None:
    feed = write_hf_feed(tmp_path / "one.json", [hf_item("2611.00001", "Fine", DAY)])
    app = make_app(feeds=(feed,))
    seen = record_notices(app)
    async with opened(app, (80, 24), notifications=True) as pilot:
        await pilot.press("j")  # a second refresh-and-paint cycle
        await settle(pilot)
        assert seen == [] and not app.screen.query(Toast), seen


async def test_start_up_problems_are_one_notice_clear_of_the_status_line(
    make_app: AppFactory,
) -> None:
    app = make_app()
    app.startup_notices = (
        "config.toml:3: rules.bogus: unknown key; ignored",
        "config.toml:4: other: unknown key; ignored",
    )
    seen = record_notices(app)
    async with opened(app, (80, 24), notifications=True):
        assert seen == [
            "config.toml:3: rules.bogus: unknown key; ignored"
            " (+1 more: dailypapers config lists them)"
        ]
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 1
        line = main_screen(app).query_one(StatusLine).region
        assert not toasts[0].region.overlaps(line), (toasts[0].region, line)
