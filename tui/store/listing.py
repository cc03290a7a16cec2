"""The kept listing: `listing.txt` in the data folder, what plain `dailypapers list --offline`
printed last (the newest day, in the configured order, the rules applied, with its marks), and
the state of every file that output was made from.

Its first line is a JSON header: the schema, the config file it was made under, the length of
the text that follows (it is written without fsync: one cut short is no listing), and for each
input (the config file, the feed list, the cache folder, its feed folders, their files of the
day, the day counts and index, the marks files of the day's papers) its inode, size and mtime,
or that it was missing. Every writer of those files replaces them (a new inode, a new mtime in
the folder) or appends to them (a new size), so a listing whose inputs all look as recorded is
what the full path would print now; any other is stale. Nothing has to remember to invalidate
it: a store of the day, a mark from the reader or `mark`, an edited config each leave an input
looking different, and the next `list` reads the cache as usual and keeps a new listing.

The state is taken before the inputs are read, so a write that lands while they are read makes
the listing stale rather than wrong. A listing that is missing, damaged, of another schema or
not plain text reads as none. Reading imports only `json` and `os` (besides `safe_files`): it
runs before the rest of the command line is loaded.
"""

from __future__ import annotations

import json
import os
import re  # loaded by json anyway
from collections.abc import Iterable, Sequence
from pathlib import Path

from tui.store.safe_files import read_regular

SCHEMA = 1
Entry = list[object]  # [path] when missing, else [path, inode, size, mtime_ns]


def entry_of(path: str | Path, *, follow_links: bool = False) -> Entry:
    """What `path` (made absolute) looks like now (the config file may be a link the user
    made: `follow_links`)."""
    path = os.path.abspath(path)
    try:
        info = os.stat(path) if follow_links else os.lstat(path)
    except OSError:
        return [path]
    return [path, info.st_ino, info.st_size, info.st_mtime_ns]


def folder_entries(folder: Path, *, skip: Iterable[str] = ()) -> dict[str, Entry]:
    """`folder` and every entry in it (not below), by path, as they look now."""
    skipped = frozenset(skip)
    entries = {os.path.abspath(folder): entry_of(folder)}
    try:
        with os.scandir(os.path.abspath(folder)) as found:
            for item in found:
                if item.name not in skipped:
                    entries[item.path] = entry_of(item.path)
    except OSError:
        pass
    return entries


class Kept:
    """A kept listing whose inputs look as recorded: its text and `ids` (the paper of each
    line); `marks_fresh` False when the marks files of those papers have changed since (then
    only the lines' flags may be out of date: `cli/reflag.py`)."""

    def __init__(self, text: str, ids: list[str], inputs: list[Entry], marks_fresh: bool) -> None:
        self.text, self.ids, self.inputs, self.marks_fresh = text, ids, inputs, marks_fresh


def read_listing(file: Path, config_file: Path) -> Kept | None:
    """The kept listing when it was made under `config_file` and none of its inputs but
    perhaps the marks files has changed since; None otherwise (stale, damaged, missing, not
    plain text)."""
    config = os.path.abspath(config_file)
    try:
        raw = read_regular(file)
        head, _, body = raw.partition(b"\n")
        header = json.loads(head)
        text = body.decode("utf-8")
    except (OSError, ValueError):
        return None
    if not isinstance(header, dict) or header.get("schema") != SCHEMA:
        return None
    if header.get("bytes") != len(body):
        return None  # cut short (it is written without fsync)
    inputs, marks, ids = header.get("inputs"), header.get("marks"), header.get("ids")
    if not (isinstance(inputs, list) and isinstance(marks, list) and isinstance(ids, list)):
        return None
    if header.get("config") != config or not _unchanged(inputs, config):
        return None
    if not all(isinstance(paper_id, str) for paper_id in ids) or text.count("\n") != len(ids):
        return None
    if (ids and not text.endswith("\n")) or not _plain(text, body):
        return None
    return Kept(text, ids, inputs, not marks or _unchanged(marks, config))


def _unchanged(inputs: object, config_file: str) -> bool:
    if not isinstance(inputs, list) or not inputs:
        return False
    for entry in inputs:
        if not isinstance(entry, list) or not entry or not isinstance(entry[0], str):
            return False
        if entry_of(entry[0], follow_links=entry[0] == config_file) != entry:
            return False
    return True


def _plain(text: str, utf8: bytes) -> bool:
    """True when `text` (`utf8` decoded) holds nothing the command line's output filter would
    remove. Text `isprintable` holds no control, format character (bidi), separator or
    surrogate; of what `sanitise` removes, that leaves the variation selectors and skin-tone
    modifiers (its `_PRINTABLE_BUT_ODD`), looked for first by their UTF-8 lead bytes (EF B8,
    F0 9F 8F: a scan in C, where the regex over 500,000 characters takes ~4 ms). Any other
    text is judged by `strip_controls` itself."""
    if text.replace("\n", "").isprintable():
        if b"\xef\xb8" not in utf8 and b"\xf0\x9f\x8f" not in utf8:
            return True
        return re.search("[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff]", text) is None
    from tui.domain.sanitise import strip_controls

    return strip_controls(text) == text


def write_listing(
    file: Path,
    config_file: Path,
    inputs: Iterable[Entry],
    text: str,
    marks: Iterable[Entry],
    ids: Sequence[str],
) -> None:
    """Keep `text`, one line per paper of `ids`, with the state of its inputs and of the
    marks files of those papers, taken before they were read (the config file's among the
    inputs, `entry_of(config_file, follow_links=True)`). Never raises: a listing that cannot
    be kept is only slower."""
    from tui.store.atomic_storage import write_atomically

    config = os.path.abspath(config_file)
    body = text.encode("utf-8")
    header = {"schema": SCHEMA, "config": config, "bytes": len(body)}
    header.update(inputs=list(inputs), marks=list(marks), ids=list(ids))
    payload = json.dumps(header, ensure_ascii=True).encode() + b"\n" + body
    try:
        write_atomically(file, payload, durable=False)  # lost in a crash: only slower
    except OSError:
        drop_listing(file)


def drop_listing(file: Path) -> None:
    """No kept listing (one whose output would come with a notice is never kept)."""
    import contextlib

    with contextlib.suppress(OSError):
        os.unlink(file)
