"""ReaderState: what the main screen shows and remembers, kept free of Textual so it is testable.

The day's papers (or the saved ones), the view options (filter, unread only, sort, raw LaTeX),
the undo stack of mark changes, what is new, and how fresh the data is.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from tui.domain.freshness import Freshness
from tui.domain.paper import Marks, Paper
from tui.domain.paper_list import PaperList, SortKey
from tui.domain.polling import RefreshLimiter, next_poll_delay
from tui.domain.rules import Rules
from tui.domain.words import counted
from tui.library.library import RefreshOutcome
from tui.library.views import View
from tui.settings.settings import Settings

if TYPE_CHECKING:  # "for you" and the week/month views load their modules when first used
    from tui.domain.periods import Period
    from tui.domain.ranking import Ranked
    from tui.library.trending import Scope

UNDO_DEPTH = 50


@dataclass
class ReaderState:
    """The main screen's state. `clock` gives aware datetimes (fixed in tests and screenshots)."""

    settings: Settings
    clock: Callable[[], datetime]
    offline_mode: bool = False
    day: date | None = None
    requested: date | None = None  # the day asked for on the command line (--date)
    paged: bool = False  # the user paged to `day`: a refresh keeps showing it
    day_view: View | None = None
    saved_view: View | None = None
    saved_mode: bool = False
    library_view: View | None = None
    library_mode: bool = False
    queue_view: View | None = None
    queue_mode: bool = False
    query: str = ""
    unread_only: bool = False
    raw: bool = False
    full_authors: bool = False
    show_tldr: bool = False  # T: a TL;DR line under each title that has one
    span: Period | None = None  # w / M: the library view holds this week or month
    search: str | None = None  # f: the library view holds what Hugging Face found for this
    new_ids: set[str] = field(default_factory=set)
    visible: PaperList = field(default_factory=PaperList.empty)
    undo_stack: list[dict[str, Marks]] = field(default_factory=list)
    limiter: RefreshLimiter = field(default_factory=RefreshLimiter)
    failures: int = 0
    sort: SortKey = SortKey.UPVOTES
    freshness: Freshness = field(default_factory=Freshness)
    for_you: Mapping[str, Ranked] = field(default_factory=dict)  # scores, by paper id
    trending: Mapping[str, int] = field(default_factory=dict)  # Hugging Face's trending ranks
    trending_ranked: int = 0  # papers of the view that have such a rank
    less_liked: frozenset[str] = frozenset()  # hidden by `-` (z brings one back)
    muted_count: int = 0  # papers of the view hidden by the config's `mute`
    similar_mode: bool = False  # "more like this" (=): the papers most like one
    similar_view: View | None = None
    similar_scores: Mapping[str, Ranked] = field(default_factory=dict)
    similar_title: str = ""
    _ordered_for: object = None
    _ordered_key: object = None
    _ordered_cache: PaperList = field(default_factory=PaperList.empty)
    _ordered_marks: object = None
    hidden_by_rules: int = 0  # of the view in force: the status line says how many

    def __post_init__(self) -> None:
        try:
            self.sort = SortKey(self.settings.sort)
        except ValueError:
            self.sort = SortKey.UPVOTES
        self.unread_only = self.settings.view == "unread"
        self.freshness = replace(self.freshness, offline_mode=self.offline_mode)

    @property
    def mark_read_after(self) -> float:
        return self.settings.mark_read_after

    @property
    def author_width(self) -> int:
        return self.settings.author_width

    @property
    def keymap(self) -> Mapping[str, str]:
        return self.settings.keymap

    @property
    def rules(self) -> Rules:
        return self.settings.rules()

    # -- the visible list ----------------------------------------------------------------

    def shown_day(self) -> date | None:
        """The day to show after a refresh: the one paged to, the one asked for, else None
        (the newest day that has papers)."""
        return self.day if self.paged else self.requested

    def current_view(self) -> View | None:
        """The view in force: the queue, saved, else the library, else the day."""
        if self.queue_mode:
            return self.queue_view
        if self.saved_mode:
            return self.saved_view
        if self.similar_mode:
            return self.similar_view
        return self.library_view if self.library_mode else self.day_view

    def base(self) -> PaperList:
        view = self.current_view()
        return view.papers if view is not None else PaperList.empty()

    def recompute(self) -> None:
        """The visible list: the ordered view (kept between keystrokes), filtered."""
        papers = self._ordered().matching(self.query)
        self.visible = papers.unread_only() if self.unread_only else papers

    def _ordered(self) -> PaperList:
        """The base list minus hidden papers, sorted, watched first when asked. Kept until the
        base list or the order changes, so a filter keystroke only searches (and the list's
        own search cache carries over from one keystroke to the next)."""
        base = self.base()
        key = (
            (self.sort, self.saved_mode, self.library_mode, self.similar_mode, self.queue_mode),
            (id(self.for_you), self.less_liked, self.search, id(self.trending)),
        )
        if self._ordered_for is base.papers and self._ordered_key == key:
            return (
                self._ordered_cache.with_many_marks(
                    {p.id: base.marks_for(p.id) for p in self._ordered_cache}
                )
                if self._ordered_marks is not base
                else self._ordered_cache
            )
        rules = self.rules
        papers = base
        if self.queue_mode:  # the order queued, nothing hidden
            papers = base.queued()
        elif not self.saved_mode and rules.hides_any:
            papers = _reordered(papers, [p for p in papers if not rules.hides(p)])
        self.hidden_by_rules = len(base) - len(papers)
        papers = self._without_muted(papers)
        if self.keeps_found_order:  # most alike first, or most relevant first: as found
            self._ordered_for, self._ordered_key = base.papers, key
            self._ordered_cache, self._ordered_marks = papers, base
            return papers
        papers = papers if self.queue_mode else papers.sorted_by(self.sort)
        if self.sort is SortKey.TRENDING and not self.queue_mode:  # the API's ranks win
            ranks = self.trending
            self.trending_ranked = sum(1 for p in papers if p.id in ranks)
            papers = papers.by_rank(ranks) if self.trending_ranked else papers
        if self.sort is SortKey.FOR_YOU and self.for_you and not self.queue_mode:
            papers = papers.ranked_by({pid: r.score for pid, r in self.for_you.items()})
        if self.grouped_by_day:  # newest day first, each day in order
            papers = _reordered(papers, sorted(papers, key=_day_order))
        if self.settings.watched_first and rules.watches_any and not self.queue_mode:
            watched = [p for p in papers if rules.is_watched(p)]
            rest = [p for p in papers if not rules.is_watched(p)]
            papers = _reordered(papers, [*watched, *rest])
        self._ordered_for, self._ordered_key = base.papers, key
        self._ordered_cache, self._ordered_marks = papers, base
        return papers

    @property
    def searching(self) -> bool:
        """True while the view holds what Hugging Face's search found (`f`)."""
        return self.library_mode and self.search is not None and not self.saved_mode

    @property
    def keeps_found_order(self) -> bool:
        """True for the views shown in the order they were found: "more like this" (most
        alike first) and a search (Hugging Face's relevance order); `O` does not reorder them."""
        if self.saved_mode or self.queue_mode:
            return False
        return self.similar_mode or self.searching

    @property
    def grouped_by_day(self) -> bool:
        """True when the view is newest day first, a separator line per day: the library and
        its weeks and months, in an order that is per day. A ranked order ("for you",
        trending: one order across the days) or an order as found is never cut into days."""
        if not self.library_mode or self.keeps_found_order or self.saved_mode:
            return False
        return not self.queue_mode and self.sort not in (SortKey.FOR_YOU, SortKey.TRENDING)

    def order_name(self) -> str:
        """The order in force, as the status line names it."""
        if self.searching:
            return "by relevance (Hugging Face's order)"
        if self.sort is SortKey.TRENDING:
            return "by trending" + (" (Hugging Face's)" if self.trending_ranked else " (estimated)")
        return f"by {self.sort.value}"

    def trending_scope(self) -> Scope | None:
        """What the trending order in force is of: the day, the week or month, or every day
        (the library); None for the views in an order of their own or of no day."""
        if self.queue_mode or self.saved_mode or self.similar_mode or self.searching:
            return None
        from tui.library.trending import Scope  # its store loads with the trending order

        if self.library_mode:
            return Scope(period=self.span)
        return Scope(day=self.day) if self.day is not None else None

    def _without_muted(self, papers: PaperList) -> PaperList:
        """`papers` without those hidden by `-` or by a muted word (counted)."""
        mute, gone = self.settings.mute, self.less_liked
        if not (mute or gone):
            self.muted_count = 0
            return papers
        from tui.domain.ranking import is_muted

        kept = [p for p in papers if p.id not in gone and not is_muted(p.title, p.abstract, mute)]
        self.muted_count = len(papers) - len(kept) - sum(1 for p in papers if p.id in gone)
        return _reordered(papers, kept)

    def ranked(self, paper_id: str) -> Ranked:
        """The paper's "for you" score and reason (in "more like this": its likeness to that
        paper); none outside those."""
        from tui.domain.ranking import NOT_RANKED

        if self.similar_mode and not self.saved_mode:
            return self.similar_scores.get(paper_id, NOT_RANKED)
        return self.for_you.get(paper_id, NOT_RANKED) if self.shows_scores else NOT_RANKED

    @property
    def shows_scores(self) -> bool:
        """True when rows carry a score bar: the "for you" order, or "more like this"."""
        return self.sort is SortKey.FOR_YOU or (self.similar_mode and not self.saved_mode)

    def needs_ranking(self) -> bool:
        """True in the "for you" order while some paper of the view has no score yet."""
        if self.sort is not SortKey.FOR_YOU or (self.similar_mode and not self.saved_mode):
            return False
        scored = self.for_you
        return any(p.id not in scored for p in self.base())

    def apply_marks(self, changes: Mapping[str, Marks], *, undoable: bool) -> list[Paper]:
        """Put new marks everywhere they show; returns the papers they belong to."""
        if undoable:
            self.undo_stack.append({pid: self.visible.marks_for(pid) for pid in changes})
            del self.undo_stack[:-UNDO_DEPTH]
        self.replace_marks(changes)
        found = (self.visible.index_of(pid) for pid in changes)
        return [self.visible[i] for i in found if i is not None]

    def replace_marks(self, marks: Mapping[str, Marks]) -> None:
        self.visible = self.visible.with_many_marks(marks)
        for name in ("day_view", "saved_view", "library_view", "similar_view", "queue_view"):
            view: View | None = getattr(self, name)
            if view is not None:
                setattr(self, name, replace(view, papers=view.papers.with_many_marks(marks)))

    def pop_undo(self) -> dict[str, Marks] | None:
        return self.undo_stack.pop() if self.undo_stack else None

    def next_unread_index(self, cursor: int, step: int) -> int | None:
        index = cursor + step
        while 0 <= index < len(self.visible):
            if not self.visible.marks_for(self.visible[index].id).read:
                return index
            index += step
        return None

    # -- words on screen -------------------------------------------------------------------

    def day_label(self) -> str:
        return self.day.strftime("%a %d %b %Y") if self.day else "No papers yet"

    def view_name(self) -> str:
        """The view and the day, as the status line names them."""
        if self.queue_mode:
            return "Reading queue (in the order queued)"
        if self.saved_mode:
            return "Saved papers"
        if self.library_mode and self.search is not None:
            return f"Hugging Face search “{self.search}”"
        if self.similar_mode:
            return f"More like “{self.similar_title}” (= again: back)"
        if self.library_mode:
            return self.span.label() if self.span else "Library (every cached paper)"
        return self.day_label()

    def summary(self) -> str:
        visible = self.visible
        where = self.view_name()
        view = self.current_view()
        if view is not None and not view.complete:
            return f"{where} · loading…"
        parts = [where, counted(len(visible), "paper"), f"{visible.unread_count()} unread"]
        if self.library_mode and not self.saved_mode and view is not None:
            parts.append(counted(len(view.days), "day"))
        new = sum(1 for p in visible if p.id in self.new_ids)
        if new:
            parts.append(f"{new} new")
        if self.unread_only:
            parts.append("unread only")
        if self.query:
            parts.append(f"filter “{self.query}”")
        if self.hidden_by_rules:
            parts.append(f"{self.hidden_by_rules:,} hidden by rules")
        if not self.queue_mode:  # the queue is in its own order, which its title names
            parts.append(self.order_name())
        if self.muted_count:
            parts.append(f"{self.muted_count} muted")
        elsewhere = view.elsewhere if view is not None and self.is_day_view else 0
        if elsewhere:
            parts.append(f"+ {elsewhere:,} on other days · L")
        return " · ".join(parts)

    @property
    def is_day_view(self) -> bool:
        return not (self.saved_mode or self.library_mode or self.similar_mode or self.queue_mode)

    def empty_message(self) -> str:
        if self.query:
            return f"No paper matches “{self.query}”. Escape clears the filter."
        if self.saved_mode:
            return "No saved papers yet. Press s on a paper to save it."
        if self.library_mode and self.search is not None:
            return f"Hugging Face has no paper matching “{self.search}”. f searches again."
        if self.unread_only and len(self.base()):
            return "Every paper here is read. Press u to show them all."
        if self.freshness.refreshing:
            return "Fetching papers…"
        if self.offline_mode or self.freshness.offline_since is not None:
            if self.day is None:
                return "No cached papers yet, and offline: they appear after the first fetch."
            return f"No cached papers for {self.day_label()} (offline)."
        if self.freshness.problem:
            return f"No papers shown: {self.freshness.problem}"
        if self.day is None:
            return "The feeds have listed no papers yet."
        return f"No papers on {self.day_label()}."

    # -- refresh timing --------------------------------------------------------------------

    def refresh_allowed(self) -> bool:
        return self.limiter.allow(time.monotonic())

    def next_poll_seconds(self, outcome: RefreshOutcome) -> float | None:
        if self.offline_mode or self.settings.refresh_minutes <= 0:
            return None
        self.failures = self.failures + 1 if outcome.all_failed else 0
        retry = next((r.retry_after for r in outcome.results if r.retry_after), None)
        from tui.domain.polling import parse_retry_after

        retry_seconds = parse_retry_after(retry, now=self.clock()) if retry else None
        delay = next_poll_delay(
            failures=self.failures,
            refresh_seconds=self.settings.refresh_minutes * 60,
            retry_after_seconds=retry_seconds,
            random=random.random,
        )
        if self.failures or retry_seconds:
            self.freshness = self.freshness.retrying(self.clock() + timedelta(seconds=delay))
        return delay


def _day_order(paper: Paper) -> int:
    return -paper.day.toordinal() if paper.day is not None else 0


def _reordered(papers: PaperList, chosen: list[Paper]) -> PaperList:
    """`chosen` (some of `papers`, in a new order) with their marks."""
    return PaperList.of(chosen, {p.id: papers.marks_for(p.id) for p in chosen})
