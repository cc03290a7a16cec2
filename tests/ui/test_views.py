"""Pilot tests: unread only, the saved view, filter as you type, sort, days, raw LaTeX, authors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import (
    current_id,
    hf_item,
    main_screen,
    opened,
    papers,
    plain,
    preview,
    record_notices,
    status,
    write_hf_feed,
)
from tui.demo.settling import settle
from tui.domain.paper_list import fold
from tui.ui.app import DailyPapersApp
from tui.ui.widgets.filter_bar import FilterBar, FilterHint

DAY = date(2026, 11, 26)


async def test_u_shows_only_unread_papers(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("m", "j", "j", "m")
        await settle(pilot)
        read = {p.id for p in papers(app).papers if papers(app).papers.marks_for(p.id).read}
        assert len(read) == 2
        await pilot.press("u")
        await settle(pilot)
        shown = {p.id for p in papers(app).papers}
        assert len(shown) == 28 and not shown & read
        assert "unread only" in status(app)
        await pilot.press("u")
        await settle(pilot)
        assert len(papers(app).papers) == 30
        assert "unread only" not in status(app)


async def test_S_shows_papers_saved_on_different_days(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        today = current_id(app)
        await pilot.press("s", "left_square_bracket")
        await settle(pilot)
        assert main_screen(app).state.day == date(2026, 11, 25)
        await pilot.press("j")
        yesterday = current_id(app)
        assert yesterday != today
        await pilot.press("s", "S")
        await settle(pilot)
        assert {p.id for p in papers(app).papers} == {today, yesterday}
        assert status(app).startswith("Saved papers")
        await pilot.press("S")
        await settle(pilot)
        assert not status(app).startswith("Saved papers")
        assert len(papers(app).papers) == 29


async def test_S_with_nothing_saved_says_how_to_save(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("S")
        await settle(pilot)
        assert len(papers(app).papers) == 0
        assert "No saved papers yet" in preview(app, "title")


async def test_the_filter_narrows_as_you_type_with_every_word(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        target = papers(app).papers[5]
        surname = target.authors[0].split()[-1][:5]
        word = max(target.title.split(), key=len).strip(":,.()")[:5]
        await pilot.press("slash", *surname)
        await settle(pilot)
        by_author = {p.id for p in papers(app).papers}
        assert target.id in by_author and len(by_author) < 30
        await pilot.press("space", *word)
        await settle(pilot)
        both = list(papers(app).papers)
        assert target.id in {p.id for p in both}
        assert len(both) <= len(by_author)
        for paper in both:
            text = fold(" ".join([paper.title, *paper.authors, paper.abstract]))
            assert fold(surname) in text and fold(word) in text
        assert "filter" in status(app)


async def test_a_filter_that_matches_nothing_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("slash", *"diff zq")
        await settle(pilot)
        assert len(papers(app).papers) == 0
        assert "No paper matches" in preview(app, "title")


async def test_escape_clears_the_filter_and_returns_to_the_list(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("slash", *"diffus")
        await settle(pilot)
        assert 0 < len(papers(app).papers) < 30
        await pilot.press("escape")
        await settle(pilot)
        assert len(papers(app).papers) == 30
        assert filter_value(app) == ""
        assert papers(app).has_focus


async def test_enter_keeps_the_filter_and_returns_to_the_list(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press("slash", *"diffus", "enter")
        await settle(pilot)
        kept = [p.id for p in papers(app).papers]
        assert 1 < len(kept) < 30
        assert papers(app).has_focus
        assert filter_value(app) == "diffus"
        await pilot.press("j")
        assert papers(app).cursor == 1 and current_id(app) == kept[1]
        assert all("diffus" in fold(p.title + " " + p.abstract) for p in papers(app).papers)


async def test_O_cycles_the_order(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        listed = list(papers(app).papers)
        upvotes = [p.upvotes or 0 for p in listed]
        assert upvotes == sorted(upvotes, reverse=True) and "by upvotes" in status(app)
        await pilot.press("j", "j")
        kept = current_id(app)
        await pilot.press("O")
        await settle(pilot)
        assert current_id(app) == kept, "the cursor stays on its paper"
        newest = [p.published for p in papers(app).papers if p.published]
        assert newest == sorted(newest, reverse=True) and "by newest" in status(app)
        await pilot.press("O")
        await settle(pilot)
        stars = [p.github_stars for p in papers(app).papers if p.github_stars is not None]
        assert stars == sorted(stars, reverse=True) and "by stars" in status(app)
        assert papers(app).papers[0].github_stars == max(stars)
        await pilot.press("O")
        await settle(pilot)
        titles = [fold(p.title) for p in papers(app).papers]
        assert titles == sorted(titles) and "by title" in status(app)
        await pilot.press("O")
        await settle(pilot)
        assert [p.id for p in papers(app).papers] == [p.id for p in listed]


async def test_brackets_move_between_days(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        state = main_screen(app).state
        assert state.day == DAY and "Thu 26 Nov 2026" in status(app)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert state.day == date(2026, 11, 25)
        assert {p.day for p in papers(app).papers} == {date(2026, 11, 25)}
        assert "Wed 25 Nov 2026 · 29 papers" in status(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert state.day == DAY and len(papers(app).papers) == 30


async def test_day_paging_steps_over_days_without_papers(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.press(*["left_square_bracket"] * 3)
        await settle(pilot)
        assert main_screen(app).state.day == date(2026, 11, 23)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert main_screen(app).state.day == date(2026, 11, 20), "the weekend is stepped over"
        assert len(papers(app).papers) == 28
        assert "Fri 20 Nov 2026 · 28 papers" in status(app)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert main_screen(app).state.day == date(2026, 11, 23)
        assert len(papers(app).papers) == 26


async def test_next_day_past_today_says_there_is_none(make_app: AppFactory) -> None:
    app = make_app()
    seen = record_notices(app)
    async with opened(app) as pilot:
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert main_screen(app).state.day == DAY and len(papers(app).papers) == 30
        assert any("No later day" in message for message in seen)


async def test_t_toggles_raw_latex(make_app: AppFactory, tmp_path: Path) -> None:
    title = r"Top-$k$ Search with $\alpha \leq \beta$"
    items = [hf_item("2611.00001", title, "2026-11-26", summary=r"We keep 50\% of $\alpha$.")]
    app = make_app(feeds=(write_hf_feed(tmp_path / "latex.json", items),))
    async with opened(app) as pilot:
        assert preview(app, "title") == "Top-k Search with α ≤ β"
        assert preview(app, "abstract") == "We keep 50% of α."
        assert "Top-k Search" in row_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert preview(app, "title") == title
        assert preview(app, "abstract") == r"We keep 50\% of $\alpha$."
        assert "Top-$k$" in row_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert preview(app, "title") == "Top-k Search with α ≤ β"


async def test_a_shows_every_author(make_app: AppFactory) -> None:
    app = make_app(author_width=30)
    async with opened(app) as pilot:
        index = next(i for i, p in enumerate(papers(app).papers) if len(p.authors) > 4)
        await pilot.press(*["j"] * index)
        paper = papers(app).current
        assert paper is not None
        assert "et al." in preview(app, "meta")
        assert paper.authors[-1] not in preview(app, "meta")
        await pilot.press("a")
        await pilot.pause()
        assert "et al." not in preview(app, "meta")
        assert all(name in preview(app, "meta") for name in paper.authors)
        await pilot.press("a")
        await pilot.pause()
        assert "et al." in preview(app, "meta")


def row_text(app: DailyPapersApp) -> str:
    return papers(app).render_line(0).text


def filter_value(app: DailyPapersApp) -> str:
    return main_screen(app).query_one(FilterBar).value


async def test_the_filter_input_is_built_on_the_first_slash_and_kept(
    make_app: AppFactory,
) -> None:
    """Before its first use the bar is a one-line stand-in (no Input to style at start-up)."""
    app = make_app()
    async with opened(app) as pilot:
        screen = main_screen(app)
        assert not screen.query(FilterBar)
        assert "/ filter: title, authors, abstract" in plain(screen.query_one(FilterHint))
        await pilot.press("slash", *"diffusion")  # typed at once, as a fast typist would
        await settle(pilot)
        assert isinstance(app.focused, FilterBar) and filter_value(app) == "diffusion"
        assert not screen.query(FilterHint)
        await pilot.press("escape", "slash")
        await settle(pilot)
        assert len(screen.query(FilterBar)) == 1 and isinstance(app.focused, FilterBar)


async def test_a_click_on_the_filter_stand_in_opens_the_filter(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        await pilot.click(FilterHint)
        await settle(pilot)
        assert isinstance(app.focused, FilterBar)
        await pilot.press(*"model")
        await settle(pilot)
        assert filter_value(app) == "model"


async def test_l_shows_every_cached_paper_by_day_and_back(make_app: AppFactory) -> None:
    app = make_app()
    async with opened(app) as pilot:
        assert "+ 113 on other days · L" in status(app)
        await pilot.press("L")
        await settle(pilot)
        listed = papers(app).papers
        assert len(listed) == 143, "every paper of every day, each once"
        days = [p.day for p in listed]
        assert days == sorted(days, reverse=True), "newest day first"
        assert status(app).startswith("Library")
        drawn = papers(app).render_line(0).text
        assert drawn.startswith("── Thu 26 Nov 2026"), "a separator opens each day"
        await pilot.press("slash", *"zzzz-no-such-paper")
        await settle(pilot)
        assert len(papers(app).papers) == 0, "the filter searches the whole library"
        await pilot.press("escape", "escape", "L")
        await settle(pilot)
        assert main_screen(app).state.day == DAY and len(papers(app).papers) == 30
