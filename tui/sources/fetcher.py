"""HTTP transport for feeds: one shared httpx client, bytes in, bytes out.

Owns conditional GET, the overall per-request deadline, the streamed body cap (counted on decoded
bytes), manual redirect following with a downgrade check, and turning every expected failure into
a one-line `FetchError`. Knows no domain type: callers get `Fetched` bytes or `NotModified`.
"""

from __future__ import annotations

import asyncio
import ssl
import urllib.request
from collections.abc import Collection
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import httpx

from tui import __version__
from tui.sources.decoding import BodyDecoder
from tui.sources.errors import DEFAULT_MAX_BYTES, FetchError, FetchErrorKind, one_line, too_large
from tui.sources.pacing import HostPacer

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FetchError",
    "FetchErrorKind",
    "Fetched",
    "Fetcher",
    "NotModified",
    "resolve_redirect",
]

PER_HOST = 6  # requests to one host at once; the client's pool holds 100 connections
DEFAULT_USER_AGENT = f"dailypapers/{__version__} (+terminal paper reader)"
_ACCEPT = (
    "application/json, application/atom+xml, application/rss+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_REJECTED_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_WEB_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True)
class Fetched:
    """A successful response body; `url` is the final URL after redirects."""

    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    url: str
    status: int


@dataclass(frozen=True)
class NotModified:
    """A 304: the cached copy is still current. `url` is the final URL after redirects."""

    url: str


@dataclass(frozen=True)
class _Redirect:
    location: str | None


def parse_web_url(url: str) -> httpx.URL:
    """Parse an absolute http(s) URL, or raise `FetchError(kind="bad_url")`."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError("not a valid URL", kind="bad_url") from exc
    if parsed.scheme not in _WEB_SCHEMES or not parsed.host:
        raise FetchError("only http and https URLs can be fetched", kind="bad_url")
    return parsed


def resolve_redirect(
    current: httpx.URL,
    location: str | None,
    *,
    allowed_hosts: Collection[str] | None = None,
) -> httpx.URL:
    """The URL a redirect from `current` to `location` leads to, if it is allowed.

    Refuses a missing or invalid Location, any scheme but http(s), a downgrade from https to
    http, and (when `allowed_hosts` is given) a host that is neither `current`'s nor listed.
    """
    if not location or not location.strip():
        raise FetchError("redirect without a location", kind="redirect")
    try:
        target = current.join(location.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError("invalid redirect location", kind="redirect") from exc
    if target.scheme not in _WEB_SCHEMES or not target.host:
        raise FetchError("refused redirect to a non-http(s) URL", kind="redirect")
    if current.scheme == "https" and target.scheme == "http":
        raise FetchError("refused redirect from https to http", kind="redirect")
    if (
        allowed_hosts is not None
        and target.host != current.host
        and target.host not in allowed_hosts
    ):
        raise FetchError(
            f"refused redirect to another host ({one_line(target.host)})", kind="redirect"
        )
    return target


class Fetcher:
    """Fetch feed URLs over one shared `httpx.AsyncClient` (created lazily if none is given).

    A client passed in stays owned by the caller: `aclose` only closes a client made here.
    """

    def __init__(
        self,
        client: httpx.AsyncClient | None = None,
        *,
        deadline: float = 30.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = 5,
        user_agent: str = DEFAULT_USER_AGENT,
        allowed_redirect_hosts: Collection[str] | None = None,
        per_host: int = PER_HOST,
        pacer: HostPacer | None = None,
    ) -> None:
        self._owns_client = client is None
        # Made here, not on the first fetch: building a client (its TLS context) takes tens of
        # milliseconds, and the caller may build the fetcher on a thread to keep it off the loop.
        self._client: httpx.AsyncClient | None = client
        self._deadline = deadline
        self._max_bytes = max_bytes
        self._max_redirects = max_redirects
        self._user_agent = user_agent
        self._allowed_redirect_hosts = allowed_redirect_hosts
        self._per_host = max(1, per_host)
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._pacer = HostPacer() if pacer is None else pacer  # arXiv: one request per 3 s
        self._get_client()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client if this fetcher created it."""
        if self._owns_client and self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched | NotModified:
        """GET `url` (conditionally, given validators) within the overall deadline.

        A host that asks for room between requests gets it (the pacer: arXiv, one per 3 s); at
        most `per_host` requests to one host run at once (many feeds fetched together stay
        polite); the deadline starts when this request's turn comes.
        """
        target = parse_web_url(url)
        await self._pacer.wait(url)
        headers = self._headers(etag, last_modified)
        client = self._get_client()
        slot = self._host_slots.setdefault(target.host, asyncio.Semaphore(self._per_host))
        async with slot:
            try:
                async with asyncio.timeout(self._deadline):
                    return await self._follow(client, target, headers)
            except TimeoutError:
                raise self._timed_out() from None

    def _get_client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                headers={"User-Agent": self._user_agent},
                timeout=httpx.Timeout(self._deadline),
                follow_redirects=False,
                trust_env=True,
            )
        return self._client

    def _headers(self, etag: str | None, last_modified: str | None) -> dict[str, str]:
        headers = {
            "User-Agent": self._user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        }
        if etag and _header_safe(etag):
            headers["If-None-Match"] = etag
        if last_modified and _header_safe(last_modified):
            headers["If-Modified-Since"] = last_modified
        return headers

    async def _follow(
        self, client: httpx.AsyncClient, url: httpx.URL, headers: dict[str, str]
    ) -> Fetched | NotModified:
        seen = {str(url)}
        for _ in range(self._max_redirects + 1):
            try:
                result = await self._request_once(client, url, headers)
            except httpx.HTTPError as exc:
                raise self._transport_error(exc, client, url) from exc
            if not isinstance(result, _Redirect):
                return result
            url = resolve_redirect(url, result.location, allowed_hosts=self._allowed_redirect_hosts)
            if str(url) in seen:
                break
            seen.add(str(url))
        raise FetchError("too many redirects", kind="redirect")

    async def _request_once(
        self, client: httpx.AsyncClient, url: httpx.URL, headers: dict[str, str]
    ) -> Fetched | NotModified | _Redirect:
        async with client.stream("GET", url, headers=headers, follow_redirects=False) as response:
            status = response.status_code
            if status in _REDIRECT_STATUSES:
                return _Redirect(response.headers.get("location"))
            if status == 304:
                return _not_modified(url, headers)
            if not 200 <= status < 300:
                raise _status_error(response)
            content_type = response.headers.get("content-type", "")
            _check_content_type(content_type)
            self._check_content_length(response)
            body = await self._read_body(response)
            if not body:
                raise FetchError("empty response", status=status, kind="empty")
            return Fetched(
                body=body,
                content_type=content_type,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                url=str(url),
                status=status,
            )

    def _check_content_length(self, response: httpx.Response) -> None:
        declared = response.headers.get("content-length", "")
        first = declared.split(",")[0].strip()
        if (
            first.isascii()
            and first.isdigit()
            and (len(first) > 18 or int(first) > self._max_bytes)
        ):
            raise too_large(self._max_bytes)

    async def _read_body(self, response: httpx.Response) -> bytes:
        """Stream the raw body, decode it in bounded pieces, stop past `max_bytes`."""
        decoder = BodyDecoder(response.headers.get("content-encoding", ""))
        body = bytearray()
        wire_bytes = 0
        async for raw in response.aiter_raw():
            wire_bytes += len(raw)
            if wire_bytes > self._max_bytes:
                raise too_large(self._max_bytes)
            for piece in decoder.feed(raw):
                body += piece
                if len(body) > self._max_bytes:
                    raise too_large(self._max_bytes)
        for piece in decoder.flush():
            body += piece
            if len(body) > self._max_bytes:
                raise too_large(self._max_bytes)
        return bytes(body)

    def _timed_out(self) -> FetchError:
        return FetchError(f"timed out after {self._deadline:g} s", kind="timeout")

    def _transport_error(
        self, exc: httpx.HTTPError, client: httpx.AsyncClient, url: httpx.URL
    ) -> FetchError:
        host = one_line(url.host, 80)
        if isinstance(exc, httpx.TimeoutException):
            return self._timed_out()
        if isinstance(exc, httpx.ProxyError):
            variable = _proxy_variable(client, url) or f"{url.scheme.upper()}_PROXY"
            return FetchError(f"proxy error (check {variable})", kind="proxy")
        tls = _tls_problem(exc)
        if tls is not None:
            return tls
        if isinstance(exc, httpx.ConnectError):
            proxy_variable = _proxy_variable(client, url)
            if proxy_variable is not None:
                return FetchError(f"proxy error (check {proxy_variable})", kind="proxy")
            return FetchError(f"offline: could not reach {host}", kind="offline")
        if isinstance(exc, httpx.NetworkError):
            return FetchError(f"offline: connection to {host} lost", kind="offline")
        if isinstance(exc, httpx.UnsupportedProtocol):
            return FetchError("only http and https URLs can be fetched", kind="bad_url")
        if isinstance(exc, httpx.RemoteProtocolError):
            return FetchError(f"incomplete or malformed response from {host}", kind="http")
        return FetchError(f"request to {host} failed ({type(exc).__name__})", kind="http")


