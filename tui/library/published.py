"""The published-version use-case: find where a preprint was published, and upgrade a .bib file.

Order: arXiv's own ``journal_ref``/journal DOI; else Semantic Scholar's graph API by arXiv id
(``GET /graph/v1/paper/arXiv:{id}?fields=...``: 200 the paper, 404 unknown, 429 slow down); else
DBLP's publication search by title (``GET /search/publ/api?q=...&format=json``); else
Crossref's works query (``GET /works?query.bibliographic=...&mailto=...``, its "polite pool").
Each host gets at most one request a second (Semantic Scholar's shared unauthenticated limit is
about that; DBLP and Crossref ask clients to be gentle); a 429 or 503 moves on to the next
service and leaves that one alone for as long as its ``Retry-After`` asks (a minute at least).
Answers are cached in ``venues.json`` of the data folder (a miss for a week), so a second run
asks nothing; a miss is cached only when every service asked really answered (no miss is
remembered for a request that got no answer, so being offline or rate limited costs nothing
later). The cache is read once, on a thread, and each answer written on a thread. Bases are
overridable for tests and mirrors: ``DAILYPAPERS_S2_API``, ``DAILYPAPERS_DBLP_API``,
``DAILYPAPERS_CROSSREF_API``.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from tui.domain.citation.names import split_name
from tui.domain.citation.upgrade import apply_upgrades, arxiv_entries, upgrade_entry
from tui.domain.citation.venue import (
    Venue,
    arxiv_venue,
    venue_from_crossref,
    venue_from_dblp,
    venue_from_semantic_scholar,
)
from tui.domain.paper import Paper
from tui.domain.polling import RETRY_AFTER_MIN_SECONDS, parse_retry_after
from tui.domain.sanitise import sanitise_line
from tui.sources.api_client import ApiClient, ApiError, host_of
from tui.store.exports import backup_file, read_user_text, write_text_atomic
from tui.store.locations import DataFiles
from tui.store.venue_cache import VenueCache

S2_FIELDS = "title,venue,year,externalIds,journal,publicationVenue,publicationTypes"
MISS_DAYS = 7


def _bases(env: Mapping[str, str]) -> dict[str, str]:
    return {
        "s2": env.get("DAILYPAPERS_S2_API", "https://api.semanticscholar.org").rstrip("/"),
        "dblp": env.get("DAILYPAPERS_DBLP_API", "https://dblp.org").rstrip("/"),
        "crossref": env.get("DAILYPAPERS_CROSSREF_API", "https://api.crossref.org").rstrip("/"),
    }


class VenueLookup:
    """Looks venues up, politely and once; `notices` collects one-line remarks."""

    def __init__(
        self,
        cache_file: Path,
        client: ApiClient | None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.cache = VenueCache(cache_file)
        self.client = client  # None: offline
        self.bases = _bases(os.environ if env is None else env)
        self.notices: list[str] = []
        self._known: dict[str, tuple[Venue | None, str]] | None = None
        self._paused: dict[str, float] = {}  # service -> monotonic time its pause ends
        self._answered = True  # every service asked gave an answer (so a miss is a real one)
        if client is not None:
            for base in self.bases.values():  # one request a second to each of them
                client.pacer.space(host_of(base), 1.0)

    async def load(self) -> None:
        """Read the cached answers once (on a thread: the reader's loop never waits on disk)."""
        if self._known is None:
            self._known = await asyncio.to_thread(self.cache.entries)
            self.notices.extend(self.cache.notices)

    def known(self, arxiv_id: str) -> tuple[bool, Venue | None]:
        """(True, venue or None) when the cache answers for `arxiv_id` (a miss for a week)."""
        entry = (self._known or {}).get(arxiv_id)
        if entry is None:
            return False, None
        venue, asked = entry
        if venue is None:
            fresh = asked > (datetime.now(UTC) - timedelta(days=MISS_DAYS)).isoformat()
            return fresh, None
        return True, venue

    async def _remember(self, arxiv_id: str, venue: Venue | None) -> None:
        asked = datetime.now(UTC).isoformat(timespec="seconds")
        if self._known is not None:
            self._known[arxiv_id] = (venue, asked)
        try:
            await asyncio.to_thread(self.cache.put, arxiv_id, venue, asked)
        except OSError:
            self.notices.append(f"could not cache venues in {self.cache.path}")

    async def venue(self, paper: Paper) -> Venue | None:
        """The published version of `paper`, or None when no service knows one."""
        own = arxiv_venue(paper)
        if own is not None or not paper.is_arxiv:
            return own
        return await self.venue_of(paper.id, paper.title, paper.authors[:1])

    async def venue_of(self, arxiv_id: str, title: str, authors: tuple[str, ...]) -> Venue | None:
        """Looked up by arXiv id, then by title (and first author). A miss is cached only when
        every service asked answered; a service that asked to wait is not asked until then."""
        await self.load()
        known, venue = self.known(arxiv_id)
        if known:
            return venue
        if self.client is None:
            self.notices.append(f"{arxiv_id}: offline, not looked up")
            return None
        self._answered = True
        family = split_name(authors[0]).family if authors else ""  # to check a title's hits
        venue = await self._semantic_scholar(arxiv_id)
        if venue is None and title:
            venue = await self._dblp(title, family) or await self._crossref(title, authors, family)
        if venue is not None or self._answered:
            await self._remember(arxiv_id, venue)
        return venue

    async def _get_json(self, service: str, url: str, params: dict[str, str]) -> object:
        assert self.client is not None
        if self._paused.get(service, 0.0) > time.monotonic():
            self._answered = False
            return None
        try:
            response = await self.client.request("GET", url, params=params)
        except ApiError as error:
            self._answered = False
            self.notices.append(sanitise_line(str(error)))
            return None
        if response.status in (429, 503) or response.status >= 500:
            self._answered = False
            self._pause(service, response.status, response.headers.get("retry-after"))
            return None
        if response.status != 200:
            return None  # 404 and the like: the service does not know the paper
        try:
            return json.loads(response.body)
        except ValueError:
            self._answered = False
            return None

    def _pause(self, service: str, status: int, retry_after: str | None) -> None:
        """After a 429 or 503, leave the service alone as long as it asks (a minute at least)."""
        now = datetime.now(UTC)
        wait = parse_retry_after(retry_after, now=now) or RETRY_AFTER_MIN_SECONDS
        self._paused[service] = time.monotonic() + wait
        if status in (429, 503):
            self.notices.append(f"{service} asks to slow down ({status}); skipped")

    async def _semantic_scholar(self, arxiv_id: str) -> Venue | None:
        url = f"{self.bases['s2']}/graph/v1/paper/arXiv:{quote(arxiv_id, safe='/.')}"
        data = await self._get_json("Semantic Scholar", url, {"fields": S2_FIELDS})
        return venue_from_semantic_scholar(data)

    async def _dblp(self, title: str, family: str) -> Venue | None:
        params = {"q": title, "format": "json", "h": "5"}
        data = await self._get_json("DBLP", f"{self.bases['dblp']}/search/publ/api", params)
        return venue_from_dblp(data, title, family)

    async def _crossref(self, title: str, authors: tuple[str, ...], family: str) -> Venue | None:
        params = {"query.bibliographic": title, "rows": "5"}
        params |= {"query.author": authors[0]} if authors else {}
        params["mailto"] = os.environ.get("DAILYPAPERS_CROSSREF_MAILTO", "")
        params = {k: v for k, v in params.items() if v}
        data = await self._get_json("Crossref", f"{self.bases['crossref']}/works", params)
        return venue_from_crossref(data, title, family)

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()


def build_lookup(
    data_dir: Path, *, offline: bool = False, env: Mapping[str, str] | None = None
) -> VenueLookup:
    """The real lookup for a data folder (`env`: the service bases; the process's by default)."""
    return VenueLookup(DataFiles(data_dir).venues_file, None if offline else ApiClient(), env)


async def upgrade_file(path: Path, lookup: VenueLookup) -> list[str]:
    """Upgrade the arXiv entries of `path` in place (backed up first); the report lines."""
    text, utf8 = read_user_text(path)
    upgrades, lines, missing = [], [], 0
    try:
        for entry in arxiv_entries(text):
            venue = await lookup.venue_of(entry.arxiv_id, entry.title, entry.authors[:1])
            if venue is None:
                missing += 1
                continue
            chunk, changes = upgrade_entry(text[entry.start : entry.end], venue, not utf8)
            if changes:
                upgrades.append((entry, chunk))
                lines.append(sanitise_line(f"{entry.key}: {'; '.join(changes)}"))
    finally:
        await lookup.aclose()
    if upgrades:
        backup = backup_file(path)
        write_text_atomic(path, apply_upgrades(text, upgrades), user_file=True)
        lines.append(f"{path}: upgraded {len(upgrades)}; backup {backup}")
    lines.append(f"{path}: {missing} arXiv entries with no published version found")
    return [*lines, *lookup.notices]
