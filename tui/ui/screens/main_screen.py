"""MainScreen: filter bar, paper list, preview, status line, key bar. Owns the reader's state.

State lives here (the day's papers, the view options, the undo stack, freshness: a
`ReaderState`) and flows down: actions change it and bump a revision, and the widgets follow
the screen's reactives they are bound to (see `ReaderScreen`, `screens/reader_screen.py`).
Disk and network run in workers through the `Library`; marks change on screen at once and are
written behind, in order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.timer import Timer

from tui.domain.latex import latex_to_unicode
from tui.domain.links import has_code_link
from tui.domain.paper import Marks, Paper
from tui.domain.paper_list import next_sort
from tui.domain.words import counted, one_notice
from tui.library.library import Library, RefreshOutcome
from tui.library.views import View
from tui.ui.commands import bindings
from tui.ui.link_actions import LinkActions
from tui.ui.reader_state import ReaderState
from tui.ui.screens.citation_actions import CitationActions
from tui.ui.screens.cursor_actions import CursorActions
from tui.ui.screens.for_you_actions import ForYouActions
from tui.ui.screens.hub_actions import HubActions
from tui.ui.screens.mark_actions import MarkActions
from tui.ui.screens.reader_screen import ReaderScreen
from tui.ui.widgets.filter_bar import FilterBar, FilterHint, filter_bar_of
from tui.ui.widgets.key_bar import KeyBar
from tui.ui.widgets.paper_list_view import PaperListView
from tui.ui.widgets.paper_preview import PaperPreview
from tui.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.domain.citation.venue import Venue
    from tui.library.refresh import FeedResult


class MainScreen(CursorActions, MarkActions, HubActions, ForYouActions, CitationActions):
    """The reader."""

    AUTO_FOCUS = "#papers"  # not the filter first: moving away would restyle it before paint
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(),
        Binding("escape", "back_to_list", "Back", show=False),
    ]

    def __init__(
        self,
        library: Library,
        state: ReaderState,
        links: LinkActions,
        first_screen: View | None = None,
        *,
        after_first_paint: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self._after_first_paint = after_first_paint
        self._first_screen = first_screen
        self.library = library
        self.state = state
        self.links = links
        self._read_timer: Timer | None = None
        self._refresh_timer: Timer | None = None
        self._last_notice: str | None = None
        self._noted: set[str] = set()  # ids told to the library as had on screen

    @property
    def papers_view(self) -> PaperListView:
        return self.query_one(PaperListView)

    @property
    def preview(self) -> PaperPreview:
        return self.query_one(PaperPreview)

    def compose(self) -> ComposeResult:
        yield FilterHint()
        with Container(id="panes"):
            yield PaperListView(id="papers").data_bind(listing=ReaderScreen.listing)
            yield PaperPreview(id="preview").data_bind(content=ReaderScreen.shown)
        yield StatusLine(id="status").data_bind(status=ReaderScreen.status)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        view = self.papers_view
        view.title_of = self._title_of
        view.has_code = has_code_link
        view.is_watched = self.state.rules.is_watched
        view.score_of = self.score_of
        view.tldr_of = self._tldr_of
        if self._first_screen is not None:  # read while Textual loaded: in the very first frame
            self.apply_day(self._first_screen)
        self.call_after_refresh(self._after_first_paint)
        self.load_start(first_screen_shown=self._first_screen is not None)
        self.set_interval(30, self._clock_moved)
        self.watch_sync_folder()

    def _clock_moved(self) -> None:
        """The status line says how long ago the papers were fetched."""
        self.revision += 1

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:
        """Reading the preview: in the stacked (narrow) layout it takes most of the screen."""
        self.set_class(self.focused is self.preview, "-reading")

    # -- loading and refreshing ------------------------------------------------------------

    @work(group="load", exclusive=True)
    async def load_start(self, *, first_screen_shown: bool = False) -> None:
        """Paint the last first screen, then the day from the cache, then refresh."""
        if not first_screen_shown:
            first = await self.library.first_screen.load(self.state.day, self.state.sort)
            if first is not None:
                self.apply_day(first)
                first_screen_shown = True
        if first_screen_shown:
            painted = asyncio.Event()
            self.call_after_refresh(painted.set)
            await painted.wait()  # let it reach the terminal before the big read starts
        view = await self.library.load_day(self.state.day)
        self.apply_day(view)
        self.refresh_feeds()

    def apply_day(self, view: View) -> None:
        """Show a day's papers from the cache (or nothing, saying why)."""
        self.state.day_view = view
        if view.day is not None:
            self.state.day = view.day
        notice = one_notice(view.notices)
        if notice:
            self.notify(notice, severity="warning", markup=False, timeout=10)
        self.view_revision += 1
        state = self.state
        if view.complete and not (state.saved_mode or state.query or state.shown_day()):
            rows = self.papers_view.size.height  # a few more, in case the terminal grows
            self.library.first_screen.keep(view, state.visible, rows + 8 if rows else None)

    @work(group="refresh", exclusive=True)
    async def refresh_feeds(self, *, automatic: bool = False) -> None:
        """Fetch every feed once, then show what the cache holds now."""
        state = self.state
        state.freshness = state.freshness.started()
        self.revision += 1
        outcome = await self.library.refresh(
            day=state.requested, automatic=automatic, on_feed=self._feed_arrived
        )
        now = state.clock()
        offline = any(r.status == "offline" for r in outcome.results)
        if outcome.all_failed:
            problem = outcome.notice or "refresh failed"
            state.freshness = state.freshness.failed(now, problem, offline=offline)
        else:
            state.freshness = state.freshness.succeeded(now, outcome.notice)
        if outcome.notice and not state.offline_mode and outcome.notice != self._last_notice:
            self.notify(outcome.notice, severity="warning", markup=False)
        self._last_notice = outcome.notice  # the same problem again stays in the status line
        state.new_ids |= outcome.new_ids
        if state.library_mode and not state.saved_mode and not (state.span or state.search):
            state.library_view = await self.library.load_library()
        if not state.saved_mode:
            self.apply_day(await self.library.load_day(state.shown_day()))
        else:
            await self._reload_marks()
        self._schedule_poll(outcome)
        self.revision += 1

    async def _feed_arrived(self, result: FeedResult) -> None:
        """Show a feed's papers as soon as it is done, before slower feeds end."""
        if result.paper_ids and not self.state.saved_mode:
            self.apply_day(await self.library.load_day(self.state.requested))

    def _schedule_poll(self, outcome: RefreshOutcome) -> None:
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
        delay = self.state.next_poll_seconds(outcome)
        if delay is not None:
            self._refresh_timer = self.set_timer(delay, lambda: self.refresh_feeds(automatic=True))

    async def _reload_marks(self) -> None:
        """Pick up marks written by another session."""
        marks = await self.library.load_marks()
        self.state.replace_marks(marks)
        self.revision += 1

    # -- what the widgets ask -----------------------------------------------------------------

    def _title_of(self, paper: Paper) -> str:
        return paper.title if self.state.raw else latex_to_unicode(paper.title)

    def current_paper(self) -> Paper | None:
        return self.papers_view.current

    # -- messages ----------------------------------------------------------------------------

    @on(PaperListView.Highlighted)
    def _highlighted(self, event: PaperListView.Highlighted) -> None:
        self.paper = self.papers_view.current  # where the cursor is now (it may have moved on)
        self.note_seen()
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        paper = event.paper
        delay = self.state.mark_read_after
        if paper is None or delay < 0 or self.state.visible.marks_for(paper.id).read:
            return
        if delay == 0:
            self.set_read(paper, True, undoable=False)
        else:
            self._read_timer = self.set_timer(delay, lambda: self._read_after_delay(paper.id))

    def _read_after_delay(self, paper_id: str) -> None:
        current = self.papers_view.current
        if current is not None and current.id == paper_id:
            self.set_read(current, True, undoable=False)

    @on(PaperListView.Selected)
    def _selected(self) -> None:
        self.set_focus(self.preview)

    def _filter_typed(self, text: str) -> None:
        """The filter bar's text changed: called by the bar itself, within the keystroke."""
        if text == self.state.query:
            return
        self.state.query = text
        self.preview_after_list = True
        self.view_revision += 1

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        self._filter_typed(event.value)  # already done, unless the text was set otherwise

    @on(FilterBar.Cleared)
    def _filter_cleared(self) -> None:
        self.state.query = ""
        self.view_revision += 1
        self.set_focus(self.papers_view)

    @on(FilterBar.Done)
    def _filter_done(self) -> None:
        self.set_focus(self.papers_view)

    # -- marks -------------------------------------------------------------------------------

    def set_read(self, paper: Paper, read: bool, *, undoable: bool = True) -> None:
        marks = self.state.visible.marks_for(paper.id)
        self.change_marks({paper.id: marks.with_read(read, self.library.now_iso())}, undoable)

    def change_marks(self, changes: dict[str, Marks], undoable: bool = True) -> None:
        """Show new marks at once; write them behind, in order; remember them for undo."""
        before = {pid: self.state.visible.marks_for(pid) for pid in changes}
        papers = self.state.apply_marks(changes, undoable=undoable)
        self.revision += 1
        self.persist(self.library.submit_marks(changes, papers, before))

    @work(group="marks")
    async def persist(self, write: Future[None]) -> None:
        """Wait for a queued write and say so if it could not be saved."""
        await asyncio.wrap_future(write)
        for notice in self.library.take_notices():
            self.notify(notice, severity="error", markup=False, timeout=10)

    # -- actions (ids and keys in ui/commands.py) --------------------------------------------

    def action_back_to_list(self) -> None:
        """Escape: from the preview back to the list; in the list, clear a kept filter."""
        if self.papers_view.has_focus and self.state.query:
            for bar in self.query(FilterBar):
                bar.value = ""
            self._filter_cleared()
        self.set_focus(self.papers_view)

    def action_toggle_saved(self) -> None:
        paper = self.papers_view.current
        if paper is not None:
            marks = self.state.visible.marks_for(paper.id)
            self.change_marks({paper.id: marks.with_saved(not marks.saved, self.library.now_iso())})
            self.stars_changed()

    def action_toggle_read(self) -> None:
        paper = self.papers_view.current
        if paper is not None:
            if self._read_timer is not None:
                self._read_timer.stop()
            self.set_read(paper, not self.state.visible.marks_for(paper.id).read)

    def action_mark_all_read(self) -> None:
        now = self.library.now_iso()
        changes = {
            p.id: self.state.visible.marks_for(p.id).with_read(True, now)
            for p in self.state.visible
            if not self.state.visible.marks_for(p.id).read
        }
        if changes:
            self.change_marks(changes)
            self.notify(f"Marked {counted(len(changes), 'paper')} read (z undoes)", timeout=3)

    def action_undo(self) -> None:
        if self.undo_less_like():
            return
        changes = self.state.pop_undo()
        if changes is None:
            self.notify("Nothing to undo", timeout=2)
        else:
            self.change_marks(changes, undoable=False)

    def action_toggle_unread_only(self) -> None:
        self.state.unread_only = not self.state.unread_only
        self.view_revision += 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/` is typed into the filter while it has the focus, not run as a command."""
        return not (action == "filter" and isinstance(self.focused, FilterBar))

    async def action_filter(self) -> None:
        bar = await filter_bar_of(self, self._filter_typed)
        # At once, not on the next message (as Widget.focus does): keys typed right after `/`
        # are already queued and must reach the filter, not run commands.
        self.set_focus(bar)

    def action_sort(self) -> None:
        self.state.sort = next_sort(self.state.sort)
        self.view_revision += 1
        kept = " (search answers keep Hugging Face's order)" if self.state.searching else ""
        self.notify(f"Sorted by {self.state.sort.value}{kept}", timeout=2)

    def action_refresh(self) -> None:
        if not self.state.refresh_allowed():
            self.notify("Refreshed a moment ago; try again in a few seconds", timeout=3)
        else:
            self.refresh_feeds()

    # -- links and citations (ui/link_actions.py) ----------------------------------------------

    def action_open_paper(self) -> None:
        self._with_paper(self.links.open_paper)

    def action_open_code(self) -> None:
        self._with_paper(self.links.open_code)

    def action_open_pdf(self) -> None:
        self._with_paper(self.links.open_pdf)

    def action_copy_bibtex(self) -> None:
        self._with_paper(lambda p: self.links.copy_bibtex(p, self._marks_of(p), self._published(p)))

    def action_copy_as(self) -> None:
        self._with_paper(lambda p: self.links.copy_as(p, self._marks_of(p), self._published(p)))

    def _published(self, paper: Paper) -> Venue | None:
        """The venue `y` cites `paper` as published in: known already, never asked now."""
        if not self.state.settings.cite_published:
            return None
        return self.citations().venue(paper)

    def _marks_of(self, paper: Paper) -> Marks:
        return self.state.visible.marks_for(paper.id)

    def _with_paper(self, act: Callable[[Paper], None]) -> None:
        paper = self.papers_view.current
        if paper is None:
            self.notify("No paper selected", timeout=2)
        else:
            act(paper)
