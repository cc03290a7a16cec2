"""Faults the reader shows in one line and survives: a corrupt data file, a failed save, a
server error (and when it retries), a refused network, a paper without a date, odd text on
the clipboard path."""

from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.ui.conftest import STILL, AppFactory
from tests.ui.reader_pilot import opened
from tui.cli.wiring import build_library
from tui.demo.app import fixed_clock
from tui.demo.settling import settle
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.store import atomic_storage
from tui.ui.app import DailyPapersApp
from tui.ui.clipboard import copy_text
from tui.ui.widgets.paper_preview import PaperPreview
from tui.ui.widgets.status_line import StatusLine

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _record_notices(app: DailyPapersApp) -> list[str]:
    notices: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs: object) -> None:
        notices.append(message)
        original(message, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return notices


def _status(app: DailyPapersApp) -> str:
    return str(app.screen.query_one(StatusLine).render())


async def test_a_corrupt_marks_file_is_set_aside_with_one_notice(
    make_app: AppFactory, tmp_path: Path
) -> None:
    marks = tmp_path / "data" / "marks"
    marks.mkdir(parents=True)
    (marks / "2611.json").write_bytes(b'{"marks": {"2611.1\x00\x00 truncated')
    app = make_app()
    notices = _record_notices(app)
    async with opened(app, (120, 34)) as pilot:
        set_aside = [n for n in notices if "set aside" in n]
        assert len(set_aside) == 1 and "\n" not in set_aside[0]
        assert list(marks.glob("2611.json.corrupt-*"))
        await pilot.press("s")
        await settle(pilot)
    assert app.library.load_day_sync().papers.saved_count() == 1


async def test_a_failed_save_keeps_the_star_and_says_so(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    notices = _record_notices(app)
    async with opened(app, (120, 34)) as pilot:

        def read_only(*_: object, **__: object) -> None:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(atomic_storage.os, "replace", read_only)
        await pilot.press("s")
        await settle(pilot)
        current = app.screen.papers_view.current  # type: ignore[attr-defined]
        assert app.reader_state.visible.marks_for(current.id).saved
        assert any("cannot be saved" in n for n in notices)


@dataclass
class _Clipboard:
    copied: list[str] = field(default_factory=list)

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)


def test_copying_a_lone_surrogate_or_a_broken_backend_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    app = _Clipboard()

    def broken(_: str) -> None:
        raise pyperclip.PyperclipException("xclip exited 1")

    monkeypatch.setattr(pyperclip, "copy", broken)
    display = {"DISPLAY": ":0"}
    notice = copy_text(app, "bad \ud83d text", "BibTeX", overflow=lambda _: None, env=display)  # type: ignore[arg-type]
    assert app.copied == ["bad \ufffd text"]
    assert "OSC 52" in notice, "no false claim of a local copy when the backend failed"
    big = "x" * (80 * 1024)
    notice = copy_text(app, big, "Export", overflow=lambda _: tmp_path / "clip.txt", env={})  # type: ignore[arg-type]
    assert str(tmp_path / "clip.txt") in notice and len(app.copied) == 1


async def test_a_server_error_keeps_the_papers_and_says_when_it_retries(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    feed = FeedSpec("HF", httpserver.url_for("/api/daily_papers"), FeedKind.HF_JSON)
    httpserver.expect_oneshot_request("/api/daily_papers").respond_with_data(
        (FIXTURES / "hf_daily.json").read_bytes(), content_type="application/json"
    )
    library = build_library(tmp_path, [feed], offline=False, clock=fixed_clock())
    app = DailyPapersApp(library, STILL, clock=fixed_clock())
    async with opened(app, (120, 34)) as pilot:
        before = len(app.reader_state.visible)
        assert before > 0
        httpserver.expect_oneshot_request("/api/daily_papers").respond_with_data(
            "busy", status=503, headers={"Retry-After": "120"}
        )
        app.reader_state.limiter.allow(-1e9)  # the manual-refresh limit is not under test here
        app.screen.refresh_feeds()  # type: ignore[attr-defined]
        await settle(pilot)
        assert len(app.reader_state.visible) == before
        assert "server error 503; retrying at" in _status(app)


async def test_a_refused_network_says_offline_since_and_keeps_the_cache(tmp_path: Path) -> None:
    feed = FeedSpec("HF", "http://127.0.0.1:9/api/daily_papers", FeedKind.HF_JSON)
    library = build_library(tmp_path, [feed], offline=False, clock=fixed_clock())
    app = DailyPapersApp(library, STILL, clock=fixed_clock())
    async with opened(app, (120, 34)):
        status = _status(app)
        assert "offline since" in status and "showing cached papers" in status
        assert "No cached papers" in app.screen.query_one(PaperPreview).part_text("title")


async def test_a_paper_without_a_date_shows_unknown_date(tmp_path: Path) -> None:
    entries = json.loads((FIXTURES / "hf_daily.json").read_text(encoding="utf-8"))[:1]
    for key in ("publishedAt", "submittedOnDailyAt"):
        entries[0]["paper"].pop(key, None)
    entries[0].pop("publishedAt", None)
    body = tmp_path / "undated.json"
    body.write_text(json.dumps(entries), encoding="utf-8")
    feed = FeedSpec("Local", str(body), FeedKind.HF_JSON)
    library = build_library(tmp_path / "data", [feed], offline=True, clock=fixed_clock())
    app = DailyPapersApp(library, STILL, clock=fixed_clock())
    async with opened(app, (120, 34)):
        meta = app.screen.query_one(PaperPreview).part_text("meta")
        assert "Thu 26 Nov 2026" in meta or "unknown date" in meta


async def test_the_next_start_paints_the_last_first_screen_then_the_whole_day(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with opened(app, (120, 34)):
        shown = [p.id for p in app.reader_state.visible][:20]
    again = make_app()
    first = await again.library.first_screen.load(None)
    assert first is not None and not first.complete
    assert [p.id for p in first.papers][:20] == shown
    async with opened(again, (120, 34)):
        assert [p.id for p in again.reader_state.visible][:20] == shown
        assert len(again.reader_state.visible) == 30
        assert "loading" not in _status(again)


async def test_a_first_screen_read_before_textual_started_is_shown_at_mount(
    make_app: AppFactory,
) -> None:
    import time

    app = make_app()
    async with opened(app, (120, 34)):
        pass  # started and settled; nothing else to do
    again = make_app()
    again.library.first_screen.preload(None)  # as the command line does, before Textual
    deadline = time.monotonic() + 10
    while again.library.first_screen.ready() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert again.library.first_screen.ready() is not None
    async with again.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        assert len(again.reader_state.visible) > 0  # before any worker read the day
        await settle(pilot)
        assert len(again.reader_state.visible) == 30


async def test_a_browser_that_blocks_never_blocks_the_reader(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad-inputs row 40: a BROWSER command that waits (with a display, not over SSH)."""
    import threading
    import time

    from tui.ui import opener

    release = threading.Event()
    started = threading.Event()

    def blocking_browser(url: str, command: object) -> bool:
        started.set()
        release.wait(10)
        return True

    monkeypatch.setattr(opener, "launch", blocking_browser)
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    app = make_app()
    async with opened(app, (120, 34)) as pilot:
        await pilot.press("o")
        assert started.wait(5), "the browser was not started"
        began = time.monotonic()
        await pilot.press("j", "j")
        assert app.screen.papers_view.cursor == 2  # type: ignore[attr-defined]
        assert time.monotonic() - began < 2
        release.set()
        await settle(pilot)


def test_the_preview_makes_osc8_links_only_of_safe_urls() -> None:
    """Bad-inputs row 41: an unsafe URL never becomes a clickable (OSC 8) link style."""
    from tui.domain.links import PaperLink, safe_url
    from tui.ui.widgets.paper_preview import _links

    hostile = (
        PaperLink("Project page", "javascript:alert(1)", "project"),
        PaperLink("Code", "https://hf.co@evil.example/x", "code"),
        PaperLink("Paper", "https://arxiv.org/abs/2405.01234", "paper"),
    )
    text = _links(hostile)
    links = [span.style.link for span in text.spans if not isinstance(span.style, str)]
    assert links == ["https://arxiv.org/abs/2405.01234"]
    assert all(safe_url(link) == link for link in links if link)
    assert "javascript" not in text.plain and "evil" not in text.plain
