"""Published versions into a user's .bib text: every key and every field the user wrote is kept.

`arxiv_entries` finds the entries that cite an arXiv preprint (an arXiv ``eprint``, an arXiv URL
or DOI, ``arXiv:<id>`` in ``journal``) and have no ``journal``/``booktitle`` of a real venue yet.
`upgrade_entry` turns one into its published version: the entry type becomes ``article`` or
``inproceedings``; ``journal``/``booktitle``, ``volume``, ``pages`` and ``doi`` are added when
missing; a ``doi`` that is arXiv's own (``10.48550/arXiv.``), a ``journal`` that only names
arXiv (Google Scholar's ``arXiv preprint arXiv:...``, DBLP's ``CoRR``) and DBLP's CoRR
``volume={abs/...}`` are replaced. Nothing else changes: the rest of the text is kept byte for
byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.domain.arxiv import normalise_arxiv_id
from tui.domain.citation.bibscan import arxiv_ids, entries, fields
from tui.domain.citation.text import escape_latex
from tui.domain.citation.venue import PROCEEDINGS, Venue

_ENTRY = re.compile(r"@\s*([A-Za-z]+)\s*\{\s*([^\s,{}]+)\s*,")
_FIELD = r"\b{name}\s*=\s*(\{{(?:[^{{}}]|\{{[^{{}}]*\}})*\}}|\"[^\"]*\"|\w+)"


@dataclass(frozen=True)
class BibEntry:
    """An entry of the text: where it is, its key, the arXiv id it cites, its title and its
    authors (as written, ``Family, Given`` or ``Given Family``)."""

    start: int
    end: int
    key: str
    arxiv_id: str
    title: str
    authors: tuple[str, ...] = ()


def field_value(chunk: str, name: str) -> str | None:
    """The raw value of field `name` in an entry, without its outer braces or quotes."""
    match = re.search(_FIELD.format(name=name), chunk, re.IGNORECASE)
    if match is None:
        return None
    value = match.group(1)
    return value[1:-1] if value[:1] in '{"' else value


def _is_arxiv_only(journal: str | None) -> bool:
    return journal is None or bool(re.fullmatch(r"\s*(arxiv|corr)\b.*", journal, re.IGNORECASE))


def _names_a_venue(chunk: str) -> bool:
    """True when the entry names a journal or proceedings other than arXiv (biblatex's
    ``journaltitle`` too)."""
    if field_value(chunk, "booktitle"):
        return True
    return not all(_is_arxiv_only(field_value(chunk, name)) for name in ("journal", "journaltitle"))


def arxiv_entries(text: str) -> list[BibEntry]:
    """The entries citing an arXiv preprint that no venue names yet. An entry whose braces do
    not close before the next one starts is left alone (its end is unknown)."""
    found_entries = []
    for span in entries(text):
        match = _ENTRY.match(text, span.start)
        if not span.is_entry or not span.closed or match is None:
            continue
        chunk = text[span.start : span.end]
        if not chunk.endswith("}") or _names_a_venue(chunk):
            continue
        values = fields(text[span.body : span.end])
        ids = arxiv_ids(values)  # never an id in the abstract: that is another paper
        eprint = normalise_arxiv_id(values.get("eprint", ""))
        arxiv_id = eprint if eprint in ids else (next(iter(ids)) if len(ids) == 1 else None)
        if arxiv_id:
            title = field_value(chunk, "title") or ""
            authors = tuple(re.split(r"\s+and\s+", field_value(chunk, "author") or ""))
            found_entries.append(
                BibEntry(span.start, span.end, match.group(2), arxiv_id, title, authors)
            )
    return found_entries


def _set_field(chunk: str, name: str, value: str) -> str:
    """`chunk` with field `name` set to `value` (replaced in place, or added before the end)."""
    match = re.search(_FIELD.format(name=name), chunk, re.IGNORECASE)
    if match is not None:
        return chunk[: match.start(1)] + "{" + value + "}" + chunk[match.end(1) :]
    body = chunk[:-1].rstrip()
    comma = "" if body.endswith(",") else ","
    indent = re.search(r"\n([ \t]+)\w", chunk)
    lead = indent.group(1) if indent else "  "
    newline = "\r\n" if "\r\n" in chunk else "\n"  # the entry's own line ends
    return f"{body}{comma}{newline}{lead}{name}={{{value}}},{newline}}}"


def upgrade_entry(chunk: str, venue: Venue, ascii_only: bool = False) -> tuple[str, list[str]]:
    """`chunk` (one whole entry) as its published version, and what changed (the new values in
    ASCII with `ascii_only`, for a file that is not UTF-8)."""
    changes: list[str] = []
    kind = "inproceedings" if venue.kind == PROCEEDINGS else "article"
    match = _ENTRY.match(chunk)
    if match and match.group(1).lower() != kind:
        chunk = chunk[: match.start(1)] + kind + chunk[match.end(1) :]
        changes.append(f"@{match.group(1)} -> @{kind}")
    where = "booktitle" if kind == "inproceedings" else "journal"

    def escaped(text: str) -> str:
        return escape_latex(text, ascii_only=ascii_only, keep_math=False)

    wanted = [(where, escaped(venue.name))]
    wanted += [("volume", escaped(venue.volume))] if venue.volume else []
    pages = escaped(venue.pages).replace("--", "-").replace("-", "--")
    wanted += [("pages", pages)] if venue.pages else []
    wanted += [("doi", venue.doi)] if venue.doi else []
    for name, value in wanted:
        current = field_value(chunk, name)
        replace = current is None or (
            (name == "doi" and current.lower().startswith("10.48550/arxiv."))
            or (name == "journal" and _is_arxiv_only(current))
            or (name == "volume" and current.strip().lower().startswith("abs/"))  # DBLP's CoRR
        )
        if value and replace:
            chunk = _set_field(chunk, name, value)
            changes.append(f"{name} {value}")
    return chunk, changes


def apply_upgrades(text: str, upgrades: list[tuple[BibEntry, str]]) -> str:
    """`text` with each entry's span replaced by its upgraded chunk (the rest byte for byte)."""
    out, position = [], 0
    for entry, chunk in sorted(upgrades, key=lambda pair: pair[0].start):
        out += [text[position : entry.start], chunk]
        position = entry.end
    return "".join([*out, text[position:]])
