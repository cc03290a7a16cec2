"""Every notice the reader shows is sanitised, wherever its text came from (bad-inputs row 49)."""

from __future__ import annotations

from tests.cli.test_outside_text import HOSTILE, assert_clean
from tests.ui.conftest import AppFactory
from tui.demo.settling import settle


async def test_every_notice_in_the_reader_is_sanitised(make_app: AppFactory) -> None:
    app = make_app(offline_mode=True)
    app.startup_notices = (f"config.toml:1: {HOSTILE}: unknown key; ignored",)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        app.screen.notify(f"from a widget {HOSTILE}", title=HOSTILE, markup=False)
        await settle(pilot)
        shown = [(n.message, n.title) for n in app._notifications]
    assert any("unknown key" in message for message, _ in shown)
    assert any("from a widget" in message for message, _ in shown)
    for message, title in shown:
        assert_clean(message + title)
