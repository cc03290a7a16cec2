"""Seeds for "for you": the papers of a BibTeX, CSL-JSON, RIS or Markdown file (a Zotero
export, a refs.bib, or any `export` file of this app), as (id, title, abstract).

Pure and tolerant: an entry without a title is skipped (and counted), never an error; every
string is sanitised and TeX is rendered (``{\\"u}`` → ü). An entry's id is its arXiv id where
one is found (``eprint``, a URL, an arXiv DOI), else ``doi:<doi>``, else ``title:<folded
title>``, so the same paper seeded twice is one seed, and a seed that is a cached paper is
that paper. The BibTeX reader is a small brace counter, not a TeX interpreter: no macro is
expanded, no ``@string`` substituted, and nothing is ever run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from tui.domain.arxiv import find_arxiv_id
from tui.domain.latex import latex_to_unicode
from tui.domain.paper_list import fold
from tui.domain.sanitise import sanitise_line, sanitise_text

MAX_SEEDS: Final = 20_000
_ENTRY = re.compile(r"@([A-Za-z]+)\s*[{(]")
_FIELD = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)\s*=\s*")
_MARKDOWN = re.compile(r"\[([^\]\n]{3,})\]\((https?://[^)\s]+)\)")
_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


@dataclass(frozen=True, slots=True)
class Seed:
    """A paper to count as liked: its id (see the module), title and abstract."""

    id: str
    title: str
    abstract: str = ""


@dataclass(frozen=True, slots=True)
class SeedFile:
    """What a file held: the seeds (one per id) and how many entries had no title."""

    seeds: tuple[Seed, ...]
    skipped: int = 0
    kind: str = ""


def parse_seeds(text: str) -> SeedFile:
    """The seeds in `text`, whichever of BibTeX, CSL-JSON, RIS or Markdown it is."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("[", "{")):
        kind, raw = "CSL-JSON", list(_csl_json(stripped))
    elif re.search(r"(?m)^TY  -", stripped):
        kind, raw = "RIS", list(_ris(stripped))
    elif _ENTRY.search(stripped):
        kind, raw = "BibTeX", list(_bibtex(stripped))
    else:
        kind, raw = "Markdown", [{"title": t, "url": u} for t, u in _MARKDOWN.findall(stripped)]
    seeds: dict[str, Seed] = {}
    skipped = 0
    for fields in raw[:MAX_SEEDS]:
        seed = _seed(fields)
        if seed is None:
            skipped += 1
        else:
            seeds.setdefault(seed.id, seed)
    return SeedFile(tuple(seeds.values()), skipped, kind)


def _seed(fields: Mapping[str, str]) -> Seed | None:
    title = sanitise_line(" ".join(latex_to_unicode(fields.get("title", "")).split()))
    if not title:
        return None
    abstract = sanitise_text(latex_to_unicode(fields.get("abstract", "")))
    return Seed(_identity(fields, title), title, abstract)


def _identity(fields: Mapping[str, str], title: str) -> str:
    for name in ("eprint", "arxiv", "url", "doi", "note", "number"):
        found = find_arxiv_id(fields.get(name, ""))
        if found:
            return found
    doi = _DOI.search(fields.get("doi", ""))
    if doi:
        return sanitise_line(f"doi:{doi.group(0).lower()}")
    return "title:" + " ".join(re.findall(r"\w+", fold(title)))


def _bibtex(text: str) -> Iterator[dict[str, str]]:
    for match in _ENTRY.finditer(text):
        if match.group(1).lower() in ("string", "preamble", "comment"):
            continue
        body = _balanced(text, match.end() - 1)
        comma = body.find(",")
        if comma >= 0:
            yield _bib_fields(body[comma + 1 :])


def _balanced(text: str, start: int) -> str:
    """The text inside the brace (or parenthesis) at `start`, to its match or the end."""
    opening = text[start]
    closing = "}" if opening == "{" else ")"
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{" or (char == opening and opening == "("):
            depth += 1
        elif char == "}" or (char == closing and closing == ")"):
            depth -= 1
            if depth == 0:
                return text[start + 1 : index]
    return text[start + 1 :]


def _bib_fields(body: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    position = 0
    while (match := _FIELD.search(body, position)) is not None:
        start = match.end()
        if start >= len(body):
            break
        if body[start] == "{":
            value = _balanced(body, start)
            position = start + len(value) + 2
        elif body[start] == '"':
            end = body.find('"', start + 1)
            end = len(body) if end < 0 else end
            value, position = body[start + 1 : end], end + 1
        else:
            end = body.find(",", start)
            end = len(body) if end < 0 else end
            value, position = body[start:end].strip(), end + 1
        fields.setdefault(match.group(1).lower(), value.replace("{", "").replace("}", ""))
    return fields


def _csl_json(text: str) -> Iterator[dict[str, str]]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    if isinstance(data, dict):
        data = data.get("items", [data])
    if not isinstance(data, list):
        return
    for item in data:
        if isinstance(item, dict):
            yield {
                "title": _string(item.get("title")),
                "abstract": _string(item.get("abstract")),
                "url": _string(item.get("URL")),
                "doi": _string(item.get("DOI")),
                "number": _string(item.get("number")),
                "arxiv": _string(item.get("id")),
            }


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _ris(text: str) -> Iterator[dict[str, str]]:
    names = {"TI": "title", "T1": "title", "AB": "abstract", "UR": "url", "DO": "doi"}
    fields: dict[str, str] = {}
    for line in text.splitlines():
        match = _RIS_LINE.match(line.rstrip())
        if match is None:
            continue
        tag, value = match.groups()
        if tag == "ER":
            yield fields
            fields = {}
        elif tag in names:
            fields.setdefault(names[tag], value)
    if fields:
        yield fields
