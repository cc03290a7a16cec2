"""A paper's page on the Hugging Face API (``/api/papers/{id}``): the models, datasets and
Spaces linked to it. Asked one at a time, remembered for the session (an answer, or that there
was none) and kept in the data folder (`store/hub_links.py`), so a paper seen once shows them
offline and is not asked again; never asked offline; failures are a one-line notice, never an
exception. The disk is read once, off the event loop, on the first question.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.domain.arxiv import normalise_arxiv_id
from tui.domain.feeds.hub_artifacts import Artifacts, artifacts_doc, parse_artifacts
from tui.library.hub_search import hub_base
from tui.sources.api_client import ApiClient, ApiError
from tui.store.hub_links import HubLinksStore
from tui.store.locations import DataFiles

CACHE_CAP = 2_000


@dataclass(frozen=True)
class Details:
    """What the API said of one paper: its artifacts, or a notice why there are none."""

    artifacts: Artifacts | None
    notice: str | None = None


class HubPapers:
    """Asks ``/api/papers/{id}``; `client=None` means offline (nothing is asked). With a
    `store`, answers are kept on disk and read back from it."""

    def __init__(
        self,
        client: ApiClient | None,
        env: Mapping[str, str] | None = None,
        *,
        store: HubLinksStore | None = None,
        now: Callable[[], str] = lambda: "",
    ) -> None:
        self._client = client
        self.base = hub_base(env)
        self._known: dict[str, Details] = {}
        self._one_at_a_time = asyncio.Lock()
        self._store = store
        self._now = now
        self._kept: dict[str, Artifacts] | None = None  # read from the store once

    @property
    def offline(self) -> bool:
        return self._client is None

    def known(self, paper_id: str) -> Details | None:
        """The remembered answer for a paper, without asking."""
        return self._known.get(paper_id)

    async def details(self, paper_id: str) -> Details:
        """The paper's linked artifacts (remembered after the first answer, kept on disk)."""
        if paper_id in self._known:
            return self._known[paper_id]
        arxiv_id = normalise_arxiv_id(paper_id)
        if arxiv_id is None:
            return Details(None, "Not an arXiv paper: Hugging Face has no page for it")
        async with self._one_at_a_time:
            if paper_id in self._known:
                return self._known[paper_id]
            kept = (await self._kept_answers()).get(paper_id)
            if kept is not None:
                return self._remember(paper_id, Details(kept))
            if self._client is None:
                return Details(None, "Offline: linked models and datasets need the network")
            details = await self._ask(arxiv_id)
            if details.artifacts is not None and self._store is not None:
                doc = artifacts_doc(paper_id, details.artifacts)
                await asyncio.to_thread(self._keep, paper_id, doc)
        if details.artifacts is not None or "not found" in (details.notice or ""):
            self._remember(paper_id, details)
        return details

    def _remember(self, paper_id: str, details: Details) -> Details:
        if len(self._known) >= CACHE_CAP:
            self._known.clear()
        self._known[paper_id] = details
        return details

    async def _kept_answers(self) -> dict[str, Artifacts]:
        if self._kept is None:
            self._kept = await asyncio.to_thread(self._read_kept)
        return self._kept

    def _read_kept(self) -> dict[str, Artifacts]:
        if self._store is None:
            return {}
        kept = {}
        for pid, doc in self._store.load_all().items():
            artifacts = parse_artifacts(doc)
            if artifacts is not None:
                kept[pid] = artifacts
        return kept

    def _keep(self, paper_id: str, doc: Mapping[str, object]) -> None:
        assert self._store is not None
        with contextlib.suppress(OSError):  # not kept: asked again next session, shown now
            self._store.put(paper_id, doc, self._now())

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


def build_hub_papers(
    offline: bool,
    data_dir: Path | None = None,
    now: Callable[[], str] = lambda: "",
    env: Mapping[str, str] | None = None,
) -> HubPapers:
    """The real one: an API client (none offline), answers kept in `data_dir`."""
    store = HubLinksStore(DataFiles(data_dir).hub_links_file) if data_dir is not None else None
    return HubPapers(None if offline else ApiClient(), env, store=store, now=now)
