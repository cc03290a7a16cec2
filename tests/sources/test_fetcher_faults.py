"""Network faults: deadlines, redirects, refused connections, proxies and TLS errors."""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from collections.abc import Iterator

import httpx
import pytest
from pytest_httpserver import HTTPServer

from tests.sources.conftest import TlsFiles
from tests.sources.raw_server import raw_server, read_request_head
from tui.sources.errors import FetchError
from tui.sources.fetcher import Fetched, Fetcher, resolve_redirect

FEED = b'{"ok": true}'


async def fetch_error(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(url)
    assert "\n" not in str(caught.value)
    return caught.value


# --- the overall deadline ------------------------------------------------------------------


async def test_slow_loris_body_ends_at_the_overall_deadline() -> None:
    async def one_byte_a_second(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request_head(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        writer.write(b"Content-Length: 1000\r\n\r\n")
        while True:
            writer.write(b"[")
            await writer.drain()
            await asyncio.sleep(1)

    async with raw_server(one_byte_a_second) as port, Fetcher(deadline=2) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher, f"http://127.0.0.1:{port}/feed")
        elapsed = time.monotonic() - started
    assert error.kind == "timeout"
    assert str(error) == "timed out after 2 s"
    assert 1.8 < elapsed < 3.5  # each read comes within 1 s, so only the total deadline ends it


async def test_server_that_never_answers_ends_at_the_deadline() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(60)

    async with raw_server(silent) as port, Fetcher(deadline=1) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher, f"http://127.0.0.1:{port}/feed")
    assert error.kind == "timeout"
    assert time.monotonic() - started < 2.5


@pytest.fixture
def full_backlog_port() -> Iterator[int]:
    """A listener whose accept queue is full, so a new connect never completes (Linux)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port: int = listener.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.05)
    yield port
    for filler in fillers:
        filler.close()
    listener.close()


async def test_connect_that_never_completes_ends_at_the_deadline(full_backlog_port: int) -> None:
    async with Fetcher(deadline=1) as fetcher:
        started = time.monotonic()
        error = await fetch_error(fetcher, f"http://127.0.0.1:{full_backlog_port}/feed")
    assert error.kind == "timeout"
    assert time.monotonic() - started < 2.5


# --- redirects -----------------------------------------------------------------------------


async def test_up_to_five_redirects_are_followed(server: HTTPServer) -> None:
    for hop in range(5):
        server.expect_request(f"/hop/{hop}").respond_with_data(
            b"", status=302, headers={"Location": f"/hop/{hop + 1}"}
        )
    server.expect_request("/hop/5").respond_with_data(FEED, content_type="application/json")
    async with Fetcher(deadline=5) as fetcher:
        result = await fetcher.fetch(server.url_for("/hop/0"))
    assert isinstance(result, Fetched)
    assert result.body == FEED
    assert result.url == server.url_for("/hop/5")


async def test_twenty_redirects_are_too_many(server: HTTPServer) -> None:
    for hop in range(20):
        server.expect_request(f"/hop/{hop}").respond_with_data(
            b"", status=301, headers={"Location": server.url_for(f"/hop/{hop + 1}")}
        )
    server.expect_request("/hop/20").respond_with_data(FEED, content_type="application/json")
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/hop/0"))
    assert error.kind == "redirect"
    assert str(error) == "too many redirects"
    assert len(server.log) == 6  # the first request and five redirects, then it stopped


async def test_redirect_loop_is_too_many_redirects(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data(b"", status=307, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data(b"", status=308, headers={"Location": "/a"})
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/a"))
    assert (error.kind, str(error)) == ("redirect", "too many redirects")


async def test_redirect_to_a_file_url_is_refused(server: HTTPServer) -> None:
    server.expect_request("/evil").respond_with_data(
        b"", status=302, headers={"Location": "file:///etc/passwd"}
    )
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/evil"))
    assert (error.kind, str(error)) == ("redirect", "refused redirect to a non-http(s) URL")


async def test_redirect_to_another_host_is_refused_when_hosts_are_restricted(
    server: HTTPServer,
) -> None:
    server.expect_request("/away").respond_with_data(
        b"", status=302, headers={"Location": "http://elsewhere.invalid/feed"}
    )
    async with Fetcher(deadline=5, allowed_redirect_hosts={"arxiv.org"}) as fetcher:
        error = await fetch_error(fetcher, server.url_for("/away"))
    assert error.kind == "redirect"
    assert "another host" in str(error)


def test_resolve_redirect_rules() -> None:
    https = httpx.URL("https://huggingface.co/api/daily_papers")
    assert resolve_redirect(https, "/api/v2?x=1") == httpx.URL("https://huggingface.co/api/v2?x=1")
    assert resolve_redirect(httpx.URL("http://arxiv.org/rss"), "https://rss.arxiv.org/rss") == (
        httpx.URL("https://rss.arxiv.org/rss")
    )
    refusals = {
        "http://huggingface.co/api": "refused redirect from https to http",
        "javascript:alert(1)": "refused redirect to a non-http(s) URL",
        "data:text/plain,hi": "refused redirect to a non-http(s) URL",
        "": "redirect without a location",
    }
    for location, message in refusals.items():
        with pytest.raises(FetchError, match=message.replace("(", r"\(").replace(")", r"\)")):
            resolve_redirect(https, location)
    with pytest.raises(FetchError):
        resolve_redirect(https, None)


async def test_https_to_http_downgrade_is_refused_end_to_end(
    tls_server: HTTPServer, server: HTTPServer, tls_files: TlsFiles
) -> None:
    server.expect_request("/feed").respond_with_data(FEED, content_type="application/json")
    tls_server.expect_request("/feed").respond_with_data(
        b"", status=301, headers={"Location": server.url_for("/feed")}
    )
    # Trust exactly the test certificate: verification stays on.
    trusted = ssl.create_default_context(cafile=str(tls_files.cert))
    async with httpx.AsyncClient(verify=trusted) as client, Fetcher(client, deadline=5) as fetcher:
        error = await fetch_error(fetcher, tls_server.url_for("/feed"))
    assert (error.kind, str(error)) == ("redirect", "refused redirect from https to http")
    assert len(server.log) == 0
    tls_server.clear()


# --- offline, proxy, TLS -------------------------------------------------------------------


async def test_connection_refused_is_offline(closed_port: int) -> None:
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, f"http://127.0.0.1:{closed_port}/feed")
    assert error.kind == "offline"
    assert str(error) == "offline: could not reach 127.0.0.1"


async def test_dns_failure_is_offline() -> None:
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, "http://no-such-host.invalid/feed")
    assert error.kind == "offline"
    assert "no-such-host.invalid" in str(error)


async def test_unreachable_proxy_mentions_the_proxy_variable(
    monkeypatch: pytest.MonkeyPatch, closed_port: int, tls_server: HTTPServer
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{closed_port}")
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, tls_server.url_for("/feed"))
    assert error.kind == "proxy"
    assert str(error) == "proxy error (check HTTPS_PROXY)"


async def test_proxy_that_refuses_connect_mentions_the_proxy_variable(
    monkeypatch: pytest.MonkeyPatch, server: HTTPServer, tls_server: HTTPServer
) -> None:
    # The plain HTTP test server answers CONNECT with an error status, as a broken proxy would.
    monkeypatch.setenv("https_proxy", server.url_for("/").rstrip("/"))
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, tls_server.url_for("/feed"))
    assert error.kind == "proxy"
    assert str(error) == "proxy error (check HTTPS_PROXY)"


async def test_no_proxy_bypass_is_reported_as_offline(
    monkeypatch: pytest.MonkeyPatch, closed_port: int
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, f"http://127.0.0.1:{closed_port}/feed")
    assert error.kind == "offline"


async def test_self_signed_certificate_is_a_tls_error(tls_server: HTTPServer) -> None:
    tls_server.expect_request("/feed").respond_with_data(FEED, content_type="application/json")
    async with Fetcher(deadline=5) as fetcher:
        error = await fetch_error(fetcher, tls_server.url_for("/feed"))
    assert error.kind == "tls"
    assert str(error).startswith("TLS certificate error: ")
    assert "self-signed" in str(error) or "self signed" in str(error)
    tls_server.clear()


async def test_same_server_works_when_its_certificate_is_trusted(
    tls_server: HTTPServer, tls_files: TlsFiles
) -> None:
    tls_server.expect_request("/feed").respond_with_data(FEED, content_type="application/json")
    trusted = ssl.create_default_context(cafile=str(tls_files.cert))
    async with httpx.AsyncClient(verify=trusted) as client, Fetcher(client, deadline=5) as fetcher:
        result = await fetcher.fetch(tls_server.url_for("/feed"))
    assert isinstance(result, Fetched)
    assert result.body == FEED
    tls_server.clear()
