"""Weeks and months of Hugging Face lists: ``2026-W31`` and ``2026-07`` as the API takes them
(``week=`` / ``month=``), which days they hold, the one a day is in, and their names on screen.

Pure: the day is always passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PeriodKind = Literal["week", "month"]
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, slots=True)
class Period:
    """An ISO week or a calendar month: its kind, its first and last day."""

    kind: PeriodKind
    first: date
    last: date

    @property
    def code(self) -> str:
        """As the API takes it: ``2026-W31`` or ``2026-07``."""
        if self.kind == "week":
            year, week, _ = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.first:%Y-%m}"

    @property
    def query(self) -> tuple[str, str]:
        """The API's parameter: ``("week", "2026-W31")`` or ``("month", "2026-07")``."""
        return self.kind, self.code

    def holds(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.last

    def label(self) -> str:
        """Its name on screen: ``Week 2026-W31 (27 Jul – 2 Aug)`` or ``July 2026``."""
        if self.kind == "month":
            return f"{self.first:%B %Y}"
        first, last = self.first, self.last
        return f"Week {self.code} ({first.day} {first:%b} – {last.day} {last:%b})"

    def days(self) -> list[date]:
        return [self.first + timedelta(days=k) for k in range((self.last - self.first).days + 1)]


def period_of(day: date, kind: PeriodKind) -> Period:
    """The week (Monday to Sunday, ISO) or the month that holds `day`."""
    if kind == "week":
        monday = day - timedelta(days=day.weekday())
        return Period("week", monday, monday + timedelta(days=6))
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period("month", first, following - timedelta(days=1))


def parse_week(text: str) -> Period:
    """``2026-W31`` as a `Period`; ValueError for anything else (W53 only in years that have
    one)."""
    found = _WEEK.fullmatch(text.strip())
    if found is None:
        raise ValueError(f"not a week (YYYY-Www): {text!r}")
    year, week = int(found[1]), int(found[2])
    return period_of(date.fromisocalendar(year, week, 1), "week")


def parse_month(text: str) -> Period:
    """``2026-07`` as a `Period`; ValueError for anything else."""
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found[2]) <= 12:
        raise ValueError(f"not a month (YYYY-MM): {text!r}")
    return period_of(date(int(found[1]), int(found[2]), 1), "month")
