"""The day rule: on which one day a paper is listed, and how sure that day is.

A feed says when it listed a paper in several ways, some better than others. Hugging Face: the
featured time (`paper.submittedOnDailyAt`), else the day that was asked for (`date=`), else the
featured day shared by the rest of the same response, else the item's outer `publishedAt` (the
featured time in responses from before March 2025). RSS/Atom: the item's date, else the
channel's. When a feed says nothing at all, the day the paper was first fetched stands in, and
the paper is shown as undated. The machine's clock is never a paper's day while the feed says
anything; it is passed in only as that first-fetch day.

When several records of one paper disagree, the surest day wins (a Hugging Face featured day over
an RSS date); between equally sure days the earliest wins, so the choice does not depend on the
order in which feeds arrive, and a paper is on one day only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class DaySource(StrEnum):
    """Where a paper's day came from (the `day_source` of `list --json`), surest first."""

    FEATURED = "featured"
    ASKED = "asked"
    PUBLISHED = "published"
    CHANNEL = "channel"
    FIRST_SEEN = "first-seen"


_RANK = {
    DaySource.FEATURED: 5,
    DaySource.ASKED: 4,
    DaySource.PUBLISHED: 3,
    DaySource.CHANNEL: 2,
    DaySource.FIRST_SEEN: 1,
}


def source_of(text: object) -> DaySource | None:
    """The `DaySource` named by a stored string, or None for anything else."""
    if isinstance(text, DaySource):
        return text
    try:
        return DaySource(text) if isinstance(text, str) else None
    except ValueError:
        return None


def rank(source: DaySource | None) -> int:
    """How sure a day from `source` is; 0 for a day of unknown origin (older caches)."""
    return _RANK.get(source, 0) if source is not None else 0


@dataclass(frozen=True, slots=True)
class Dating:
    """A paper's day and where it came from."""

    day: date
    source: DaySource

    @property
    def undated(self) -> bool:
        """True when the feed gave no date and the day is the day of the first fetch."""
        return self.source is DaySource.FIRST_SEEN


def surest(
    mine: tuple[date | None, DaySource | None], theirs: tuple[date | None, DaySource | None]
) -> tuple[date | None, DaySource | None]:
    """Of two (day, source) claims for one paper, the one that wins: a known day over none,
    then the surer source, then the earlier day. Commutative and associative."""
    if mine[0] is None:
        return theirs if theirs[0] is not None else (None, mine[1] or theirs[1])
    if theirs[0] is None:
        return mine
    mine_rank, their_rank = rank(mine[1]), rank(theirs[1])
    if mine_rank != their_rank:
        return mine if mine_rank > their_rank else theirs
    return mine if mine[0] <= theirs[0] else theirs


def shared_day(featured: Iterable[datetime | None]) -> date | None:
    """The featured day most entries of one response share (ties: the newest), or None."""
    counts = Counter(moment.date() for moment in featured if moment is not None)
    if not counts:
        return None
    return max(counts, key=lambda day: (counts[day], day))


def hf_dating(
    *,
    featured: datetime | None,
    asked: date | None,
    shared: date | None,
    outer_published: datetime | None,
    first_seen: date | None,
) -> Dating | None:
    """The day of one Hugging Face entry, by the rule's order of fallbacks."""
    if featured is not None:
        return Dating(featured.date(), DaySource.FEATURED)
    if asked is not None:
        return Dating(asked, DaySource.ASKED)
    if shared is not None:
        return Dating(shared, DaySource.FEATURED)
    if outer_published is not None:
        return Dating(outer_published.date(), DaySource.PUBLISHED)
    return Dating(first_seen, DaySource.FIRST_SEEN) if first_seen is not None else None


def syndication_dating(
    *,
    item: datetime | None,
    channel: datetime | None,
    asked: date | None,
    first_seen: date | None,
) -> Dating | None:
    """The day of one RSS item or Atom entry: its own date, the channel's, else first fetch."""
    if item is not None:
        return Dating(item.date(), DaySource.PUBLISHED)
    if channel is not None:
        return Dating(channel.date(), DaySource.CHANNEL)
    if asked is not None:
        return Dating(asked, DaySource.ASKED)
    return Dating(first_seen, DaySource.FIRST_SEEN) if first_seen is not None else None


def neighbour_day(days: Iterable[date], day: date | None, step: int) -> date | None:
    """Of the days that have papers, the nearest before (`step` < 0) or after `day`; with no
    `day`, the newest. None when there is none that way."""
    ordered = sorted(set(days))
    if day is None:
        return ordered[-1] if ordered else None
    if step > 0:
        return next((d for d in ordered if d > day), None)
    return next((d for d in reversed(ordered) if d < day), None)
