"""Servers that misbehave in ways found by attacking the reader (bad-inputs rows 47 and 57)."""

from __future__ import annotations

import asyncio
import gzip

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.sources.raw_server import raw_server, read_request_head
from tui.sources.decoding import MAX_ENCODINGS
from tui.sources.errors import FetchError
from tui.sources.fetcher import Fetched, Fetcher, NotModified

FEED = b'[{"paper": {"id": "2401.00001", "title": "A paper"}}]'


def gzipped(body: bytes, times: int) -> bytes:
    for _ in range(times):
        body = gzip.compress(body, compresslevel=1)
    return body


@pytest.fixture(scope="module")
def thousand_times() -> bytes:
    return gzipped(b"[" + b'{"paper": {"id": "x"}},' * 1000 + b"{}]", 1000)


async def test_a_thousand_stacked_gzip_encodings_are_one_line_error(
    server: HTTPServer, thousand_times: bytes
) -> None:
    encoding = ", ".join(["gzip"] * 1000)
    server.expect_request("/feed").respond_with_data(
        thousand_times, content_type="application/json", headers={"Content-Encoding": encoding}
    )
    async with Fetcher(deadline=10) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(server.url_for("/feed"))
    assert str(caught.value) == f"too many content-encodings (1000, at most {MAX_ENCODINGS})"


async def test_encodings_repeated_as_separate_headers_count_together(server: HTTPServer) -> None:
    headers = [("Content-Encoding", "gzip")] * 3
    server.expect_request("/feed").respond_with_response(
        Response(gzipped(FEED, 3), content_type="application/json", headers=headers)
    )
    async with Fetcher(deadline=10) as fetcher:
        with pytest.raises(FetchError, match="too many content-encodings"):
            await fetcher.fetch(server.url_for("/feed"))


async def test_two_stacked_encodings_still_decode(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(
        gzipped(FEED, 2),
        content_type="application/json",
        headers={"Content-Encoding": "gzip, gzip"},
    )
    async with Fetcher(deadline=10) as fetcher:
        result = await fetcher.fetch(server.url_for("/feed"))
    assert isinstance(result, Fetched)
    assert result.body == FEED


async def test_a_304_to_an_unconditional_request_is_an_error(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(b"", status=304)
    async with Fetcher(deadline=5) as fetcher:
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(server.url_for("/feed"))
    assert str(caught.value) == "server answered 304 to an unconditional request"
    assert caught.value.status == 304


async def test_a_304_to_a_conditional_request_is_still_not_modified(server: HTTPServer) -> None:
    def handler(request: Request) -> Response:
        assert request.headers.get("If-None-Match") == '"v1"'
        return Response(b"", status=304)

    server.expect_request("/feed").respond_with_handler(handler)
    async with Fetcher(deadline=5) as fetcher:
        result = await fetcher.fetch(server.url_for("/feed"), etag='"v1"')
    assert isinstance(result, NotModified)


async def test_requests_to_one_host_are_bounded_and_the_deadline_starts_with_each_turn() -> None:
    running = 0
    most = 0

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal running, most
        await read_request_head(reader)
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.3)
        running -= 1
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        writer.write(b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(FEED), FEED))
        await writer.drain()

    async with raw_server(handler) as port, Fetcher(deadline=1, per_host=3) as fetcher:
        url = f"http://127.0.0.1:{port}/feed"
        results = await asyncio.gather(*(fetcher.fetch(url) for _ in range(12)))
    assert all(isinstance(result, Fetched) for result in results)  # 4 turns of 0.3 s > 1 s
    assert most == 3
