"""`dailypapers mark` and `dailypapers sync`: change marks without the reader, and exchange
them with other machines (a shared folder, or the system's ssh; `--serve` is the far side)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.library_commands import fail

if TYPE_CHECKING:
    from tui.cli.wiring import Context
    from tui.domain.paper import Marks


def add_mark_arguments(mark: argparse.ArgumentParser) -> None:
    """`mark ID... [--save|--unsave] [--read|--unread] [--queue|--done|--inbox] [--tag T]...`."""
    mark.add_argument("paper_ids", metavar="ID", nargs="+", help="arXiv ids or URLs, as pasted")
    for yes, no, what in (("save", "unsave", "saved"), ("read", "unread", "read")):
        group = mark.add_mutually_exclusive_group()
        group.add_argument(f"--{yes}", dest=what, action="store_true", default=None)
        group.add_argument(f"--{no}", dest=what, action="store_false")
    state = mark.add_mutually_exclusive_group()
    state.add_argument("--queue", dest="state", action="store_const", const="queued")
    state.add_argument("--done", dest="state", action="store_const", const="done")
    state.add_argument("--inbox", dest="state", action="store_const", const="inbox")
    mark.add_argument("--tag", action="append", default=[], metavar="T", help="add a tag")
    mark.add_argument("--untag", action="append", default=[], metavar="T", help="remove a tag")
    mark.add_argument("--note", metavar="TEXT", default=None, help="the note ('' removes it)")


def add_sync_arguments(sync: argparse.ArgumentParser) -> None:
    """`sync [TARGET] [--serve]`."""
    sync.add_argument(
        "target", nargs="?", metavar="DIR|[user@]host[:path]", help="a shared folder or a host"
    )
    sync.add_argument("--serve", action="store_true", help="the far side of an ssh sync")


def run_mark(context: Context) -> int:
    """Apply the options to each paper's marks, writing only the fields that change."""
    from tui.domain.arxiv import paper_id_from_user

    options = context.options
    library = context.library
    ids = [paper_id_from_user(text) for text in options.paper_ids]
    if any(not pid for pid in ids):
        return fail("an empty paper id")
    before = library.marks_store.load_for(ids)
    now = library.now_iso()
    after: dict[str, Marks] = {}
    for pid in ids:
        after[pid] = _marked(before.get(pid), options, now)
    papers = [p for pid in ids if (p := library.find_paper_sync(pid)) is not None]
    library.set_marks_sync(after, papers, {pid: _or_none(before.get(pid)) for pid in ids})
    library.flush()
    for notice in library.take_notices():
        print(notice, file=sys.stderr)
    return 0


def _or_none(marks: Marks | None) -> Marks:
    from tui.domain.paper import NO_MARKS

    return NO_MARKS if marks is None else marks


def _marked(marks: Marks | None, options: argparse.Namespace, now: str) -> Marks:
    from tui.domain.changes import clean_tag
    from tui.domain.sanitise import sanitise_text

    mark = _or_none(marks)
    if options.saved is not None:
        mark = mark.with_saved(options.saved, now)
    if options.read is not None:
        mark = mark.with_read(options.read, now)
    if options.state is not None:
        mark = mark.with_state(options.state, now)
    added = {t for text in options.tag if (t := clean_tag(text))}
    removed = {t for text in options.untag if (t := clean_tag(text))}
    if added or removed:
        mark = mark.with_tags(tuple((set(mark.tags) | added) - removed))
    if options.note is not None:
        mark = mark.with_note(sanitise_text(options.note).strip(), now)
    return mark


def run_sync(context: Context) -> int:
    """Sync with a folder or a host; `--serve` answers an ssh sync on stdin/stdout."""
    from tui.library.sync import SyncError, serve, sync_folder, sync_ssh

    options = context.options
    marks = context.library.marks_store
    pin = context.library.pin_saved_sync  # a save synced in is pinned, as a save here is
    if options.serve:
        # The log goes out as bytes, on the real stdout: the peer parses and sanitises it.
        with (
            open(sys.stdin.fileno(), "rb", closefd=False) as incoming,
            open(sys.stdout.fileno(), "wb", closefd=False) as outgoing,
        ):
            read = serve(marks, incoming, outgoing, pin)
        for line in read.problems("the other machine's log") + marks.take_notices():
            print(line, file=sys.stderr)
        return 0
    target = options.target or context.settings.sync_dir
    if not target:
        return fail("sync needs a folder or a host (or sync_dir in the config)")
    try:
        if _is_folder(target):
            outcome = sync_folder(marks, Path(target).expanduser(), pin)
        else:
            remote = os.environ.get("DAILYPAPERS_REMOTE_COMMAND", "dailypapers")
            outcome = sync_ssh(marks, target, remote=remote, pin=pin)
    except SyncError as error:
        return fail(str(error))
    for line in outcome.notices:
        print(line, file=sys.stderr)
    print(outcome.summary(target))
    return 0


def _is_folder(target: str) -> bool:
    """A path (has a slash before any colon, starts with . or ~, or exists) is a folder."""
    host = target.partition(":")[0]
    return "/" in host or target.startswith((".", "~")) or Path(target).is_dir()
