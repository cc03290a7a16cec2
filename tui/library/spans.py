"""Weeks and months: ask the Hugging Face feeds for a whole week or month (``week=`` /
``month=``, paged like a day), and read that span back from the cache, newest day first.

The papers of a span are cached each on its own featured day, like any other, so a week seen
once reads again offline and its days page like any other day.
"""

from __future__ import annotations

import asyncio

from tui.domain.paper import Marks, Paper
from tui.domain.paper_list import PaperList
from tui.domain.periods import Period
from tui.library.library import Library, RefreshOutcome, View


async def fetch_span(library: Library, period: Period) -> RefreshOutcome:
    """Ask the Hugging Face feeds for the week or month (nothing when offline)."""
    return await library.refresh(span=period.query, hf_only=True)


async def load_span(library: Library, period: Period) -> View:
    """The cached papers of every day of the span, newest day first."""
    return library.recent_marks.laid_over(await asyncio.to_thread(load_span_sync, library, period))


def load_span_sync(library: Library, period: Period) -> View:
    """`load_span` on this thread (the command line)."""
    stamp = library.recent_marks.written_so_far
    counts = library.day_counts()
    papers: list[Paper] = []
    marks: dict[str, Marks] = {}
    notices: list[str] = []
    days = sorted((d for d in counts if period.holds(d)), reverse=True)
    for day in days:
        view = library.load_day_sync(day)
        papers.extend(view.papers)
        marks.update({p.id: view.papers.marks_for(p.id) for p in view.papers})
        notices.extend(view.notices)
    listed = PaperList.of(papers, marks).by_day_newest_first()
    notices = list(dict.fromkeys(notices))
    return View(listed, None, tuple(days), tuple(notices), counts=counts, marks_written=stamp)
