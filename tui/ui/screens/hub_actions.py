"""The reader's Hugging Face actions: the TL;DR line under titles (`T`).

A base of `MainScreen`, kept apart so that the screen stays one idea a file (and so that other
work on the main screen merges without touching this).
"""

from __future__ import annotations

from textual.screen import Screen

from tui.domain.latex import latex_to_unicode
from tui.domain.paper import Paper
from tui.ui.reader_state import ReaderState
from tui.ui.widgets.paper_list_view import PaperListView


class HubActions(Screen[None]):
    """Hugging Face commands. The subclass supplies the state."""

    state: ReaderState

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
