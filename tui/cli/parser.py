"""The command line's grammar: global options (valid before or after a subcommand) and the
subcommands of INTERFACE.md. Exit codes: 0 fine, 1 the job failed (one line on stderr), 2 bad
usage (argparse's own)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from tui import __version__
from tui.cli.for_you_commands import add_for_you_subcommands
from tui.cli.hub_commands import add_search_subcommand, add_span_options
from tui.cli.library_commands import add_library_subcommands
from tui.cli.sync_commands import add_sync_subcommands
from tui.domain.paper_list import SortKey


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def _global_options(defaults: bool) -> argparse.ArgumentParser:
    """The global options; subcommands re-declare them without defaults so either place works."""
    parser = argparse.ArgumentParser(add_help=False)
    suppress = None if defaults else argparse.SUPPRESS
    parser.add_argument(
        "--demo",
        action="store_true",
        default=False if defaults else suppress,
        help="use the bundled offline sample, with throwaway state",
    )
    parser.add_argument(
        "--feed",
        action="append",
        metavar="URL_OR_PATH",
        default=suppress,
        help="read this feed instead of the configured ones (repeatable)",
    )
    parser.add_argument(
        "--date",
        type=_day,
        metavar="YYYY-MM-DD",
        default=suppress,
        help="the Hugging Face list of that day",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        default=False if defaults else suppress,
        help="never touch the network; read the cache",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=suppress,
        help="marks and cache live here (env DAILYPAPERS_DATA_DIR)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=suppress,
        help="the config file (env DAILYPAPERS_CONFIG)",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line of INTERFACE.md."""
    parser = argparse.ArgumentParser(
        prog="dailypapers",
        description="A terminal reader for research-paper feeds.",
        parents=[_global_options(defaults=True)],
    )
    parser.add_argument("--version", action="version", version=f"dailypapers {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [_global_options(defaults=False)]
    sub.add_parser("fetch", parents=common, help="refresh every feed once")
    listing = sub.add_parser("list", parents=common, help="print papers")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--unread", action="store_true", help="only unread papers")
    which.add_argument("--saved", action="store_true", help="every saved paper")
    which.add_argument(
        "--all", action="store_true", help="every cached paper, newest day first (the library)"
    )
    listing.add_argument(
        "--sort",
        choices=[key.value for key in SortKey],
        default=None,
        help="the order (default: the configured one)",
    )
    listing.add_argument("--json", action="store_true", help="one JSON array")
    listing.add_argument("--no-rules", action="store_true", help="show what the rules would hide")
    listing.add_argument("--tag", metavar="T", default=None, help="only papers tagged T")
    add_span_options(listing)
    add_search_subcommand(sub, common)
    add_library_subcommands(sub, common)
    add_for_you_subcommands(sub, common)
    add_sync_subcommands(sub, common)
    return parser
