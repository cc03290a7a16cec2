"""The user's rules over papers: hide some (low upvotes, cross-lists, replacements), watch some."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from tui.domain.paper import Paper
from tui.domain.paper_list import PaperList


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Rules:
    """Which papers to hide and which to highlight. The defaults hide and watch nothing."""

    hide_below_upvotes: int | None = None
    hide_cross_lists: bool = False
    hide_replacements: bool = False
    watch_authors: tuple[str, ...] = ()
    watch_keywords: tuple[str, ...] = ()

    @property
    def hides_any(self) -> bool:
        """False when no hiding rule is set (then nothing needs checking)."""
        return (
            self.hide_below_upvotes is not None or self.hide_cross_lists or self.hide_replacements
        )

    @property
    def watches_any(self) -> bool:
        return bool(self.watch_authors or self.watch_keywords)

    def hides(self, paper: Paper) -> bool:
        """True when a rule hides this paper from the list (a missing count never hides)."""
        if (
            self.hide_below_upvotes is not None
            and paper.upvotes is not None
            and paper.upvotes < self.hide_below_upvotes
        ):
            return True
        kind = (paper.announce_type or "").lower()
        if self.hide_cross_lists and kind in ("cross", "replace-cross"):
            return True
        return self.hide_replacements and kind in ("replace", "replace-cross")

    def is_watched(self, paper: Paper) -> bool:
        """True when a watched author wrote it or a watched keyword is in its title or abstract."""
        if self.watch_authors:
            authors = [_fold(a) for a in paper.authors]
            wanted = [_fold(w) for w in self.watch_authors]
            if any(w in a for w in wanted for a in authors):
                return True
        if self.watch_keywords:
            text = _fold(f"{paper.title} {paper.abstract}")
            return any(_fold(k) in text for k in self.watch_keywords)
        return False


def without_hidden(papers: PaperList, rules: Rules) -> PaperList:
    """The papers no rule hides, with their marks (the same list when no rule hides any)."""
    if not rules.hides_any:
        return papers
    kept = [p for p in papers if not rules.hides(p)]
    return PaperList.of(kept, {p.id: papers.marks_for(p.id) for p in kept})