def _not_modified(url: httpx.URL, headers: dict[str, str]) -> NotModified:
    """A 304 means "your copy is current" only when a copy was named: one that answers a
    request without validators would leave the feed at "no changes" for ever."""
    if "If-None-Match" not in headers and "If-Modified-Since" not in headers:
        raise FetchError("server answered 304 to an unconditional request", status=304)
    return NotModified(str(url))


def _status_error(response: httpx.Response) -> FetchError:
    status = response.status_code
    if status >= 500:
        message = f"server error {status}"
    elif status == 429:
        message = "rate limited by the server (429)"
    elif status == 404:
        message = "feed not found (404)"
    elif status == 410:
        message = "feed gone (410)"
    elif status in (401, 403):
        message = f"access denied ({status})"
    elif status >= 400:
        message = f"HTTP error {status}"
    else:
        message = f"unexpected HTTP status {status}"
    retry_after = response.headers.get("retry-after")
    return FetchError(message, status=status, retry_after=retry_after, kind="http")


def _check_content_type(content_type: str) -> None:
    media_type = content_type.split(";")[0].strip().lower()
    if media_type in _REJECTED_MEDIA_TYPES:
        raise FetchError(f"unexpected content-type {media_type}", kind="content_type")


def _header_safe(value: str) -> bool:
    return value.isascii() and value.isprintable() and len(value) <= 1024


