"""The cache's write lock held across a whole store, so that each writer plans on the latest
index.

`index.json` and `days.json` are shared by every feed: a store reads the index, places its
papers, then rewrites the day counts from what it read. Read outside the lock, two processes
storing at once (the reader's refresh and `dailypapers fetch`) each counted without the
other's papers, and the last to write lost them from `days.json`. Holding the flock from that
read to the last write makes each store merge onto the one before it. The lock is the one
every cache write takes (`cache/.cache.lock`, re-entrant within the thread), so the writes
inside the store take it again at no cost; the kernel frees it when a holder dies.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tui.store import atomic_storage
from tui.store.atomic_storage import LockUnavailableError, exclusive_lock, reason_of
from tui.store.datafile import Notices


@contextlib.contextmanager
def store_lock(lock_path: Path, root: Path, notices: Notices) -> Iterator[bool]:
    """Hold the cache lock for one store; yields whether it is held. When it cannot be had
    (held past the timeout, or no lock file can be made) the user is told once and the store
    goes on in memory: its changes stay pending and the next write retries them."""
    with contextlib.ExitStack() as stack:
        held = True
        try:
            timeout = atomic_storage.LOCK_TIMEOUT_S  # looked up now: a test may shorten it
            stack.enter_context(exclusive_lock(lock_path, timeout, root=root))
        except LockUnavailableError as error:
            notices.write_failed(reason_of(error))
            held = False
        yield held
