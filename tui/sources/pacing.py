"""HostPacer: the one request pacing of the app, for feeds (`Fetcher`) and web APIs (`ApiClient`).

Some hosts ask for room between requests (arXiv: one request every 3 s). A pacer holds the gap
each host asks for and, before a request, waits until that host's gap since its last request has
passed; requests to one host take their turns in order (a lock per host), requests to other hosts
never wait. Hosts without a gap (Hugging Face: its pages follow one another at once) pass
straight through. Knows no domain type and loads no httpx.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from urllib.parse import urlsplit

# Seconds between two requests to one host, where the host asks for it (arXiv: one per 3 s).
POLITE_SECONDS: Mapping[str, float] = {
    "arxiv.org": 3.0,
    "export.arxiv.org": 3.0,
    "rss.arxiv.org": 3.0,
}


class HostPacer:
    """Keeps requests to one host at least that host's gap apart. A host is named by its name
    (``export.arxiv.org``) or by its name and port (``127.0.0.1:8080``), in lower case."""

    def __init__(self, gaps: Mapping[str, float] | None = None) -> None:
        self._gaps: dict[str, float] = dict(POLITE_SECONDS if gaps is None else gaps)
        self._last: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def gap_of(self, url: str) -> tuple[str, float] | None:
        """The host of `url` as the gaps name it, and its gap; None for a host with none."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        for host in (parts.netloc.lower(), (parts.hostname or "").lower()):
            gap = self._gaps.get(host)
            if host and gap:
                return host, gap
        return None

    def space(self, host: str, seconds: float) -> None:
        """Ask for `seconds` between requests to `host` from now on (0: no gap)."""
        self._gaps[host.lower()] = seconds

    async def wait(self, url: str) -> None:
        """Return when a request to `url` may go: at once for a host without a gap."""
        paced = self.gap_of(url)
        if paced is None:
            return
        host, gap = paced
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            due = self._last.get(host, -gap) + gap - time.monotonic()
            if due > 0:
                await asyncio.sleep(due)
            self._last[host] = time.monotonic()
