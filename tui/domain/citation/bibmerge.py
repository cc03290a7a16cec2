"""Merging papers into the user's own .bib text: append what is missing, never touch the rest.

The existing text is scanned tolerantly (`tui.domain.citation.bibscan`: @string, @comment and
@preamble are ignored; text between entries belongs to none), never parsed strictly and never
rewritten: the result is `existing` byte for byte, then the new entries.

A paper counts as already there when an existing entry has its arXiv id (an ``eprint`` or
``arxivId`` field, an arXiv or Hugging Face URL, the arXiv DOI, ``arXiv:<id>`` in any field
but free text such as the abstract, as Google Scholar writes it), its DOI, its URL, or
a key equal to its arXiv id; or when an entry without any identifier has the paper's title
(untitled papers: its key). A key alone never makes two papers one: a paper whose key an
unrelated entry holds is added under its own distinct key (``base-<arXiv id>``, see
`tui.domain.citation.keys`), and the result says so. So a merge never drops a paper. Keys come
from the library's `KeyBook` when given, and are unique against every existing key,
case-insensitively. Writing the file (and its backup) is the store's job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui.domain.citation.bibscan import arxiv_ids, entries, fields
from tui.domain.citation.bibtex import bibtex_entry
from tui.domain.citation.formats import arxiv_id_of, doi_of, landing_url
from tui.domain.citation.keys import KeyBook, distinct_key, unique_key
from tui.domain.citation.text import ascii_fold, escape_latex, latex_to_plain
from tui.domain.citation.venue import Venue
from tui.domain.paper import Paper


@dataclass(frozen=True)
class MergeResult:
    """The merged text, the keys of the entries added, the ids of the papers skipped, and
    (key wanted, key given) for each paper whose key an unrelated entry already held."""

    text: str
    added: tuple[str, ...]
    skipped: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...] = ()


_KEY = re.compile(r"\s*([^\s,{}()=\"#%'~\\]+)\s*,")


@dataclass
class _Known:
    """Identifiers of the entries in the text, lower-cased."""

    keys: set[str] = field(default_factory=set)
    eprints: set[str] = field(default_factory=set)
    dois: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    # (key, normalised title) of entries with neither arXiv id nor DOI.
    bare: set[tuple[str, str]] = field(default_factory=set)


def _norm_url(url: str) -> str:
    return url.lower().rstrip("/").removeprefix("http://").removeprefix("https://")


def _norm_doi(doi: str) -> str:
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi.lower())


def _norm_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(latex_to_plain(title)).lower())


def _paper_title(paper: Paper) -> str:
    """The title as `_scan` would read it back from this paper's own entry."""
    return _norm_title(escape_latex(paper.title))


def _identifiers(values: dict[str, str]) -> tuple[set[str], set[str], set[str]]:
    """(arXiv ids, DOIs, URLs) an entry's fields give, lower-cased and normalised."""
    doi = values.get("doi", "").strip()
    url = values.get("url", "").strip()
    return (
        {eprint.lower() for eprint in arxiv_ids(values)},
        {_norm_doi(doi)} if doi else set(),
        {_norm_url(url)} if url else set(),
    )


def _scan(text: str, known: _Known) -> None:
    for span in entries(text):
        if not span.is_entry:
            continue
        body = text[span.body : span.end]
        values = fields(body)
        found, dois, urls = _identifiers(values)
        known.eprints |= found
        known.dois |= dois
        known.urls |= urls
        title = _norm_title(values.get("title", ""))
        if title:
            known.titles.add(title)
        key_match = _KEY.match(body)
        if key_match:
            key = key_match.group(1).lower()
            known.keys.add(key)
            if not found and not dois:
                known.bare.add((key, title))


def _is_present(paper: Paper, key: str, known: _Known) -> bool:
    arxiv_id = (arxiv_id_of(paper) or "").lower()
    doi = (doi_of(paper) or "").lower()
    url = _norm_url(landing_url(paper))
    if arxiv_id and (arxiv_id in known.eprints or arxiv_id in known.keys):
        return True
    if (doi and doi in known.dois) or (url and url in known.urls):
        return True
    title = _paper_title(paper)
    if title:  # a hand-made entry without identifiers, of the same title
        return any(entry_title == title for _, entry_title in known.bare)
    # Nothing but a key to go by: an untitled entry under this paper's own key, or under the
    # distinct key it takes when a stranger holds that one.
    own = re.compile(re.escape(distinct_key(paper).lower()) + "[a-z]*")
    return any(
        not t and (entry_key == key.lower() or own.fullmatch(entry_key))
        for entry_key, t in known.bare
    )


def _free_key(paper: Paper, wanted: str, known: _Known) -> str:
    """`wanted` when no entry holds it, else the paper's own distinct key (suffixed only if a
    stranger holds that too)."""
    if wanted.lower() not in known.keys:
        return wanted
    return unique_key(distinct_key(paper), known.keys)


def merge_bibtex(
    existing: str,
    papers: Sequence[Paper],
    book: KeyBook | None = None,
    *,
    ascii_only: bool = False,
    venues: Mapping[str, Venue] | None = None,
) -> MergeResult:
    """`existing` with a BibTeX entry appended for each paper it does not hold yet (in ASCII
    with `ascii_only`: for a file that is not UTF-8, so that the new entries suit any; as
    published for a paper in `venues`)."""
    venues = venues or {}
    known = _Known()
    _scan(existing, known)
    book = book or KeyBook(papers)
    entries: list[str] = []
    added: list[str] = []
    skipped: list[str] = []
    renamed: list[tuple[str, str]] = []
    for paper in papers:
        wanted = book.key(paper)
        if _is_present(paper, wanted, known):
            skipped.append(paper.id)
            continue
        key = _free_key(paper, wanted, known)
        if key != wanted:
            renamed.append((wanted, key))
        venue = venues.get(paper.id)
        entries.append(bibtex_entry(paper, key=key, ascii_only=ascii_only, venue=venue))
        added.append(key)
        _scan(entries[-1], known)  # what a second merge will see of it
    if not entries:
        return MergeResult(existing, (), tuple(skipped))
    newline = "\r\n" if "\r\n" in existing else "\n"
    separator = "" if not existing or existing.endswith("\n") else newline
    separator += newline if existing.strip() else ""
    block = (newline * 2).join(entry.replace("\n", newline) for entry in entries) + newline
    text = existing + separator + block
    return MergeResult(text, tuple(added), tuple(skipped), tuple(renamed))
