"""Pilot tests of "for you": O to that order, the why line and score bar, `-` and z, `=`, mute."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import SIZE, current_id, opened, papers, preview, status, visible_ids
from tui.demo.settling import settle
from tui.domain.paper_list import SortKey, fold
from tui.domain.ranking import is_muted
from tui.store.examples import SEEDS, ExampleStore, StoredExample
from tui.ui.screens.main_screen import MainScreen
from tui.ui.widgets.paper_list_view import score_bar


def _screen(app: object) -> MainScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


async def _to_for_you(pilot: object) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(len(SortKey)):
        if _screen(app).state.sort is SortKey.FOR_YOU:
            break
        await pilot.press("O")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    assert _screen(app).state.sort is SortKey.FOR_YOU


async def test_O_reaches_for_you_and_each_paper_says_which_star_it_is_like(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with opened(app, SIZE) as pilot:
        starred = papers(app).current
        assert starred is not None
        await pilot.press("s")
        await settle(pilot)
        assert preview(app, "why") == ""  # not in that order yet
        await _to_for_you(pilot)
        assert "by for-you" in status(app)
        state = _screen(app).state
        top = papers(app).papers[0]
        assert top.id != starred.id
        assert state.for_you[top.id].like_id == starred.id
        await pilot.press("g")
        await settle(pilot)
        assert preview(app, "why").startswith("For you ")
        assert f"like: {starred.title}" in preview(app, "why")
        scores = [state.for_you[p.id].score for p in papers(app).papers if p.id != starred.id]
        assert scores == sorted(scores, reverse=True) and scores[0] > 0
        assert score_bar(scores[0]) != " "


async def test_minus_hides_the_paper_and_z_brings_it_back(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app, SIZE) as pilot:
        await pilot.press("s")
        await _to_for_you(pilot)
        await pilot.press("g", "j")
        await settle(pilot)
        hidden = current_id(app)
        before = len(visible_ids(app))
        await pilot.press("minus")
        await settle(pilot)
        assert hidden not in visible_ids(app) and len(visible_ids(app)) == before - 1
        assert hidden in _screen(app).library.for_you.negative_ids_sync()
        await pilot.press("z")
        await settle(pilot)
        assert hidden in visible_ids(app)
        assert hidden not in _screen(app).library.for_you.negative_ids_sync()


async def test_equals_shows_similar_papers_from_every_day_where_keys_work(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with opened(app, SIZE) as pilot:
        source = papers(app).current
        assert source is not None
        day_ids = set(visible_ids(app))
        await pilot.press("equals_sign")
        await settle(pilot)
        assert "More like" in status(app)
        similar = visible_ids(app)
        assert similar and source.id not in similar
        assert set(similar) - day_ids, "papers from other days too"
        assert preview(app, "why").startswith("For you ")
        first = current_id(app)
        await pilot.press("s")  # a key of the day view works here too
        await settle(pilot)
        assert papers(app).papers.marks_for(first).saved
        await pilot.press("equals_sign")
        await settle(pilot)
        assert "More like" not in status(app)
        assert set(visible_ids(app)) == day_ids


async def test_a_muted_word_never_shows_and_is_counted(make_app: AppFactory) -> None:
    app = make_app(mute=("reasoning",))
    async with opened(app, SIZE) as pilot:
        shown = papers(app).papers
        assert shown
        assert not any("reasoning" in fold(p.title + " " + p.abstract) for p in shown)
        assert "muted" in status(app)
        await pilot.press("L")
        await settle(pilot)
        assert not any(is_muted(p.title, p.abstract, ("reasoning",)) for p in papers(app).papers)


async def test_a_seed_alone_ranks_the_day_with_no_star(
    make_app: AppFactory, tmp_path: Path
) -> None:
    seed = StoredExample(
        "title:seeded",
        "Seeded reasoning paper",
        "Large language model reasoning with chain of thought, math and verification.",
    )
    ExampleStore(tmp_path / "data" / "examples.json").add(SEEDS, [seed])
    app = make_app()
    async with opened(app, SIZE) as pilot:
        assert not any(papers(app).papers.marks_for(p.id).saved for p in papers(app).papers)
        await _to_for_you(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert preview(app, "why").startswith("For you ")
        assert "like: Seeded reasoning paper" in preview(app, "why")
