"""The non-BibTeX citation formats: APA, MLA, plain text, Markdown, RIS and CSL-JSON.

Built from local metadata only. Titles are rendered from their LaTeX to plain text; every field
is put on one line. A published paper (a `Venue`: arXiv's journal_ref/journal DOI, or one looked
up) is cited as its journal or proceedings with the journal DOI (none when it is unknown: never
the preprint's DataCite DOI as the article's, the abstract page instead); a preprint through
its DataCite DOI (``https://doi.org/10.48550/arXiv.<id>``) where the format has a place for
one, and its abstract page otherwise; a paper without an arXiv id through its own DOI or safe
link.
"""

from __future__ import annotations

import re
from typing import Any

from tui.domain.arxiv import abs_url, normalise_arxiv_id, year_of
from tui.domain.citation.names import PersonName, initials, split_name
from tui.domain.citation.text import clean_line, latex_to_plain
from tui.domain.citation.venue import PROCEEDINGS, Venue, arxiv_venue
from tui.domain.links import paper_page_url
from tui.domain.paper import Marks, Paper

# --- facts about a paper that every format needs ---------------------------------------------


def arxiv_id_of(paper: Paper) -> str | None:
    """The versionless arXiv id of `paper`, or None when it has none."""
    return normalise_arxiv_id(paper.id) if paper.is_arxiv else None


def citation_year(paper: Paper) -> int | None:
    """The year to cite: from the arXiv id, else from the published time."""
    arxiv_id = arxiv_id_of(paper)
    year = year_of(arxiv_id) if arxiv_id else None
    if year is None and paper.published is not None:
        year = paper.published.year
    return year


def doi_of(paper: Paper) -> str | None:
    """The paper's own DOI (for an arXiv paper: the journal DOI arXiv names), cleaned; else
    the arXiv DataCite DOI of an arXiv paper."""
    doi = re.sub(r"[\s{}\\\"<>]", "", paper.doi or "")
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi, flags=re.IGNORECASE)
    arxiv_id = arxiv_id_of(paper)
    if doi and not doi.lower().startswith("10.48550/arxiv."):
        return doi
    return f"10.48550/arXiv.{arxiv_id}" if arxiv_id else (doi or None)


def cited_doi(paper: Paper, venue: Venue | None) -> str | None:
    """The DOI a citation gives: the venue's for a published paper (else the paper's own
    journal DOI, else none: arXiv's DataCite DOI names the preprint, not the article); for a
    preprint `doi_of`."""
    if venue is None:
        return doi_of(paper)
    own = venue.doi or doi_of(paper)
    return None if own is None or own.lower().startswith("10.48550/arxiv.") else own


def venue_of(paper: Paper, venue: Venue | None) -> Venue | None:
    """`venue`, else the published version arXiv itself names."""
    return venue or arxiv_venue(paper)


def landing_url(paper: Paper) -> str:
    """The page a citation points at: arXiv abs, else the paper's safe page ("" when none)."""
    arxiv_id = arxiv_id_of(paper)
    return abs_url(arxiv_id) if arxiv_id else paper_page_url(paper)


def plain_title(paper: Paper) -> str:
    """The title as plain text (LaTeX rendered simply)."""
    return latex_to_plain(paper.title)


def names_of(paper: Paper) -> list[PersonName]:
    """The authors, split into given and family names; empty names dropped."""
    return [split_name(author) for author in paper.authors if clean_line(author)]


