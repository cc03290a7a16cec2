"""Feed states written in batches while many feeds refresh at once.

A refresh of a thousand feeds records a thousand states. One write each (a locked rewrite of
`feeds.json`, fsynced) serialises them all behind the file lock; here every feed that finishes
while a write is under way joins the next write, and each `put` still returns only once its
state is on disk (or the store has said why it could not be).
"""

from __future__ import annotations

import asyncio

from tui.domain.feeds.state import FeedState
from tui.store.feed_state import FeedStateStore


class BatchedStateWrites:
    """`await put(url, state)`: written with whatever else is waiting, on a worker thread."""

    def __init__(self, store: FeedStateStore) -> None:
        self._store = store
        self._queued: dict[str, FeedState] = {}
        self._writing: asyncio.Lock | None = None

    async def put(self, url: str, state: FeedState) -> None:
        self._queued[url] = state
        if self._writing is None:
            self._writing = asyncio.Lock()
        async with self._writing:
            if not self._queued:  # the write ahead of this one took it
                return
            batch, self._queued = self._queued, {}
            await asyncio.to_thread(self._store.put_many, batch)
