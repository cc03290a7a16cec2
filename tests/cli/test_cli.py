"""The command line as a user runs it: `python -m tui ...` in a child process.

Feeds come from a real HTTP server on 127.0.0.1 (pytest-httpserver) serving the fixtures; state
lives in a tmp_path data folder. Where a test needs marks it writes them with the real stores
(the command line has no `save` command yet).
"""

from __future__ import annotations

import json
import socket
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.e2e.processes import FIXTURES, HF_FIXTURE, run_cli
from tui import __version__
from tui.cli.wiring import build_library
from tui.domain.feeds.spec import FeedSpec
from tui.domain.paper import Marks

HF_ITEMS: list[dict[str, Any]] = json.loads(HF_FIXTURE.read_text(encoding="utf-8"))
DAY = "2024-05-13"
JSON = "application/json"
RSS = "application/rss+xml"


@pytest.fixture
def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def serve(server: HTTPServer, path: str, fixture: Path, content_type: str) -> str:
    server.expect_request(path).respond_with_data(fixture.read_bytes(), content_type=content_type)
    return server.url_for(path)


def test_list_answers_from_a_fresh_cache_and_fetch_always_asks(
    server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/api/daily_papers").respond_with_data(
        HF_FIXTURE.read_bytes(), content_type=JSON
    )
    url = server.url_for("/api/daily_papers")
    data = tmp_path / "data"
    first = listed(data, "--feed", url)
    assert first and len(server.log) == 1
    assert listed(data, "--feed", url) == first and len(server.log) == 1, "fresh: no request"
    assert run_cli("--data-dir", str(data), "--feed", url, "fetch").returncode == 0
    assert len(server.log) == 2


def listed(data: Path, *args: str, saved: bool = False) -> list[dict[str, Any]]:
    """`list --json` with these options; fails the test on a non-zero exit."""
    result = run_cli("--data-dir", str(data), *args, "list", "--json", *(["--saved"] * saved))
    assert result.returncode == 0, result.stderr
    papers: list[dict[str, Any]] = json.loads(result.stdout)
    return papers


def every_day(data: Path, feeds: list[str], days: set[str]) -> list[dict[str, Any]]:
    """The papers of every given day, from the cache (`list` shows one day at a time)."""
    options = [arg for url in feeds for arg in ("--feed", url)]
    return [p for day in sorted(days) for p in listed(data, *options, "--offline", "--date", day)]


def fixture_days() -> set[str]:
    featured = {e["paper"].get("submittedOnDailyAt") for e in HF_ITEMS}
    return {d[:10] for d in featured if d}


# -- list --json -----------------------------------------------------------------------------


def test_list_json_prints_every_hf_paper_once_with_its_fields(
    server: HTTPServer, tmp_path: Path
) -> None:
    url = serve(server, "/api/daily_papers", HF_FIXTURE, JSON)
    data = tmp_path / "data"
    newest = listed(data, "--feed", url)
    assert newest, "the newest day is empty"
    papers = every_day(data, [url], fixture_days() | {p["day"] for p in newest})
    ids = [p["id"] for p in papers]
    assert len(ids) == len(set(ids)), "a paper was listed twice"
    by_id = {p["id"]: p for p in papers}
    assert set(by_id) == {e["paper"]["id"] for e in HF_ITEMS}
    for entry in HF_ITEMS:
        expected = entry["paper"]
        got = by_id[expected["id"]]
        assert "v" not in got["id"]
        assert got["title"] == expected["title"]
        assert got["authors"] == [a["name"] for a in expected["authors"]]
        assert got["upvotes"] == expected["upvotes"]
        assert got["github"] == expected.get("githubRepo")
        assert got["read"] is False and got["saved"] is False


def three_feeds(server: HTTPServer) -> list[str]:
    return [
        serve(server, "/hf/daily.json", HF_FIXTURE, JSON),
        serve(server, "/mirror/papers.rss", FIXTURES / "hf_mirror.rss", RSS),
        serve(server, "/arxiv/cs.LG.rss", FIXTURES / "arxiv.rss", RSS),
    ]


