"""One BibTeX entry for a paper, in arXiv's style, or as its published version.

A preprint follows what ``https://arxiv.org/bibtex/<id>`` emits (``@misc``, six-space indent,
``field={value},``) plus the arXiv DataCite DOI. A published paper (arXiv's own
``journal_ref``/journal DOI, or a venue looked up) is ``@article`` or ``@inproceedings`` with
the journal DOI, the arXiv id kept as ``eprint``. Titles are not wrapped in an extra brace pair
(arXiv does not, and it keeps styles free to case titles). Every field from outside goes through
`escape_latex`: a backslash from a feed is text, never a command. Names: a family name of several
capitalised words is braced (``{Del Maestro}, Adrian``), a lower-case particle is left for
BibTeX to see (``van der Waals, J. D.``), a suffix takes the middle place (``King, Jr., M.``).
"""

from __future__ import annotations

import re

from tui.domain.citation import formats
from tui.domain.citation.keys import KEY_FORBIDDEN, base_key
from tui.domain.citation.names import PersonName
from tui.domain.citation.text import escape_latex
from tui.domain.citation.venue import PROCEEDINGS, Venue, arxiv_venue
from tui.domain.paper import Marks, Paper

# Characters a URL field must not carry raw: braces and backslashes are TeX, the rest unsafe.
_URL_UNSAFE = re.compile(r"[\\{}\"<>\s^`|@]")


def _protect(part: str, whole_family: bool = False) -> str:
    """A name part in braces when BibTeX would misread it: the word "and", a comma, or (for a
    family name) several words not starting with a lower-case particle."""
    words = part.split()
    several_capitalised = whole_family and len(words) > 1 and not part[:1].islower()
    if "," in part or any(word.lower() == "and" for word in words) or several_capitalised:
        return f"{{{part}}}"
    return part


def bibtex_name(name: PersonName, ascii_only: bool = False) -> str:
    """``Family, Given`` or ``Family, Suffix, Given``, escaped and braced where needed."""

    def escaped(part: str) -> str:
        return escape_latex(part, ascii_only=ascii_only, keep_math=False)

    family = _protect(escaped(name.family), whole_family=True)
    given, suffix = _protect(escaped(name.given)), _protect(escaped(name.suffix))
    if suffix:
        return f"{family}, {suffix}, {given}"
    return f"{family}, {given}" if given else family


def _primary_class(paper: Paper, arxiv_id: str) -> str | None:
    category = paper.primary_category or ("" if "/" not in arxiv_id else arxiv_id.split("/")[0])
    category = re.sub(r"[^A-Za-z.-]", "", category)
    return category or None


def clean_key(key: str | None, paper: Paper) -> str:
    """`key` without characters BibTeX keys cannot hold; the paper's base key when empty."""
    cleaned = KEY_FORBIDDEN.sub("", key or "")
    return cleaned or base_key(paper)


def bibtex_url(url: str) -> str:
    """`url` for a BibTeX field: TeX-significant and unsafe characters percent-encoded."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), url)


def _venue_fields(venue: Venue, ascii_only: bool) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    if venue.name:
        where = "booktitle" if venue.kind == PROCEEDINGS else "journal"
        fields.append((where, escape_latex(venue.name, ascii_only=ascii_only, keep_math=False)))
    for name, value in (("volume", venue.volume), ("pages", venue.pages)):
        text = escape_latex(value, ascii_only=ascii_only, keep_math=False)
        fields += [(name, text.replace("-", "--") if name == "pages" else text)] if text else []
    return fields


def _eprint_fields(paper: Paper, arxiv_id: str | None, url: str) -> list[tuple[str, str]]:
    if arxiv_id:
        fields = [("eprint", arxiv_id), ("archivePrefix", "arXiv")]
        primary = _primary_class(paper, arxiv_id)
        return fields + ([("primaryClass", primary)] if primary else [])
    if url:
        escaped_url = url.replace("%", r"\%").replace("#", r"\#")
        return [("howpublished", rf"\url{{{escaped_url}}}")]
    return []


def bibtex_entry(
    paper: Paper,
    *,
    key: str | None = None,
    ascii_only: bool = False,
    venue: Venue | None = None,
    marks: Marks | None = None,
) -> str:
    """One entry (no trailing newline); `venue` (else arXiv's own) makes it the published one;
    `marks` adds the user's tags (``keywords``) and note (``note``)."""
    venue = venue or arxiv_venue(paper)
    fields: list[tuple[str, str]] = [("title", escape_latex(paper.title, ascii_only=ascii_only))]
    names = formats.names_of(paper)
    if names:
        fields.append(("author", " and ".join(bibtex_name(n, ascii_only) for n in names)))
    if venue is not None:
        fields += _venue_fields(venue, ascii_only)
    year = (venue.year if venue else None) or formats.citation_year(paper)
    fields += [("year", str(year))] if year else []
    arxiv_id = formats.arxiv_id_of(paper)
    url = bibtex_url(formats.landing_url(paper))
    fields += _eprint_fields(paper, arxiv_id, url)
    fields += [("url", url)] if url else []
    doi = formats.cited_doi(paper, venue)
    fields += [("doi", bibtex_url(doi))] if doi else []
    if marks is not None and marks.tags:
        fields.append(("keywords", escape_latex(", ".join(marks.tags), ascii_only=ascii_only)))
    if marks is not None and marks.note:
        fields.append(("note", escape_latex(marks.note, ascii_only=ascii_only)))
    kind = "misc" if venue is None else venue.kind
    body = [f"      {name}={{{value}}}," for name, value in fields]
    return "\n".join([f"@{kind}{{{clean_key(key, paper)},", *body, "}"])
