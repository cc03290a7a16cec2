"""Politeness per host: requests to one host kept apart by what that host asks for (arXiv asks
for one request every three seconds); other hosts are not held back."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

# Seconds between two requests to one host, where the host asks for it (arXiv: one per 3 s).
POLITE_SECONDS = {"arxiv.org": 3.0, "export.arxiv.org": 3.0, "rss.arxiv.org": 3.0}


class HostPacer:
    """Keeps requests to one host apart by what that host asks for (arXiv: 3 s)."""

    def __init__(self, gaps: dict[str, float] | None = None) -> None:
        self._gaps = POLITE_SECONDS if gaps is None else gaps
        self._last: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        gap = self._gaps.get(host)
        if gap is None:
            return
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            due = self._last.get(host, -gap) + gap - time.monotonic()
            if due > 0:
                await asyncio.sleep(due)
            self._last[host] = time.monotonic()
