"""Pilot tests: copy BibTeX and other formats, open the paper, code and PDF (or copy them with
no display), and hostile links refused with nothing spawned."""

from __future__ import annotations

import subprocess
import webbrowser
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import (
    current_id,
    hf_item,
    opened,
    preview,
    record_notices,
    write_hf_feed,
)
from tui.demo.settling import settle
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.paper import Paper
from tui.library.refresh import feed_key
from tui.store.cache import PaperCache
from tui.ui import opener
from tui.ui.screens.chooser_screen import ChooserScreen

DAY = "2026-11-26"
REPO = "https://github.com/example/one"
SPACE = "https://huggingface.co/spaces/example/demo"


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "TMUX"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """A display, and a record of every process or browser start (none really happens)."""
    calls: list[Any] = []
    monkeypatch.setenv("DISPLAY", ":0")
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")

    class Started:
        def wait(self, timeout: float | None = None) -> int:
            return 0

    def popen(*args: Any, **kwargs: Any) -> Started:
        calls.append(("popen", args, kwargs))
        return Started()

    def open_browser(*args: Any, **kwargs: Any) -> bool:
        calls.append(("open", args, kwargs))
        return True

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(webbrowser, "open", open_browser)
    monkeypatch.setattr(opener, "_system_browser", open_browser)
    return calls


def code_feed(tmp_path: Path) -> tuple[FeedSpec, ...]:
    """Two papers: one with a single code link, one with two (GitHub field and a Space)."""
    items = [
        hf_item("2611.00001", "One repository", DAY, upvotes=9, githubRepo=REPO),
        hf_item(
            "2611.00002",
            "Two repositories",
            DAY,
            upvotes=5,
            githubRepo="https://github.com/example/two.git",
            summary=f"Code: https://github.com/example/two. Demo at {SPACE}.",
        ),
    ]
    return (write_hf_feed(tmp_path / "code.json", items),)


async def test_y_copies_bibtex(make_app: AppFactory, no_display: None) -> None:
    app = make_app()
    notices = record_notices(app)
    async with opened(app) as pilot:
        paper = current_id(app)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard.startswith("@misc{")
        assert f"eprint={{{paper}}}" in app.clipboard
        assert any(n.startswith("Copied BibTeX") for n in notices)


async def test_Y_offers_formats_and_copies_apa(make_app: AppFactory, no_display: None) -> None:
    app = make_app()
    notices = record_notices(app)
    async with opened(app) as pilot:
        paper = current_id(app)
        await pilot.press("Y")
        await settle(pilot)
        assert isinstance(app.screen, ChooserScreen)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[:2] == ["BibTeX", "APA"] and "arXiv id" in labels
        await pilot.press("down", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ChooserScreen)
        assert not app.clipboard.startswith("@")
        assert "(2026)" in app.clipboard and paper in app.clipboard
        assert any(n.startswith("Copied APA") for n in notices)


async def test_escape_in_the_chooser_copies_nothing(make_app: AppFactory, no_display: None) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("Y", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, ChooserScreen)
        assert app.clipboard == ""


async def test_o_without_a_display_copies_the_url(make_app: AppFactory, no_display: None) -> None:
    app = make_app()
    notices = record_notices(app)
    async with opened(app) as pilot:
        paper = current_id(app)
        await pilot.press("o")
        await settle(pilot)
        assert app.clipboard == f"https://huggingface.co/papers/{paper}"
        assert any("link copied" in n and app.clipboard in n for n in notices)


async def test_o_with_a_display_opens_the_browser(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, spawned: list[Any]
) -> None:
    launched: list[tuple[str, Sequence[str]]] = []

    def launch(url: str, command: Sequence[str]) -> bool:
        launched.append((url, command))
        return True

    monkeypatch.setattr(opener, "launch", launch)
    app = make_app()
    notices = record_notices(app)
    async with opened(app) as pilot:
        paper = current_id(app)
        await pilot.press("o")
        await settle(pilot)
    assert [url for url, _ in launched] == [f"https://huggingface.co/papers/{paper}"]
    assert app.clipboard == ""
    assert any("Opened the paper page" in n for n in notices)


