"""The reader's Hugging Face actions: the TL;DR line under titles (`T`), the week and month
of the shown day (`w` / `M`), read from the cache at once and then asked of Hugging Face, and
the search of every paper on Hugging Face (`f`), shown as a view where every key works, and
the models, datasets and Spaces linked to the paper shown (asked in the background; `H`), and
the paper's own text, section by section (`R`, kept for offline), and Hugging Face's trending
order of the view (`O`, asked with ``sort=trending``, kept for offline).

A base of `MainScreen`, kept apart so that the screen stays one idea a file (and so that other
work on the main screen merges without touching this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.timer import Timer

from tui.domain.latex import latex_to_unicode
from tui.domain.paper import Paper
from tui.domain.paper_list import SortKey
from tui.library.library import Library, View
from tui.ui.link_actions import LinkActions
from tui.ui.reader_state import ReaderState
from tui.ui.screens.reader_screen import ReaderScreen
from tui.ui.widgets.paper_list_view import PaperListView

if TYPE_CHECKING:
    from tui.domain.periods import PeriodKind
    from tui.library.hub_papers import HubPapers
    from tui.library.hub_search import HubSearch
    from tui.library.paper_reading import PaperReader
    from tui.library.trending import Ranks, Scope, Trending

HUB_DELAY = 0.5  # seconds the cursor rests on a paper before its Hugging Face page is asked


class HubActions(ReaderScreen):
    """Hugging Face commands. The subclass supplies the state and the library."""

    state: ReaderState
    library: Library
    links: LinkActions
    _hub_search: HubSearch | None = None

    def action_toggle_tldr(self) -> None:
        """A second line under each title that has Hugging Face's AI summary (again: off)."""
        state = self.state
        state.show_tldr = not state.show_tldr
        self.revision += 1
        if not state.show_tldr:
            self.notify("TL;DR lines off", timeout=2)
        elif any(p.tldr for p in state.visible):
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
        from tui.domain.periods import period_of
        from tui.library.spans import fetch_span, load_span

        state = self.state
        day = state.day or state.clock().date()
        period = period_of(day, kind)
        if state.library_mode and state.span == period:
            state.library_mode, state.span = False, None
            self.view_revision += 1
            return
        state.saved_mode, state.library_mode, state.span = False, True, period
        state.search = None
        state.library_view = await load_span(self.library, period)
        self.view_revision += 1
        if self.library.offline or not self.library.pages_back:
            return
        self.notify(f"Asking Hugging Face for {period.label()}…", timeout=2, markup=False)
        outcome = await fetch_span(self.library, period)
        if outcome.notice:
            self.notify(outcome.notice, severity="warning", timeout=5, markup=False)
        if state.span == period and state.library_mode:
            state.library_view = await load_span(self.library, period)
            self.view_revision += 1

    def action_search_hub(self) -> None:
        """The search box; what it finds replaces the list (L or a day goes back)."""
        from tui.ui.screens.hub_search_screen import HubSearchScreen

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
        days = sorted({p.day for p in outcome.papers if p.day is not None}, reverse=True)
        state.library_view = View(outcome.papers, None, tuple(days))
        self.view_revision += 1
        self.query_one(PaperListView).go(0)  # the most relevant answer first
        count = len(outcome.papers)
        self.notify(
            f"{count} papers on Hugging Face for “{outcome.query}”", timeout=3, markup=False
        )

    # -- linked models, datasets and Spaces (H) --------------------------------------------

    _hub_papers: HubPapers | None = None
    _hub_timer: Timer | None = None

    def _the_hub_papers(self) -> HubPapers:
        if self._hub_papers is None:
            from tui.library.hub_papers import build_hub_papers  # httpx loads on first use

            library = self.library
            self._hub_papers = build_hub_papers(library.offline, library.data_dir, library.now_iso)
        return self._hub_papers

    def hub_text_of(self, paper: Paper) -> Text:
        known = self._hub_papers.known(paper.id) if self._hub_papers else None
        if known is None or known.artifacts is None:
            return Text()
        text = Text("Hugging Face: ", style="bold")
        text.append(known.artifacts.describe() + ("  (H: open)" if known.artifacts.any else ""))
        return text

    @on(PaperListView.Highlighted)
    def _ask_hub_later(self, event: PaperListView.Highlighted) -> None:
        """After the cursor rests a moment, ask for the paper's linked artifacts (in the
        background, one at a time; a cursor move never waits for it). Offline, only what an
        earlier visit kept is shown."""
        if self._hub_timer is not None:
            self._hub_timer.stop()
        paper = event.paper
        if paper is None or not paper.is_arxiv:
            return
        self._hub_timer = self.set_timer(HUB_DELAY, lambda: self._fetch_hub(paper))

    @work(group="hub-paper", exclusive=True)
    async def _fetch_hub(self, paper: Paper) -> None:
        hub = self._the_hub_papers()
        if hub.known(paper.id) is not None:
            self._show_hub(paper)
            return
        await hub.details(paper.id)
        self._show_hub(paper)

    def _show_hub(self, paper: Paper) -> None:
        lists = self.query(PaperListView)
        if not lists:
            return  # the answer came as the reader was closing: nothing left to show it in
        current = lists.first().current
        if current is not None and current.id == paper.id:
            self.revision += 1  # the preview's Hugging Face line

    def action_open_hub(self) -> None:
        paper = self.query_one(PaperListView).current
        if paper is None:
            self.notify("No paper selected", timeout=2)
        else:
            self._open_hub(paper)

    @work(group="hub-open", exclusive=True)
    async def _open_hub(self, paper: Paper) -> None:
        """A chooser of the paper's linked models, datasets and Spaces; the choice opens (over
        SSH: copied and shown, as `o` does)."""
        details = await self._the_hub_papers().details(paper.id)
        self._show_hub(paper)
        if details.artifacts is None:
            self.notify(details.notice or "Nothing linked", severity="warning", markup=False)
            return
        choices = details.artifacts.choices()
        if not choices:
            self.notify("No linked models, datasets or Spaces on Hugging Face", timeout=3)
            return
        from tui.ui.screens.chooser_screen import ChooserScreen

        chooser = ChooserScreen("Open which one on Hugging Face?", choices)
        self.app.push_screen(chooser, self._chosen)

    def _chosen(self, url: str | None) -> None:
        if url:
            self.links.open_url(url, "Hugging Face page")

    # -- read the paper (R) ---------------------------------------------------------------

    _reader: PaperReader | None = None

    def action_read_paper(self) -> None:
        paper = self.query_one(PaperListView).current
        if paper is None:
            self.notify("No paper selected", timeout=2)
        else:
            self._read_paper(paper)

    @work(group="read-paper", exclusive=True)
    async def _read_paper(self, paper: Paper) -> None:
        """The paper's text, section by section: kept from an earlier visit, else asked."""
        if self._reader is None:
            from tui.library.paper_reading import PaperReader

            self._reader = PaperReader(self.library.data_dir, offline=self.library.offline)
        self.notify("Opening the paper's text…", timeout=2)
        reading = await self._reader.read(paper.id)
        if not reading.sections:
            self.notify(reading.notice or "No text", severity="warning", markup=False)
            return
        if reading.notice:
            self.notify(reading.notice, severity="warning", markup=False)
        from tui.ui.screens.reading_screen import ReadingScreen

        await self.app.push_screen(ReadingScreen(latex_to_unicode(paper.title), reading.sections))

    # -- trending (O) ---------------------------------------------------------------------

    _trending: Trending | None = None
    _trending_for: Scope | None = None

    def ensure_trending(self) -> None:
        """In the trending order, the view's ranks: the kept ones at once, then Hugging
        Face's (once per view; nothing is asked offline)."""
        state = self.state
        scope = state.trending_scope() if state.sort is SortKey.TRENDING else None
        if scope is None or scope == self._trending_for:
            return
        self._trending_for = scope
        self._ask_trending(scope)

    @work(group="trending", exclusive=True)
    async def _ask_trending(self, scope: Scope) -> None:
        if self._trending is None:
            from tui.library.trending import Trending

            self._trending = Trending(self.library)
        self._use_ranks(scope, await self._trending.kept(scope))
        if not self.library.pages_back:
            return
        asked = await self._trending.ask(scope)
        if asked.notice:
            self.notify(asked.notice, severity="warning", timeout=5, markup=False)
        self._use_ranks(scope, asked)
        if asked.asked:
            await self._reload_after_trending()

    def _use_ranks(self, scope: Scope, ranks: Ranks) -> None:
        state = self.state
        if self._trending_for != scope or state.trending == ranks.ranks:
            return
        state.trending = ranks.ranks
        self.view_revision += 1

    async def _reload_after_trending(self) -> None:
        """The answer may have brought papers of the view (or fresher counts): read it again."""
        from tui.library.spans import load_span

        state = self.state
        if state.library_mode and state.span is not None:
            state.library_view = await load_span(self.library, state.span)
        elif state.library_mode and state.search is None:
            state.library_view = await self.library.load_library()
        elif state.is_day_view and state.day is not None:
            state.day_view = await self.library.load_day(state.day)
        self.view_revision += 1
