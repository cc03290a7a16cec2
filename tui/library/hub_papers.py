"""A paper's page on the Hugging Face API (``/api/papers/{id}``): the models, datasets and
Spaces linked to it. Asked one at a time, remembered for the session (an answer, or that there
was none), never asked offline; failures are a one-line notice, never an exception.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass

from tui.domain.arxiv import normalise_arxiv_id
from tui.domain.feeds.hub_artifacts import Artifacts, parse_artifacts
from tui.library.hub_search import hub_base
from tui.sources.api_client import ApiClient, ApiError

CACHE_CAP = 2_000


@dataclass(frozen=True)
class Details:
    """What the API said of one paper: its artifacts, or a notice why there are none."""

    artifacts: Artifacts | None
    notice: str | None = None


class HubPapers:
    """Asks ``/api/papers/{id}``; `client=None` means offline (nothing is asked)."""

    def __init__(self, client: ApiClient | None, env: Mapping[str, str] | None = None) -> None:
        self._client = client
        self.base = hub_base(env)
        self._known: dict[str, Details] = {}
        self._one_at_a_time = asyncio.Lock()

    @property
    def offline(self) -> bool:
        return self._client is None

    def known(self, paper_id: str) -> Details | None:
        """The remembered answer for a paper, without asking."""
        return self._known.get(paper_id)

    async def details(self, paper_id: str) -> Details:
        """The paper's linked artifacts (remembered after the first answer)."""
        if paper_id in self._known:
            return self._known[paper_id]
        arxiv_id = normalise_arxiv_id(paper_id)
        if arxiv_id is None:
            return Details(None, "Not an arXiv paper: Hugging Face has no page for it")
        if self._client is None:
            return Details(None, "Offline: linked models and datasets need the network")
        async with self._one_at_a_time:
            if paper_id in self._known:
                return self._known[paper_id]
            details = await self._ask(arxiv_id)
        if details.artifacts is not None or "not found" in (details.notice or ""):
            if len(self._known) >= CACHE_CAP:
                self._known.clear()
            self._known[paper_id] = details
        return details

    async def _ask(self, arxiv_id: str) -> Details:
        assert self._client is not None
        try:
            answer = await self._client.request("GET", f"{self.base}/api/papers/{arxiv_id}")
        except ApiError as error:
            return Details(None, f"Hugging Face: {error}")
        if answer.status == 404:
            return Details(None, "Hugging Face: paper not found")
        if answer.status != 200:
            return Details(None, f"Hugging Face: HTTP {answer.status}")
        try:
            artifacts = parse_artifacts(json.loads(answer.body))
        except (ValueError, RecursionError):
            artifacts = None
        return Details(artifacts, None if artifacts else "Hugging Face: unexpected answer")

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()


def build_hub_papers(offline: bool, env: Mapping[str, str] | None = None) -> HubPapers:
    return HubPapers(None if offline else ApiClient(), env)