async def test_a_console_browser_is_never_drawn_over_the_reader(
    make_app: AppFactory, spawned: list[Any]
) -> None:
    app = make_app(browser=("w3m",))
    async with opened(app) as pilot:
        paper = current_id(app)
        await pilot.press("o")
        await settle(pilot)
        assert app.clipboard == f"https://huggingface.co/papers/{paper}"
    assert spawned == []


async def test_a_configured_browser_command_gets_the_url_as_one_argument(
    make_app: AppFactory, spawned: list[Any]
) -> None:
    app = make_app(browser=("firefox", "--new-tab"))
    async with opened(app) as pilot:
        paper = current_id(app)
        await pilot.press("P")
        await settle(pilot)
    assert [call[1][0] for call in spawned] == [
        ["firefox", "--new-tab", f"https://arxiv.org/pdf/{paper}"]
    ]
    assert spawned[0][2].get("shell") in (None, False)


async def test_P_copies_the_pdf_link(make_app: AppFactory, no_display: None) -> None:
    app = make_app()
    async with opened(app) as pilot:
        paper = current_id(app)
        await pilot.press("P")
        await settle(pilot)
        assert app.clipboard == f"https://arxiv.org/pdf/{paper}"


async def test_c_with_one_code_link_takes_it(
    make_app: AppFactory, tmp_path: Path, no_display: None
) -> None:
    app = make_app(feeds=code_feed(tmp_path))
    async with opened(app) as pilot:
        assert current_id(app) == "2611.00001"
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, ChooserScreen)
        assert app.clipboard == REPO


async def test_c_with_several_code_links_asks_which(
    make_app: AppFactory, tmp_path: Path, no_display: None
) -> None:
    app = make_app(feeds=code_feed(tmp_path))
    async with opened(app) as pilot:
        await pilot.press("j", "c")
        await settle(pilot)
        assert current_id(app) == "2611.00002"
        assert isinstance(app.screen, ChooserScreen)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["https://github.com/example/two", SPACE], "trimmed, no duplicates"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.clipboard == SPACE


async def test_a_hostile_code_link_from_a_feed_is_never_opened(
    make_app: AppFactory, tmp_path: Path, spawned: list[Any]
) -> None:
    items = [
        hf_item(
            "2611.00003",
            "Hostile",
            DAY,
            githubRepo="javascript:alert(1)",
            projectPage="file:///etc/passwd",
            summary="See -flag and https://x@evil.example/repo.",
        )
    ]
    app = make_app(feeds=(write_hf_feed(tmp_path / "hostile.json", items),))
    notices = record_notices(app)
    async with opened(app) as pilot:
        assert current_id(app) == "2611.00003"
        links = preview(app, "links")
        assert "javascript" not in links and "file:" not in links and "evil" not in links
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(app.screen, ChooserScreen)
        assert app.clipboard == ""
    assert spawned == []
    assert "No code link for this paper" in notices


async def test_hostile_links_in_the_cache_are_refused(
    make_app: AppFactory, tmp_path: Path, spawned: list[Any]
) -> None:
    """Bypass the feed parser: a hostile record read back from the cache reaches the UI."""
    feed = FeedSpec(name="HF", url="http://127.0.0.1:9/api/daily_papers", kind=FeedKind.HF_JSON)
    hostile = Paper(
        id="guid:hostile",
        title="Hostile",
        abstract="Code at https://user:pw@github.com/a/b",
        day=date(2026, 11, 26),
        github="javascript:alert(1)",
        link="javascript:alert(1)",
        project_page="file:///etc/passwd",
        feeds=("HF",),
    )
    PaperCache(tmp_path / "data" / "cache").store(feed_key(feed), [hostile])
    app = make_app(feeds=(feed,))
    notices = record_notices(app)
    async with opened(app) as pilot:
        assert current_id(app) == "guid:hostile"
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert app.clipboard == ""
        links = preview(app, "links")
        assert "javascript" not in links and "file:" not in links and "pw@" not in links
    assert spawned == []
    assert "No paper page link for this paper" in notices, "o: the paper has no safe page"
    assert "No code link for this paper" in notices
    assert "No PDF link for this paper" in notices
