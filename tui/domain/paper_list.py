"""The reader's list: papers in order, the user's marks on them, and the views derived from it.

Owns `PaperList` (immutable; every filter, sort or mark change returns a new list) and
`SortKey`. Searching is the hot path (the reader filters 5,000 papers on each keystroke), so
each paper's folded search text is built once and kept in a cache that every list derived from
this one shares; an entry is reused only while it belongs to the very same `Paper` object, so a
merged or refreshed paper gets a fresh entry.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any, Final

from tui.domain.latex import latex_to_unicode
from tui.domain.paper import NO_MARKS, Marks, Paper, merge_papers


class SortKey(StrEnum):
    """The orders the reader cycles through."""

    UPVOTES = "upvotes"
    NEWEST = "newest"
    STARS = "stars"
    TITLE = "title"
    TRENDING = "trending"
    FOR_YOU = "for-you"


_SORT_CYCLE: Final = tuple(SortKey)


def next_sort(key: SortKey) -> SortKey:
    """The order after `key`: upvotes, newest, stars, title, for you, and round again."""
    return _SORT_CYCLE[(_SORT_CYCLE.index(key) + 1) % len(_SORT_CYCLE)]


# Combining marks left by NFKD (accents): removed in C rather than character by character.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_MEMO_SIZE = 16


def fold(text: str) -> str:
    """`text` for comparison: case-folded, accents and compatibility forms (𝒪, ², ﬁ) undone."""
    if text.isascii():  # most abstracts: the fast path
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


class _Entry:
    """What one Paper object contributes to sorting and searching, computed at most once."""

    __slots__ = ("_search", "newest", "paper", "title")

    def __init__(self, paper: Paper) -> None:
        self.paper = paper
        self.title = fold(latex_to_unicode(paper.title))
        self.newest = _timestamp(paper)
        self._search: str | None = None

    @property
    def search(self) -> str:
        """The folded title (as written and rendered), authors and abstract."""
        if self._search is None:
            paper = self.paper
            rendered = latex_to_unicode(paper.title)
            parts = [paper.title, rendered] if rendered != paper.title else [paper.title]
            # Folded part by part: the abstract, the bulk, is usually ASCII (the fast path).
            self._search = "\n".join(map(fold, [*parts, *paper.authors, paper.abstract]))
        return self._search


class _Cache:
    """Entries by paper id, shared by a list and every list derived from it. An entry is reused
    only for the very same Paper object, so a merged or refreshed paper gets a fresh one."""

    __slots__ = ("entries",)

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}

    def entry(self, paper: Paper) -> _Entry:
        found = self.entries.get(paper.id)
        if found is None or found.paper is not paper:
            found = self.entries[paper.id] = _Entry(paper)
        return found


class PaperList:
    """Papers in display order with the user's marks; immutable, cheap to derive from."""

    __slots__ = ("_cache", "_index", "_marks", "_memo", "_papers", "_texts")

    def __init__(
        self,
        papers: tuple[Paper, ...],
        marks: dict[str, Marks],
        cache: _Cache,
        texts: tuple[str, ...] | None = None,
    ) -> None:
        # Internal: use `PaperList.of` or `PaperList.empty`. The marks dict is never mutated.
        self._papers = papers
        self._marks = marks
        self._cache = cache
        self._texts = texts  # the papers' search texts, in order, once someone searched
        self._index: dict[str, int] | None = None
        # Recent searches of this list: folded words -> (positions matched, the result).
        self._memo: dict[tuple[str, ...], tuple[list[int], PaperList]] = {}

    @classmethod
    def empty(cls) -> PaperList:
        """A list with no papers and no marks."""
        return cls((), {}, _Cache())

    @classmethod
    def of(cls, papers: Iterable[Paper], marks: Mapping[str, Marks] | None = None) -> PaperList:
        """A list of `papers`, those sharing an id merged where the first one stood."""
        return cls(_merged((), papers), dict(marks or {}), _Cache())

    def _derive(self, papers: tuple[Paper, ...]) -> PaperList:
        return PaperList(papers, self._marks, self._cache)

    @property
    def papers(self) -> tuple[Paper, ...]:
        """The papers, in order."""
        return self._papers

    def __len__(self) -> int:
        return len(self._papers)

    def __iter__(self) -> Iterator[Paper]:
        return iter(self._papers)

    def __getitem__(self, index: int) -> Paper:
        return self._papers[index]

    def __bool__(self) -> bool:
        return bool(self._papers)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PaperList):
            return NotImplemented
        return self._papers == other._papers and self._marks == other._marks

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PaperList({len(self._papers)} papers, {len(self._marks)} marks)"

    def marks_for(self, paper_id: str) -> Marks:
        """The user's marks on a paper (no marks when none were set)."""
        return self._marks.get(paper_id, NO_MARKS)

    def with_marks(self, paper_id: str, marks: Marks) -> PaperList:
        """This list with one paper's marks replaced."""
        return self.with_many_marks({paper_id: marks})

    def with_many_marks(self, changes: Mapping[str, Marks]) -> PaperList:
        """This list with several papers' marks replaced."""
        return PaperList(self._papers, {**self._marks, **changes}, self._cache, self._texts)

    def matching(self, query: str) -> PaperList:
        """The papers whose title, authors or abstract hold every word of `query`.

        Case and accents do not matter; the title matches as written and as rendered
        (``$\\alpha$`` is found by "alpha" and by "α"). Typing on narrows: a query that
        refines a recent one only looks through that one's matches.
        """
        # Longest first: a long word is usually the rarest, so `all` stops sooner.
        words = tuple(sorted(set(fold(query).split()), key=lambda w: (-len(w), w)))
        if not words:
            return self
        memo = list(self._memo.items())  # a snapshot: a worker thread may search too
        for seen, (_, result) in memo:
            if seen == words:
                return result
        texts = self._search_texts()
        candidates: Sequence[int] = range(len(texts))
        for seen, (positions, _) in memo:
            if len(positions) < len(candidates) and _refines(words, seen):
                candidates = positions
        if len(words) == 1:
            word = words[0]
            hits = [i for i in candidates if word in texts[i]]
        else:
            hits = [i for i in candidates if all(w in texts[i] for w in words)]
        papers = self._papers
        result = PaperList(
            tuple(papers[i] for i in hits), self._marks, self._cache, tuple(texts[i] for i in hits)
        )
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.pop(next(iter(self._memo)), None)
        self._memo[words] = (hits, result)
        return result

    def _search_texts(self) -> tuple[str, ...]:
        if self._texts is None:
            entry = self._cache.entry
            self._texts = tuple(entry(p).search for p in self._papers)
        return self._texts

    def unread_only(self) -> PaperList:
        """The papers not marked read."""
        return self._derive(tuple(p for p in self._papers if not self.marks_for(p.id).read))

    def saved_only(self) -> PaperList:
        """The papers marked saved."""
        return self._derive(tuple(p for p in self._papers if self.marks_for(p.id).saved))

    def tagged(self, tag: str) -> PaperList:
        """The papers carrying `tag` (case-insensitive)."""
        wanted = tag.casefold()
        return self._derive(
            tuple(
                p
                for p in self._papers
                if any(t.casefold() == wanted for t in self.marks_for(p.id).tags)
            )
        )

    def queued(self) -> PaperList:
        """The papers in the reading queue, in the order they were queued (oldest first)."""
        waiting = [p for p in self._papers if self.marks_for(p.id).state == "queued"]
        waiting.sort(key=lambda p: self.marks_for(p.id).state_at or "")
        return self._derive(tuple(waiting))

    def on_day(self, day: date) -> PaperList:
        """The papers listed on `day`."""
        return self._derive(tuple(p for p in self._papers if p.day == day))

    def days(self) -> tuple[date, ...]:
        """Every day some paper was listed on, newest first."""
        return tuple(sorted({p.day for p in self._papers if p.day is not None}, reverse=True))

    def sorted_by(self, key: SortKey) -> PaperList:
        """The papers in `key` order: upvotes and stars most first, newest (published, else
        the listing day) first, title A-Z. Papers without the value go last; ties go by
        upvotes (most first), then title, then their order here."""
        entry = self._cache.entry
        if key is SortKey.TRENDING:
            newest = max((p.day for p in self._papers if p.day is not None), default=None)
            keyed = [(_trending(p, newest, entry(p)), p) for p in self._papers]
            keyed.sort(key=_first)
            return self._derive(tuple(p for _, p in keyed))
        keyed = [(_order(key, p, entry(p)), p) for p in self._papers]
        keyed.sort(key=_first)
        return self._derive(tuple(p for _, p in keyed))

    def ranked_by(self, scores: Mapping[str, float]) -> PaperList:
        """The papers highest score first (the "for you" order); ties, and papers without a
        score, in upvotes order."""
        plain = self.sorted_by(SortKey.UPVOTES).papers
        ordered = sorted(plain, key=lambda p: -scores.get(p.id, 0.0))
        return self._derive(tuple(ordered))

    def by_rank(self, ranks: Mapping[str, int]) -> PaperList:
        """The papers that have a rank first, lowest rank first (Hugging Face's trending
        order); the rest after them, in their present order."""
        ranked = sorted((p for p in self._papers if p.id in ranks), key=lambda p: ranks[p.id])
        rest = (p for p in self._papers if p.id not in ranks)
        return self._derive((*ranked, *rest))

    def by_day_newest_first(self) -> PaperList:
        """The same papers, newest day first; within a day, in their present order."""
        ordered = sorted(self._papers, key=lambda p: -p.day.toordinal() if p.day else 0)
        return self._derive(tuple(ordered))

    def index_of(self, paper_id: str) -> int | None:
        """Where the paper with this id stands, or None when it is not in the list."""
        if self._index is None:
            self._index = {p.id: i for i, p in enumerate(self._papers)}
        return self._index.get(paper_id)

    def unread_count(self) -> int:
        """How many papers in the list are not marked read (counted from the marks, which are
        usually far fewer than the papers)."""
        read = [paper_id for paper_id, marks in self._marks.items() if marks.read]
        if not read:
            return len(self._papers)
        return len(self._papers) - sum(
            1 for paper_id in read if self.index_of(paper_id) is not None
        )

    def saved_count(self) -> int:
        """How many papers in the list are marked saved."""
        return sum(1 for p in self._papers if self.marks_for(p.id).saved)

    def ids(self) -> tuple[str, ...]:
        """The paper ids, in order."""
        return tuple(p.id for p in self._papers)

    def extend(self, papers: Iterable[Paper]) -> PaperList:
        """This list with `papers` merged in: known ids updated in place, new ones appended."""
        return self._derive(_merged(self._papers, papers))


