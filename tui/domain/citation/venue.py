"""Where a paper was published: from arXiv's own fields, or from a lookup service's answer.

`Venue` is the published version: a journal (``@article``) or proceedings (``@inproceedings``)
with its DOI, year, volume and pages, and a short badge (``NeurIPS 2025``). `arxiv_venue`
reads arXiv's ``<arxiv:journal_ref>`` and ``<arxiv:doi>``. The three readers below take the
decoded JSON of Semantic Scholar's graph API (``/graph/v1/paper/arXiv:{id}``), DBLP's
publication search (``/search/publ/api?format=json``) and Crossref's works query
(``/works?query.bibliographic=...``), and keep only a real published version: never the arXiv
preprint itself (DBLP's CoRR "Informal Publications", Crossref's ``posted-content``, the
``10.48550/arXiv.`` DOI). Every text from outside is sanitised and length-capped here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tui.domain.citation.text import ascii_fold, clean_line
from tui.domain.paper import Paper
from tui.domain.sanitise import sanitise_line

_PREPRINT_NAMES = frozenset({"arxiv", "arxiv.org", "corr", "biorxiv", "medrxiv"})
ARTICLE = "article"
PROCEEDINGS = "inproceedings"
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_YEAR = re.compile(r"\((?:[^()]*\s)?((?:19|20)\d{2})\)|\b((?:19|20)\d{2})\b")
# Names that conferences go by, for the badge: the first that appears in the venue's name
# (the chapters and the journal of the ACL before the ACL itself).
_SHORT_NAMES = (
    ("north american chapter of the association for computational linguistics", "NAACL"),
    ("european chapter of the association for computational linguistics", "EACL"),
    ("transactions of the association for computational linguistics", "TACL"),
    ("findings of the association for computational linguistics", "Findings of ACL"),
    ("transactions on machine learning research", "TMLR"),
    ("journal of machine learning research", "JMLR"),
    ("international joint conference on artificial intelligence", "IJCAI"),
    ("artificial intelligence and statistics", "AISTATS"),
    ("conference on learning theory", "COLT"),
    ("conference on robot learning", "CoRL"),
    ("knowledge discovery and data mining", "KDD"),
    ("neural information processing systems", "NeurIPS"),
    ("neurips", "NeurIPS"),
    ("international conference on learning representations", "ICLR"),
    ("iclr", "ICLR"),
    ("international conference on machine learning", "ICML"),
    ("icml", "ICML"),
    ("computer vision and pattern recognition", "CVPR"),
    ("cvpr", "CVPR"),
    ("international conference on computer vision", "ICCV"),
    ("european conference on computer vision", "ECCV"),
    ("association for computational linguistics", "ACL"),
    ("empirical methods in natural language processing", "EMNLP"),
    ("aaai", "AAAI"),
    ("physical review letters", "Phys. Rev. Lett."),
)


@dataclass(frozen=True)
class Venue:
    """The published version of a paper."""

    kind: str  # ARTICLE or PROCEEDINGS
    name: str  # journal or proceedings title ("" when only the DOI is known)
    year: int | None = None
    doi: str | None = None
    volume: str = ""
    pages: str = ""
    source: str = ""  # who said so: arXiv, Semantic Scholar, DBLP, Crossref

    @property
    def badge(self) -> str:
        """A short label for the preview: ``NeurIPS 2025``, ``Phys. Rev. B 2023``."""
        folded = ascii_fold(self.name).lower()
        short = next((s for long, s in _SHORT_NAMES if long in folded), None)
        if "workshop" in folded:  # a NeurIPS workshop paper is no NeurIPS paper: say which
            short = self.name[:40].strip()
        label = short or _shorten(self.name) or "published"
        return f"{label} {self.year}" if self.year and str(self.year) not in label else label


def _shorten(name: str) -> str:
    """A journal_ref without numbers: ``Phys. Rev. B 108, 014505 (2023)`` -> ``Phys. Rev. B``."""
    head = re.split(r"\s+\d|,|\(", name, maxsplit=1)[0].strip()
    return head[:40]


def _text(value: object, cap: int = 300) -> str:
    return clean_line(sanitise_line(value))[:cap] if isinstance(value, str) else ""


def clean_doi(value: object) -> str | None:
    """A DOI as ``10.xxxx/...`` (no resolver prefix), or None when it is none or arXiv's own."""
    doi = _text(value, 200)
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi, flags=re.IGNORECASE).strip()
    doi = re.sub(r"[\s{}\\\"<>]", "", doi)
    if not _DOI.match(doi) or _ARXIV_DOI.match(doi):
        return None
    return doi


