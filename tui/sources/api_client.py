"""Bytes to and from web APIs (Zotero, Semantic Scholar, DBLP, Crossref): one request, one answer.

`ApiClient.request` sends one request with an overall deadline, reads at most `max_bytes` of
the answer, follows no redirects, and first waits its turn with its `HostPacer`
(`sources/pacing.py`, the pacing the feeds' `Fetcher` uses too: the room each host asks for).
A status code is an answer, not an error: callers read it. Only transport failures raise
`ApiError`, with a one-line reason. Knows no domain type."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from tui import __version__
from tui.sources.pacing import HostPacer

USER_AGENT = f"dailypapers/{__version__} (+https://github.com/dailypapers; terminal paper reader)"


class ApiError(Exception):
    """A request that got no answer: refused, timed out, too large. `str` is one line."""


@dataclass(frozen=True)
class ApiResponse:
    """A status, the headers (lower-case names) and the body bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes


@dataclass
class ApiClient:
    """One httpx client for the API calls of a session."""

    deadline: float = 15.0
    max_bytes: int = 2 * 1024 * 1024
    pacer: HostPacer = field(default_factory=HostPacer)
    _client: httpx.AsyncClient | None = None

    async def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        content: bytes | None = None,
        deadline: float | None = None,
    ) -> ApiResponse:
        """Send one request; the answer, whatever its status. Raises `ApiError` on no answer
        (and on an address that is none, such as a mistyped ``DAILYPAPERS_ZOTERO_API``)."""
        try:
            httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as error:
            raise ApiError(f"{host_of(url)}: not a valid web address") from error
        await self.pacer.wait(url)
        try:
            async with asyncio.timeout(deadline or self.deadline):
                return await self._send(method, url, headers, params, content)
        except TimeoutError as error:
            raise ApiError(f"{host_of(url)}: no answer in time") from error
        except httpx.ConnectError as error:
            raise ApiError(f"{host_of(url)}: connection refused or unreachable") from error
        except httpx.HTTPError as error:
            raise ApiError(f"{host_of(url)}: {type(error).__name__}") from error

    async def _send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None,
        params: Mapping[str, str] | None,
        content: bytes | None,
    ) -> ApiResponse:
        client = self._get_client()
        all_headers = {"User-Agent": USER_AGENT, **(headers or {})}
        request = client.build_request(
            method, url, headers=all_headers, params=params, content=content
        )
        response = await client.send(request, stream=True)
        try:
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > self.max_bytes:
                    raise ApiError(f"{host_of(url)}: answer larger than {self.max_bytes} bytes")
        finally:
            await response.aclose()
        names = {name.lower(): value for name, value in response.headers.items()}
        return ApiResponse(response.status_code, names, bytes(body))

    def _get_client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(follow_redirects=False, trust_env=True)
        return self._client

    async def aclose(self) -> None:
        """Close the connections."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def host_of(url: str) -> str:
    """The host (and port) of `url`, as `min_interval` is keyed; never raises."""
    try:
        return urlsplit(url).netloc or url[:40]
    except ValueError:  # "http://[::1": not even a URL
        return url[:40]
