"""Weeks and months as the Hugging Face API takes them, and the trending order of a cached list."""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.paper import Paper
from tui.domain.paper_list import PaperList, SortKey, next_sort
from tui.domain.periods import parse_month, parse_week, period_of


def test_a_week_is_monday_to_sunday_and_named_as_the_api_takes_it() -> None:
    week = period_of(date(2025, 11, 12), "week")
    assert (week.first, week.last, week.code) == (
        date(2025, 11, 10),
        date(2025, 11, 16),
        "2025-W46",
    )
    assert week.query == ("week", "2025-W46")
    assert parse_week("2025-W46") == week
    assert week.holds(date(2025, 11, 16)) and not week.holds(date(2025, 11, 17))
    assert week.label() == "Week 2025-W46 (10 Nov – 16 Nov)"
    new_year = period_of(date(2026, 1, 1), "week")  # ISO: the week of 29 Dec 2025 is 2026-W01
    assert new_year.code == "2026-W01" and new_year.first == date(2025, 12, 29)


def test_a_month_knows_its_last_day() -> None:
    february = parse_month("2028-02")
    assert (february.first, february.last, february.code) == (
        date(2028, 2, 1),
        date(2028, 2, 29),
        "2028-02",
    )
    assert period_of(date(2025, 12, 31), "month").last == date(2025, 12, 31)
    assert february.label() == "February 2028" and len(february.days()) == 29


@pytest.mark.parametrize("text", ["2025-47", "2025-W60", "2025-W00", "W46", ""])
def test_bad_weeks_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_week(text)


@pytest.mark.parametrize("text", ["2025-13", "2025-00", "2025/11", "2025-W46"])
def test_bad_months_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_month(text)


def test_trending_lets_fresh_papers_pass_older_ones_with_more_votes() -> None:
    papers = PaperList.of(
        [
            Paper("2511.00001", "Old and loved", day=date(2025, 11, 10), upvotes=100),
            Paper("2511.00002", "New and liked", day=date(2025, 11, 16), upvotes=40),
            Paper("2511.00003", "New, no count", day=date(2025, 11, 16)),
            Paper("2511.00004", "New and quiet", day=date(2025, 11, 16), upvotes=2),
        ]
    )
    order = [p.id for p in papers.sorted_by(SortKey.TRENDING)]
    assert order == ["2511.00002", "2511.00001", "2511.00004", "2511.00003"]
    assert next(p.id for p in papers.sorted_by(SortKey.UPVOTES)) == "2511.00001"
    assert next_sort(SortKey.TITLE) is SortKey.TRENDING
