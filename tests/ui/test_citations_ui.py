"""Pilot tests of the citation marks: a venue badge in the preview once a paper has stayed
shown (looked up on loopback Semantic Scholar / DBLP / Crossref servers shaped as in
tests/library/test_published.py, one request for the paper dwelt on, none for papers passed
over, none offline or with ``venue_lookups = false``), and `Z` to a loopback Zotero connector
(answering ``/connector/ping`` and ``/connector/import`` as tests/library/test_zotero.py cites):
the mark in the row and the preview, kept for the next session, and a second `Z` that asks
before it sends another copy."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer, URIPattern
from werkzeug import Request, Response

from tests.library.test_published import S2_PAPER
from tests.library.test_zotero import REFUSED
from tests.ui.conftest import STILL
from tests.ui.reader_pilot import SIZE, current_id, papers, preview, record_notices
from tests.ui.test_marks_ui import row
from tui.cli.wiring import build_library
from tui.demo.app import DEMO_FEED_FILE, DEMO_FEEDS, fixed_clock
from tui.demo.settling import settle
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.settings.settings import Settings
from tui.ui.app import DailyPapersApp
from tui.ui.screens.chooser_screen import ChooserScreen

FIXTURES = Path(__file__).parents[1] / "fixtures"


class Prefix(URIPattern):
    """Every path that starts with `prefix` (Semantic Scholar's end in the arXiv id)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def match(self, uri: str) -> bool:
        return uri.startswith(self.prefix)


def _app(data: Path, *, offline: bool = False, **changes: object) -> DailyPapersApp:
    """The reader on the demo feed (a local file: no feed request) with a real online library."""
    settings = replace(STILL, feeds=DEMO_FEEDS, **changes)  # type: ignore[arg-type]
    clock = fixed_clock()
    library = build_library(data, DEMO_FEEDS, offline=offline, clock=clock)
    return DailyPapersApp(library, settings, clock=clock)


@pytest.fixture
def services(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Semantic Scholar knows every paper as DPO at NeurIPS 2023; the paths asked, in order."""
    asked: list[str] = []

    def answer(request: Request) -> Response:
        asked.append(request.path)
        return Response(json.dumps(S2_PAPER), content_type="application/json")

    httpserver.expect_request(Prefix("/graph/v1/paper/"), method="GET").respond_with_handler(answer)
    base = httpserver.url_for("").rstrip("/")
    for name in ("DAILYPAPERS_S2_API", "DAILYPAPERS_DBLP_API", "DAILYPAPERS_CROSSREF_API"):
        monkeypatch.setenv(name, base)
    return asked


async def _dwell(pilot: object, app: DailyPapersApp, seconds: float = 1.4) -> None:
    await pilot.pause(seconds)  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await app.workers.wait_for_complete()
    await settle(pilot)  # type: ignore[arg-type]


async def test_the_badge_appears_for_the_paper_that_stays_shown(
    tmp_path: Path, services: list[str]
) -> None:
    app = _app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")  # passed over quickly: never looked up
        shown = current_id(app)
        assert preview(app, "cited") == ""
        await _dwell(pilot, app)
        assert preview(app, "cited") == "Published: NeurIPS 2023 (Semantic Scholar)"
        assert services == [f"/graph/v1/paper/arXiv:{shown}"]
        await pilot.press("k")
        await pilot.press("j")  # back on it: known, shown at once, not asked again
        await pilot.pause()
        assert preview(app, "cited").startswith("Published: NeurIPS 2023")
        await _dwell(pilot, app)
        assert len(services) == 1, "neither the paper passed (k) nor the known one asked"
    cached = json.loads((tmp_path / "data" / "venues.json").read_text(encoding="utf-8"))
    assert cached[shown]["venue"]["name"] == "Neural Information Processing Systems"


async def test_a_journal_named_by_arxiv_shows_at_once_and_asks_nobody(
    tmp_path: Path, services: list[str]
) -> None:
    feeds = (FeedSpec("arXiv", str(FIXTURES / "arxiv_api.atom"), FeedKind.ATOM),)
    clock = fixed_clock()
    library = build_library(tmp_path / "data", feeds, offline=False, clock=clock)
    app = DailyPapersApp(library, replace(STILL, feeds=feeds), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")  # every cached paper
        await settle(pilot)
        papers(app).go(papers(app).papers.index_of("2405.10081") or 0)
        await pilot.pause()
        assert preview(app, "cited") == "Published: Fixture J. 2024 (arXiv)"
        await _dwell(pilot, app)
        assert services == []


@pytest.mark.parametrize("lookups", [True, False])
async def test_a_cached_venue_shows_at_once(
    tmp_path: Path, services: list[str], lookups: bool
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    demo = json.loads(DEMO_FEED_FILE.read_text(encoding="utf-8"))
    venue = {"kind": "article", "name": "Phys. Rev. B", "year": 2023, "source": "Crossref"}
    cached = {
        e["paper"]["id"]: {"venue": venue, "asked": "2099-01-01T00:00:00+00:00"} for e in demo
    }
    (data / "venues.json").write_text(json.dumps(cached), encoding="utf-8")
    app = _app(data, venue_lookups=lookups)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)  # well before a lookup would start
        await settle(pilot)
        assert preview(app, "cited") == "Published: Phys. Rev. B 2023 (Crossref)"
        await pilot.press("j")
        await pilot.pause()
        assert preview(app, "cited") == "Published: Phys. Rev. B 2023 (Crossref)"
        await _dwell(pilot, app)
        assert services == []


@pytest.mark.parametrize("how", ["offline", "setting off"])
async def test_no_lookup_offline_or_when_turned_off(
    tmp_path: Path, services: list[str], how: str
) -> None:
    data = tmp_path / "data"
    app = _app(data, offline=how == "offline", venue_lookups=how != "setting off")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _dwell(pilot, app)
        assert preview(app, "cited") == "" and services == []


def fake_connector(server: HTTPServer, imports: list[Request]) -> str:
    """`server` answers as Zotero's connector; each import lands in `imports`. Its base URL."""
    server.expect_request("/connector/ping", method="GET").respond_with_data(
        "<!DOCTYPE html><html><body>Zotero is running</body></html>", content_type="text/html"
    )

    def imported(request: Request) -> Response:
        imports.append(request)
        return Response("[]", status=201, content_type="application/json")

    server.expect_request("/connector/import", method="POST").respond_with_handler(imported)
    return server.url_for("").rstrip("/")


async def test_Z_sends_marks_and_asks_before_a_second_copy(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    imports: list[Request] = []
    monkeypatch.setenv("DAILYPAPERS_ZOTERO_CONNECTOR", fake_connector(httpserver, imports))
    data = tmp_path / "data"
    app = _app(data, offline=True)  # the connector is not a feed: offline still sends
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notices = record_notices(app)
        assert "Z✓" not in row(app, 0)
        await pilot.press("Z")
        await _dwell(pilot, app, 0.1)
        sent = current_id(app)
        assert notices[-1] == f"{sent}: sent to Zotero (connector)" and len(imports) == 1
        assert "Z✓" in row(app, 0) and "Z✓" not in row(app, 1)
        assert "Z✓ in Zotero (sent " in preview(app, "cited")
        await pilot.press("Z")
        await pilot.pause()
        assert isinstance(app.screen, ChooserScreen)
        await pilot.press("enter")  # the first choice: no
        await _dwell(pilot, app, 0.1)
        assert len(imports) == 1 and not isinstance(app.screen, ChooserScreen)
        await pilot.press("Z")
        await pilot.pause()
        await pilot.press("down", "enter")  # yes, another copy
        await _dwell(pilot, app, 0.1)
        assert len(imports) == 2
        assert imports[0].args["session"] != imports[1].args["session"]
    again = _app(data, offline=True)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _dwell(pilot, again, 0.1)
        assert "Z✓" in row(again, papers(again).papers.index_of(sent) or 0)
        assert "in Zotero" in preview(again, "cited")


async def test_Z_with_no_route_is_one_line_and_no_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAILYPAPERS_ZOTERO_CONNECTOR", REFUSED)
    for name in ("ZOTERO_API_KEY", "ZOTERO_USER_ID"):
        monkeypatch.delenv(name, raising=False)
    app = _app(tmp_path / "data", offline=True, **{"zotero_api_key": "", "zotero_user_id": ""})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notices = record_notices(app)
        await pilot.press("Z")
        await _dwell(pilot, app, 0.1)
        assert "ssh -R 9:127.0.0.1:23119" in notices[-1] and "\n" not in notices[-1]
        assert "Z✓" not in row(app, 0) and preview(app, "cited") == ""


def test_settings_default_to_lookups_on() -> None:
    assert Settings().venue_lookups is True
