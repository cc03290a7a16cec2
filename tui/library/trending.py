"""Hugging Face's trending order (`O` in the reader, `list --sort trending`): asked of the API
with ``sort=trending`` for the day, week or month shown (paged like a day), kept in the data
folder by scope (`store/trending.py`) and read back from there offline.

The API was seen to ignore ``date=``, ``week=`` and ``month=`` with ``sort=trending`` (its
answer is an all-time list), so only the papers of the scope asked are kept, ranked in the
order the API gave them; papers the answer leaves out follow in the local estimate
(`domain/paper_list.py`: upvotes fading with the days). A day never asked takes the kept order
of its week, else its month, else of every day (the same list, cut to the day). An answer is
reused for `FRESH_SECONDS`; every failure is a one-line notice, and the kept order stays.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from tui.domain.feeds.result import ParsedFeed
from tui.domain.periods import Period, period_of
from tui.domain.polling import age_seconds
from tui.store.locations import DataFiles
from tui.store.trending import TrendingStore

if TYPE_CHECKING:
    from tui.library.library import Library

TRENDING = "trending"  # the API's `sort=` value
FRESH_SECONDS = 15 * 60


@dataclass(frozen=True)
class Scope:
    """What a trending order is of: a day, a week or month, or (neither) every day."""

    day: date | None = None
    period: Period | None = None

    @property
    def key(self) -> str:
        """How it is kept: ``day:2025-11-18``, ``week:2025-W46``, ``month:2025-11``, ``all``."""
        if self.period is not None:
            return f"{self.period.kind}:{self.period.code}"
        return f"day:{self.day.isoformat()}" if self.day is not None else "all"

    def wider(self) -> list[Scope]:
        """The scopes that hold this one, narrowest first: a day's week and month, a week's
        months, then every day."""
        if self.period is not None and self.period.kind == "week":
            months = {period_of(d, "month") for d in (self.period.first, self.period.last)}
            holding = [Scope(period=m) for m in sorted(months, key=lambda m: m.first)]
        elif self.day is not None:
            holding = [Scope(period=period_of(self.day, kind)) for kind in ("week", "month")]
        else:
            holding = []
        return [*holding, Scope()] if self.key != "all" else []

    def holds(self, day: date | None) -> bool:
        if self.period is not None:
            return self.period.holds(day)
        return self.day is None or day == self.day


@dataclass(frozen=True)
class Order:
    """An order asked of the Hugging Face feeds instead of their default, for `scope`."""

    sort: str
    scope: Scope

    def kept(self, parsed: ParsedFeed) -> ParsedFeed:
        """The answer's papers of the scope asked, in the API's order."""
        return replace(parsed, papers=tuple(p for p in parsed.papers if self.scope.holds(p.day)))


@dataclass(frozen=True)
class Ranks:
    """Paper id -> place in Hugging Face's trending order (0 first); empty when unknown."""

    ranks: Mapping[str, int] = field(default_factory=dict)
    at: str = ""  # when Hugging Face gave it
    asked: bool = False  # asked just now (else read from the data folder)
    notice: str | None = None
    exact: bool = True  # of the scope asked (else of a wider one holding it)


def ranks_of(ids: Sequence[str]) -> dict[str, int]:
    return {pid: place for place, pid in enumerate(dict.fromkeys(ids))}


class Trending:
    """The trending orders of one library's data folder."""

    def __init__(self, library: Library, store: TrendingStore | None = None) -> None:
        self._library = library
        self._store = store or TrendingStore(DataFiles(library.data_dir).trending_file)

    def kept_sync(self, scope: Scope) -> Ranks:
        """The order last asked for `scope`, else for the narrowest wider scope asked, from
        the data folder (empty when none was ever asked)."""
        for holding in [scope, *scope.wider()]:
            kept = self._store.get(holding.key)
            if kept is not None and (kept.ids or holding is scope):
                return Ranks(ranks_of(kept.ids), kept.at, exact=holding is scope)
        return Ranks(exact=False)

    async def kept(self, scope: Scope) -> Ranks:
        return await asyncio.to_thread(self.kept_sync, scope)

    async def ask(self, scope: Scope) -> Ranks:
        """Hugging Face's order of `scope` (kept, and the kept one when it is recent, when
        offline or when there is no Hugging Face feed)."""
        kept = await self.kept(scope)
        if not self._library.pages_back or (kept.exact and self._recent(kept.at)):
            return kept
        span = scope.period.query if scope.period is not None else None
        outcome = await self._library.refresh(
            day=scope.day, span=span, order=Order(TRENDING, scope)
        )
        answered = [r for r in outcome.results if r.status in ("ok", "partial")]
        if not answered:
            notice = outcome.notice or "Hugging Face gave no trending order"
            return replace(kept, notice=f"Trending: {notice}")
        ids = [pid for result in answered for pid in result.paper_ids]
        at = self._library.now_iso()
        with contextlib.suppress(OSError):  # not kept: asked again next time, used now
            await asyncio.to_thread(self._store.put, scope.key, ids, at)
        return Ranks(ranks_of(ids), at, asked=True)

    def _recent(self, at: str) -> bool:
        age = age_seconds(at, datetime.fromisoformat(self._library.now_iso()))
        return age is not None and 0 <= age < FRESH_SECONDS
