"""Every notice the reader shows is sanitised, wherever its text came from (bad-inputs row 49)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_outside_text import HOSTILE, assert_clean
from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import opened
from tui.demo.settling import settle


async def test_every_notice_in_the_reader_is_sanitised(make_app: AppFactory) -> None:
    app = make_app(offline_mode=True)
    app.startup_notices = (f"config.toml:1: {HOSTILE}: unknown key; ignored",)
    async with opened(app, (120, 34)) as pilot:
        app.screen.notify(f"from a widget {HOSTILE}", title=HOSTILE, markup=False)
        await settle(pilot)
        shown = [(n.message, n.title) for n in app._notifications]
    assert any("unknown key" in message for message, _ in shown)
    assert any("from a widget" in message for message, _ in shown)
    for message, title in shown:
        assert_clean(message + title)


def test_a_feed_and_its_remembered_error_are_described_clean() -> None:
    from tui.domain.feeds.spec import FeedSpec
    from tui.store.feed_state import FeedState
    from tui.ui.screens.feeds_screen import describe_feed

    feed = FeedSpec(f"Name {HOSTILE}", f"/tmp/feed{HOSTILE}.json")
    state = FeedState(fetched_at=f"2026{HOSTILE}", last_error=f"edited by hand {HOSTILE}")
    shown = describe_feed(feed, state).plain
    assert "Name" in shown and "edited by hand" in shown
    assert_clean(shown)


async def test_the_status_line_never_shows_a_feed_names_escapes(
    make_app: AppFactory, tmp_path: Path
) -> None:
    from tests.ui.reader_pilot import opened, status
    from tui.domain.feeds.spec import FeedKind, FeedSpec

    broken = tmp_path / "broken.json"
    broken.write_text("not json", encoding="utf-8")
    app = make_app(feeds=(FeedSpec(f"Evil {HOSTILE}", str(broken), FeedKind.HF_JSON),))
    async with opened(app, (120, 34)):
        line = status(app)
        shown = [n.message for n in app._notifications]
    assert "Evil" in " ".join([line, *shown])
    assert_clean(line + "".join(shown))
