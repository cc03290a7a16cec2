"""The reader's Hugging Face actions: the TL;DR line under titles (`T`), the week and month
of the shown day (`w` / `M`), read from the cache at once and then asked of Hugging Face, and
the search of every paper on Hugging Face (`f`), shown as a view where every key works.

A base of `MainScreen`, kept apart so that the screen stays one idea a file (and so that other
work on the main screen merges without touching this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from tui.domain.latex import latex_to_unicode
from tui.domain.paper import Paper
from tui.domain.periods import PeriodKind, period_of
from tui.library.library import Library, View
from tui.library.spans import fetch_span, load_span
from tui.ui.reader_state import ReaderState
from tui.ui.screens.hub_search_screen import HubSearchScreen
from tui.ui.widgets.paper_list_view import PaperListView

if TYPE_CHECKING:
    from tui.library.hub_search import HubSearch


class HubActions(Screen[None]):
    """Hugging Face commands. The subclass supplies the state, the library and `recompute`."""

    state: ReaderState
    library: Library
    _hub_search: HubSearch | None = None

    def recompute(self) -> None:  # pragma: no cover - MainScreen's
        raise NotImplementedError

    def action_toggle_tldr(self) -> None:
        """A second line under each title that has Hugging Face's AI summary (again: off)."""
        state = self.state
        state.show_tldr = not state.show_tldr
        view = self.query_one(PaperListView)
        view.tldr_of = self._tldr_of
        view.show_tldr = state.show_tldr
        current = view.current
        view.show(view.papers, keep=current.id if current else None)
        if not state.show_tldr:
            self.notify("TL;DR lines off", timeout=2)
        elif any(p.tldr for p in view.papers):
            self.notify("TL;DR lines on (Hugging Face's AI summaries; T: off)", timeout=2)
        else:
            self.notify("No paper here has a TL;DR from Hugging Face", timeout=3)

    def _tldr_of(self, paper: Paper) -> str:
        text = paper.tldr or ""
        return text if self.state.raw else latex_to_unicode(text)

    def action_show_week(self) -> None:
        self.show_span("week")

    def action_show_month(self) -> None:
        self.show_span("month")

    @work(group="load", exclusive=True)
    async def show_span(self, kind: PeriodKind) -> None:
        """The week or month of the shown day: the cache first, then Hugging Face's list of
        it (paged), then the cache again. Again on the same span: back to the day."""
        state = self.state
        day = state.day or state.clock().date()
        period = period_of(day, kind)
        if state.library_mode and state.span == period:
            state.library_mode, state.span = False, None
            self.recompute()
            return
        state.saved_mode, state.library_mode, state.span = False, True, period
        state.search = None
        state.library_view = await load_span(self.library, period)
        self.recompute()
        if self.library.offline or not self.library.pages_back:
            return
        self.notify(f"Asking Hugging Face for {period.label()}…", timeout=2, markup=False)
        outcome = await fetch_span(self.library, period)
        if outcome.notice:
            self.notify(outcome.notice, severity="warning", timeout=5, markup=False)
        if state.span == period and state.library_mode:
            state.library_view = await load_span(self.library, period)
            self.recompute()

    def action_search_hub(self) -> None:
        """The search box; what it finds replaces the list (L or a day goes back)."""
        self.app.push_screen(HubSearchScreen(self.state.search or "", self.search_hub))

    def search_hub(self, query: str) -> None:
        self._search_worker(query)

    @work(group="hub-search", exclusive=True)
    async def _search_worker(self, query: str) -> None:
        """One search in flight: a newer query cancels this one (and its request)."""
        if self._hub_search is None:
            from tui.library.hub_search import build_search  # httpx loads on the first search

            self._hub_search = build_search(self.library)
        self.notify(f"Searching Hugging Face for “{query}”…", timeout=2, markup=False)
        outcome = await self._hub_search.search(query)
        if outcome.notice:
            self.notify(outcome.notice, severity="warning", timeout=5, markup=False)
            return
        state = self.state
        state.saved_mode, state.library_mode, state.span = False, True, None
        state.search = outcome.query
        state.library_view = View(outcome.papers, None, ())
        self.recompute()
        count = len(outcome.papers)
        self.notify(
            f"{count} papers on Hugging Face for “{outcome.query}”", timeout=3, markup=False
        )
