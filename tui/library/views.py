"""What the reader shows: a `View` of papers (a day, the library, the saved ones) and counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from tui.domain.paper_list import PaperList


@dataclass(frozen=True)
class View:
    """What the reader shows: the papers of one day (or the library, or the saved ones) with
    their marks. `counts` is how many papers each cached day holds."""

    papers: PaperList
    day: date | None
    days: tuple[date, ...]
    notices: tuple[str, ...] = ()
    complete: bool = True  # False for the first screen painted before the whole day is read
    counts: Mapping[date, int] = field(default_factory=dict)
    marks_written: int = 0  # mark writes done when its marks were read (library/recent_marks)

    @property
    def elsewhere(self) -> int:
        """How many cached papers are on other days than the one shown."""
        return sum(n for d, n in self.counts.items() if d != self.day)