def _end(text: str) -> str:
    """`text` ending with sentence punctuation."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _reference(paper: Paper, venue: Venue | None = None) -> str:
    doi = cited_doi(paper, venue)
    return f"https://doi.org/{doi}" if doi else landing_url(paper)


def _year(paper: Paper, venue: Venue | None) -> int | None:
    return (venue.year if venue else None) or citation_year(paper)


def _container(paper: Paper, venue: Venue | None) -> str:
    """Where it appeared: the journal or proceedings, else arXiv ("" for neither)."""
    if venue is not None and venue.name:
        return latex_to_plain(venue.name)
    return "arXiv" if arxiv_id_of(paper) else ""


# --- APA, MLA, plain -------------------------------------------------------------------------


def _apa_name(name: PersonName) -> str:
    short = initials(name.given)
    text = f"{name.family}, {short}" if short else name.family
    return f"{text}, {name.suffix}" if name.suffix else text


def _apa_authors(names: list[PersonName]) -> str:
    parts = [_apa_name(name) for name in names]
    if len(parts) == 1:
        return parts[0]
    if len(parts) > 20:
        return ", ".join(parts[:19]) + ", . . . " + parts[-1]
    return ", ".join(parts[:-1]) + ", & " + parts[-1]


def apa(paper: Paper, venue: Venue | None = None) -> str:
    """APA 7: ``Last, F. M., & Last, F. (2024). Title. arXiv. https://doi.org/...``."""
    venue = venue_of(paper, venue)
    year = _year(paper, venue)
    when = f"({year})." if year else "(n.d.)."
    title = _end(plain_title(paper))
    names = names_of(paper)
    parts = [_end(_apa_authors(names)), when, title] if names else [title, when]
    container = _container(paper, venue)
    if container and venue is not None:  # APA: Journal, volume, pages.
        container = ", ".join(part for part in (container, venue.volume, venue.pages) if part)
    parts += [_end(container)] if container else []
    parts.append(_reference(paper, venue))
    return clean_line(" ".join(part for part in parts if part))


def _given_first(name: PersonName) -> str:
    text = f"{name.given} {name.family}".strip()
    return f"{text}, {name.suffix}" if name.suffix else text


def _family_first(name: PersonName) -> str:
    text = f"{name.family}, {name.given}" if name.given else name.family
    return f"{text}, {name.suffix}" if name.suffix else text


def mla(paper: Paper, venue: Venue | None = None) -> str:
    """MLA 9: ``Last, First, and First Last. "Title." arXiv, 2024, https://doi.org/....``."""
    venue = venue_of(paper, venue)
    names = names_of(paper)
    if len(names) == 1:
        authors = _family_first(names[0])
    elif len(names) == 2:
        authors = f"{_family_first(names[0])}, and {_given_first(names[1])}"
    elif names:
        authors = f"{_family_first(names[0])}, et al"
    else:
        authors = ""
    year = _year(paper, venue)
    container = _container(paper, venue)
    tail = [container, *_mla_volume(venue), *([str(year)] if year else [])]
    tail += [*_mla_pages(venue), _reference(paper, venue)]
    parts = [_end(authors) if authors else "", f'"{_end(plain_title(paper))}"']
    parts.append(_end(", ".join(part for part in tail if part)))
    return clean_line(" ".join(part for part in parts if part and part != "."))


def _mla_volume(venue: Venue | None) -> list[str]:
    return [f"vol. {venue.volume}"] if venue is not None and venue.volume else []


def _mla_pages(venue: Venue | None) -> list[str]:
    if venue is None or not venue.pages:
        return []
    return [f"pp. {venue.pages}" if "-" in venue.pages else f"p. {venue.pages}"]


def plain(paper: Paper, venue: Venue | None = None) -> str:
    """Plain text: ``A. Author, B. Author, and C. Author. Title. arXiv:ID, 2024. URL``."""
    venue = venue_of(paper, venue)
    names = [_given_first(name) for name in names_of(paper)]
    if len(names) <= 2:
        authors = " and ".join(names)
    else:
        authors = ", ".join(names[:-1]) + ", and " + names[-1]
    arxiv_id = arxiv_id_of(paper)
    year = _year(paper, venue)
    journal = latex_to_plain(venue.name) if venue and venue.name else ""
    eprint = f"arXiv:{arxiv_id}" if arxiv_id else ""
    where = ", ".join(str(part) for part in (journal, eprint, year) if part)
    parts = [_end(authors) if names else "", _end(plain_title(paper))]
    parts += [_end(where) if where else "", landing_url(paper)]
    return clean_line(" ".join(part for part in parts if part))


# --- Markdown --------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def markdown(paper: Paper, venue: Venue | None = None) -> str:
    """A Markdown link ``[Title](url)``; the title escaped, parentheses in the URL encoded."""
    title = _MARKDOWN_SPECIAL.sub(r"\\\1", plain_title(paper))
    url = landing_url(paper).replace("(", "%28").replace(")", "%29")
    return f"[{title}]({url})" if url else title


# --- RIS and CSL-JSON ------------------------------------------------------------------------


