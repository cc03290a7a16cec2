"""The body cap: huge bodies and decompression bombs stop at the cap with bounded memory."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.sources.raw_server import raw_server, read_request_head
from tui.sources.errors import FetchError
from tui.sources.fetcher import Fetched, Fetcher

MIB = 1024 * 1024
HUGE = 60 * MIB
BLOCK = b"x" * (64 * 1024)
PEAK_LIMIT = 50 * MIB


def blocks(total: int) -> Iterator[bytes]:
    for _ in range(total // len(BLOCK)):
        yield BLOCK


def compressed_zeros(total: int, wbits: int) -> bytes:
    """`total` zero bytes compressed without ever holding them all in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(MIB)
    parts = [packer.compress(zeros) for _ in range(total // MIB)]
    parts.append(packer.flush())
    return b"".join(parts)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return compressed_zeros(50 * MIB, 16 + zlib.MAX_WBITS)


@pytest.fixture(scope="module")
def deflate_bomb() -> bytes:
    return compressed_zeros(50 * MIB, zlib.MAX_WBITS)


async def measured_fetch(url: str) -> tuple[FetchError, float, int]:
    """Fetch `url` expecting a FetchError; return it with seconds taken and peak traced bytes."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        async with Fetcher(deadline=20, max_bytes=5 * MIB) as fetcher:
            with pytest.raises(FetchError) as caught:
                await fetcher.fetch(url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, time.monotonic() - started, peak


def assert_too_large(error: FetchError) -> None:
    assert error.kind == "too_large"
    assert str(error) == "feed too large (>5 MB); skipped"


async def test_declared_content_length_over_the_cap_is_refused_before_reading(
    server: HTTPServer,
) -> None:
    server.expect_request("/huge").respond_with_response(
        Response(
            blocks(HUGE),
            content_type="application/json",
            headers={"Content-Length": str(HUGE)},
            direct_passthrough=True,
        )
    )
    error, seconds, peak = await measured_fetch(server.url_for("/huge"))
    assert_too_large(error)
    assert seconds < 5
    assert peak < PEAK_LIMIT


async def test_chunked_body_over_the_cap_stops_at_the_cap(server: HTTPServer) -> None:
    server.expect_request("/chunked").respond_with_response(
        Response(blocks(HUGE), content_type="application/json", direct_passthrough=True)
    )
    error, seconds, peak = await measured_fetch(server.url_for("/chunked"))
    assert_too_large(error)
    assert seconds < 10
    assert peak < PEAK_LIMIT


async def test_close_delimited_body_without_length_stops_at_the_cap() -> None:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request_head(reader)
        writer.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n")
        for block in blocks(HUGE):
            writer.write(block)
            await writer.drain()

    async with raw_server(handler) as port:
        error, seconds, peak = await measured_fetch(f"http://127.0.0.1:{port}/feed")
    assert_too_large(error)
    assert seconds < 10
    assert peak < PEAK_LIMIT


@pytest.mark.parametrize(
    ("bomb_name", "encoding"), [("gzip_bomb", "gzip"), ("deflate_bomb", "deflate")]
)
async def test_decompression_bomb_stops_at_the_decoded_cap(
    server: HTTPServer, request: pytest.FixtureRequest, bomb_name: str, encoding: str
) -> None:
    bomb: bytes = request.getfixturevalue(bomb_name)
    assert len(bomb) < 100 * 1024  # 50 MB of zeros packs into about 50 KB
    server.expect_request("/bomb").respond_with_data(
        bomb, content_type="application/json", headers={"Content-Encoding": encoding}
    )
    error, seconds, peak = await measured_fetch(server.url_for("/bomb"))
    assert_too_large(error)
    assert seconds < 10
    # The decoded body never exceeds the 5 MB cap plus one bounded piece.
    assert peak < 16 * MIB


async def test_a_body_exactly_at_the_cap_is_accepted(server: HTTPServer) -> None:
    body = b"y" * 1000
    server.expect_request("/edge").respond_with_data(body, content_type="application/json")
    async with Fetcher(deadline=5, max_bytes=1000) as fetcher:
        result = await fetcher.fetch(server.url_for("/edge"))
    assert isinstance(result, Fetched)
    assert result.body == body
    async with Fetcher(deadline=5, max_bytes=999) as fetcher:
        with pytest.raises(FetchError, match=r"feed too large \(>999 bytes\)"):
            await fetcher.fetch(server.url_for("/edge"))
