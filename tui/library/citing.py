"""The cite use-case: keys unique over the whole library, and a paper cited the user's way.

Textual-free and network-free: what `cite`, `export`, `--merge`, `y` and `Y` share. The key of
a paper comes from a `KeyBook` of every cached paper (so it is the same whatever is exported),
or is the arXiv id when the config says ``bibtex_key_style = "arxiv-id"``. Keys handed out
before are kept (`tui.store.cite_keys`): `library_book` starts from them and `keep_keys`
adds the new ones once a citation has gone out, so a key never changes once given.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from tui.domain.citation import CitationFormat, KeyBook, Venue, format_citation
from tui.domain.paper import Marks, Paper


class PaperSource(Protocol):
    """What citing needs of the library: every cached paper."""

    def all_papers_sync(self) -> list[Paper]: ...


class KeptKeys(Protocol):
    """The keys handed out before (`tui.store.cite_keys.CiteKeyStore`)."""

    def kept(self) -> dict[str, str]: ...

    def keep(self, fresh: Mapping[str, str]) -> None: ...


def library_book(
    library: PaperSource,
    extra: list[Paper] | None = None,
    key_style: str = "lastnameyearword",
    kept: KeptKeys | None = None,
) -> KeyBook:
    """The keys of every cached paper (and of `extra`, papers not cached yet), in the config's
    `key_style`: an arXiv paper's key is its arXiv id in the ``arxiv-id`` style; a key handed
    out before (in `kept`) stays the paper's."""
    papers = [*library.all_papers_sync(), *(extra or [])]
    given = kept.kept() if kept is not None else None
    return KeyBook(papers, arxiv_ids=key_style == "arxiv-id", given=given)


def known_venues(data_dir: Path) -> dict[str, Venue]:
    """The published versions already looked up from this data folder (by paper id), read
    from the cache only: citing never waits on the network."""
    from tui.store.locations import DataFiles
    from tui.store.venue_cache import VenueCache

    entries = VenueCache(DataFiles(data_dir).venues_file).entries()
    return {paper_id: venue for paper_id, (venue, _) in entries.items() if venue is not None}


def keep_keys(book: KeyBook, kept: KeptKeys | None) -> None:
    """Keep the keys `book` handed out for the first time (after they went out)."""
    if kept is not None and book.fresh:
        kept.keep(book.fresh)


def cite(
    paper: Paper,
    fmt: str,
    book: KeyBook,
    *,
    ascii_only: bool = False,
    venue: Venue | None = None,
    marks: Marks | None = None,
) -> str:
    """`paper` in the format named `fmt` (a `CitationFormat` value), keyed from `book` (see
    `library_book`), with the user's tags and note from `marks`."""
    key = book.key(paper)
    return format_citation(
        paper, CitationFormat(fmt), key=key, ascii_only=ascii_only, venue=venue, marks=marks
    )