def _year(value: object) -> int | None:
    if isinstance(value, int) and 1900 <= value <= 2100:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return _year(int(value.strip()))
    return None


def arxiv_venue(paper: Paper) -> Venue | None:
    """The published version arXiv names (``journal_ref``, a journal DOI), if any. A journal_ref
    of a usual shape is split into journal, volume and pages (``Phys. Rev. B 108, 014505
    (2023)``); any other is kept whole as the journal."""
    doi = clean_doi(paper.doi)
    name = _text(paper.journal_ref)
    if not paper.is_arxiv or not (doi or name):
        return None
    split = split_journal_ref(name)
    if split is not None:
        journal, volume, pages, year = split
        return Venue(ARTICLE, journal, year, doi, volume, pages, source="arXiv")
    match = _YEAR.search(name)
    found = int(match.group(1) or match.group(2)) if match else None
    return Venue(ARTICLE, name, found, doi, source="arXiv")


_NAME = r"(?P<name>[^\d()\[\],;]*[^\d()\[\],;:\s])"  # no digits: "Phys. Rev. B", "Nature"
_VOLUME = r"(?P<volume>[A-Z]?\d{1,5}[A-Za-z]?)"
_PAGES = r"(?P<pages>[A-Za-z]?\d{1,7}(?:\s*[-\u2013]{1,2}\s*[A-Za-z]?\d{1,7})?)"
_REF_YEAR = r"\((?P<year>(?:19|20)\d{2})\)"
_JOURNAL_REFS = tuple(
    re.compile(rf"^{shape}\.?$")
    for shape in (
        rf"{_NAME}\s+{_VOLUME}\s*[,:]\s*{_PAGES}\s*{_REF_YEAR}",  # Phys. Rev. B 108, 014505 (2023)
        rf"{_NAME}\s+{_VOLUME}\s*{_REF_YEAR}\s*[,:]?\s*{_PAGES}",  # Nature 620 (2024) 103-133
        rf"{_NAME}\s*{_REF_YEAR}\s*[,:]?\s*{_PAGES}",  # Trans. Mach. Learn. Res. (2018) 131-161
    )
)


def split_journal_ref(text: str) -> tuple[str, str, str, int] | None:
    """(journal, volume, pages, year) of a journal_ref of a usual shape, else None."""
    for shape in _JOURNAL_REFS:
        match = shape.match(text.strip())
        if match is not None:
            found = match.groupdict()
            pages = re.sub(r"\s*[-\u2013]{1,2}\s*", "-", found["pages"])
            return found["name"].strip(), found.get("volume") or "", pages, int(found["year"])
    return None


def venue_from_record(record: object) -> Venue | None:
    """A venue kept in the data folder (the fields of `Venue`), read back with every text
    sanitised again; None when it is not one."""
    if not isinstance(record, dict) or record.get("kind") not in (ARTICLE, PROCEEDINGS):
        return None
    name = _text(record.get("name"))
    doi = clean_doi(record.get("doi"))
    if not (name or doi):
        return None
    return Venue(
        record["kind"],
        name,
        _year(record.get("year")),
        doi,
        _text(record.get("volume"), 40),
        _text(record.get("pages"), 40),
        _text(record.get("source"), 40),
    )


def _s2_kind(paper: dict[str, Any]) -> str:
    types = paper.get("publicationTypes") or []
    venue = paper.get("publicationVenue") or {}
    if "Conference" in types or (isinstance(venue, dict) and venue.get("type") == "conference"):
        return PROCEEDINGS
    return ARTICLE


