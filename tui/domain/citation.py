"""Citations of a paper from local metadata: cite keys, BibTeX in arXiv's style, every format.

BibTeX follows what ``https://arxiv.org/bibtex/<id>`` emits (``@misc``, six-space indent,
``field={value},``) plus the arXiv DataCite DOI. Titles are NOT wrapped in an extra brace pair
(arXiv does not, and it keeps styles free to case titles); LaTeX specials are escaped outside
balanced ``$...$`` math (see `tui.domain.citation_text`). Text stays UTF-8 unless
``ascii_only``, which spells accents the LaTeX way and turns anything unmappable into ``?``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Sequence
from enum import StrEnum

from tui.domain import citation_formats as formats
from tui.domain.citation_text import (
    PersonName,
    ascii_fold,
    escape_latex,
    latex_to_plain,
    split_math,
)
from tui.domain.paper import Paper


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


# --- cite keys -------------------------------------------------------------------------------

_STOP_WORDS = frozenset(
    {
        "a", "an", "the", "of", "on", "in", "for", "to", "and", "with", "from", "by", "at", "is",
        "are", "as", "via", "into", "towards", "toward", "or", "its", "do", "does",
    }
)  # fmt: skip
_KEY_FORBIDDEN = re.compile(r"[\s,{}()\"#%'=\\~@]")


def _key_word(title: str) -> str:
    text = " ".join(piece for is_math, piece in split_math(title) if not is_math)
    for word in re.split(r"[^a-z0-9]+", ascii_fold(latex_to_plain(text)).lower()):
        if word and word not in _STOP_WORDS:
            return word
    return ""


def _suffixes() -> Iterator[str]:
    """a, b, ..., z, aa, ab, ... (bijective base 26)."""
    number = 1
    while True:
        suffix, rest = "", number
        while rest:
            rest, digit = divmod(rest - 1, 26)
            suffix = chr(ord("a") + digit) + suffix
        yield suffix
        number += 1


def unique_key(base: str, taken: Collection[str]) -> str:
    """`base`, or `base` with the first letter suffix that no key in `taken` has (any case)."""
    used = {key.lower() for key in taken}
    if base.lower() not in used:
        return base
    return next(base + s for s in _suffixes() if (base + s).lower() not in used)


def cite_key(paper: Paper, taken: Collection[str] = ()) -> str:
    """``lastnameYYYYfirstword`` (Google Scholar style), unique against `taken`.

    The family name of the first author folded to lower-case ASCII (``anon`` when there is
    none), the year of the arXiv id or of publication (``nd`` when unknown), the first title
    word that is not a stop word, with LaTeX and punctuation removed.
    """
    names = formats.names_of(paper)
    family = re.sub(r"[^a-z]", "", ascii_fold(names[0].family).lower()) if names else ""
    year = formats.citation_year(paper)
    base = f"{family or 'anon'}{year or 'nd'}{_key_word(paper.title)}"
    return unique_key(base, taken)


# --- BibTeX ----------------------------------------------------------------------------------


def _protect(part: str) -> str:
    """A name part in braces when BibTeX would misread it (the word "and", a comma)."""
    if "," in part or any(word.lower() == "and" for word in part.split()):
        return f"{{{part}}}"
    return part


def _bibtex_name(name: PersonName, ascii_only: bool) -> str:
    family, given, suffix = (
        _protect(escape_latex(part, ascii_only=ascii_only, keep_math=False))
        for part in (name.family, name.given, name.suffix)
    )
    if suffix:
        return f"{family}, {suffix}, {given}"
    return f"{family}, {given}" if given else family


def _primary_class(paper: Paper, arxiv_id: str) -> str | None:
    category = paper.primary_category or ("" if "/" not in arxiv_id else arxiv_id.split("/")[0])
    category = re.sub(r"[^A-Za-z.-]", "", category)
    return category or None


def _clean_key(key: str | None, paper: Paper) -> str:
    cleaned = _KEY_FORBIDDEN.sub("", key or "")
    return cleaned or cite_key(paper)


def bibtex_entry(paper: Paper, *, key: str | None = None, ascii_only: bool = False) -> str:
    """One ``@misc`` entry in arXiv's style (no trailing newline); see the module docstring."""
    fields: list[tuple[str, str]] = [("title", escape_latex(paper.title, ascii_only=ascii_only))]
    names = formats.names_of(paper)
    if names:
        fields.append(("author", " and ".join(_bibtex_name(n, ascii_only) for n in names)))
    year = formats.citation_year(paper)
    if year:
        fields.append(("year", str(year)))
    arxiv_id = formats.arxiv_id_of(paper)
    # "@" could read as an entry start to a tolerant parser; %40 is the same URL.
    url = formats.landing_url(paper).replace("@", "%40")
    if arxiv_id:
        fields += [("eprint", arxiv_id), ("archivePrefix", "arXiv")]
        primary = _primary_class(paper, arxiv_id)
        fields += [("primaryClass", primary)] if primary else []
    elif url:
        escaped_url = url.replace("%", r"\%").replace("#", r"\#")
        fields.append(("howpublished", rf"\url{{{escaped_url}}}"))
    if url:
        fields.append(("url", url))
    doi = formats.doi_of(paper)
    if doi:
        fields.append(("doi", doi.replace("@", "%40")))
    body = [f"      {name}={{{value}}}," for name, value in fields]
    return "\n".join([f"@misc{{{_clean_key(key, paper)},", *body, "}"])


# --- every format ----------------------------------------------------------------------------


def format_citation(
    paper: Paper, fmt: CitationFormat, *, key: str | None = None, ascii_only: bool = False
) -> str:
    """`paper` cited in `fmt`. URL is the arXiv abstract page (else the paper's safe page);
    ARXIV_ID is "" for a paper without an arXiv id; `ascii_only` only changes BibTeX."""
    if fmt is CitationFormat.BIBTEX:
        return bibtex_entry(paper, key=key, ascii_only=ascii_only)
    if fmt is CitationFormat.RIS:
        return formats.ris(paper, _clean_key(key, paper))
    if fmt is CitationFormat.CSL_JSON:
        item = formats.csl_json(paper, _clean_key(key, paper))
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
    return simple[fmt](paper)


def unique_keys(papers: Sequence[Paper], taken: Collection[str] = ()) -> list[str]:
    """A cite key per paper, unique across `papers` and against `taken`."""
    used = list(taken)
    keys = []
    for paper in papers:
        keys.append(cite_key(paper, used))
        used.append(keys[-1])
    return keys


def export_entries(papers: Sequence[Paper], fmt: CitationFormat) -> str:
    """Every paper in `fmt` as one text: BibTeX/RIS entries apart by a blank line (unique
    keys), CSL-JSON one array, Markdown a list, the one-line formats one per line."""
    keys = unique_keys(papers)
    if fmt is CitationFormat.CSL_JSON:
        items = [formats.csl_json(paper, key) for paper, key in zip(papers, keys, strict=True)]
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    texts = [format_citation(p, fmt, key=k) for p, k in zip(papers, keys, strict=True)]
    texts = [text for text in texts if text]
    if not texts:
        return ""
    if fmt in (CitationFormat.BIBTEX, CitationFormat.RIS):
        return "\n\n".join(texts) + "\n"
    if fmt is CitationFormat.MARKDOWN:
        return "".join(f"- {text}\n" for text in texts)
    return "".join(f"{text}\n" for text in texts)
