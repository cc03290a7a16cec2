"""ReaderState in the "for you" order: properties of what the list shows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.paper import Paper
from tui.domain.paper_list import PaperList, SortKey
from tui.domain.ranking import Ranked
from tui.library.views import View
from tui.settings.settings import Settings
from tui.ui.reader_state import ReaderState

NOW = datetime(2026, 12, 1, tzinfo=UTC)
DAY = date(2026, 11, 30)
WORDS = ["diffusion", "video", "agent", "reasoning", "Reasoning", "robot", "speech", "graph"]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
paper_lists = st.lists(
    st.tuples(texts, texts, st.none() | st.integers(0, 50)), min_size=1, max_size=12
).map(
    lambda rows: [
        Paper(f"2611.{i:05d}", title, abstract=abstract, day=DAY, upvotes=votes)
        for i, (title, abstract, votes) in enumerate(rows)
    ]
)


def _state(papers: list[Paper], **changes: object) -> ReaderState:
    state = ReaderState(Settings(**changes), lambda: NOW)  # type: ignore[arg-type]
    state.day_view = View(PaperList.of(papers), DAY, (DAY,))
    return state


@settings(max_examples=50, deadline=None)
@given(paper_lists)
def test_for_you_without_scores_is_the_plain_order(papers: list[Paper]) -> None:
    plain = _state(papers)
    plain.recompute()
    ranked = _state(papers, sort="for-you")
    assert ranked.sort is SortKey.FOR_YOU
    ranked.recompute()
    assert ranked.visible.ids() == plain.visible.ids()
    ranked.for_you = {p.id: Ranked(0.0) for p in papers}
    ranked.recompute()
    assert ranked.visible.ids() == plain.visible.ids()


@settings(max_examples=50, deadline=None)
@given(paper_lists, st.lists(st.floats(0, 1), min_size=12, max_size=12, unique=True))
def test_the_order_follows_the_scores_and_is_deterministic(
    papers: list[Paper], scores: list[float]
) -> None:
    state = _state(papers, sort="for-you")
    state.for_you = {p.id: Ranked(s) for p, s in zip(papers, scores, strict=False)}
    state.recompute()
    shown = [state.for_you[pid].score for pid in state.visible.ids()]
    assert shown == sorted(shown, reverse=True)
    again = _state(list(reversed(papers)), sort="for-you")
    again.for_you = dict(state.for_you)
    again.recompute()
    assert again.visible.ids() == state.visible.ids()


@settings(max_examples=50, deadline=None)
@given(paper_lists, st.sampled_from(["reasoning", "video agent", "ROBOT"]))
def test_a_muted_word_never_shows_and_the_rest_is_counted(papers: list[Paper], word: str) -> None:
    state = _state(papers, mute=(word,))
    state.recompute()
    phrase = f" {word.lower()} "
    for paper in state.visible:
        assert (
            phrase not in f" {paper.title.lower()} " and phrase not in f" {paper.abstract.lower()} "
        )
    assert state.muted_count == len(papers) - len(state.visible)
    if state.muted_count:
        assert f"{state.muted_count} muted" in state.summary()
