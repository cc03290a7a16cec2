"""`dailypapers`: parse, build the context, run the reader or one subcommand (only the module
of the one run is imported)."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from tui.cli.wiring import Context


def _nothing() -> None:
    return None


def _program_named(_program: str) -> None:
    return None


def main(
    argv: Sequence[str] | None = None,
    *,
    resume_startup: Callable[[], None] = _nothing,
    prepare_imports: Callable[[str], None] = _program_named,
) -> int:
    """Run the command line. `resume_startup` ends the launcher's start-up policy: at once for a
    subcommand (it has no first paint to wait for), after the first paint for the reader;
    `prepare_imports` is told the program run (`reader` or the subcommand's name) before
    anything beyond the quick path is imported. Every line it
    prints is sanitised. Plain `list --offline` is answered from the kept listing when it is
    still good (`cli/quick_list.py`), before the rest is imported."""
    from tui.cli.quick_list import quick_list

    quick = quick_list(sys.argv[1:] if argv is None else argv)
    if quick is not None:
        return quick
    from tui.cli.parser import COMMAND_NAMES, chosen_command

    command = chosen_command(sys.argv[1:] if argv is None else argv)
    prepare_imports(
        "reader" if command is None else command if command in COMMAND_NAMES else "other"
    )
    from tui.cli.output import safe_output

    with safe_output():
        return _main(argv, resume_startup)


def _main(argv: Sequence[str] | None, resume_startup: Callable[[], None]) -> int:
    from dataclasses import replace  # with inspect, 12 ms: not for the quick path

    from tui.cli.parser import build_parser, chosen_command
    from tui.cli.wiring import build_context

    arguments = sys.argv[1:] if argv is None else list(argv)
    options = build_parser(chosen_command(arguments)).parse_args(arguments)
    if options.command is not None:
        resume_startup()
    context = replace(build_context(options), after_first_paint=resume_startup)
    if options.command is None:
        # Read while Textual is imported.
        context.library.first_screen.preload(options.date, context.settings.sort)
    try:
        return run_command(context)
    except BrokenPipeError:  # `dailypapers list | head`: the reader of our output left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        context.library.flush()
        return 130
    finally:
        resume_startup()  # when the reader stopped before painting


# Each subcommand's function, "module:function": only the one run is imported.
HANDLERS = {
    None: "tui.cli.reader:run_reader",
    "fetch": "tui.cli.commands:run_fetch",
    "list": "tui.cli.commands:run_list",
    "cite": "tui.cli.library_commands:run_cite",
    "export": "tui.cli.library_commands:run_export",
    "opml": "tui.cli.library_commands:run_opml",
    "config": "tui.cli.library_commands:run_config",
    "zotero": "tui.cli.citing_commands:run_zotero",
    "bib": "tui.cli.citing_commands:run_bib",
    "seed": "tui.cli.for_you_commands:run_seed",
    "mark": "tui.cli.sync_commands:run_mark",
    "sync": "tui.cli.sync_commands:run_sync",
    "search": "tui.cli.hub_commands:run_search",
}


def run_command(context: Context) -> int:
    """Dispatch on the subcommand; no subcommand runs the reader."""
    for notice in context.notices:
        print(notice, file=sys.stderr)
    module, function = HANDLERS[context.options.command].split(":")
    handler = getattr(importlib.import_module(module), function)
    return cast("Callable[[Context], int]", handler)(context)