def test_three_feeds_merge_into_one_row_per_paper_keeping_the_richer_fields(
    server: HTTPServer, tmp_path: Path
) -> None:
    feeds = three_feeds(server)
    data = tmp_path / "data"
    fetched = run_cli("--data-dir", str(data), *[f"--feed={u}" for u in feeds], "fetch")
    assert fetched.returncode == 0, fetched.stderr
    papers = every_day(data, feeds, fixture_days())
    ids = [p["id"] for p in papers]
    assert len(ids) == len(set(ids)), "a paper was listed twice"
    by_id = {p["id"]: p for p in papers}
    hf = {e["paper"]["id"]: e["paper"] for e in HF_ITEMS}
    in_all_three = ["2405.10000", "2405.10001", "2405.10002", "2405.10003", "2405.10004"]
    for pid in in_all_three:
        assert by_id[pid]["upvotes"] == hf[pid]["upvotes"]  # only the HF feed knows upvotes
        assert by_id[pid]["authors"] == [a["name"] for a in hf[pid]["authors"]]
    assert by_id["2405.10000"]["github"] == "https://github.com/visitworld123/CPO"
    assert "2405.10060" in by_id  # arXiv only
    assert "2405.10040" in by_id  # mirror only
    assert by_id["2405.10060"]["upvotes"] is None


def test_three_feeds_on_one_host_are_all_named_in_feeds(server: HTTPServer, tmp_path: Path) -> None:
    feeds = three_feeds(server)
    data = tmp_path / "data"
    assert (
        run_cli("--data-dir", str(data), *[f"--feed={u}" for u in feeds], "fetch").returncode == 0
    )
    papers = every_day(data, feeds, fixture_days())
    assert len(next(p for p in papers if p["id"] == "2405.10000")["feeds"]) == 3


# -- fetch -----------------------------------------------------------------------------------


def test_fetch_prints_one_line_per_feed_and_fails_only_when_all_failed(
    server: HTTPServer, tmp_path: Path, closed_port: int
) -> None:
    good = serve(server, "/api/daily_papers", HF_FIXTURE, JSON)
    dead = f"http://127.0.0.1:{closed_port}/feed.rss"
    data = str(tmp_path / "data")

    mixed = run_cli("--data-dir", data, "--feed", good, "--feed", dead, "fetch")
    assert mixed.returncode == 0
    lines = (mixed.stdout + mixed.stderr).splitlines()
    assert len(lines) == 2, lines
    assert "20 papers" in mixed.stdout
    assert len(mixed.stderr.splitlines()) == 1
    assert "could not reach" in mixed.stderr

    failed = run_cli("--data-dir", data, "--feed", dead, "fetch")
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert len(failed.stderr.splitlines()) == 1


# -- state on disk ---------------------------------------------------------------------------


def two_paper_feed(path: Path, ids: list[str]) -> Path:
    entries = [
        {
            "paper": {
                "id": pid,
                "title": f"Paper {pid}",
                "summary": f"About {pid}.",
                "authors": [{"name": "Ada Brandt"}, {"name": "Bilal Haddad"}],
                "upvotes": 10 + n,
                "githubRepo": f"https://github.com/example/{pid}",
                "submittedOnDailyAt": f"{DAY}T00:00:00.000Z",
            }
        }
        for n, pid in enumerate(ids)
    ]
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def save_all(data: Path, feed: str) -> None:
    """Save every cached paper of DAY with the real stores (what `s` does in the reader)."""
    library = build_library(data, [FeedSpec(name="test", url=feed)], offline=True)
    papers = list(library.load_day_sync(date.fromisoformat(DAY)).papers)
    assert papers
    library.set_marks_sync(
        {p.id: Marks(saved=True, saved_at="2026-01-01T00:00:00") for p in papers}, papers
    )
    library.flush()


