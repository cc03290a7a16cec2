"""What the reader shows of a paper as a citation: whether it is in Zotero (a mark in the list
and the preview), where it was published (a badge in the preview), and sending it (`Z`).

Textual-free. What is known is kept in memory, for widgets to ask as they draw; disk and network
run only in the awaited methods. The Zotero records are read once, on a thread. The venue of a
paper comes from arXiv's own fields at once, else from the venue cache (read once, on a thread,
at the first lookup), else from a lookup (`tui.library.published`): one at a time, skipped when
the paper is no longer shown by its turn, never offline and never with ``venue_lookups =
false`` (cached answers still show then). The network half (httpx) loads on first use.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.citation.venue import Venue, arxiv_venue
from tui.domain.paper import Paper
from tui.library.zotero_marks import ZoteroMark, read_marks
from tui.settings.settings import Settings
from tui.store.locations import DataFiles

if TYPE_CHECKING:
    from tui.library.published import VenueLookup
    from tui.library.zotero import SendOutcome


class PaperCitations:
    """The Zotero marks and venues of one reader session."""

    def __init__(
        self,
        data_dir: Path,
        settings: Settings,
        *,
        offline: bool,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.settings = settings
        self.offline = offline
        self.env = env
        self._marks: dict[str, ZoteroMark] = {}
        self._sending: set[str] = set()
        self._lookup: VenueLookup | None = None
        self._turn: asyncio.Lock | None = None  # one lookup at a time
        self._building: asyncio.Lock | None = None
        self._loaded = False

    @property
    def looks_up(self) -> bool:
        """True when the reader may ask the lookup services."""
        return self.settings.venue_lookups and not self.offline

    async def load(self) -> None:
        """Read which papers are in Zotero, and the venues cached by earlier lookups (once,
        on threads), so that what is known shows at once."""
        if self._loaded:
            return
        self._loaded = True
        marks = await asyncio.to_thread(read_marks, self.data_dir)
        self._marks = marks | self._marks  # a send that ended meanwhile stays
        if await asyncio.to_thread(DataFiles(self.data_dir).venues_file.exists):
            await (await self._the_lookup()).load()

    # -- Zotero ----------------------------------------------------------------------------

    def zotero_mark(self, paper_id: str) -> ZoteroMark | None:
        return self._marks.get(paper_id)

    def in_zotero(self, paper: Paper) -> bool:
        return paper.id in self._marks

    def sending(self, paper_id: str) -> bool:
        return paper_id in self._sending

    async def send(self, paper: Paper, *, again: bool = False) -> SendOutcome:
        """Send `paper` to Zotero (`again`: even when it went before); the mark follows."""
        from tui.library.zotero import build_zotero  # httpx loads on the first send

        zotero = build_zotero(self.data_dir, self.settings, self.env)
        self._sending.add(paper.id)
        try:
            (outcome,) = await zotero.send_each([paper], again=again)
        finally:
            self._sending.discard(paper.id)
            await zotero.client.aclose()
        if outcome.in_zotero:
            record = await asyncio.to_thread(zotero.store.get, paper.id)
            route, at = (record.route, record.at) if record is not None else ("", "")
            self._marks[paper.id] = ZoteroMark(route, at)
        return outcome

    # -- venues ----------------------------------------------------------------------------

    def venue(self, paper: Paper) -> Venue | None:
        """The published version known now: arXiv's own, else the cached answer."""
        own = arxiv_venue(paper)
        if own is not None or self._lookup is None:
            return own
        return self._lookup.known(paper.id)[1]

    def needs_lookup(self, paper: Paper) -> bool:
        """True for an arXiv paper whose venue is neither its own nor known (yet)."""
        if not paper.is_arxiv or arxiv_venue(paper) is not None:
            return False
        return self._lookup is None or not self._lookup.known(paper.id)[0]

    async def look_up(self, paper: Paper, still_wanted: Callable[[], bool]) -> bool:
        """Find the venue of `paper` when its turn comes, if it is still wanted then; True
        when something new is known (a venue, or that there is none)."""
        if self._turn is None:
            self._turn = asyncio.Lock()
        async with self._turn:
            if not still_wanted() or not self.needs_lookup(paper):
                return False
            lookup = await self._the_lookup()
            await lookup.load()
            known, _ = lookup.known(paper.id)
            if known or not self.looks_up:
                return known
            await lookup.venue_of(paper.id, paper.title, paper.authors[:1])
            lookup.notices.clear()  # the reader says nothing of a background lookup
            return lookup.known(paper.id)[0]

    async def _the_lookup(self) -> VenueLookup:
        """The lookup, built on a thread the first time (importing httpx takes a while)."""
        if self._building is None:
            self._building = asyncio.Lock()
        async with self._building:  # one lookup, whoever asks first
            if self._lookup is None:
                self._lookup = await asyncio.to_thread(self._build_lookup)
        return self._lookup

    def _build_lookup(self) -> VenueLookup:
        from tui.library.published import build_lookup

        return build_lookup(self.data_dir, offline=not self.looks_up, env=self.env)

    async def aclose(self) -> None:
        if self._lookup is not None:
            await self._lookup.aclose()
