"""The non-BibTeX citation formats: APA, MLA, plain text, Markdown, RIS and CSL-JSON.

Built from local metadata only. Titles are rendered from their LaTeX to plain text; every field
is put on one line. An arXiv paper is cited through its DataCite DOI
(``https://doi.org/10.48550/arXiv.<id>``) where the format has a place for one, and its
abstract page otherwise; a paper without an arXiv id through its own DOI or safe link.
"""

from __future__ import annotations

import re
from typing import Any

from tui.domain.arxiv import abs_url, normalise_arxiv_id, year_of
from tui.domain.citation_text import PersonName, clean_line, initials, latex_to_plain, split_name
from tui.domain.links import paper_page_url
from tui.domain.paper import Paper

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
    """The arXiv DataCite DOI for an arXiv paper, else the paper's own DOI (cleaned)."""
    arxiv_id = arxiv_id_of(paper)
    if arxiv_id:
        return f"10.48550/arXiv.{arxiv_id}"
    doi = re.sub(r"[\s{}\\\"<>]", "", paper.doi or "")
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi, flags=re.IGNORECASE)
    return doi or None


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


def _reference(paper: Paper) -> str:
    doi = doi_of(paper)
    return f"https://doi.org/{doi}" if doi else landing_url(paper)


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


def apa(paper: Paper) -> str:
    """APA 7: ``Last, F. M., & Last, F. (2024). Title. arXiv. https://doi.org/...``."""
    year = citation_year(paper)
    when = f"({year})." if year else "(n.d.)."
    title = _end(plain_title(paper))
    names = names_of(paper)
    parts = [_end(_apa_authors(names)), when, title] if names else [title, when]
    if arxiv_id_of(paper):
        parts.append("arXiv.")
    parts.append(_reference(paper))
    return clean_line(" ".join(part for part in parts if part))


def _given_first(name: PersonName) -> str:
    text = f"{name.given} {name.family}".strip()
    return f"{text}, {name.suffix}" if name.suffix else text


def _family_first(name: PersonName) -> str:
    text = f"{name.family}, {name.given}" if name.given else name.family
    return f"{text}, {name.suffix}" if name.suffix else text


def mla(paper: Paper) -> str:
    """MLA 9: ``Last, First, and First Last. "Title." arXiv, 2024, https://doi.org/....``."""
    names = names_of(paper)
    if len(names) == 1:
        authors = _family_first(names[0])
    elif len(names) == 2:
        authors = f"{_family_first(names[0])}, and {_given_first(names[1])}"
    elif names:
        authors = f"{_family_first(names[0])}, et al"
    else:
        authors = ""
    container = ["arXiv"] if arxiv_id_of(paper) else []
    year = citation_year(paper)
    tail = [*container, *([str(year)] if year else []), _reference(paper)]
    parts = [_end(authors) if authors else "", f'"{_end(plain_title(paper))}"']
    parts.append(_end(", ".join(part for part in tail if part)))
    return clean_line(" ".join(part for part in parts if part and part != "."))


def plain(paper: Paper) -> str:
    """Plain text: ``A. Author, B. Author, and C. Author. Title. arXiv:ID, 2024. URL``."""
    names = [_given_first(name) for name in names_of(paper)]
    if len(names) <= 2:
        authors = " and ".join(names)
    else:
        authors = ", ".join(names[:-1]) + ", and " + names[-1]
    arxiv_id = arxiv_id_of(paper)
    year = citation_year(paper)
    where = ", ".join(str(part) for part in (f"arXiv:{arxiv_id}" if arxiv_id else "", year) if part)
    parts = [_end(authors) if names else "", _end(plain_title(paper))]
    parts += [_end(where) if where else "", landing_url(paper)]
    return clean_line(" ".join(part for part in parts if part))


# --- Markdown --------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def markdown(paper: Paper) -> str:
    """A Markdown link ``[Title](url)``; the title escaped, parentheses in the URL encoded."""
    title = _MARKDOWN_SPECIAL.sub(r"\\\1", plain_title(paper))
    url = landing_url(paper).replace("(", "%28").replace(")", "%29")
    return f"[{title}]({url})" if url else title


# --- RIS and CSL-JSON ------------------------------------------------------------------------


def ris(paper: Paper, key: str) -> str:
    """An RIS record (``TY  - GEN`` ... ``ER  - ``), one tag per line."""
    lines = [("TY", "GEN"), ("ID", key), ("TI", plain_title(paper))]
    lines += [("AU", _family_first(name)) for name in names_of(paper)]
    year = citation_year(paper)
    if year:
        lines.append(("PY", str(year)))
    if paper.published is not None:
        lines.append(("DA", paper.published.strftime("%Y/%m/%d")))
    if paper.abstract.strip():
        lines.append(("AB", paper.abstract))
    arxiv_id = arxiv_id_of(paper)
    if arxiv_id:
        lines += [("PB", "arXiv"), ("AN", f"arXiv:{arxiv_id}")]
    lines += [("KW", category) for category in paper.categories]
    doi, url = doi_of(paper), landing_url(paper)
    lines += [("DO", doi)] if doi else []
    lines += [("UR", url)] if url else []
    body = [f"{tag}  - {clean_line(value)}" for tag, value in lines if clean_line(value)]
    return "\n".join([*body, "ER  - "])


def _csl_name(name: PersonName) -> dict[str, str]:
    if not name.given:
        return {"literal": name.family}
    entry = {"family": name.family, "given": name.given}
    if name.suffix:
        entry["suffix"] = name.suffix
    return entry


def csl_json(paper: Paper, key: str) -> dict[str, Any]:
    """A CSL-JSON item (as Zotero writes a preprint: type ``article``, publisher arXiv)."""
    item: dict[str, Any] = {"id": key, "type": "article", "title": plain_title(paper)}
    names = names_of(paper)
    if names:
        item["author"] = [_csl_name(name) for name in names]
    if paper.published is not None:
        published = paper.published
        item["issued"] = {"date-parts": [[published.year, published.month, published.day]]}
    elif citation_year(paper):
        item["issued"] = {"date-parts": [[citation_year(paper)]]}
    arxiv_id = arxiv_id_of(paper)
    if arxiv_id:
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{arxiv_id}"
    doi, url = doi_of(paper), landing_url(paper)
    if doi:
        item["DOI"] = doi
    if url:
        item["URL"] = url
    if clean_line(paper.abstract):
        item["abstract"] = clean_line(paper.abstract)
    return item
