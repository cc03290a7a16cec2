"""The subcommands that work on the user's library: `cite`, `export`, `opml`, `config`.

Each takes the built context and returns an exit code; problems are one line on stderr. Their
modules are imported when the subcommand runs, so the reader's start-up never pays for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.rules import without_hidden
from tui.domain.words import counted

if TYPE_CHECKING:
    from tui.cli.wiring import Context
    from tui.domain.paper import Paper

CITE_FORMATS = ["bibtex", "apa", "mla", "plain", "markdown", "url", "arxiv-id"]
EXPORT_FORMATS = ["bibtex", "ris", "csl-json", "markdown"]


def add_cite_arguments(cite: argparse.ArgumentParser) -> None:
    """`cite ID [--format F] [--ascii] [--published]`."""
    cite.add_argument(
        "paper_id",
        metavar="ID",
        help="as pasted: 2405.09818v2, arXiv:2405.09818, an arXiv or Hugging Face URL",
    )
    cite.add_argument("--format", choices=CITE_FORMATS, default=None)
    cite.add_argument("--ascii", action="store_true", help="LaTeX escapes instead of UTF-8")
    cite.add_argument(
        "--published", action="store_true", help="the published version (looked up if needed)"
    )


def add_export_arguments(export: argparse.ArgumentParser) -> None:
    """`export [--saved|--all] [--format F] [--sort for-you] [-o FILE] [--no-rules] [--merge]`."""
    which = export.add_mutually_exclusive_group()
    which.add_argument("--saved", action="store_true", help="every saved paper")
    which.add_argument("--all", action="store_true", help="every cached paper (the library)")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="bibtex")
    export.add_argument("--sort", choices=["for-you"], default=None, help="most like yours first")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    export.add_argument("--no-rules", action="store_true", help="include what the rules hide")
    export.add_argument(
        "--merge", type=Path, metavar="BIB", help="add new BibTeX entries to BIB (backed up first)"
    )


def add_opml_arguments(opml: argparse.ArgumentParser) -> None:
    """`opml import FILE` and `opml export`."""
    opml_sub = opml.add_subparsers(dest="opml_command", metavar="import|export", required=True)
    opml_import = opml_sub.add_parser("import", help="add the feeds of an OPML file")
    opml_import.add_argument("file", type=Path, metavar="FILE")
    opml_sub.add_parser("export", help="print the feeds as OPML")


def add_config_arguments(config: argparse.ArgumentParser) -> None:
    """`config [--example]`."""
    config.add_argument("--example", action="store_true", help="print a commented example")


def fail(message: str) -> int:
    print(f"dailypapers: {message}", file=sys.stderr)
    return 1


def run_cite(context: Context) -> int:
    """Print one paper's citation from the local cache (``--published``: its published version,
    looked up when arXiv does not name it)."""
    from tui.domain.arxiv import paper_id_from_user
    from tui.library.citing import cite, keep_keys, known_venues, library_book

    options = context.options
    paper = context.library.find_paper_sync(paper_id_from_user(options.paper_id))
    if paper is None:
        return fail(f"{options.paper_id}: not in the local cache (run `dailypapers fetch` first)")
    settings = context.settings
    venue = None
    if getattr(options, "published", False):
        from tui.cli.citing_commands import published_venue

        venue = published_venue(context, paper)
    elif settings.cite_published:  # already looked up: cited as published, nothing asked
        venue = known_venues(context.locations.data_dir).get(paper.id)
    key_store = context.library.cite_keys()
    book = library_book(context.library, [paper], settings.bibtex_key_style, key_store)
    text = cite(
        paper,
        options.format or settings.citation_format,
        book,
        ascii_only=options.ascii or settings.bibtex_ascii,
        venue=venue,
        marks=context.library.marks_store.load_for([paper.id]).get(paper.id),
    )
    print(text)
    keep_keys(book, key_store)
    return 0


def run_export(context: Context) -> int:
    """Export the day's (or the saved, or every cached) papers; or merge them into a .bib."""
    from tui.domain.citation import CitationFormat, export_entries
    from tui.library.citing import keep_keys, known_venues, library_book
    from tui.store.exports import write_text_atomic

    options = context.options
    library = context.library
    if options.saved:
        view = library.load_saved_sync()
    elif options.all:
        view = library.load_library_sync()
    else:
        view = library.load_day_sync(options.date)
    shown = view.papers
    if not (options.saved or options.no_rules):  # as the reader: a saved paper is never hidden
        shown = without_hidden(shown, context.settings.rules())
    papers = list(shown)
    if getattr(options, "sort", None) == "for-you":
        from tui.cli.for_you_commands import sort_for_you
        from tui.domain.paper_list import SortKey

        papers = list(sort_for_you(context, shown, SortKey.FOR_YOU)[0])
    if options.merge is not None:
        return _merge(options.merge, papers, context)
    marks = {p.id: view.papers.marks_for(p.id) for p in papers}
    key_store = library.cite_keys()
    book = library_book(library, papers, context.settings.bibtex_key_style, key_store)
    ascii_only = context.settings.bibtex_ascii
    published = context.settings.cite_published
    venues = known_venues(context.locations.data_dir) if published else None
    text = export_entries(
        papers, CitationFormat(options.format), book, marks, ascii_only=ascii_only, venues=venues
    )
    if options.output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        keep_keys(book, key_store)
        return 0
    try:
        write_text_atomic(options.output, text, user_file=True)
    except FileNotFoundError:
        return fail(f"cannot write {options.output}: no folder {options.output.parent}")
    except OSError as error:
        return fail(f"cannot write {options.output}: {error.strerror or error}")
    keep_keys(book, key_store)
    print(f"wrote {counted(len(papers), 'entry', 'entries')} to {options.output}", file=sys.stderr)
    return 0


