"""The command line's Hugging Face views: `list --week YYYY-Www` and `list --month YYYY-MM`
(asked of the API with ``week=`` / ``month=``, paged, unless offline; then read from the cache)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING

from tui.domain.periods import Period, parse_month, parse_week

if TYPE_CHECKING:
    from tui.cli.wiring import Context
    from tui.library.library import RefreshOutcome


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

    options = context.options
    library = context.library
    if not options.offline:
        outcome = asyncio.run(_fetch_and_close(context, period))
        if outcome.notice:
            print(outcome.notice, file=sys.stderr)
    view = load_span_sync(library, period)
    for notice in view.notices:
        print(notice, file=sys.stderr)
    papers = view.papers.unread_only() if options.unread else view.papers
    key = _sort_key(options.sort or context.settings.sort)
    papers = papers.sorted_by(key)
    if key is not SortKey.TRENDING:  # trending is one order across the days
        papers = papers.by_day_newest_first()
    if options.json:
        print(json.dumps([paper_json(p, papers) for p in papers], ensure_ascii=False, indent=1))
    else:
        for paper in papers:
            print(paper_line(paper, papers))
    return 0


async def _fetch_and_close(context: Context, period: Period) -> RefreshOutcome:
    from tui.library.spans import fetch_span

    try:
        return await fetch_span(context.library, period)
    finally:
        await context.library.aclose()
