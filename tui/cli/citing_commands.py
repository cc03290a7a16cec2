"""The subcommands that reach out for citations: `zotero add|check`, `bib upgrade`, and the
lookup behind `cite --published`. Each returns an exit code; problems are one line on stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli.wiring import Context
    from tui.domain.citation.venue import Venue
    from tui.domain.paper import Paper


def add_zotero_arguments(zotero: argparse.ArgumentParser) -> None:
    """`zotero add ID... [--again]` and `zotero check`."""
    zotero_sub = zotero.add_subparsers(dest="zotero_command", metavar="add|check", required=True)
    add = zotero_sub.add_parser("add", help="send papers (connector, else the Web API)")
    add.add_argument("paper_ids", nargs="+", metavar="ID", help="ids as pasted")
    add.add_argument("--again", action="store_true", help="send papers already in Zotero once more")
    zotero_sub.add_parser("check", help="say which route to Zotero works")


def add_bib_arguments(bib: argparse.ArgumentParser) -> None:
    """`bib upgrade BIB`."""
    bib_sub = bib.add_subparsers(dest="bib_command", metavar="upgrade", required=True)
    upgrade = bib_sub.add_parser("upgrade", help="published versions of arXiv entries")
    upgrade.add_argument("bib_file", type=Path, metavar="BIB")


def _fail(message: str) -> int:
    from tui.domain.sanitise import sanitise_line

    print(sanitise_line(f"dailypapers: {message}"), file=sys.stderr)
    return 1


def run_zotero(context: Context) -> int:
    """`zotero check`: one line per route; `zotero add ID...`: one line per paper."""
    from tui.domain.arxiv import paper_id_from_user
    from tui.domain.sanitise import sanitise_line
    from tui.library.zotero import SendOutcome, build_zotero

    zotero = build_zotero(context.locations.data_dir, context.settings)
    options = context.options

    async def run(papers: list[Paper]) -> list[str]:
        try:
            if options.zotero_command == "check":
                return await zotero.check()
            outcomes = await zotero.send_each(papers, again=options.again)
            failed.extend(o for o in outcomes if not o.in_zotero)
            return [outcome.line for outcome in outcomes]
        finally:
            await zotero.client.aclose()

    failed: list[SendOutcome] = []
    papers: list[Paper] = []
    for text in getattr(options, "paper_ids", []):
        paper = context.library.find_paper_sync(paper_id_from_user(text))
        if paper is None:
            return _fail(f"{text}: not in the local cache (run `dailypapers fetch` first)")
        papers.append(paper)
    import asyncio

    lines = asyncio.run(run(papers))
    for line in lines:
        print(sanitise_line(line))
    if options.zotero_command == "check":
        return 0 if any(" works " in line or " answers " in line for line in lines) else 1
    return 1 if failed else 0


def published_venue(context: Context, paper: Paper) -> Venue | None:
    """The published version of `paper` (arXiv's own, else looked up); None when unknown."""
    from tui.library.published import build_lookup

    lookup = build_lookup(context.locations.data_dir, offline=context.options.offline)

    async def run() -> Venue | None:
        try:
            return await lookup.venue(paper)
        finally:
            await lookup.aclose()

    import asyncio

    venue = asyncio.run(run())
    for notice in lookup.notices:
        print(notice, file=sys.stderr)
    return venue


def run_bib(context: Context) -> int:
    """`bib upgrade BIB`: published versions for its arXiv entries; keys and fields kept."""
    from tui.library.published import build_lookup, upgrade_file

    lookup = build_lookup(context.locations.data_dir, offline=context.options.offline)
    try:
        import asyncio

        lines = asyncio.run(upgrade_file(context.options.bib_file, lookup))
    except OSError as error:
        return _fail(f"cannot update {context.options.bib_file}: {error.strerror or error}")
    from tui.domain.sanitise import sanitise_line

    for line in lines:
        print(sanitise_line(line), file=sys.stderr)
    return 0
