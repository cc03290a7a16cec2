"""Moving in the list (or, while reading, in the preview) and the display toggles: a base of
`MainScreen`, kept apart so that the screen stays one idea a file."""

from __future__ import annotations

from tui.ui.reader_state import ReaderState
from tui.ui.screens.reader_screen import ReaderScreen
from tui.ui.screens.reading import scroll_reading
from tui.ui.widgets.paper_list_view import PaperListView
from tui.ui.widgets.paper_preview import PaperPreview


class CursorActions(ReaderScreen):
    """`j`/`k`, `g`/`G`, pages, next unread, `enter`, raw TeX and all authors."""

    state: ReaderState

    def _paper_list(self) -> PaperListView:
        return self.query_one(PaperListView)

    def action_move(self, delta: int) -> None:
        if not scroll_reading(self, "line", delta):  # reading: the keys scroll the preview
            self._paper_list().move(delta)

    def action_jump(self, where: str) -> None:
        if not scroll_reading(self, where):
            self._paper_list().go(0 if where == "first" else len(self.state.visible) - 1)

    def action_page(self, direction: int) -> None:
        if not scroll_reading(self, "page", direction):
            self._paper_list().page(direction)

    def action_unread(self, step: int) -> None:
        index = self.state.next_unread_index(self._paper_list().cursor, step)
        if index is None:
            self.notify("No more unread papers this way", timeout=2)
        else:
            self._paper_list().go(index)

    def action_focus_preview(self) -> None:
        self.set_focus(self.query_one(PaperPreview))

    def action_toggle_raw(self) -> None:
        self.state.raw = not self.state.raw
        self.revision += 1

    def action_toggle_authors(self) -> None:
        self.state.full_authors = not self.state.full_authors
        self.revision += 1
