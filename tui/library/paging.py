"""Day paging: `[` and `]` step to the previous or next day that has papers.

The cache knows which days have papers (`days.json`), so a step over empty days costs no read
of papers. Past the oldest cached day, the Hugging Face feeds alone are asked for earlier days
(`date=`), one request at a time, at most `PAGE_BACK_DAYS` a press, and days that answered
empty are remembered so the next press goes on from there. Nothing else is fetched: RSS and
Atom feeds are polled on their own schedule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from tui.domain.days import neighbour_day
from tui.library.threads import to_thread

if TYPE_CHECKING:
    from tui.library.library import Library

PAGE_BACK_DAYS = 7


@dataclass(frozen=True)
class PagingOutcome:
    """Where a day-paging press lands (None: nowhere new) and what to tell the user."""

    day: date | None
    notice: str | None = None


class DayPager:
    """Paging for one `Library`; remembers the days Hugging Face answered empty."""

    def __init__(self, library: Library, *, days: Callable[[], Iterable[date]]) -> None:
        self._library = library
        self._days = days
        self._probed_empty: set[date] = set()

    def _neighbour(self, day: date | None, step: int) -> date | None:
        return neighbour_day(self._days(), day, step)

    async def page(
        self, day: date | None, step: int, asking: Callable[[date], None] | None = None
    ) -> PagingOutcome:
        """The next day with papers before or after `day`. Past the oldest cached day, the
        Hugging Face feeds are asked for earlier days, one request at a time, at most
        `PAGE_BACK_DAYS` days per press, skipping empty answers. Nothing else is fetched."""
        found = await to_thread(self._neighbour, day, step)
        if found is not None:
            return PagingOutcome(found)
        if step > 0:
            return PagingOutcome(None, "No later day with papers")
        if day is None or not self._library.pages_back:
            return PagingOutcome(None, "No earlier day with papers in the cache")
        start = min(day, *self._probed_empty) if self._probed_empty else day
        for back in range(1, PAGE_BACK_DAYS + 1):
            asked = start - timedelta(days=back)
            if asking is not None:
                asking(asked)
            outcome = await self._library.refresh(day=asked, hf_only=True)
            if any(r.status in ("ok", "partial") and r.paper_ids for r in outcome.results):
                found = await to_thread(self._neighbour, day, -1)
                return PagingOutcome(found or asked)
            if outcome.all_failed:
                return PagingOutcome(None, outcome.notice or "could not ask for earlier days")
            self._probed_empty.add(asked)
        oldest = start - timedelta(days=PAGE_BACK_DAYS)
        return PagingOutcome(None, f"No papers back to {oldest:%a %d %b %Y}; [ looks further")
