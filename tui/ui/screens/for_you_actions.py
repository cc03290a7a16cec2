"""The reader's "for you": ranking the view when that order is on (and again after a star),
`-` (less like this: a negative example, hidden here; `z` brings it back) and `=` (more like
this: the cached papers most like the one under the cursor, as a view where every key works;
`=` again goes back).

A base of `MainScreen` (above `ViewActions`), kept apart so the screen stays one idea a file.
The model lives in `Library.for_you` and runs in a thread; nothing of it runs before the first
paint, and only in the "for you" order or on `=`.
"""

from __future__ import annotations

import asyncio

from textual import work

from tui.domain.paper import Marks, Paper
from tui.domain.paper_list import PaperList, SortKey
from tui.library.views import View
from tui.ui.screens.view_actions import ViewActions


class ForYouActions(ViewActions):
    """Ranking, less like this, more like this. The subclass supplies the list and preview."""

    _ranking_for: object = None
    _less_like_undo: list[tuple[dict[str, Marks], str]]

    def current_paper(self) -> Paper | None:  # pragma: no cover - MainScreen's
        raise NotImplementedError

    # -- ranking ---------------------------------------------------------------------------

    def ensure_ranked(self) -> None:
        """In the "for you" order, score the view's papers (in a worker) when some have none."""
        base = self.state.base()
        if self.state.needs_ranking() and self._ranking_for is not base.papers:
            self._ranking_for = base.papers
            self.rank_for_you()

    def stars_changed(self) -> None:
        """A star came or went: rank again, once the write is on disk."""
        if self.state.sort is SortKey.FOR_YOU:
            self.rank_for_you(wait_for_writes=True)

    @work(group="for-you", exclusive=True)
    async def rank_for_you(self, *, wait_for_writes: bool = False) -> None:
        if wait_for_writes:
            await self.library.writes_done()
        papers = list(self.state.base())
        ranked = await self.library.for_you.rank(papers)
        self.state.for_you = ranked
        self._ranking_for = None
        self.view_revision += 1
        if not any(r.score for r in ranked.values()) and papers:
            self.notify(
                "Nothing to rank by yet: save a paper (s), or: dailypapers seed refs.bib",
                timeout=4,
                markup=False,
            )

    def why_of(self, paper: Paper | None) -> str:
        """The preview's "for you" line of `paper` ("" outside that order)."""
        if paper is None or not self.state.shows_scores:  # unranked: the ranking module can wait
            return ""
        ranked = self.state.ranked(paper.id)
        why = ranked.why()
        return f"For you {ranked.score:.0%} · {why}" if why else ""

    def score_of(self, paper: Paper) -> float | None:
        """The row's score bar (None: no bar, outside the "for you" order)."""
        state = self.state
        return state.ranked(paper.id).score if state.shows_scores else None

    # -- less like this --------------------------------------------------------------------

    def action_less_like_this(self) -> None:
        paper = self.current_paper()
        if paper is None:
            self.notify("No paper selected", timeout=2)
            return
        state = self.state
        entry = {paper.id: state.visible.marks_for(paper.id)}  # undone by z, in its turn
        state.undo_stack.append(entry)
        if not hasattr(self, "_less_like_undo"):
            self._less_like_undo = []
        self._less_like_undo.append((entry, paper.id))
        state.less_liked = state.less_liked | {paper.id}
        self.view_revision += 1
        self.notify("Fewer like this in “for you”; hidden here (z undoes)", timeout=3)
        self._write_less_like(paper, undo=False)

    def undo_less_like(self) -> bool:
        """z: when the last undoable change was a `-`, bring that paper back (True)."""
        undo = getattr(self, "_less_like_undo", [])
        stack = self.state.undo_stack
        if not (undo and stack and stack[-1] is undo[-1][0]):
            return False
        stack.pop()
        _, paper_id = undo.pop()
        self.state.less_liked = self.state.less_liked - {paper_id}
        self.view_revision += 1
        paper = Paper(paper_id, "")
        self._write_less_like(paper, undo=True)
        return True

    @work(group="less-like")
    async def _write_less_like(self, paper: Paper, *, undo: bool) -> None:
        for_you = self.library.for_you
        if undo:
            await asyncio.to_thread(for_you.undo_less_like_sync, paper.id)
        else:
            await asyncio.to_thread(for_you.less_like_sync, paper)
        if self.state.sort is SortKey.FOR_YOU:
            self.rank_for_you()

    # -- more like this ----------------------------------------------------------------------

    def action_more_like_this(self) -> None:
        state = self.state
        if state.similar_mode:
            state.similar_mode = False
            self.view_revision += 1
            return
        paper = self.current_paper()
        if paper is None:
            self.notify("No paper selected", timeout=2)
        else:
            self.load_similar(paper)

    @work(group="load", exclusive=True)
    async def load_similar(self, paper: Paper) -> None:
        for_you = self.library.for_you
        everything = await asyncio.to_thread(self.library.all_papers_sync)
        found = await asyncio.to_thread(for_you.more_like_sync, paper, everything)
        marks = await self.library.load_marks()
        papers = [p for p, _ in found]
        chosen = {p.id: marks[p.id] for p in papers if p.id in marks}
        state = self.state
        state.similar_view = View(PaperList.of(papers, chosen), None, ())
        state.similar_scores = {p.id: r for p, r in found}
        state.similar_title = paper.title
        state.similar_mode = True
        state.saved_mode = state.library_mode = False
        self.view_revision += 1

    # -- leaving "more like this" for another view -----------------------------------------------

    def action_show_saved(self) -> None:
        self.state.similar_mode = False
        super().action_show_saved()

    def action_show_library(self) -> None:
        self.state.similar_mode = False
        super().action_show_library()

    def action_previous_day(self) -> None:
        self.state.similar_mode = False
        super().action_previous_day()

    def action_next_day(self) -> None:
        self.state.similar_mode = False
        super().action_next_day()