def _merged(existing: tuple[Paper, ...], incoming: Iterable[Paper]) -> tuple[Paper, ...]:
    by_id: dict[str, Paper] = {p.id: p for p in existing}
    for paper in incoming:
        known = by_id.get(paper.id)
        by_id[paper.id] = paper if known is None else merge_papers(known, paper)
    return tuple(by_id.values())


def _refines(words: tuple[str, ...], seen: tuple[str, ...]) -> bool:
    """True when whatever matches `words` also matched `seen` (each seen word is in a new one)."""
    return all(any(old in new for new in words) for old in seen)


def _order(key: SortKey, paper: Paper, entry: _Entry) -> tuple[Any, ...]:
    votes = paper.upvotes
    if key is SortKey.TITLE:
        return (entry.title, votes is None, -(votes or 0))
    if key is SortKey.UPVOTES or key is SortKey.FOR_YOU:  # for you, unranked: by upvotes
        return (votes is None, -(votes or 0), entry.title)
    value = entry.newest if key is SortKey.NEWEST else paper.github_stars
    return (value is None, -(value or 0), votes is None, -(votes or 0), entry.title)


TRENDING_GRAVITY = 1.5


def _trending(paper: Paper, newest: date | None, entry: _Entry) -> tuple[Any, ...]:
    """Trending, as Hugging Face orders it roughly: upvotes, fading with the days since the
    newest day in the list (so a cached list follows the API's ``sort=trending``)."""
    votes = paper.upvotes
    if votes is None:
        return (True, 0.0, entry.title)
    age = (newest - paper.day).days if newest is not None and paper.day is not None else 0
    return (False, -votes / (1 + max(age, 0)) ** TRENDING_GRAVITY, entry.title)


