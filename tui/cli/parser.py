"""The command line's grammar: global options (valid before or after a subcommand) and the
subcommands of INTERFACE.md. Exit codes: 0 fine, 1 the job failed (one line on stderr), 2 bad
usage (argparse's own).

Only the subcommand given is declared in full (its module imported); the others are names and
help lines, which is all the top-level help and argparse's choice check need. The reader (no
subcommand) thus imports no subcommand code at all.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import cast

from tui import __version__

# Every subcommand in the order --help lists it: its help line and "module:function", the
# function that declares its arguments ("" when it has none).
SUBCOMMANDS: tuple[tuple[str, str, str], ...] = (
    ("fetch", "refresh every feed once", ""),
    ("list", "print papers", "tui.cli.parser:add_list_arguments"),
    ("search", "search every paper on Hugging Face", "tui.cli.hub_commands:add_search_arguments"),
    ("cite", "print a citation of one paper", "tui.cli.library_commands:add_cite_arguments"),
    ("export", "export papers as a bibliography", "tui.cli.library_commands:add_export_arguments"),
    ("opml", "import or export the feed list", "tui.cli.library_commands:add_opml_arguments"),
    ("zotero", "send papers to Zotero", "tui.cli.citing_commands:add_zotero_arguments"),
    ("bib", "work on a .bib file", "tui.cli.citing_commands:add_bib_arguments"),
    ("config", "show the configuration", "tui.cli.library_commands:add_config_arguments"),
    (
        "seed",
        'papers of a .bib / CSL-JSON / export file as "for you" examples',
        "tui.cli.for_you_commands:add_seed_arguments",
    ),
    ("mark", "change marks without the reader", "tui.cli.sync_commands:add_mark_arguments"),
    ("sync", "exchange marks with another machine", "tui.cli.sync_commands:add_sync_arguments"),
)
COMMAND_NAMES = frozenset(name for name, _, _ in SUBCOMMANDS)
EVERY = "*"  # `build_parser(EVERY)`: every subcommand declared in full


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def _add_global_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    """The global options; subcommands re-declare them without defaults so either place works."""
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


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` gives (None: the reader), read the way argparse will: the first
    word that is not a global option or its value. `EVERY` when unsure (an unknown or
    ambiguous option, a word that is no subcommand, a request for help), so that argparse sees
    the whole grammar."""
    takes_value = {"--feed", "--date", "--data-dir", "--config"}
    flags = {"--demo", "--offline", "--version", "--help"}
    words = iter(argv)
    for word in words:
        if word == "--" or not word.startswith("-"):
            name = next(words, None) if word == "--" else word
            return name if name in COMMAND_NAMES else EVERY if name is not None else None
        option, equals, _ = word.partition("=")
        known = takes_value if equals else (*takes_value, *flags)
        matches = [o for o in known if o.startswith(option)] if word[1:2] == "-" else []
        if len(matches) != 1 or matches == ["--help"]:
            return EVERY
        if matches[0] in takes_value and not equals:
            next(words, None)
    return None


def build_parser(command: str | None = EVERY) -> argparse.ArgumentParser:
    """The command line of INTERFACE.md, with `command`'s arguments (`EVERY`: all of them).
    For the reader (None) no subcommand is declared: argparse meets none on that command line,
    and its usage line names them only as COMMAND."""
    parser = argparse.ArgumentParser(
        prog="dailypapers", description="A terminal reader for research-paper feeds."
    )
    _add_global_options(parser, defaults=True)
    parser.add_argument("--version", action="version", version=f"dailypapers {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_line, declare in SUBCOMMANDS if command is not None else ():
        if command not in (name, EVERY):
            sub.add_parser(name, help=help_line)
            continue
        subparser = sub.add_parser(name, help=help_line)
        _add_global_options(subparser, defaults=False)
        if declare:
            module, function = declare.split(":")
            arguments = getattr(importlib.import_module(module), function)
            cast(Callable[[argparse.ArgumentParser], None], arguments)(subparser)
    return parser


def add_list_arguments(listing: argparse.ArgumentParser) -> None:
    """`list`: which papers (--unread, --saved, --all, --tag, --week, --month), --sort, --json."""
    from tui.cli.hub_commands import add_span_options
    from tui.domain.paper_list import SortKey

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
