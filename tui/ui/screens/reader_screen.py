"""ReaderScreen: the reader's state as reactives, and the one place it reaches the widgets.

The state itself is a `ReaderState` (Textual-free, `ui/reader_state.py`). An action changes it,
then says what changed by one of two counters, and draws nothing itself:

- ``self.view_revision += 1``: the view changed (its papers, the filter, the order, a mode), so
  the visible list is made again (ranked first in the "for you" order), then as below;
- ``self.revision += 1``: something shown changed in place (marks, a display option, how fresh
  the papers are, the clock).

The watcher of `revision` is the one sync point: from the state it derives `listing` (the
list's rows), `shown` (the preview) and `status` (the status line). Each widget is bound to its
reactive with `data_bind` and follows it in its own watcher, which compares first, so a change
that does not concern a widget costs it nothing. `paper` is the paper under the cursor, as the
list reports it (its `Highlighted` message, or after the list followed a new listing); the
preview follows it too, drawn once per paper.

The base of `MainScreen` and its action mixins; the mixins supply ranking (`ensure_ranked`,
`ensure_trending`, `why_of`), the Hugging Face line (`hub_text_of`) and the citation line
(`cited_text_of`), which do nothing here.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.screen import Screen

from tui.domain.freshness import describe
from tui.domain.paper import NO_MARKS, Paper
from tui.domain.paper_list import SortKey
from tui.library.library import Library
from tui.ui.reader_state import ReaderState
from tui.ui.widgets.listing import NO_LISTING, Listing
from tui.ui.widgets.paper_list_view import PaperListView
from tui.ui.widgets.paper_preview import PreviewContent
from tui.ui.widgets.status_line import Status


class ReaderScreen(Screen[None]):
    """The reader's state flow. The subclass supplies `library`, `state` and the widgets."""

    library: Library
    state: ReaderState

    view_revision: var[int] = var(0, init=False)  # the view changed: make the list again
    revision: var[int] = var(0, init=False)  # anything shown changed: bring every widget up
    paper: var[Paper | None] = var(None, init=False)  # the paper under the cursor
    listing: var[Listing] = var(NO_LISTING, init=False)  # -> PaperListView.listing
    shown: var[PreviewContent | None] = var(None, init=False)  # -> PaperPreview.content
    status: var[Status] = var(Status(), init=False)  # -> StatusLine.status

    _noted: set[str]  # ids told to the library as had on screen
    # After a filter keystroke the preview follows just after the list's frame (see
    # `_follow_paper`); `_preview_due` says that the call is already asked for.
    preview_after_list = False
    _preview_due = False

    def watch_view_revision(self) -> None:
        """The visible list from the view and its options, keeping the cursor's paper."""
        self.ensure_ranked()
        self.ensure_trending()
        self.state.recompute()
        self.revision += 1
        self.call_after_refresh(self.note_seen)

    def watch_revision(self) -> None:
        """The one sync point: every widget's reactive from the state."""
        state = self.state
        self.listing = Listing(
            state.visible,
            frozenset(state.new_ids),
            stars=state.sort is SortKey.STARS,
            by_day=state.grouped_by_day,
            raw=state.raw,
            show_tldr=state.show_tldr,
        )
        self.paper = self.query_one(PaperListView).current  # the list kept it, or moved
        self._follow_paper()
        right, warning = describe(state.freshness, state.clock())
        self.status = Status(state.summary(), right, warning)

    def watch_paper(self) -> None:
        self._follow_paper()

    def _follow_paper(self) -> None:
        """The preview shows the paper under the cursor. After a filter keystroke, just after
        the frame that shows the list filtered: the list is where typing is watched, and a new
        paper in the preview (its abstract laid out and drawn again) about doubled that frame."""
        if not self.preview_after_list:
            self.shown = self._preview_content()
        elif not self._preview_due:
            self._preview_due = True
            self.call_after_refresh(self._preview_now)

    def _preview_now(self) -> None:
        self.preview_after_list = self._preview_due = False
        self.shown = self._preview_content()

    def _preview_content(self) -> PreviewContent:
        """The preview of the paper under the cursor (no paper: why the list is empty)."""
        paper, state = self.paper, self.state
        return PreviewContent(
            paper,
            state.visible.marks_for(paper.id) if paper else NO_MARKS,
            "" if paper else state.empty_message(),  # it names the filter: only when shown
            raw=state.raw,
            full_authors=state.full_authors,
            author_width=state.author_width,
            why=self.why_of(paper),
            hub=self.hub_text_of(paper) if paper else Text(),
            cited=self.cited_text_of(paper) if paper else Text(),
        )

    def note_seen(self) -> None:
        """Papers on screen are never "new" again, in this session or the next."""
        on_screen = self.query_one(PaperListView).on_screen()
        ids = [p.id for p in on_screen if p.id not in self._noted]
        if ids:
            self._noted.update(ids)
            self.library.note_seen(ids)

    # -- supplied by the action mixins ----------------------------------------------------

    def ensure_ranked(self) -> None:
        """In the "for you" order, have the view's papers scored (see `ForYouActions`)."""

    def ensure_trending(self) -> None:
        """In the trending order, have Hugging Face's ranks asked for (see `HubActions`)."""

    def why_of(self, paper: Paper | None) -> str:
        """The preview's "for you" line of `paper` (see `ForYouActions`)."""
        return ""

    def hub_text_of(self, paper: Paper) -> Text:
        """The preview's line of the paper's models, datasets and Spaces (see `HubActions`)."""
        return Text()

    def cited_text_of(self, paper: Paper) -> Text:
        """The preview's line of the paper's venue and Zotero mark (see `CitationActions`)."""
        return Text()
