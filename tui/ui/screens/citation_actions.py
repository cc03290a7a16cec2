"""The reader's citation marks: a paper in Zotero is marked in its list row and in the preview;
the preview shows where the paper was published once known (arXiv's own fields at once, else a
lookup started when the paper has stayed in the preview for `VENUE_DELAY` seconds); `Z` sends
the paper under the cursor to Zotero.

`Z` on a paper already in Zotero sends nothing by itself: it asks first (a chooser whose first
choice, and enter, is "no"), so neither a double press nor a forgotten earlier send makes a
second copy; "yes" sends it once more as a new item (for a copy deleted in Zotero). `Z` while
the paper is still being sent says so.

A base of `MainScreen`, kept apart so that the screen stays one idea a file (and so that other
work on the main screen merges without touching this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.timer import Timer

from tui.domain.paper import Paper
from tui.library.library import Library
from tui.ui.reader_state import ReaderState
from tui.ui.screens.reader_screen import ReaderScreen
from tui.ui.widgets.citation_parts import cited_text
from tui.ui.widgets.paper_list_view import PaperListView

if TYPE_CHECKING:
    from tui.library.paper_citations import PaperCitations

VENUE_DELAY = 1.0  # seconds a paper stays in the preview before its venue is looked up
SEND_AGAIN = "again"


class CitationActions(ReaderScreen):
    """Zotero marks, venue badges and `Z`. The subclass supplies the state and the library."""

    state: ReaderState
    library: Library
    _citations: PaperCitations | None = None
    _venue_timer: Timer | None = None

    def citations(self) -> PaperCitations:
        """The session's citation facts, hooked into the list and the preview on first use."""
        if self._citations is None:
            from tui.library.paper_citations import PaperCitations

            self._citations = PaperCitations(
                self.library.data_dir, self.state.settings, offline=self.library.offline
            )
            self.query_one(PaperListView).in_zotero = self._citations.in_zotero
            self.call_after_refresh(self._load_citations)
        return self._citations

    def cited_text_of(self, paper: Paper) -> Text:
        if self._citations is None:  # the first frame: the citation modules load after it
            self.call_after_refresh(self.citations)
            return Text()
        citations = self.citations()
        mark = citations.zotero_mark(paper.id)
        return cited_text(citations.venue(paper), mark.describe() if mark else None)

    @work(group="citations-load")
    async def _load_citations(self) -> None:
        await self.citations().load()
        self.query_one(PaperListView).redraw()
        self._show_cited(self.query_one(PaperListView).current)

    def _show_cited(self, paper: Paper | None) -> None:
        """Bring the citation line up to date, if `paper` is still the one shown."""
        if paper is not None and self._is_shown(paper):
            self.revision += 1

    @on(PaperListView.Highlighted)
    def _look_up_venue_later(self, event: PaperListView.Highlighted) -> None:
        """Once the paper has stayed in the preview a moment, ask where it was published (in
        the background, one lookup at a time; a key press never waits for it)."""
        if self._citations is None:  # before the first frame: once it is on the terminal
            self.call_after_refresh(self._plan_venue_lookup, event.paper)
        else:
            self._plan_venue_lookup(event.paper)

    def _plan_venue_lookup(self, paper: Paper | None) -> None:
        citations = self.citations()
        if self._venue_timer is not None:
            self._venue_timer.stop()
            self._venue_timer = None
        if paper is not None and citations.needs_lookup(paper):
            self._venue_timer = self.set_timer(VENUE_DELAY, lambda: self._look_up_venue(paper))

    @work(group="venue")
    async def _look_up_venue(self, paper: Paper) -> None:
        if await self.citations().look_up(paper, lambda: self._is_shown(paper)):
            self._show_cited(paper)

    def _is_shown(self, paper: Paper) -> bool:
        current = self.query_one(PaperListView).current
        return current is not None and current.id == paper.id

    # -- Z ----------------------------------------------------------------------------------

    def action_send_to_zotero(self) -> None:
        """`Z`: to Zotero's connector (through an SSH tunnel too), else its Web API."""
        paper = self.query_one(PaperListView).current
        if paper is None:
            self.notify("No paper selected", timeout=2)
            return
        citations = self.citations()
        mark = citations.zotero_mark(paper.id)
        if citations.sending(paper.id):
            self.notify("Still sending this paper to Zotero…", timeout=3, markup=False)
        elif mark is not None:
            self._ask_again(paper, mark.describe())
        else:
            self._send_to_zotero(paper, again=False)

    def _ask_again(self, paper: Paper, said: str) -> None:
        from tui.ui.screens.chooser_screen import ChooserScreen

        choices = [("No, keep the one copy", ""), ("Yes, send another copy", SEND_AGAIN)]
        chooser = ChooserScreen(f"Already {said}. Send it again?", choices)

        def chosen(value: str | None) -> None:
            if value == SEND_AGAIN:
                self._send_to_zotero(paper, again=True)

        self.app.push_screen(chooser, chosen)

    @work(group="zotero")
    async def _send_to_zotero(self, paper: Paper, *, again: bool) -> None:
        self.notify("Sending to Zotero…", markup=False, timeout=2)
        outcome = await self.citations().send(paper, again=again)
        if outcome.in_zotero:
            self.notify(outcome.line, markup=False)
        else:
            self.notify(outcome.line, severity="error", markup=False, timeout=10)
        if outcome.in_zotero:
            self.query_one(PaperListView).redraw()
            self._show_cited(paper)

    async def on_unmount(self) -> None:
        if self._citations is not None:
            await self._citations.aclose()
