"""The library's views over the papers kept here: the saved view, the reading queue, a paper
found by id, every cached paper once; and the pinning of saves merged in from other machines.

A saved paper keeps a pinned copy (`store/cache.py`), made when it is saved here and, for a
save synced in from another machine, when the merge adopts it (`pin_saved_sync`, from the
paper's day copy: the index names its one file). A paper saved elsewhere and in no cache here
is shown by its id alone (`saved_elsewhere`) until a copy arrives: the saved view never scans
the whole cache.
"""

from __future__ import annotations

from tui.domain.arxiv import abs_url, normalise_arxiv_id
from tui.domain.paper import NO_MARKS, QUEUED, Paper
from tui.domain.paper_list import PaperList
from tui.library.recent_marks import RecentMarks
from tui.library.threads import to_thread
from tui.library.views import View
from tui.store.cache import PaperCache
from tui.store.marks import MarkStore


def saved_elsewhere(paper_id: str) -> Paper:
    """A paper saved on another machine that no cache here holds: its id, and for an arXiv id
    its abstract page (to open it, or cite it by id)."""
    arxiv = normalise_arxiv_id(paper_id) == paper_id
    return Paper(
        id=paper_id,
        title=paper_id,
        abstract="Saved on another machine; not in this machine's cache yet.",
        link=abs_url(paper_id) if arxiv else None,
    )


class SavedViews:
    """The views of kept papers, as `Library` offers them (it supplies the stores)."""

    _cache: PaperCache
    _marks: MarkStore
    recent_marks: RecentMarks

    def take_notices(self) -> tuple[str, ...]:  # pragma: no cover - Library's
        raise NotImplementedError

    async def load_saved(self) -> View:
        """Every saved paper, across all days, even those that left their feeds."""
        return self.recent_marks.laid_over(await to_thread(self.load_saved_sync))

    def load_saved_sync(self) -> View:
        stamp = self.recent_marks.written_so_far
        marks = self._marks.load_all()
        saved = {pid for pid, mark in marks.items() if mark.saved}
        papers = [p for p in self._cache.load_pinned() if p.id in saved]
        missing = saved - {p.id for p in papers}
        if missing:  # saved elsewhere, not pinned here: its day copy, else its id alone
            found = PaperList.of(self._cache.find(missing)).papers
            papers.extend(found)
            papers.extend(saved_elsewhere(pid) for pid in sorted(missing - {p.id for p in found}))
        days = tuple(self._cache.days())
        listed = PaperList.of(papers, marks).saved_only()
        return View(listed, None, days, self.take_notices(), marks_written=stamp)

    async def load_queue(self) -> View:
        """The reading queue across all days, in the order queued."""
        return self.recent_marks.laid_over(await to_thread(self.load_queue_sync))

    def load_queue_sync(self) -> View:
        stamp = self.recent_marks.written_so_far
        marks = self._marks.load_all()
        queued = {pid for pid, mark in marks.items() if mark.state == QUEUED}
        papers = [p for p in self.all_papers_sync() if p.id in queued] if queued else []
        days = tuple(self._cache.days())
        listed = PaperList.of(papers, marks).queued()
        return View(listed, None, days, self.take_notices(), marks_written=stamp)

    def find_paper_sync(self, paper_id: str) -> Paper | None:
        """A paper by id from the local cache: saved copies first, then the days, newest first;
        a paper saved on another machine and cached nowhere here by its id alone."""
        wanted = normalise_arxiv_id(paper_id) or paper_id.strip()
        for paper in self._cache.load_pinned():
            if paper.id == wanted:
                return paper
        for day in self._cache.days():
            found = [p for p in self._cache.load_day(day) if p.id == wanted]
            if found:
                return PaperList.of(found)[0]
        if self._marks.load_for([wanted]).get(wanted, NO_MARKS).saved:
            return saved_elsewhere(wanted)  # to cite or open it by id
        return None

    def all_papers_sync(self) -> list[Paper]:
        """Every cached paper once (saved copies, every day, undated): what cite keys are unique
        across."""
        papers: dict[str, Paper] = {}
        for paper in [*self._cache.load_pinned(), *self._cache.load_all()]:  # load_all: undated too
            papers.setdefault(paper.id, paper)
        return list(papers.values())

    def pin_saved_sync(self, paper_ids: set[str]) -> None:
        """Pin the day copy of papers a sync found saved on another machine, as saving here
        does (those already pinned, or in no cache here, are left). On the writer thread."""
        missing = paper_ids - {p.id for p in self._cache.load_pinned()}
        if missing:
            self._cache.pin(*PaperList.of(self._cache.find(missing)).papers)
