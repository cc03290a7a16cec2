"""Fetcher against a real local server: success, conditional GET, status errors, bad bodies."""

from __future__ import annotations

import gzip
import zlib

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tui import __version__
from tui.sources.errors import FetchError
from tui.sources.fetcher import Fetched, Fetcher, NotModified

FEED = b'[{"paper": {"id": "2401.00001", "title": "A paper"}}]'


async def fetch_error(fetcher: Fetcher, url: str, **validators: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(url, **validators)
    error = caught.value
    assert "\n" not in str(error)
    return error


async def test_200_returns_body_and_validators(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(
        FEED,
        content_type="application/json",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT"},
    )
    async with Fetcher(deadline=5) as fetcher:
        result = await fetcher.fetch(server.url_for("/feed"))
    assert isinstance(result, Fetched)
    assert result.body == FEED
    assert result.status == 200
    assert result.content_type.startswith("application/json")
    assert result.etag == '"v1"'
    assert result.last_modified == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert result.url == server.url_for("/feed")


async def test_request_names_the_app_and_advertises_only_gzip_and_deflate(
    server: HTTPServer,
) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return Response(FEED, content_type="application/json")

    server.expect_request("/feed").respond_with_handler(handler)
    async with Fetcher(deadline=5) as fetcher:
        await fetcher.fetch(server.url_for("/feed"))
    assert seen[0].headers["User-Agent"].startswith(f"dailypapers/{__version__}")
    assert seen[0].headers["Accept-Encoding"] == "gzip, deflate"
    assert "If-None-Match" not in seen[0].headers


async def test_304_on_matching_validators_is_not_modified(server: HTTPServer) -> None:
    server.expect_request(
        "/feed",
        headers={"If-None-Match": '"v1"', "If-Modified-Since": "Wed, 21 Oct 2015 07:28:00 GMT"},
    ).respond_with_data(b"", status=304)
    async with Fetcher(deadline=5) as fetcher:
        result = await fetcher.fetch(
            server.url_for("/feed"), etag='"v1"', last_modified="Wed, 21 Oct 2015 07:28:00 GMT"
        )
    assert result == NotModified(url=server.url_for("/feed"))


async def test_validator_with_a_newline_is_not_sent(server: HTTPServer) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return Response(FEED, content_type="application/json")

    server.expect_request("/feed").respond_with_handler(handler)
    async with Fetcher(deadline=5) as fetcher:
        await fetcher.fetch(server.url_for("/feed"), etag='"v1"\r\nX-Evil: 1')
    assert "If-None-Match" not in seen[0].headers
    assert "X-Evil" not in seen[0].headers


async def test_gzip_and_deflate_bodies_are_decoded(server: HTTPServer) -> None:
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    bodies = {
        "/gzip": (gzip.compress(FEED), "gzip"),
        "/zlib": (zlib.compress(FEED), "deflate"),
        "/raw-deflate": (raw_deflate.compress(FEED) + raw_deflate.flush(), "deflate"),
    }
    for path, (body, encoding) in bodies.items():
        server.expect_request(path).respond_with_data(
            body, content_type="application/json", headers={"Content-Encoding": encoding}
        )
    async with Fetcher(deadline=5) as fetcher:
        for path in bodies:
            result = await fetcher.fetch(server.url_for(path))
            assert isinstance(result, Fetched)
            assert result.body == FEED, path


async def test_unadvertised_encoding_is_refused(server: HTTPServer) -> None:
    server.expect_request("/br").respond_with_data(
        b"\x8b\x00\x80", content_type="application/json", headers={"Content-Encoding": "br"}
    )
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/br"))
    assert error.kind == "content_type"
    assert str(error) == "unsupported content-encoding br"


async def test_corrupt_gzip_is_an_error_not_a_crash(server: HTTPServer) -> None:
    server.expect_request("/bad").respond_with_data(
        b"\x1f\x8b\x08\x00garbage-not-gzip" * 4,
        content_type="application/json",
        headers={"Content-Encoding": "gzip"},
    )
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/bad"))
    assert error.kind == "http"
    assert "could not decompress" in str(error)


async def test_empty_200_is_an_error(server: HTTPServer) -> None:
    server.expect_request("/empty").respond_with_data(b"", content_type="application/json")
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/empty"))
    assert error.kind == "empty"
    assert str(error) == "empty response"


async def test_html_page_with_200_is_refused_before_reading(server: HTTPServer) -> None:
    page = b"<html><body><h1>Sign in to the hotel Wi-Fi</h1>\n<script>x()</script></body></html>"
    server.expect_request("/portal").respond_with_data(
        page, content_type="text/html; charset=utf-8"
    )
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/portal"))
    assert error.kind == "content_type"
    assert str(error) == "unexpected content-type text/html"


@pytest.mark.parametrize(
    ("status", "retry_after", "message"),
    [
        (500, None, "server error 500"),
        (502, None, "server error 502"),
        (503, "120", "server error 503"),
        (429, "Wed, 21 Oct 2015 07:28:00 GMT", "rate limited by the server (429)"),
        (404, None, "feed not found (404)"),
        (403, None, "access denied (403)"),
    ],
)
async def test_error_statuses(
    server: HTTPServer, status: int, retry_after: str | None, message: str
) -> None:
    headers = {"Retry-After": retry_after} if retry_after else {}
    server.expect_request("/feed").respond_with_data(
        b"<html>\n<b>Oops</b>\n</html>", status=status, content_type="text/html", headers=headers
    )
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/feed"))
    assert error.kind == "http"
    assert error.status == status
    assert error.retry_after == retry_after
    assert str(error) == message


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/feed", "not a url", "http://", ""]
)
async def test_only_http_urls_are_fetched(url: str) -> None:
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, url)
    assert error.kind == "bad_url"


async def test_a_client_passed_in_is_used_and_left_open(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(FEED, content_type="application/json")
    async with httpx.AsyncClient(follow_redirects=True) as client:
        async with Fetcher(client, deadline=5) as fetcher:
            result = await fetcher.fetch(server.url_for("/feed"))
        assert isinstance(result, Fetched)
        assert not client.is_closed
