"""HostPacer, the one request pacing: arXiv gets 3 s between requests, other hosts none, and both
the feeds' `Fetcher` and the APIs' `ApiClient` wait their turn with it (real local server)."""

from __future__ import annotations

import time
from itertools import pairwise
from urllib.parse import urlsplit

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tui.sources.api_client import ApiClient
from tui.sources.fetcher import Fetched, Fetcher
from tui.sources.pacing import HostPacer

FEED = b'[{"paper": {"id": "2401.00001", "title": "A paper"}}]'


async def test_requests_to_one_host_are_kept_apart_and_others_never_wait() -> None:
    pacer = HostPacer({"export.arxiv.org": 0.4})
    start = time.monotonic()
    for _ in range(3):
        await pacer.wait("http://export.arxiv.org/api/query?x")
    assert time.monotonic() - start >= 0.8
    quick = time.monotonic()
    await pacer.wait("https://huggingface.co/api/daily_papers?p=1")
    await pacer.wait("https://huggingface.co/api/daily_papers?p=2")
    assert time.monotonic() - quick < 0.1


def test_arxiv_hosts_get_three_seconds_by_default_and_hugging_face_none() -> None:
    pacer = HostPacer()
    for url in ("https://export.arxiv.org/api/query", "https://rss.arxiv.org/rss/cs.LG"):
        assert pacer.gap_of(url) == (urlsplit(url).hostname, 3.0)
    assert pacer.gap_of("https://ARXIV.org:443/abs/2405.01234") == ("arxiv.org", 3.0)
    assert pacer.gap_of("https://huggingface.co/api/daily_papers") is None
    pacer.space("huggingface.co", 1.5)
    assert pacer.gap_of("https://huggingface.co/api/daily_papers") == ("huggingface.co", 1.5)


def _timed(server: HTTPServer, path: str) -> list[float]:
    times: list[float] = []

    def answer(request: Request) -> Response:
        times.append(time.monotonic())
        return Response(FEED, content_type="application/json")

    server.expect_request(path).respond_with_handler(answer)
    return times


def _gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in pairwise(times)]


async def test_the_fetcher_waits_its_turn(server: HTTPServer) -> None:
    times = _timed(server, "/rss")
    url = server.url_for("/rss")
    pacer = HostPacer({urlsplit(url).netloc: 0.3})
    async with Fetcher(deadline=5, pacer=pacer) as fetcher:
        start = time.monotonic()
        for _ in range(3):
            assert isinstance(await fetcher.fetch(url), Fetched)
        assert time.monotonic() - start >= 0.6  # two turns waited (the first goes at once)
    assert len(times) == 3 and min(_gaps(times)[1:]) >= 0.25


async def test_the_api_client_waits_its_turn_with_the_same_pacer(server: HTTPServer) -> None:
    times = _timed(server, "/api")
    url = server.url_for("/api")
    pacer = HostPacer({urlsplit(url).hostname or "": 0.3})
    client = ApiClient(deadline=5, pacer=pacer)
    try:
        start = time.monotonic()
        for _ in range(3):
            assert (await client.request("GET", url)).status == 200
        assert time.monotonic() - start >= 0.6
        unpaced = ApiClient(deadline=5, pacer=HostPacer({}))
        quick = time.monotonic()
        await unpaced.request("GET", url)
        await unpaced.request("GET", url)
        assert time.monotonic() - quick < 0.25
        await unpaced.aclose()
    finally:
        await client.aclose()
    assert len(times) == 5 and _gaps(times[:3])[1] >= 0.25  # the first: a new connection
