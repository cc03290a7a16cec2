"""Every file the app writes: marks, paper cache, feed state; atomic, locked, partitioned."""

from tui.store.atomic_storage import AtomicJSONStorage, KeyedTable, LockUnavailableError
from tui.store.cache import PaperCache
from tui.store.documents import marks_from_doc, marks_to_doc, paper_from_doc, paper_to_doc
from tui.store.feed_state import FeedState, FeedStateStore
from tui.store.locations import Locations, resolve_locations
from tui.store.marks import MarkStore

__all__ = [
    "AtomicJSONStorage",
    "FeedState",
    "FeedStateStore",
    "KeyedTable",
    "Locations",
    "LockUnavailableError",
    "MarkStore",
    "PaperCache",
    "marks_from_doc",
    "marks_to_doc",
    "paper_from_doc",
    "paper_to_doc",
    "resolve_locations",
]
