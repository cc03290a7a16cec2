"""The command line of "for you": `seed FILE | seed --list | seed --clear`, and `--sort
for-you` for `list` and `export` (the papers most like the saved and seeded ones first).

Problems are one line on stderr; titles from a seed file are sanitised before they print.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.paper_list import PaperList, SortKey
from tui.domain.sanitise import sanitise_line

if TYPE_CHECKING:
    from tui.cli.wiring import Context
    from tui.domain.ranking import Ranked


def add_seed_arguments(seed: argparse.ArgumentParser) -> None:
    """`seed [FILE] [--list|--clear]`."""
    seed.add_argument("file", type=Path, metavar="FILE", nargs="?", help="the file to read")
    which = seed.add_mutually_exclusive_group()
    which.add_argument("--list", action="store_true", help="print the seeds")
    which.add_argument("--clear", action="store_true", help="forget every seed")


def run_seed(context: Context) -> int:
    """Add a file's papers as seeds, list the seeds, or clear them."""
    options = context.options
    for_you = context.library.for_you
    if options.list:
        for seed in for_you.seeds_sync():
            print(f"{sanitise_line(seed.id)}  {sanitise_line(seed.title)}")
        return 0
    if options.clear:
        print(f"cleared {for_you.clear_seeds_sync()} seeds", file=sys.stderr)
        return 0
    if options.file is None:
        print("dailypapers seed: give a FILE, --list or --clear", file=sys.stderr)
        return 2
    outcome = for_you.seed_sync(options.file)
    print(f"dailypapers: {outcome.message}" if outcome.failed else outcome.message, file=sys.stderr)
    return 1 if outcome.failed else 0


def sort_for_you(
    context: Context, papers: PaperList, key: SortKey
) -> tuple[PaperList, dict[str, Ranked]]:
    """`papers` in "for you" order with each one's score, when `key` asks for it."""
    if key is not SortKey.FOR_YOU:
        return papers, {}
    for_you = context.library.for_you
    ranked = for_you.rank_sync(papers)
    return papers.ranked_by({pid: r.score for pid, r in ranked.items()}), ranked
