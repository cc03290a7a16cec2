"""Reading a paper (`R`): its Markdown from Hugging Face (``{DAILYPAPERS_HF_API}/papers/{id}.md``),
kept in the data folder after the first visit so that it reads again offline, sanitised like
every feed text (from the network and again from disk), cut into sections.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.domain.arxiv import normalise_arxiv_id
from tui.domain.paper_sections import Section, split_sections
from tui.domain.sanitise import sanitise_text
from tui.library.hub_search import hub_base
from tui.store.paper_texts import TEXT_CAP, PaperTexts


@dataclass(frozen=True)
class Reading:
    """A paper's sections (empty when it could not be had) and a one-line notice."""

    sections: tuple[Section, ...]
    notice: str | None = None
    kept: bool = False  # read from the data folder (no request made)


class PaperReader:
    """Fetches and keeps paper texts; `offline` means the kept copies only."""

    def __init__(
        self, data_dir: Path, *, offline: bool, env: Mapping[str, str] | None = None
    ) -> None:
        self._texts = PaperTexts(data_dir)
        self._offline = offline
        self.base = hub_base(env)
        self._client: object | None = None
        self._one_at_a_time = asyncio.Lock()

    async def read(self, paper_id: str) -> Reading:
        arxiv_id = normalise_arxiv_id(paper_id)
        if arxiv_id is None:
            return Reading((), "Not an arXiv paper: Hugging Face has no text of it")
        kept = await asyncio.to_thread(self._texts.load, arxiv_id)
        if kept is not None:
            return Reading(split_sections(sanitise_text(kept)), kept=True)
        if self._offline:
            return Reading((), "Offline, and this paper was not read here before")
        async with self._one_at_a_time:
            text, notice = await self._fetch(arxiv_id)
        if text is None:
            return Reading((), notice)
        clean = sanitise_text(text)
        saved = await asyncio.to_thread(self._texts.save, arxiv_id, clean)
        return Reading(split_sections(clean), None if saved else "Could not keep it for offline")

    async def _fetch(self, arxiv_id: str) -> tuple[str | None, str | None]:
        from tui.sources.api_client import ApiClient, ApiError  # httpx loads on first use

        if self._client is None:
            self._client = ApiClient(max_bytes=TEXT_CAP, deadline=30.0)
        client = self._client
        assert isinstance(client, ApiClient)
        try:
            answer = await client.request("GET", f"{self.base}/papers/{arxiv_id}.md")
        except ApiError as error:
            return None, f"Hugging Face: {error}"
        if answer.status == 404:
            return None, "Hugging Face has no text of this paper"
        if answer.status != 200 or not answer.body.strip():
            return None, f"Hugging Face: HTTP {answer.status}"
        return answer.body.decode("utf-8", errors="replace"), None

    async def aclose(self) -> None:
        from tui.sources.api_client import ApiClient

        if isinstance(self._client, ApiClient):
            await self._client.aclose()
