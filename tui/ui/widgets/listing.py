"""Listing: what the paper list shows, as the main screen's state hands it down (the screen's
`listing` reactive, bound to `PaperListView.listing`)."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.paper import Paper
from tui.domain.paper_list import PaperList


@dataclass(frozen=True, eq=False)
class Listing:
    """What the list shows: the visible papers (with their marks) and how the rows look.

    Two listings are equal when they hold the very same `PaperList` object and the same options
    (a list of 5,000 papers is never compared paper by paper)."""

    papers: PaperList
    new_ids: frozenset[str] = frozenset()  # unread and arrived since the last visit: ✦
    stars: bool = False  # the count column shows GitHub stars (sorting by stars), not upvotes
    by_day: bool = False  # a separator line opens each day (the library view)
    raw: bool = False  # titles as raw LaTeX
    show_tldr: bool = False  # a TL;DR line under each title that has one

    def _options(self) -> tuple[object, ...]:
        return (self.new_ids, self.stars, self.by_day, self.raw, self.show_tldr)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Listing):
            return NotImplemented
        return self.papers is other.papers and self._options() == other._options()

    __hash__ = None  # type: ignore[assignment]


NO_LISTING = Listing(PaperList.empty())


def day_group(paper: Paper) -> str:
    """The library view's separator of a paper's day."""
    return paper.day.strftime("%a %d %b %Y") if paper.day is not None else "No day"
