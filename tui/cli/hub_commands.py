"""The command line's Hugging Face views: `list --week YYYY-Www` and `list --month YYYY-MM`
(asked of the API with ``week=`` / ``month=``, paged, unless offline; then read from the cache),
`--sort trending` (Hugging Face's own order, asked with ``sort=trending`` unless offline, else
as kept from the last time), and `search QUERY [--json]` (the API's search across every day)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from tui.domain.periods import Period, parse_month, parse_week

if TYPE_CHECKING:
    from tui.cli.wiring import Context
    from tui.library.hub_search import SearchOutcome
    from tui.library.library import RefreshOutcome
    from tui.library.trending import Ranks, Scope, Trending


def week_argument(text: str) -> Period:
    try:
        return parse_week(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def month_argument(text: str) -> Period:
    try:
        return parse_month(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def add_span_options(listing: argparse.ArgumentParser) -> None:
    """`--week` and `--month` of `list`."""
    spans = listing.add_mutually_exclusive_group()
    spans.add_argument(
        "--week", type=week_argument, metavar="YYYY-Www", help="the Hugging Face list of a week"
    )
    spans.add_argument(
        "--month", type=month_argument, metavar="YYYY-MM", help="the Hugging Face list of a month"
    )


def run_list_span(context: Context, period: Period) -> int:
    """Print the papers of a week or month, newest day first, each day in the asked order."""
    from tui.cli.commands import _sort_key, paper_json, paper_line
    from tui.domain.paper_list import SortKey
    from tui.library.spans import load_span_sync
    from tui.library.trending import Scope

    options = context.options
    library = context.library
    if not options.offline:
        import asyncio

        outcome = asyncio.run(_fetch_and_close(context, period))
        if outcome.notice:
            print(outcome.notice, file=sys.stderr)
    key = _sort_key(options.sort or context.settings.sort)
    trending = key is SortKey.TRENDING
    ranks = trending_ranks(context, Scope(period=period)).ranks if trending else {}
    view = load_span_sync(library, period)
    for notice in view.notices:
        print(notice, file=sys.stderr)
    papers = view.papers.unread_only() if options.unread else view.papers
    papers = papers.sorted_by(key).by_rank(ranks)
    if not trending:  # trending is one order across the days
        papers = papers.by_day_newest_first()
    if options.json:
        print(json.dumps([paper_json(p, papers) for p in papers], ensure_ascii=False, indent=1))
    else:
        for paper in papers:
            print(paper_line(paper, papers))
    return 0


def trending_ranks(context: Context, scope: Scope) -> Ranks:
    """Hugging Face's trending order of `scope`: asked (unless offline or recent), else kept."""
    from tui.library.trending import Trending

    trending = Trending(context.library)
    if context.options.offline:
        return trending.kept_sync(scope)
    import asyncio

    ranks = asyncio.run(_ask_and_close(context, trending, scope))
    if ranks.notice:
        print(ranks.notice, file=sys.stderr)
    return ranks


async def _ask_and_close(context: Context, trending: Trending, scope: Scope) -> Ranks:
    try:
        return await trending.ask(scope)
    finally:
        await context.library.aclose()


async def _fetch_and_close(context: Context, period: Period) -> RefreshOutcome:
    from tui.library.spans import fetch_span

    try:
        return await fetch_span(context.library, period)
    finally:
        await context.library.aclose()


def add_search_arguments(search: argparse.ArgumentParser) -> None:
    """`search QUERY [--json]`."""
    search.add_argument("query", nargs="+", metavar="QUERY", help="words to search for")
    search.add_argument("--json", action="store_true", help="one JSON array")


def run_search(context: Context) -> int:
    """Print what Hugging Face's search finds, best first; 1 (one line on stderr) when it
    could not ask (offline, refused, unreachable)."""
    import asyncio

    from tui.cli.commands import paper_json, paper_line

    outcome = asyncio.run(_search_and_close(context, " ".join(context.options.query)))
    if outcome.notice:
        print(f"dailypapers: {outcome.notice}", file=sys.stderr)
        return 1
    papers = outcome.papers
    if context.options.json:
        print(json.dumps([paper_json(p, papers) for p in papers], ensure_ascii=False, indent=1))
    else:
        for paper in papers:
            print(paper_line(paper, papers))
        if not papers:
            print(f"No paper on Hugging Face matches “{outcome.query}”", file=sys.stderr)
    return 0


async def _search_and_close(context: Context, query: str) -> SearchOutcome:
    from tui.library.hub_search import build_search

    search = build_search(context.library)
    try:
        return await search.search(query)
    finally:
        await search.aclose()
        await context.library.aclose()