def _ris_venue(venue: Venue) -> list[tuple[str, str]]:
    lines = [("T2", latex_to_plain(venue.name))] if venue.name else []
    lines += [("VL", venue.volume)] if venue.volume else []
    if venue.pages:
        start, _, end = venue.pages.partition("-")
        lines += [("SP", start)] + ([("EP", end.lstrip("-"))] if end else [])
    return lines


def ris(
    paper: Paper,
    key: str,
    venue: Venue | None = None,
    *,
    pdf: str = "",
    marks: Marks | None = None,
) -> str:
    """An RIS record (``TY  - GEN``, ``JOUR`` or ``CONF`` ... ``ER  - ``), one tag per line;
    `pdf` adds the PDF link as ``L1`` (Zotero attaches it); `marks` the user's tags (``KW``)
    and note (``N1``)."""
    venue = venue_of(paper, venue)
    kind = "GEN" if venue is None else ("CONF" if venue.kind == PROCEEDINGS else "JOUR")
    lines = [("TY", kind), ("ID", key), ("TI", plain_title(paper))]
    lines += [("AU", _family_first(name)) for name in names_of(paper)]
    year = _year(paper, venue)
    lines += [("PY", str(year))] if year else []
    if paper.published is not None:
        lines.append(("DA", paper.published.strftime("%Y/%m/%d")))
    if paper.abstract.strip():
        lines.append(("AB", paper.abstract))
    lines += _ris_venue(venue) if venue else []
    arxiv_id = arxiv_id_of(paper)
    if arxiv_id:
        lines += ([("PB", "arXiv")] if venue is None else []) + [("AN", f"arXiv:{arxiv_id}")]
    lines += [("KW", category) for category in paper.categories]
    if marks is not None:
        lines += [("KW", tag) for tag in marks.tags if tag not in paper.categories]
        lines += [("N1", marks.note)] if marks.note.strip() else []
    doi, url = cited_doi(paper, venue), landing_url(paper)
    lines += [("DO", doi)] if doi else []
    lines += [("UR", url)] if url else []
    lines += [("L1", pdf)] if pdf else []
    body = [f"{tag}  - {clean_line(value)}" for tag, value in lines if clean_line(value)]
    return "\n".join([*body, "ER  - "])


def _csl_name(name: PersonName) -> dict[str, str]:
    if not name.given:
        return {"literal": name.family}
    entry = {"family": name.family, "given": name.given}
    if name.suffix:
        entry["suffix"] = name.suffix
    return entry


def csl_json(
    paper: Paper, key: str, venue: Venue | None = None, *, marks: Marks | None = None
) -> dict[str, Any]:
    """A CSL-JSON item (as Zotero writes a preprint: type ``article``, publisher arXiv; a
    published one: ``article-journal`` or ``paper-conference`` with its container); `marks`
    adds the user's tags (``keyword``, comma-separated as CSL has it) and note (``note``)."""
    venue = venue_of(paper, venue)
    kinds = {PROCEEDINGS: "paper-conference"}
    kind = "article" if venue is None else kinds.get(venue.kind, "article-journal")
    item: dict[str, Any] = {"id": key, "type": kind, "title": plain_title(paper)}
    names = names_of(paper)
    if names:
        item["author"] = [_csl_name(name) for name in names]
    if paper.published is not None and not (venue and venue.year):
        published = paper.published
        item["issued"] = {"date-parts": [[published.year, published.month, published.day]]}
    elif _year(paper, venue):
        item["issued"] = {"date-parts": [[_year(paper, venue)]]}
    if venue is not None and venue.name:
        item["container-title"] = latex_to_plain(venue.name)
    arxiv_id = arxiv_id_of(paper)
    if arxiv_id and venue is None:
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{arxiv_id}"
    doi, url = cited_doi(paper, venue), landing_url(paper)
    if doi:
        item["DOI"] = doi
    if url:
        item["URL"] = url
    if clean_line(paper.abstract):
        item["abstract"] = clean_line(paper.abstract)
    return _with_marks(item, marks)


def _with_marks(item: dict[str, Any], marks: Marks | None) -> dict[str, Any]:
    if marks is None:
        return item
    tags = [clean_line(tag) for tag in marks.tags if clean_line(tag)]
    if tags:
        item["keyword"] = ", ".join(tags)
    if clean_line(marks.note):
        item["note"] = clean_line(marks.note)
    return item
