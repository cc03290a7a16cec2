"""The subcommands of `dailypapers`: each takes the built context and returns an exit code."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

from tui.cli_library import run_cite, run_config, run_export, run_opml
from tui.domain.paper import Paper
from tui.domain.paper_list import PaperList, SortKey

if TYPE_CHECKING:
    from tui.cli import Context


def run_command(context: Context) -> int:
    """Dispatch on the subcommand; no subcommand runs the reader."""
    for notice in context.notices:
        print(notice, file=sys.stderr)
    handlers = {
        None: run_reader,
        "fetch": run_fetch,
        "list": run_list,
        "cite": run_cite,
        "export": run_export,
        "opml": run_opml,
        "config": run_config,
    }
    return handlers[context.options.command](context)


def run_reader(context: Context) -> int:
    """The Textual reader."""
    from tui.ui.app import run_app

    return run_app(context)


def run_fetch(context: Context) -> int:
    """Refresh every feed once; one summary line per feed; 1 when every feed failed."""
    outcome = asyncio.run(_refresh_and_close(context))
    for result in outcome.results:
        stream = sys.stderr if result.failed else sys.stdout
        message = result.message.removeprefix(f"{result.status}: ")  # "offline" said once
        print(f"{result.feed.name}: {result.status}: {message}", file=stream)
    for notice in context.library.take_notices():  # a cache that could not be written, say
        print(notice, file=sys.stderr)
    return 1 if outcome.all_failed else 0


async def _refresh_and_close(context: Context) -> Any:
    try:
        return await context.library.refresh(day=getattr(context.options, "date", None))
    finally:
        await context.library.aclose()


def run_list(context: Context) -> int:
    """Print the papers of the newest (or given) day, the unread ones, or every saved one."""
    options = context.options
    library = context.library
    if not options.saved and not options.offline:
        outcome = asyncio.run(_refresh_and_close(context))
        if outcome.notice:
            print(outcome.notice, file=sys.stderr)
    view = library.load_saved_sync() if options.saved else library.load_day_sync(options.date)
    for notice in view.notices:
        print(notice, file=sys.stderr)
    papers = view.papers.unread_only() if options.unread else view.papers
    papers = papers.sorted_by(_sort_key(context.settings.sort))
    if options.json:
        print(json.dumps([paper_json(p, papers) for p in papers], ensure_ascii=False, indent=1))
    else:
        for paper in papers:
            print(paper_line(paper, papers))
    return 0


def _sort_key(name: str) -> SortKey:
    try:
        return SortKey(name)
    except ValueError:
        return SortKey.UPVOTES


def paper_json(paper: Paper, papers: PaperList) -> dict[str, object]:
    """The `list --json` object of one paper (INTERFACE.md names the required keys)."""
    marks = papers.marks_for(paper.id)
    return {
        "id": paper.id,
        "title": paper.title,
        "authors": list(paper.authors),
        "day": paper.day.isoformat() if paper.day else None,
        "published": paper.published.isoformat() if paper.published else None,
        "upvotes": paper.upvotes,
        "comments": paper.comments,
        "github": paper.github,
        "github_stars": paper.github_stars,
        "project_page": paper.project_page,
        "url": paper.link,
        "read": marks.read,
        "saved": marks.saved,
        "feeds": list(paper.feeds),
        "abstract": paper.abstract,
    }


def paper_line(paper: Paper, papers: PaperList) -> str:
    """One line of plain `list` output: marks, upvotes, id, title."""
    marks = papers.marks_for(paper.id)
    flags = ("*" if marks.saved else " ") + (" " if marks.read else "•")
    upvotes = "" if paper.upvotes is None else str(paper.upvotes)
    return f"{flags} {upvotes:>4}  {paper.id:<16} {paper.title}"