def test_a_corrupt_marks_file_is_set_aside_once_and_other_marks_survive(tmp_path: Path) -> None:
    data = tmp_path / "data"
    feed = str(two_paper_feed(tmp_path / "feed.json", ["2611.00001", "2405.00002"]))
    assert listed(data, "--feed", feed)
    save_all(data, feed)
    marks_file = data / "marks" / "2611.json"
    assert marks_file.exists()
    marks_file.write_bytes(b'{"_default": {"1": \x00\x00 garbage')

    result = run_cli("--data-dir", str(data), "--feed", feed, "list", "--saved", "--json")
    assert result.returncode == 0, result.stderr
    assert [p["id"] for p in json.loads(result.stdout)] == ["2405.00002"]
    notices = result.stderr.splitlines()
    assert len(notices) == 1, notices
    assert "2611.json" in notices[0] and "set aside" in notices[0]
    aside = list((data / "marks").glob("2611.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].name in notices[0]
    assert b"garbage" in aside[0].read_bytes()

    again = run_cli("--data-dir", str(data), "--feed", feed, "list", "--saved", "--json")
    assert again.returncode == 0
    assert again.stderr == "", "the same problem was reported twice"


def test_a_saved_paper_that_leaves_its_feed_stays_saved_with_its_metadata(
    server: HTTPServer, tmp_path: Path
) -> None:
    first = two_paper_feed(tmp_path / "v1.json", ["2405.00001", "2405.00002"])
    second = two_paper_feed(tmp_path / "v2.json", ["2405.00002", "2405.00003"])
    answers = iter([first.read_bytes(), second.read_bytes()])
    server.expect_request("/feed").respond_with_handler(
        lambda _request: Response(next(answers), content_type=JSON)
    )
    url = server.url_for("/feed")
    data = tmp_path / "data"
    assert [p["id"] for p in listed(data, "--feed", url)] == ["2405.00002", "2405.00001"]
    save_all(data, url)
    assert run_cli("--data-dir", str(data), "--feed", url, "fetch").returncode == 0
    assert "2405.00003" in [p["id"] for p in listed(data, "--feed", url)]  # the feed moved on
    for day_file in (data / "cache").glob(f"*/{DAY}.json*"):
        day_file.unlink()  # the saved copy must not depend on the day's cache either

    saved = {p["id"]: p for p in listed(data, "--feed", url, saved=True)}
    assert set(saved) == {"2405.00001", "2405.00002"}
    gone = saved["2405.00001"]
    assert gone["title"] == "Paper 2405.00001"
    assert gone["authors"] == ["Ada Brandt", "Bilal Haddad"]
    assert gone["github"] == "https://github.com/example/2405.00001"
    assert gone["upvotes"] == 10
    assert gone["saved"] is True


@pytest.mark.parametrize("bad_body", [b"", b'[{"paper": '], ids=["empty", "truncated"])
def test_an_empty_or_truncated_200_never_removes_a_cached_paper(
    server: HTTPServer, tmp_path: Path, bad_body: bytes
) -> None:
    answers = iter([HF_FIXTURE.read_bytes(), bad_body, b'[{"paper": '])

    def handler(_request: Request) -> Response:
        return Response(next(answers), content_type=JSON)

    server.expect_request("/api/daily_papers").respond_with_handler(handler)
    url = server.url_for("/api/daily_papers")
    data = tmp_path / "data"
    before = listed(data, "--feed", url, "--date", DAY)
    assert len(before) >= 5
    for _ in range(2):
        fetched = run_cli("--data-dir", str(data), "--feed", url, "--date", DAY, "fetch")
        assert len(fetched.stderr.splitlines()) == 1, fetched.stderr  # one line: what failed
        result = run_cli("--data-dir", str(data), "--feed", url, "--date", DAY, "list", "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == before
    assert len(server.log) == 3


# -- usage -----------------------------------------------------------------------------------


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"dailypapers {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option"],
        ["list", "--saved", "--unread"],
        ["--date", "2024-02-30", "list"],
        ["frobnicate"],
        ["list", "--json", "extra"],
    ],
)
def test_bad_usage_exits_2_with_a_usage_line(args: list[str], tmp_path: Path) -> None:
    result = run_cli("--data-dir", str(tmp_path), *args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
