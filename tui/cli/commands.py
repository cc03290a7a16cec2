"""The subcommands of `dailypapers`: each takes the built context and returns an exit code."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from tui.cli.kept_listing import (
    inputs_before,
    keep,
    order_of,
    plain_list,
    plain_text,
)
from tui.cli.reflag import mark_flags
from tui.domain.paper import Paper
from tui.domain.paper_list import PaperList, SortKey
from tui.domain.rules import without_hidden

if TYPE_CHECKING:
    from tui.cli.wiring import Context
    from tui.library.views import View


def run_fetch(context: Context) -> int:
    """Refresh every feed once; one summary line per feed; 1 when every feed failed."""
    import asyncio

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
    """Print the papers of the newest (or given) day, the library, the unread ones, or every
    saved one. The feeds are asked first only when one of them is due (past its refresh
    interval, or never fetched): a fresh cache answers at once."""
    options = context.options
    span = getattr(options, "week", None) or getattr(options, "month", None)
    if span is not None:
        from tui.cli.hub_commands import run_list_span

        return run_list_span(context, span)
    library = context.library
    wants_network = not (options.saved or options.offline)
    minutes = context.settings.refresh_minutes
    if wants_network and not library.feeds_fresh(options.date, default_minutes=minutes):
        import asyncio

        outcome = asyncio.run(_refresh_and_close(context))
        if outcome.notice:
            print(outcome.notice, file=sys.stderr)
    key = _sort_key(options.sort or context.settings.sort)
    ranks = _trending_ranks(context) if key is SortKey.TRENDING else None
    kept = plain_list(options) and order_of(context) is not None
    before = inputs_before(context) if kept else None  # before anything is read
    view = _listed_view(context)
    for notice in view.notices:
        print(notice, file=sys.stderr)
    papers = view.papers.unread_only() if options.unread else view.papers
    if not (options.saved or options.no_rules):  # as the reader: a saved paper is never hidden
        papers = without_hidden(papers, context.settings.rules())
    if getattr(options, "tag", None):
        papers = papers.tagged(options.tag)
    from tui.cli.for_you_commands import sort_for_you

    papers, ranked = sort_for_you(context, papers.sorted_by(key), key)
    if ranks is not None:  # Hugging Face's trending order: one order, across the days too
        papers = papers.by_rank(ranks)
    elif getattr(options, "all", False) and not ranked:
        papers = papers.by_day_newest_first()
    if options.json:
        rows = [paper_json(p, papers) for p in papers]
        for row in rows if ranked else ():
            found = ranked[str(row["id"])]
            row["for_you"] = {"score": round(found.score, 4), "why": found.why()}
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        text = plain_text(papers)
        sys.stdout.write(text)
        if before is not None:
            keep(context, view, papers, text, before)
    return 0


def _listed_view(context: Context) -> View:
    """What `list` shows before filters: every saved paper, the library, or one day."""
    options, library = context.options, context.library
    if options.saved:
        return library.load_saved_sync()
    if getattr(options, "all", False):
        return library.load_library_sync()
    return library.load_day_sync(options.date)


def _trending_ranks(context: Context) -> dict[str, int]:
    """The trending ranks of what `list` shows: the day, or every day (`--all`); none for the
    saved papers (they keep the local estimate)."""
    from tui.cli.hub_commands import trending_ranks
    from tui.library.trending import Scope

    options = context.options
    if options.saved:
        return {}
    if getattr(options, "all", False):
        return dict(trending_ranks(context, Scope()).ranks)
    day = options.date or max(context.library.day_counts(), default=None)
    return dict(trending_ranks(context, Scope(day=day)).ranks) if day is not None else {}


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
        "day_source": str(paper.day_source) if paper.day_source else None,
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
        "state": marks.state,
        "tags": list(marks.tags),
        "note": marks.note,
        **hub_json(paper),
    }


def hub_json(paper: Paper) -> dict[str, object]:
    """The Hugging Face extras of a `list --json` row, each only where known."""
    known: dict[str, object] = {
        "tldr": paper.tldr,
        "keywords": list(paper.keywords) or None,
        "organization": paper.organization,
        "submitter": paper.submitter,
        "author_participating": paper.author_participating,
        "discussion_id": paper.discussion_id,
    }
    return {key: value for key, value in known.items() if value is not None}


def paper_line(paper: Paper, papers: PaperList) -> str:
    """One line of plain `list` output: marks, upvotes, id, title."""
    flags = mark_flags(papers.marks_for(paper.id))
    upvotes = "" if paper.upvotes is None else str(paper.upvotes)
    return f"{flags} {upvotes:>4}  {paper.id:<16} {paper.title}"
