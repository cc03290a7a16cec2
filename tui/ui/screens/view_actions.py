"""The reader's views and day paging: the day, the library (`L`), the saved papers (`S`), and
`[` / `]` to the previous or next day that has papers.

A base of `MainScreen`, kept apart so that the screen stays one idea a file. Paging asks the
`Library`, which steps over empty days and, past the oldest cached day, asks Hugging Face for
earlier ones; nothing else is fetched on a page turn.
"""

from __future__ import annotations

from datetime import date

from textual import work

from tui.library.library import Library
from tui.library.views import View
from tui.ui.reader_state import ReaderState
from tui.ui.screens.reader_screen import ReaderScreen


class ViewActions(ReaderScreen):
    """Switching views and days. The subclass supplies the state and how a view is shown."""

    library: Library
    state: ReaderState

    def apply_day(self, view: View) -> None:  # pragma: no cover - MainScreen's
        raise NotImplementedError

    def action_show_saved(self) -> None:
        self.state.saved_mode = not self.state.saved_mode
        if self.state.saved_mode:
            self.load_saved()
        else:
            self.view_revision += 1

    @work(group="load", exclusive=True)
    async def load_saved(self) -> None:
        self.state.saved_view = await self.library.load_saved()
        self.view_revision += 1

    def action_show_library(self) -> None:
        """Every cached paper, newest day first; again: back to the day."""
        state = self.state
        state.saved_mode = False
        state.library_mode = not state.library_mode
        state.span = state.search = None
        if state.library_mode:
            self.load_library()
        else:
            self.view_revision += 1

    @work(group="load", exclusive=True)
    async def load_library(self) -> None:
        self.state.library_view = await self.library.load_library()
        self.view_revision += 1

    def action_previous_day(self) -> None:
        self.page_day(-1)

    def action_next_day(self) -> None:
        self.page_day(1)

    @work(group="page", exclusive=True)
    async def page_day(self, step: int) -> None:
        """The previous or next day that has papers (asking for earlier ones if need be)."""
        state = self.state
        outcome = await self.library.page_day(state.day, step, asking=self._tell_asking)
        if outcome.notice:
            self.notify(outcome.notice, timeout=3, markup=False)
        if outcome.day is None:
            return
        state.saved_mode = state.library_mode = False
        state.day, state.paged = outcome.day, True
        self.apply_day(await self.library.load_day(outcome.day))

    def _tell_asking(self, day: date) -> None:
        self.notify(f"Asking Hugging Face for {day:%a %d %b %Y}…", timeout=2, markup=False)
