"""The feeds screen: state per feed; add by URL, pause and remove, kept in the data folder."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.ui.conftest import STILL
from tests.ui.reader_pilot import opened
from tui.cli.wiring import build_library
from tui.demo.app import DEMO_FEEDS, fixed_clock
from tui.demo.settling import settle
from tui.store.feed_list import FeedListStore
from tui.ui.app import DailyPapersApp
from tui.ui.screens.feeds_screen import FeedsScreen

ARXIV = "https://rss.arxiv.org/rss/cs.LG"


def _app(data_dir: Path) -> DailyPapersApp:
    store = FeedListStore(data_dir / "feed_list.json")
    library = build_library(
        data_dir, DEMO_FEEDS, offline=True, clock=fixed_clock(), feed_list=store
    )
    return DailyPapersApp(library, STILL, clock=fixed_clock())


async def test_add_pause_and_remove_a_feed(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with opened(app, (120, 34)) as pilot:
        await pilot.press("F")
        await settle(pilot)
        assert isinstance(app.screen, FeedsScreen)
        await pilot.press("a", *ARXIV, "enter")
        await settle(pilot)
        assert [f.url for f in app.library.feeds][-1] == ARXIV
        assert app.screen.query_one(OptionList).option_count == 2
        await pilot.press("down", "p")
        await settle(pilot)
        assert [f.enabled for f in app.library.feeds] == [True, False]
        await pilot.press("d")
        await settle(pilot)
        assert [f.url for f in app.library.feeds] == [DEMO_FEEDS[0].url]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, FeedsScreen)
    stored = FeedListStore(tmp_path / "feed_list.json").load()
    assert stored is not None and [f.url for f in stored] == [DEMO_FEEDS[0].url]


async def test_a_bad_url_is_refused_with_a_notice(tmp_path: Path) -> None:
    app = _app(tmp_path)
    messages: list[str] = []
    app.notify = lambda message, **_: messages.append(message)  # type: ignore[method-assign]
    async with opened(app, (120, 34)) as pilot:
        await pilot.press("F", "a", *"javascript:alert(1)", "enter")
        await settle(pilot)
        assert [f.url for f in app.library.feeds] == [DEMO_FEEDS[0].url]
        assert any("cannot add" in m for m in messages)


async def test_feed_state_is_shown(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with opened(app, (120, 34)) as pilot:
        await pilot.press("F")
        await settle(pilot)
        option = app.screen.query_one(OptionList).get_option_at_index(0)
        assert "143 papers" in str(option.prompt)


async def test_the_feed_list_stops_at_its_ends_and_z_undoes_a_removal(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with opened(app, (80, 24)) as pilot:
        await pilot.press("F", "a", *ARXIV, "enter")
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        await pilot.press("j", "j", "down")
        assert options.highlighted == 1, "down from the last row stays there"
        await pilot.press("k", "k", "up")
        assert options.highlighted == 0, "up from the first row stays there"
        await pilot.press("d")
        await settle(pilot)
        assert [f.url for f in app.library.feeds] == [ARXIV]
        await pilot.press("z")
        await settle(pilot)
        assert [f.url for f in app.library.feeds] == [DEMO_FEEDS[0].url, ARXIV], "back in place"
        await pilot.press("z")
        await settle(pilot)
        assert len(app.library.feeds) == 2
    stored = FeedListStore(tmp_path / "feed_list.json").load()
    assert stored is not None and [f.url for f in stored] == [DEMO_FEEDS[0].url, ARXIV]


async def test_a_notice_on_the_feeds_screen_leaves_the_status_line_clear(tmp_path: Path) -> None:
    from textual.widgets._toast import Toast

    from tui.ui.widgets.status_line import StatusLine

    app = _app(tmp_path)
    async with opened(app, (80, 24), notifications=True) as pilot:
        await pilot.press("F", "d")
        await settle(pilot)
        toasts = list(app.screen.query(Toast))
        assert toasts and "z undoes" in str(toasts[0].render())
        line = app.screen_stack[0].query_one(StatusLine).region
        assert all(not toast.region.overlaps(line) for toast in toasts), line
