"""The reader's Hugging Face actions: the TL;DR line under titles (`T`), and the week and month
of the shown day (`w` / `M`), read from the cache at once and then asked of Hugging Face.

A base of `MainScreen`, kept apart so that the screen stays one idea a file (and so that other
work on the main screen merges without touching this).
"""

from __future__ import annotations

from textual import work
from textual.screen import Screen

from tui.domain.latex import latex_to_unicode
from tui.domain.paper import Paper
from tui.domain.periods import PeriodKind, period_of
from tui.library.library import Library
from tui.library.spans import fetch_span, load_span
from tui.ui.reader_state import ReaderState
from tui.ui.widgets.paper_list_view import PaperListView


class HubActions(Screen[None]):
    """Hugging Face commands. The subclass supplies the state, the library and `recompute`."""

    state: ReaderState
    library: Library

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
