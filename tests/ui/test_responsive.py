"""Pilot tests: the reader stays usable while a feed takes 10 s to answer, and at 80x24."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from textual.geometry import Region
from werkzeug import Request, Response

from tests.ui.conftest import STILL, AppFactory, seed_cache
from tests.ui.reader_pilot import main_screen, opened, papers, status
from tui.cli.wiring import build_library
from tui.demo.app import DEMO_FEED_FILE, fixed_clock
from tui.demo.settling import settle
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.paper_list import fold
from tui.ui.app import DailyPapersApp
from tui.ui.widgets.paper_preview import PaperPreview
from tui.ui.widgets.status_line import StatusLine

SLOW_SECONDS = 10.0
CODE_URL = "https://github.com/amirhossein-kz/Awesome-Diffusion-Models-in-Medical-Imaging"


@pytest.fixture
def slow_feed(httpserver: HTTPServer) -> Iterator[FeedSpec]:
    """A Hugging Face feed on 127.0.0.1 that answers after 10 s (or when the test ends)."""
    release = threading.Event()

    def answer(request: Request) -> Response:
        release.wait(SLOW_SECONDS)
        return Response(DEMO_FEED_FILE.read_bytes(), content_type="application/json")

    httpserver.expect_request("/api/daily_papers").respond_with_handler(answer)
    yield FeedSpec(name="HF", url=httpserver.url_for("/api/daily_papers"), kind=FeedKind.HF_JSON)
    release.set()


async def test_the_list_moves_and_filters_while_a_refresh_hangs(
    slow_feed: FeedSpec, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    seed_cache(data_dir, slow_feed)
    library = build_library(data_dir, (slow_feed,), offline=False, clock=fixed_clock())
    app = DailyPapersApp(library, STILL, clock=fixed_clock())
    started = time.monotonic()
    async with app.run_test(size=(120, 34)) as pilot:
        while time.monotonic() - started < 2:  # never `settle`: the refresh runs for 10 s
            if len(papers(app).papers) == 30 and "refreshing…" in status(app):
                break
            await pilot.pause(0.02)
        assert len(papers(app).papers) == 30, "painted from the cache before the network"
        assert "refreshing…" in status(app)
        await pilot.press("j", "j")
        assert papers(app).cursor == 2
        await pilot.press("slash", *"diffus")
        await pilot.pause()
        shown = list(papers(app).papers)
        assert 0 < len(shown) < 30
        assert all("diffus" in fold(p.title + " " + p.abstract) for p in shown)
        assert "refreshing…" in status(app), "the refresh is still pending"
        assert time.monotonic() - started < 3
        await pilot.press("escape", "q")
    assert time.monotonic() - started < 5, "quitting does not wait for the hung fetch"


async def test_at_80x24_the_preview_is_below_the_list(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, (80, 24)) as pilot:
        listing = papers(app).region
        pane = main_screen(app).query_one(PaperPreview).region
        assert pane.y > listing.y
        assert pane.y >= listing.bottom, "below, not overlapping"
        assert listing.width >= 70 and pane.width >= 70
        await pilot.press("j")
        assert papers(app).cursor == 1


async def test_resizing_to_narrow_and_back_moves_the_preview(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, (120, 34)) as pilot:
        pane = main_screen(app).query_one(PaperPreview)
        assert pane.region.x > papers(app).region.x, "beside the list when wide"
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert pane.region.y > papers(app).region.y
        await pilot.resize_terminal(120, 34)
        await settle(pilot)
        assert pane.region.x > papers(app).region.x and pane.region.y == papers(app).region.y


def status_on_screen(app: DailyPapersApp) -> str:
    """The status line as drawn (not as stored): what fits in its width now."""
    line = main_screen(app).query_one(StatusLine)
    return "".join(strip.text for strip in line.render_lines(Region(0, 0, line.size.width, 1)))


async def test_the_status_line_fits_a_narrow_start(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, (80, 24)):
        drawn = status_on_screen(app)
        assert "30 unread" in drawn and drawn.rstrip().endswith("updated just now")


async def test_the_status_line_keeps_its_freshness_after_narrowing(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, (120, 34)) as pilot:
        assert status_on_screen(app).rstrip().endswith("updated just now")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert status_on_screen(app).rstrip().endswith("updated just now")


@pytest.mark.parametrize("size", [(120, 34), (80, 24)])
async def test_the_preview_wraps_to_its_own_width_from_the_first_frame(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """No horizontal scrolling, and a long code URL shown whole across the wrapped lines."""
    app = make_app()
    async with opened(app, size) as pilot:
        if size[0] < 100:
            await pilot.press("enter")  # narrow: the preview opens on enter
            await settle(pilot)
        preview = main_screen(app).query_one(PaperPreview)
        width = preview.scrollable_content_region.width
        assert width > 0 and preview.virtual_size.width == width
        assert not preview.show_horizontal_scrollbar
        lines: list[str] = []
        for top in range(0, preview.virtual_size.height, preview.size.height):
            preview.scroll_to(y=top, animate=False, immediate=True)
            lines += [preview.render_line(y).text for y in range(preview.size.height)]
        assert all(len(line.rstrip()) <= width for line in lines)
        joined = "".join(line.rstrip() for line in lines)
        assert CODE_URL in joined
