"""ReaderState (Textual-free): how settings shape the visible list, undo, days, polling."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from tui.domain.feeds.spec import FeedSpec
from tui.domain.paper import Marks, Paper
from tui.domain.paper_list import PaperList
from tui.library.library import RefreshOutcome
from tui.library.refresh import FeedResult
from tui.library.views import View
from tui.settings.settings import Settings
from tui.ui.reader_state import ReaderState

NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
DAY = date(2026, 11, 26)


def _papers() -> list[Paper]:
    return [
        Paper("2611.00001", "Alpha diffusion", ("Ada Lovelace",), "about diffusion", upvotes=5),
        Paper("2611.00002", "Beta transformers", ("Alan Turing",), "attention", upvotes=50),
        Paper(
            "2611.00003",
            "Gamma graphs",
            ("Grace Hopper",),
            "graphs",
            upvotes=1,
            announce_type="cross",
        ),
        Paper(
            "2611.00004", "Delta", ("Emmy Noether",), "symmetry", upvotes=9, announce_type="replace"
        ),
    ]


def _state(**changes: object) -> ReaderState:
    state = ReaderState(Settings(**changes), lambda: NOW)  # type: ignore[arg-type]
    state.day_view = View(PaperList.of(_papers()), DAY, (DAY,))
    state.day = DAY
    state.recompute()
    return state


def _ids(state: ReaderState) -> list[str]:
    return [p.id[-1] for p in state.visible]


def test_default_sort_is_upvotes_and_can_be_configured() -> None:
    assert _ids(_state()) == ["2", "4", "1", "3"]
    assert _ids(_state(sort="title")) == ["1", "2", "4", "3"]


def test_view_unread_setting_starts_in_unread_only() -> None:
    assert _state(view="unread").unread_only
    assert not _state().unread_only


def test_rules_hide_low_upvotes_cross_lists_and_replacements() -> None:
    assert "3" not in _ids(_state(hide_below_upvotes=2))
    assert _ids(_state(hide_cross_lists=True)) == ["2", "4", "1"]
    assert _ids(_state(hide_replacements=True)) == ["2", "1", "3"]


def test_watched_papers_go_first_when_asked() -> None:
    assert _ids(_state(watch_authors=("hopper",), watched_first=True))[0] == "3"
    assert _ids(_state(watch_keywords=("symmetry",), watched_first=True))[0] == "4"
    assert _ids(_state(watch_authors=("hopper",)))[0] == "2"


def test_marks_apply_everywhere_and_undo_restores_them() -> None:
    state = _state()
    saved = Marks(saved=True, saved_at="2026-11-26T10:30:00+00:00")
    state.apply_marks({"2611.00001": saved}, undoable=True)
    assert state.visible.marks_for("2611.00001").saved
    assert state.day_view is not None and state.day_view.papers.marks_for("2611.00001").saved
    undo = state.pop_undo()
    assert undo == {"2611.00001": Marks()}
    assert state.pop_undo() is None


def test_the_summary_names_the_view_and_papers_on_other_days() -> None:
    state = _state()
    view = state.day_view
    assert view is not None
    state.day_view = View(view.papers, view.day, view.days, counts={view.day: 4, DAY_BEFORE: 99})
    state.recompute()
    assert state.summary().endswith("+ 99 on other days · L")
    state.library_mode = True
    state.library_view = View(view.papers, None, (view.day, DAY_BEFORE))
    state.recompute()
    assert state.summary().startswith("Library (every cached paper) · 4 papers")
    assert "on other days" not in state.summary()


DAY_BEFORE = date(2026, 11, 25)


def test_summary_and_empty_messages_say_what_is_shown() -> None:
    state = _state()
    assert state.summary().startswith("Thu 26 Nov 2026 · 4 papers · 4 unread")
    state.query = "nothing-matches"
    state.recompute()
    assert "No paper matches" in state.empty_message()
    state.query = ""
    state.day_view = View(PaperList.empty(), date(2026, 11, 22), ())
    state.day = date(2026, 11, 22)
    state.recompute()
    assert state.empty_message() == "No papers on Sun 22 Nov 2026."


def test_next_poll_uses_refresh_minutes_then_backs_off() -> None:
    state = _state(refresh_minutes=30)
    feed = FeedSpec("HF", "https://huggingface.co/api/daily_papers")
    ok = RefreshOutcome((FeedResult(feed, "ok"),), frozenset(), None)
    failed = RefreshOutcome((FeedResult(feed, "failed", "server error 503"),), frozenset(), "x")
    assert state.next_poll_seconds(ok) == 30 * 60
    first = state.next_poll_seconds(failed)
    assert first is not None and first <= 60
    assert _state(refresh_minutes=0).next_poll_seconds(ok) is None
    limited = RefreshOutcome(
        (FeedResult(feed, "failed", "429", retry_after="120"),), frozenset(), "x"
    )
    assert _state().next_poll_seconds(limited) == 120


def test_author_width_shortens_with_et_al() -> None:
    from tui.ui.widgets.paper_preview import shorten_authors

    names = tuple(f"Author Number{i}" for i in range(10))
    short = shorten_authors(names, 40)
    assert short.endswith("et al. (10 authors)") and len(short.split(", et al.")[0]) <= 40
    assert shorten_authors(names, 1000) == ", ".join(names)
    assert shorten_authors((), 40) == "unknown authors"


async def test_an_unknown_theme_is_named_in_a_notice_and_the_default_kept(tmp_path: Path) -> None:
    from tui.demo.app import build_demo_app

    app = build_demo_app(tmp_path, settings=Settings(theme="no-such-theme", mark_read_after=-1))
    assert any("no-such-theme" in notice for notice in app.startup_notices)
    assert app.theme == "textual-dark"
