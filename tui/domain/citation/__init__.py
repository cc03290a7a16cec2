"""Citations of a paper from local metadata: cite keys, BibTeX, and every other format.

The parts: `keys` (stable, unique keys over a library), `names` (given/family/particles/
suffixes), `text` (LaTeX in and out, escaping), `bibtex` (one entry), `formats` (APA, MLA, plain,
Markdown, RIS, CSL-JSON), `venue` (the published version), `bibmerge` (append to a user's .bib)
and `upgrade` (published versions into a user's .bib). This module ties them together.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from enum import StrEnum

from tui.domain.citation import formats
from tui.domain.citation.bibtex import bibtex_entry, clean_key
from tui.domain.citation.keys import KeyBook, base_key, cite_key, distinct_key, unique_key
from tui.domain.citation.venue import Venue
from tui.domain.paper import Marks, Paper

__all__ = [
    "CitationFormat",
    "KeyBook",
    "Venue",
    "base_key",
    "bibtex_entry",
    "cite_key",
    "distinct_key",
    "export_entries",
    "format_citation",
    "unique_key",
    "unique_keys",
]


class CitationFormat(StrEnum):
    """Every way a paper can be cited or exported."""

    BIBTEX = "bibtex"
    APA = "apa"
    MLA = "mla"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    URL = "url"
    ARXIV_ID = "arxiv-id"
    RIS = "ris"
    CSL_JSON = "csl-json"


def format_citation(
    paper: Paper,
    fmt: CitationFormat,
    *,
    key: str | None = None,
    ascii_only: bool = False,
    venue: Venue | None = None,
    marks: Marks | None = None,
) -> str:
    """`paper` cited in `fmt`. URL is the arXiv abstract page (else the paper's safe page);
    ARXIV_ID is "" for a paper without an arXiv id; `ascii_only` only changes BibTeX; `venue`
    (else arXiv's journal_ref/DOI) cites the published version. `marks` adds the user's tags
    and note where the format has a place for them (BibTeX, RIS, CSL-JSON)."""
    if fmt is CitationFormat.BIBTEX:
        return bibtex_entry(paper, key=key, ascii_only=ascii_only, venue=venue, marks=marks)
    if fmt is CitationFormat.RIS:
        return formats.ris(paper, clean_key(key, paper), venue, marks=marks)
    if fmt is CitationFormat.CSL_JSON:
        item = formats.csl_json(paper, clean_key(key, paper), venue, marks=marks)
        return json.dumps(item, ensure_ascii=False, indent=2)
    if fmt is CitationFormat.URL:
        return formats.landing_url(paper)
    if fmt is CitationFormat.ARXIV_ID:
        return formats.arxiv_id_of(paper) or ""
    simple = {
        CitationFormat.APA: formats.apa,
        CitationFormat.MLA: formats.mla,
        CitationFormat.PLAIN: formats.plain,
        CitationFormat.MARKDOWN: formats.markdown,
    }
    return simple[fmt](paper, venue)


def unique_keys(papers: Sequence[Paper], book: KeyBook | None = None) -> list[str]:
    """A key per paper, from `book` (the whole library) or else from `papers` alone."""
    return (book or KeyBook(papers)).keys(papers)


def export_entries(
    papers: Sequence[Paper],
    fmt: CitationFormat,
    book: KeyBook | None = None,
    marks: Mapping[str, Marks] | None = None,
    *,
    ascii_only: bool = False,
    venues: Mapping[str, Venue] | None = None,
) -> str:
    """Every paper in `fmt` as one text: BibTeX/RIS entries apart by a blank line (keys from
    `book`), CSL-JSON one array, Markdown a list, the one-line formats one per line. A paper
    listed twice is exported once. With `marks`, each paper's tags and note go where the
    format has a place for them (BibTeX, RIS, CSL-JSON); `ascii_only` as in BibTeX; a paper
    in `venues` (by id: published versions already known) is cited as published."""
    marks = marks or {}
    venues = venues or {}
    firsts: dict[str, Paper] = {}
    for paper in papers:
        firsts.setdefault(paper.id, paper)
    papers = list(firsts.values())
    keys = unique_keys(papers, book)
    if fmt is CitationFormat.CSL_JSON:
        items = [
            formats.csl_json(paper, key, venues.get(paper.id), marks=marks.get(paper.id))
            for paper, key in zip(papers, keys, strict=True)
        ]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    texts = [
        format_citation(
            p, fmt, key=k, marks=marks.get(p.id), ascii_only=ascii_only, venue=venues.get(p.id)
        )
        for p, k in zip(papers, keys, strict=True)
    ]
    texts = [text for text in texts if text]
    if not texts:
        return ""
    if fmt in (CitationFormat.BIBTEX, CitationFormat.RIS):
        return "\n\n".join(texts) + "\n"
    if fmt is CitationFormat.MARKDOWN:
        return "".join(f"- {text}\n" for text in texts)
    return "".join(f"{text}\n" for text in texts)