def _tls_problem(exc: BaseException) -> FetchError | None:
    """A `tls` FetchError if an `ssl.SSLError` sits anywhere in the exception's cause chain."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            reason = current.verify_message or current.reason or "verification failed"
            return FetchError(f"TLS certificate error: {one_line(str(reason), 80)}", kind="tls")
        if isinstance(current, ssl.SSLError):
            reason = current.reason or "handshake failed"
            return FetchError(f"TLS error: {one_line(str(reason), 80)}", kind="tls")
        current = current.__cause__ or current.__context__
    return None


def _proxy_variable(client: httpx.AsyncClient, url: httpx.URL) -> str | None:
    """The environment variable that routes `url` through a proxy, if the client honours it."""
    if not client.trust_env:
        return None
    proxies = urllib.request.getproxies_environment()
    if _bypassed(url.host, proxies.get("no", "")):
        return None
    if proxies.get(url.scheme):
        return f"{url.scheme.upper()}_PROXY"
    if proxies.get("all"):
        return "ALL_PROXY"
    return None


def _bypassed(host: str, no_proxy: str) -> bool:
    for entry in (part.strip().lower() for part in no_proxy.split(",")):
        if entry == "*":
            return True
        if entry and (host == entry.lstrip(".") or host.endswith("." + entry.lstrip("."))):
            return True
    return False