def _merge(bib: Path, papers: list[Paper], context: Context) -> int:
    from tui.domain.citation.bibmerge import merge_bibtex
    from tui.domain.sanitise import sanitise_line
    from tui.library.citing import keep_keys, known_venues, library_book
    from tui.store.exports import backup_file, read_user_text, write_text_atomic

    try:
        existing, utf8 = read_user_text(bib) if bib.exists() else ("", True)
    except OSError as error:
        return fail(f"cannot read {bib}: {error.strerror or error}")
    key_store = context.library.cite_keys()
    book = library_book(context.library, papers, context.settings.bibtex_key_style, key_store)
    ascii_only = context.settings.bibtex_ascii or not utf8
    venues = known_venues(context.locations.data_dir) if context.settings.cite_published else None
    result = merge_bibtex(existing, papers, book, ascii_only=ascii_only, venues=venues)
    if not result.added:
        print(f"{bib}: nothing new ({len(result.skipped)} already there)", file=sys.stderr)
        return 0
    try:
        backup = backup_file(bib)
        write_text_atomic(bib, result.text, user_file=True)
    except OSError as error:
        return fail(f"cannot update {bib}: {error.strerror or error}")
    keep_keys(book, key_store)
    kept = f"; backup {backup}" if backup else ""
    kept += "" if utf8 else "; not UTF-8: new entries in ASCII (LaTeX accents)"
    renamed = "".join(
        f"; {given} (not {wanted}: {bib.name} has another {wanted})"
        for wanted, given in result.renamed
    )
    line = f"{bib}: added {len(result.added)}, kept {len(result.skipped)}{renamed}{kept}"
    print(sanitise_line(line), file=sys.stderr)
    return 0


def run_opml(context: Context) -> int:
    """`opml export` prints the feeds in force; `opml import FILE` adds a file's feeds."""
    from tui.domain.feeds.feed_list import add_feeds, effective_feeds
    from tui.domain.feeds.opml import parse_opml, write_opml
    from tui.store.feed_list import FeedListStore

    store = FeedListStore(context.locations.files.feed_list_file)
    custom = store.load()
    feeds = effective_feeds(context.configured_feeds, custom)
    if context.options.opml_command == "export":
        sys.stdout.write(write_opml(feeds))
        return 0
    try:
        raw = context.options.file.read_bytes()
    except OSError as error:
        return fail(f"cannot read {context.options.file}: {error.strerror or error}")
    found, warnings = parse_opml(raw)
    feeds, refused = add_feeds(feeds, found)
    warnings += [f"{feed.url}: {error}" for feed, error in refused]
    added = len(found) - len(refused)
    for warning in warnings:
        print(warning, file=sys.stderr)
    if added:
        store.save(feeds)
    for notice in store.take_notices():
        print(notice, file=sys.stderr)
    print(f"imported {added} of {len(found)} feeds; {len(feeds)} feeds in all")
    return 0 if found or not warnings else 1


def run_config(context: Context) -> int:
    """`config --example` prints the commented example; plain `config` says where things are."""
    from tui.settings.settings import example_config

    if context.options.example:
        sys.stdout.write(example_config())
        return 0
    print(f"config file: {context.locations.config_file}")
    print(f"data folder: {context.locations.data_dir}")
    for feed in context.settings.feeds:
        state = "" if feed.enabled else " (paused)"
        print(f"feed: {feed.name} <{feed.url}> [{feed.kind.value}]{state}")
    return 0
