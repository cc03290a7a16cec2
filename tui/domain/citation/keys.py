"""Cite keys: one paper always gets the same key, and two papers never share one.

The base key is ``lastnameYYYYfirstword`` (Google Scholar style). Papers of a library whose base
keys clash (``vaswani2024attention`` twice) are told apart by something of each paper itself:
the one with the earliest arXiv id (else the earliest date, else the smallest id) keeps the base
key, every other takes the base key with its own id appended (``vaswani2024attention-2406.01234``).
So a key depends neither on what else is exported nor on the order, and a newer paper joining
the library does not rename an older one. `KeyBook` holds the keys of one library; given the
keys handed out before (`given`, kept in the data folder), it gives each paper its kept key and
never gives a kept key to another paper, so an older paper joining later cannot take a key
that is already in someone's `.bib`; the keys it hands out new are in `fresh`.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping

from tui.domain.citation import formats
from tui.domain.citation.text import ascii_fold, latex_to_plain, split_math
from tui.domain.paper import Paper

_STOP_WORDS = frozenset(
    {
        "a", "an", "the", "of", "on", "in", "for", "to", "and", "with", "from", "by", "at", "is",
        "are", "as", "via", "into", "towards", "toward", "or", "its", "do", "does",
    }
)  # fmt: skip
KEY_FORBIDDEN = re.compile(r"[\s,{}()\"#%'=\\~@]")
KEY_LIMIT = 400


def is_plain_key(text: str) -> bool:
    """True for a key this reader could have made: printable ASCII, none of BibTeX's special
    characters, not empty, not too long (what a kept key read back from disk must be)."""
    return (
        0 < len(text) <= KEY_LIMIT
        and text.isascii()
        and text.isprintable()
        and KEY_FORBIDDEN.search(text) is None
    )


def _key_word(title: str) -> str:
    text = " ".join(piece for is_math, piece in split_math(title) if not is_math)
    for word in re.split(r"[^a-z0-9]+", ascii_fold(latex_to_plain(text)).lower()):
        if word and word not in _STOP_WORDS:
            return word
    return ""


def base_key(paper: Paper) -> str:
    """``lastnameYYYYfirstword``: the first author's family name folded to lower-case ASCII
    (``anon`` when there is none), the year (``nd`` when unknown), the first title word that is
    not a stop word, with LaTeX and punctuation removed."""
    names = formats.names_of(paper)
    family = re.sub(r"[^a-z]", "", ascii_fold(names[0].family).lower()) if names else ""
    year = formats.citation_year(paper)
    return f"{family or 'anon'}{year or 'nd'}{_key_word(paper.title)}"


def paper_tag(paper: Paper) -> str:
    """What of the paper itself tells it apart: its arXiv id (``2405.09818``,
    ``hep-th9901001``), else eight hex digits of a hash of its id."""
    arxiv_id = formats.arxiv_id_of(paper)
    if arxiv_id:
        return arxiv_id.replace("/", "")
    return hashlib.sha256(paper.id.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def distinct_key(paper: Paper) -> str:
    """The base key with the paper's own tag: the key a paper takes when its base is taken."""
    return f"{base_key(paper)}-{paper_tag(paper)}"


def _seniority(paper: Paper) -> tuple[int, str, str]:
    """Earliest first: arXiv papers by id (year, then month and number), then the rest."""
    arxiv_id = formats.arxiv_id_of(paper)
    if arxiv_id:
        number = arxiv_id.split("/")[-1]
        year = formats.citation_year(paper) or 0
        return (0, f"{year:04d}{number[2:]}", arxiv_id)
    published = paper.published.isoformat() if paper.published else "9999"
    return (1, published, paper.id)


def _letters() -> Iterator[str]:
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
    """`base`, or `base` with the first letter suffix that no key in `taken` has (any case).
    Only for keys a paper cannot settle itself (its own tagged key taken by a stranger)."""
    used = {key.lower() for key in taken}
    if base.lower() not in used:
        return base
    return next(base + s for s in _letters() if (base + s).lower() not in used)


class KeyBook:
    """The cite keys of one library: stable, and unique across every paper in it. With
    `arxiv_ids` (``bibtex_key_style = "arxiv-id"``) an arXiv paper's key is its arXiv id."""

    def __init__(
        self,
        papers: Iterable[Paper] = (),
        *,
        arxiv_ids: bool = False,
        given: Mapping[str, str] | None = None,
    ) -> None:
        self.arxiv_ids = arxiv_ids
        self._groups: dict[str, dict[str, Paper]] = defaultdict(dict)
        self._given = dict(given or {})  # paper id -> the key handed out before
        self._holders = {key.lower(): paper_id for paper_id, key in self._given.items()}
        self.fresh: dict[str, str] = {}  # keys handed out by this book for the first time
        for paper in papers:
            self.add(paper)

    def add(self, paper: Paper) -> None:
        """Count `paper` in (a paper seen twice counts once)."""
        self._groups[base_key(paper).lower()].setdefault(paper.id, paper)

    def key(self, paper: Paper) -> str:
        """The key of `paper` (counted in first when it is new to the book)."""
        arxiv_id = formats.arxiv_id_of(paper)
        if self.arxiv_ids and arxiv_id:
            return arxiv_id
        kept = self._given.get(paper.id)
        if kept is not None:
            return kept
        key = self._derived(paper)
        if self._holders.get(key.lower(), paper.id) != paper.id:  # handed out to another
            key = distinct_key(paper)
            if self._holders.get(key.lower(), paper.id) != paper.id:
                key = unique_key(key, self._holders)
        self._given[paper.id] = self.fresh[paper.id] = key
        self._holders[key.lower()] = paper.id
        return key

    def _derived(self, paper: Paper) -> str:
        """The key the papers of the library alone give `paper` (the senior keeps the base)."""
        self.add(paper)
        base = base_key(paper)
        group = self._groups[base.lower()]
        if len(group) == 1 or min(group.values(), key=_seniority).id == paper.id:
            return base
        return distinct_key(paper)

    def keys(self, papers: Iterable[Paper]) -> list[str]:
        """The key of each paper, in order."""
        listed = list(papers)
        for paper in listed:
            self.add(paper)
        return [self.key(paper) for paper in listed]


def cite_key(paper: Paper, taken: Collection[str] = ()) -> str:
    """The paper's key on its own: the base key, else its tagged key when `taken` holds the
    base, else the tagged key with a letter suffix (a stranger holds both)."""
    used = {key.lower() for key in taken}
    base = base_key(paper)
    if base.lower() not in used:
        return base
    return unique_key(distinct_key(paper), used)
