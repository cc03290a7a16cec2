"""The paper record and the user's marks on it; merging two records of one paper."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, make_dataclass, replace
from datetime import date, datetime
from typing import Any

from tui.domain.days import DaySource, surest


@dataclass(frozen=True, slots=True)
class Paper:
    """One paper, as far as the feeds told us. Every string is already sanitised.

    `id` is the versionless arXiv id where known (``2405.01234``, ``hep-th/9901001``), else a
    stable id derived from the feed item (``guid:<hash>``). `day` is the day the paper was
    listed in its feed (for Hugging Face: the featured day) and `day_source` where that day came
    from (see `domain/days.py`), `published` the arXiv time.
    Missing numbers stay ``None``: a count is never invented.
    """

    id: str
    title: str
    authors: tuple[str, ...] = ()
    abstract: str = ""
    published: datetime | None = None
    day: date | None = None
    day_source: DaySource | None = None
    upvotes: int | None = None
    comments: int | None = None
    github: str | None = None
    github_stars: int | None = None
    project_page: str | None = None
    link: str | None = None
    categories: tuple[str, ...] = ()
    primary_category: str | None = None
    doi: str | None = None
    # arXiv's <arxiv:journal_ref>: where the paper was published ("Phys. Rev. B 108, 1 (2023)").
    journal_ref: str | None = None
    announce_type: str | None = None
    feeds: tuple[str, ...] = field(default=())
    # Hugging Face's extras (see reference/feeds.md): its one-line AI summary, AI keywords, the
    # organization, who submitted the paper to the daily list, whether an author takes part in
    # the discussion, and the discussion's id. Unknown stays None (or empty): never invented.
    tldr: str | None = None
    keywords: tuple[str, ...] = ()
    organization: str | None = None
    submitter: str | None = None
    author_participating: bool | None = None
    discussion_id: str | None = None

    @property
    def is_arxiv(self) -> bool:
        """True when `id` is an arXiv id rather than a synthesised feed id."""
        return not self.id.startswith("guid:")


# Building many papers at once (a cached day): the frozen __init__ sets each of the 25 fields
# through object.__setattr__, about a third of reading a day of 5,000 papers. A twin with the
# same slots that is not frozen sets them with plain stores; the object is then made a Paper
# (a class change Python allows between classes of one layout), frozen like any other.
_Unfrozen = make_dataclass(
    "_Unfrozen", [f.name for f in fields(Paper)], slots=True, eq=False, repr=False
)


def paper_of_values(values: Sequence[Any]) -> Paper:
    """The Paper whose fields, in declaration order, are `values` (already checked and of the
    right types: nothing is converted here), made faster than `Paper(*values)`."""
    paper = _Unfrozen(*values)
    paper.__class__ = Paper
    return paper  # type: ignore[no-any-return]


def _richer(mine: Any, theirs: Any) -> Any:
    """The more informative of two field values (longer text, larger tuple, known number)."""
    if mine is None:
        return theirs
    if theirs is None:
        return mine
    if isinstance(mine, str) and isinstance(theirs, str):
        return theirs if len(theirs.strip()) > len(mine.strip()) else mine
    if isinstance(mine, tuple) and isinstance(theirs, tuple):
        return theirs if len(theirs) > len(mine) else mine
    if isinstance(mine, bool) or isinstance(theirs, bool):
        return mine
    if isinstance(mine, int) and isinstance(theirs, int):
        return max(mine, theirs)
    return mine


def merge_papers(older: Paper, newer: Paper) -> Paper:
    """One record of two describing the same paper: the richer value of each field.

    Where both are equally rich the newer one wins for counts (upvotes move); the day is the
    surest of the two (`days.surest`), so a paper is on one day only. `feeds` is the union.
    """

    def richer(name: str, mine: Any, theirs: Any) -> Any:
        if name in ("upvotes", "comments", "github_stars", "author_participating"):
            return theirs if theirs is not None else mine
        return _richer(mine, theirs)

    return _combine(older, newer, richer)


def update_paper(older: Paper, newer: Paper) -> Paper:
    """The same source's newer record of a paper over its older one: the latest metadata wins
    wherever the newer record has a value (a corrected title, a revised abstract), and what it
    lacks is kept. The day is the surest of the two; `feeds` is the union, in order.

    `merge_papers` is for two sources describing one paper; this is for one source over time.
    """
    return _combine(older, newer, lambda name, mine, theirs: theirs if _has_value(theirs) else mine)


def _combine(older: Paper, newer: Paper, pick: Callable[[str, Any, Any], Any]) -> Paper:
    """Two records of one paper as one: the id, the surest day and the union of feeds, and
    `pick(name, older value, newer value)` for every other field."""
    assert older.id == newer.id, "two records of one paper are needed"
    day, source = surest((older.day, older.day_source), (newer.day, newer.day_source))
    values: dict[str, Any] = {"id": older.id, "day": day, "day_source": source}
    for f in fields(Paper):
        mine, theirs = getattr(older, f.name), getattr(newer, f.name)
        if f.name == "feeds":
            values[f.name] = tuple(dict.fromkeys((*mine, *theirs)))
        elif f.name not in values:
            values[f.name] = pick(f.name, mine, theirs)
    return Paper(**values)


def _has_value(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value != ()


@dataclass(frozen=True, slots=True)
class Marks:
    """What the user did to a paper. Stored apart from the paper cache, keyed by paper id.

    Times are ISO-8601 UTC strings (as stored); ``None`` when never set.
    """

    read: bool = False
    saved: bool = False
    read_at: str | None = None
    saved_at: str | None = None
    # The reading queue: "inbox" (new), "queued" (to read), "done"; when it last changed.
    state: str = "inbox"
    state_at: str | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    note_at: str | None = None

    def with_read(self, read: bool, when: str | None) -> Marks:
        """A copy with the read flag set (and its time, when it becomes read)."""
        return replace(self, read=read, read_at=when if read else None)

    def with_saved(self, saved: bool, when: str | None) -> Marks:
        """A copy with the saved flag set (and its time, when it becomes saved)."""
        return replace(self, saved=saved, saved_at=when if saved else None)

    def with_state(self, state: str, when: str | None) -> Marks:
        """A copy in reading-queue state `state` (inbox, queued, done), changed at `when`."""
        inbox = state == INBOX
        return replace(self, state=state, state_at=None if inbox else when)

    def with_tags(self, tags: tuple[str, ...]) -> Marks:
        """A copy with these tags (sorted, each once)."""
        return replace(self, tags=tuple(sorted(set(tags))))

    def with_note(self, note: str, when: str | None) -> Marks:
        """A copy with this note (empty: no note)."""
        return replace(self, note=note, note_at=when if note else None)


INBOX, QUEUED, DONE = "inbox", "queued", "done"
STATES = (INBOX, QUEUED, DONE)


NO_MARKS = Marks()
