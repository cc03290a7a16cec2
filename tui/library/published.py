"""The published-version use-case: find where a preprint was published, and upgrade a .bib file.

Order: arXiv's own ``journal_ref``/journal DOI; else Semantic Scholar's graph API by arXiv id
(``GET /graph/v1/paper/arXiv:{id}?fields=...``: 200 the paper, 404 unknown, 429 slow down); else
DBLP's publication search by title (``GET /search/publ/api?q=...&format=json``); else
Crossref's works query (``GET /works?query.bibliographic=...&mailto=...``, its "polite pool").
Each host gets at most one request a second (Semantic Scholar's shared unauthenticated limit is
about that; DBLP and Crossref ask clients to be gentle), a 429 or 503 moves on to the next
service. Answers, found or not, are cached in ``venues.json`` of the data folder (a miss for a
week), so a second run asks nothing. Bases are overridable for tests and mirrors:
``DAILYPAPERS_S2_API``, ``DAILYPAPERS_DBLP_API``, ``DAILYPAPERS_CROSSREF_API``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

from tui.domain.citation.upgrade import apply_upgrades, arxiv_entries, upgrade_entry
from tui.domain.citation.venue import (
    Venue,
    arxiv_venue,
    venue_from_crossref,
    venue_from_dblp,
    venue_from_semantic_scholar,
)
from tui.domain.paper import Paper
from tui.domain.sanitise import sanitise_line
from tui.sources.api_client import ApiClient, ApiError
from tui.store.atomic_storage import write_atomically
from tui.store.exports import backup_file, write_text_atomic
from tui.store.json_file import read_json_object
from tui.store.locations import DataFiles

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
        self.cache_file = cache_file
        self.client = client  # None: offline
        self.bases = _bases(os.environ if env is None else env)
        self.notices: list[str] = []
        if client is not None:
            for base in self.bases.values():  # one request a second to each of them
                client.pacer.space(urlsplit(base).netloc, 1.0)

    def _cache(self) -> dict[str, dict[str, object]]:
        return read_json_object(self.cache_file, self.notices)

    def _cached(self, arxiv_id: str) -> tuple[bool, Venue | None]:
        entry = self._cache().get(arxiv_id)
        if not isinstance(entry, dict):
            return False, None
        if entry.get("venue") is None:
            asked = str(entry.get("asked", ""))
            fresh = asked > (datetime.now(UTC) - timedelta(days=MISS_DAYS)).isoformat()
            return fresh, None
        try:
            return True, Venue(**entry["venue"])  # type: ignore[arg-type]
        except TypeError:
            return False, None

    def _remember(self, arxiv_id: str, venue: Venue | None) -> None:
        data = self._cache()
        data[arxiv_id] = {
            "venue": asdict(venue) if venue else None,
            "asked": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.cache_file, json.dumps(data, indent=1).encode("utf-8"))
        except OSError:
            self.notices.append(f"could not cache venues in {self.cache_file}")

    async def venue(self, paper: Paper) -> Venue | None:
        """The published version of `paper`, or None when no service knows one."""
        own = arxiv_venue(paper)
        if own is not None or not paper.is_arxiv:
            return own
        return await self.venue_of(paper.id, paper.title, paper.authors[:1])

    async def venue_of(self, arxiv_id: str, title: str, authors: tuple[str, ...]) -> Venue | None:
        """Looked up by arXiv id, then by title (and first author)."""
        known, venue = self._cached(arxiv_id)
        if known:
            return venue
        if self.client is None:
            self.notices.append(f"{arxiv_id}: offline, not looked up")
            return None
        venue = await self._semantic_scholar(arxiv_id)
        if venue is None and title:
            venue = await self._dblp(title) or await self._crossref(title, authors)
        self._remember(arxiv_id, venue)
        return venue

    async def _get_json(self, service: str, url: str, params: dict[str, str]) -> object:
        assert self.client is not None
        try:
            response = await self.client.request("GET", url, params=params)
        except ApiError as error:
            self.notices.append(sanitise_line(str(error)))
            return None
        if response.status in (429, 503):
            self.notices.append(f"{service} asks to slow down ({response.status}); skipped")
            return None
        if response.status != 200:
            return None
        try:
            return json.loads(response.body)
        except ValueError:
            return None

    async def _semantic_scholar(self, arxiv_id: str) -> Venue | None:
        url = f"{self.bases['s2']}/graph/v1/paper/arXiv:{quote(arxiv_id, safe='/.')}"
        data = await self._get_json("Semantic Scholar", url, {"fields": S2_FIELDS})
        return venue_from_semantic_scholar(data)

    async def _dblp(self, title: str) -> Venue | None:
        params = {"q": title, "format": "json", "h": "5"}
        data = await self._get_json("DBLP", f"{self.bases['dblp']}/search/publ/api", params)
        return venue_from_dblp(data, title)

    async def _crossref(self, title: str, authors: tuple[str, ...]) -> Venue | None:
        params = {"query.bibliographic": title, "rows": "5"}
        params |= {"query.author": authors[0]} if authors else {}
        params["mailto"] = os.environ.get("DAILYPAPERS_CROSSREF_MAILTO", "")
        params = {k: v for k, v in params.items() if v}
        data = await self._get_json("Crossref", f"{self.bases['crossref']}/works", params)
        return venue_from_crossref(data, title)

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.aclose()


def build_lookup(data_dir: Path, *, offline: bool = False) -> VenueLookup:
    """The real lookup for a data folder."""
    return VenueLookup(DataFiles(data_dir).venues_file, None if offline else ApiClient())


async def upgrade_file(path: Path, lookup: VenueLookup) -> list[str]:
    """Upgrade the arXiv entries of `path` in place (backed up first); the report lines."""
    text = path.read_text(encoding="utf-8")
    upgrades, lines, missing = [], [], 0
    try:
        for entry in arxiv_entries(text):
            venue = await lookup.venue_of(entry.arxiv_id, entry.title, ())
            if venue is None:
                missing += 1
                continue
            chunk, changes = upgrade_entry(text[entry.start : entry.end], venue)
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
