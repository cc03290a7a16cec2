"""Keeping what plain `dailypapers list --offline` prints (`store/listing.py`), so the next
one prints it back without reading the cache (`cli/quick_list.py`).

`list` keeps its output when its options are the plain ones (the newest day, the configured
order, the rules applied, no other option); `fetch` keeps the newest day's after it stored
what arrived, so the first `list --offline` after a fetch is already quick. Output that came
with a notice is never kept (the quick path would not repeat the notice), and an order that
needs more than the papers and their marks (trending, for you) is not either.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from tui.domain.paper_list import PaperList, SortKey
from tui.domain.sanitise import strip_controls
from tui.store.listing import Entry, drop_listing, entry_of, folder_entries, write_listing
from tui.store.locations import CACHE_DAY_COUNTS, CACHE_INDEX, CACHE_TOPS

if TYPE_CHECKING:
    from tui.cli.wiring import Context
    from tui.library.views import View

KEPT_ORDERS = frozenset({SortKey.UPVOTES, SortKey.NEWEST, SortKey.STARS, SortKey.TITLE})
# The `list` options that change what it prints; the quick path takes none of them.
_LIST_OPTIONS = ("unread", "saved", "all", "json", "no_rules", "tag", "week", "month", "sort")
Before = tuple[dict[str, Entry], dict[str, Entry]]  # the listing's inputs, every marks file


def order_of(context: Context) -> SortKey | None:
    """The configured order when a kept listing can hold it."""
    try:
        key = SortKey(context.settings.sort)
    except ValueError:
        key = SortKey.UPVOTES  # as `list` itself falls back
    return key if key in KEPT_ORDERS else None


def plain_list(options: argparse.Namespace) -> bool:
    """Whether these `list` options are the ones the quick path answers."""
    if not options.offline or options.demo or getattr(options, "date", None) is not None:
        return False
    return not any(getattr(options, name, None) for name in _LIST_OPTIONS)


def inputs_before(context: Context) -> Before:
    """How every input of the newest day's listing looks now, before any is read: the config
    file and feed list (as build_context found them), the cache folder, its feed folders, its
    day counts and index; and apart, every marks file (`keep` keeps the day's papers')."""
    files = context.locations.files
    inputs = dict(context.read_first)
    cache_dir = os.path.abspath(files.cache_dir)
    inputs[cache_dir] = entry_of(cache_dir)
    for name in (CACHE_DAY_COUNTS, CACHE_INDEX):
        path = os.path.join(cache_dir, name)
        inputs[path] = entry_of(path)
    for path in _feed_folders(cache_dir):
        inputs[path] = entry_of(path)
    return inputs, folder_entries(files.marks_dir)


def _feed_folders(cache_dir: str) -> list[str]:
    try:
        with os.scandir(cache_dir) as found:
            return sorted(e.path for e in found if e.name != CACHE_TOPS and e.is_dir())
    except OSError:
        return []


def keep(context: Context, view: View, papers: PaperList, text: str, before: Before) -> None:
    """Keep `text`, what `list` printed of `papers` (of `view`), with the state of its inputs
    as `before` found them; or no listing at all when a notice came with it."""
    listing = context.locations.files.listing_file
    if context.notices or view.notices or view.day is None:
        drop_listing(listing)
        return
    kept, marks_seen = dict(before[0]), before[1]
    for folder in _feed_folders(os.path.abspath(context.locations.files.cache_dir)):
        day_file = os.path.join(folder, f"{view.day.isoformat()}.json")
        kept[day_file] = entry_of(day_file)
    ids = [paper.id for paper in papers]
    marks_files = map(os.path.abspath, context.library.marks_store.files_of(ids))
    marks = [marks_seen.get(path, [path]) for path in marks_files]
    write_listing(
        listing, context.locations.config_file, kept.values(), strip_controls(text), marks, ids
    )


def plain_text(papers: PaperList) -> str:
    """`list`'s plain output of `papers`, one line each (written at once: 5,000 `print`s
    through the sanitising stream cost ~40 ms)."""
    from tui.cli.commands import paper_line

    return "".join(f"{paper_line(paper, papers)}\n" for paper in papers)