def _first(pair: tuple[tuple[Any, ...], Paper]) -> tuple[Any, ...]:
    return pair[0]


def _timestamp(paper: Paper) -> float | None:
    if paper.published is not None:
        published = paper.published
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        return published.timestamp()
    if paper.day is not None:
        return datetime.combine(paper.day, time(), UTC).timestamp()
    return None


# The orders a day's top rows are kept in (`top_ids`); the other orders sort the same papers
# as one of these on a single day (for you, unranked, and trending go by upvotes).
TOP_ORDERS: Final = (SortKey.UPVOTES, SortKey.NEWEST, SortKey.STARS, SortKey.TITLE)


def top_rows(papers: Iterable[Paper], rows: int) -> dict[SortKey, tuple[Paper, ...]]:
    """The first `rows` papers (those sharing an id merged) in each of `TOP_ORDERS`: enough to
    paint the top of a day's list in any order before the whole day is read."""
    entries = [(_Entry(p), p) for p in _merged((), papers)]  # once, for the four orders
    return {key: _first_of(key, entries, rows) for key in TOP_ORDERS}


def _first_of(key: SortKey, entries: list[tuple[_Entry, Paper]], rows: int) -> tuple[Paper, ...]:
    """The first `rows` in `key` order, as `sorted_by` would put them (nsmallest is stable)."""
    first = heapq.nsmallest(rows, entries, key=lambda pair: _order(key, pair[1], pair[0]))
    return tuple(paper for _, paper in first)


def top_order(key: SortKey) -> SortKey:
    """The kept order (`TOP_ORDERS`) whose top rows are those of `key` on one day."""
    return key if key in TOP_ORDERS else SortKey.UPVOTES