def venue_from_semantic_scholar(data: object) -> Venue | None:
    """A Semantic Scholar graph API paper object, read as a venue (None: a preprint only)."""
    if not isinstance(data, dict):
        return None
    journal, ids, venue = (
        _mapping(data.get(name)) for name in ("journal", "externalIds", "publicationVenue")
    )
    name = _text(venue.get("name")) or _text(data.get("venue")) or _text(journal.get("name"))
    if not name or name.lower() in _PREPRINT_NAMES:
        return None
    if _text(journal.get("name")).lower() in _PREPRINT_NAMES:
        journal = {}  # the arXiv record's "journal" ("abs/2305.18290"), not the venue's
    return Venue(
        _s2_kind(data),
        name,
        _year(data.get("year")),
        clean_doi(ids.get("DOI")),
        _text(journal.get("volume"), 40),
        _text(journal.get("pages"), 40).replace(" ", ""),
        "Semantic Scholar",
    )


def _same_title(mine: str, theirs: str) -> bool:
    def norm(text: str) -> str:
        return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())

    return bool(norm(mine)) and norm(mine) == norm(theirs)


def _has_author(names: list[str], family: str) -> bool:
    """True when `family` (the first author's family name) is among `names`, or when either is
    unknown: a title alone ("Deep Learning") may name another work."""
    wanted = re.sub(r"[^a-z]", "", ascii_fold(family).lower())
    folded = [re.sub(r"[^a-z]", "", ascii_fold(name).lower()) for name in names]
    return not wanted or not any(folded) or any(wanted in name for name in folded)


def _dblp_authors(info: dict[str, Any]) -> list[str]:
    authors = _dig(info, "authors", "author")
    listed = authors if isinstance(authors, list) else [authors]
    return [_text(a.get("text") if isinstance(a, dict) else a) for a in listed]


def venue_from_dblp(data: object, title: str, family: str = "") -> Venue | None:
    """The first DBLP hit with `title` (and the first author's `family` name, when known) that
    is not the CoRR (arXiv) record, as a venue."""
    hits = _dig(data, "result", "hits", "hit")
    for hit in hits if isinstance(hits, list) else []:
        info = hit.get("info") if isinstance(hit, dict) else None
        if not isinstance(info, dict) or not _same_title(title, _text(info.get("title"))):
            continue
        if not _has_author(_dblp_authors(info), family):
            continue
        kind_text = _text(info.get("type"))
        venue = info.get("venue")
        name = _text(venue[0] if isinstance(venue, list) and venue else venue)
        if kind_text == "Informal Publications" or name.lower() == "corr" or not name:
            continue
        kind = PROCEEDINGS if "Conference" in kind_text else ARTICLE
        return Venue(
            kind,
            name,
            _year(info.get("year")),
            clean_doi(info.get("doi")),
            _text(info.get("volume"), 40),
            _text(info.get("pages"), 40),
            "DBLP",
        )
    return None


def venue_from_crossref(data: object, title: str, family: str = "") -> Venue | None:
    """The first Crossref work with `title` (and the first author's `family` name, when known)
    that is a journal or proceedings article."""
    items = _dig(data, "message", "items")
    kinds = {"journal-article": ARTICLE, "proceedings-article": PROCEEDINGS}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or item.get("type") not in kinds:
            continue
        titles, containers = item.get("title") or [""], item.get("container-title") or [""]
        if not _same_title(title, _text(titles[0])) or not _text(containers[0]):
            continue
        people = item.get("author")
        listed = people if isinstance(people, list) else []
        names = [_text(p.get("family") or p.get("name")) for p in listed if isinstance(p, dict)]
        if not _has_author(names, family):
            continue
        parts = _dig(item, "issued", "date-parts")
        year = _year(parts[0][0]) if isinstance(parts, list) and parts and parts[0] else None
        return Venue(
            kinds[item["type"]],
            _text(containers[0]),
            year,
            clean_doi(item.get("DOI")),
            _text(item.get("volume"), 40),
            _text(item.get("page"), 40),
            "Crossref",
        )
    return None


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dig(data: object, *path: str) -> object:
    for name in path:
        if not isinstance(data, dict):
            return None
        data = data.get(name)
    return data
