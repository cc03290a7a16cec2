"""Searching every paper on Hugging Face (``/api/papers/search?q=``), for `f` in the reader
and `dailypapers search` on the command line.

The API base is ``DAILYPAPERS_HF_API`` (default ``https://huggingface.co``), so tests and users
with a mirror can point it elsewhere. The answer is parsed like a daily list (each entry
sanitised, malformed ones skipped) and comes back with the user's marks; every failure is a
one-line notice, never an exception. Offline, nothing is asked. At most one request is in
flight: a search waits for the one before it (which the reader cancels when a newer query comes).
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass

from tui.domain.feeds.hf_daily import parse_hf_daily
from tui.domain.feeds.result import ParseError
from tui.domain.paper_list import PaperList
from tui.domain.sanitise import sanitise_line
from tui.library.library import Library
from tui.sources.api_client import ApiClient, ApiError

HF_API_ENV = "DAILYPAPERS_HF_API"
DEFAULT_HF_API = "https://huggingface.co"
QUERY_CAP = 250  # the API refuses longer queries
SEARCH_LIMIT = 100
FEED_NAME = "Hugging Face search"


def hub_base(env: Mapping[str, str] | None = None) -> str:
    """The Hugging Face API base in force (no trailing slash)."""
    environ = os.environ if env is None else env
    return (environ.get(HF_API_ENV) or DEFAULT_HF_API).strip().rstrip("/")


@dataclass(frozen=True)
class SearchOutcome:
    """What a search found (with the user's marks), and a one-line notice when it failed."""

    query: str
    papers: PaperList
    notice: str | None = None


class HubSearch:
    """One search at a time against the Hugging Face API; `client=None` means offline."""

    def __init__(
        self, library: Library, client: ApiClient | None, env: Mapping[str, str] | None = None
    ) -> None:
        self._library = library
        self._client = client
        self.base = hub_base(env)
        self._one_at_a_time = asyncio.Lock()

    async def search(self, query: str) -> SearchOutcome:
        """The papers Hugging Face finds for `query` (cut to the API's 250 characters)."""
        text = " ".join(query.split())[:QUERY_CAP]
        if not text:
            return SearchOutcome(text, PaperList.empty(), "Type something to search for")
        if self._client is None:
            return SearchOutcome(text, PaperList.empty(), "Offline: searching needs the network")
        url = f"{self.base}/api/papers/search"
        params = {"q": text, "limit": str(SEARCH_LIMIT)}
        try:
            async with self._one_at_a_time:
                answer = await self._client.request("GET", url, params=params)
        except ApiError as error:
            notice = f"Search failed, Hugging Face did not answer ({error}); the list is unchanged"
            return SearchOutcome(text, PaperList.empty(), notice)
        if answer.status != 200:
            reason = _server_error(answer.body) or f"HTTP {answer.status}"
            return SearchOutcome(text, PaperList.empty(), f"Search failed: {reason}")
        try:
            data = json.loads(answer.body)
            parsed = parse_hf_daily(data, feed_name=FEED_NAME, default_day=None, one_list=False)
        except (ValueError, RecursionError, ParseError) as error:
            return SearchOutcome(text, PaperList.empty(), f"Search failed: {error}"[:200])
        marks = await self._library.load_marks()
        found = PaperList.of(
            parsed.papers, {p.id: marks[p.id] for p in parsed.papers if p.id in marks}
        )
        return SearchOutcome(text, found)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


def build_search(library: Library, env: Mapping[str, str] | None = None) -> HubSearch:
    """The real search for a library: one API client, none when offline."""
    return HubSearch(library, None if library.offline else ApiClient(), env)


def _server_error(body: bytes) -> str | None:
    """The ``{"error": ...}`` of a refused request, one safe line."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    error = data.get("error") if isinstance(data, dict) else None
    return sanitise_line(error)[:200] or None if isinstance(error, str) else None
