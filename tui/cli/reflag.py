"""The flags of a `list` line (saved, unread), and the kept listing's lines given fresh flags
when only the marks of its papers have changed since it was kept (`store/listing.py`).

Neither the order nor the rules of `list` look at marks, so with every other input as it was
the lines are the same but for their first two characters. This reads the marks of the lines'
papers (taking the marks files' state first, as `list` does), re-flags the lines and keeps the
listing again: a mark from the reader or `mark` costs the next `list --offline` the marks
store's import and one read of the day's marks files, not the whole day.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.domain.paper import NO_MARKS, Marks
from tui.store.listing import Kept, folder_entries, write_listing


def mark_flags(marks: Marks) -> str:
    """The first two characters of a `list` line: `*` saved, `•` unread."""
    return ("*" if marks.saved else " ") + (" " if marks.read else "•")


def reflagged(data_dir: Path, config_file: Path, kept: Kept) -> str | None:
    """The kept lines with the flags of their papers' marks as stored now, kept again; None
    when reading the marks gave a notice (the full path says it)."""
    from tui.store.locations import DataFiles
    from tui.store.marks import MarkStore

    marks_dir = DataFiles(data_dir).marks_dir
    seen = folder_entries(marks_dir)  # before anything is read
    store = MarkStore(marks_dir)
    marks = store.load_for(kept.ids)
    if store.take_notices():
        return None
    lines = kept.text.split("\n")[:-1]
    text = "".join(
        f"{mark_flags(marks.get(paper_id, NO_MARKS))}{line[2:]}\n"
        for paper_id, line in zip(kept.ids, lines, strict=True)
    )
    files = map(os.path.abspath, store.files_of(kept.ids))
    fresh = [seen.get(path, [path]) for path in files]
    listing = DataFiles(data_dir).listing_file
    write_listing(listing, config_file, kept.inputs, text, fresh, kept.ids)
    return text
