"""Pilot tests: Hugging Face's extras in the reader: the TL;DR line under titles (`T`), and the
TL;DR, keywords, organization, submitter and discussion link in the preview."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import (
    SIZE,
    hf_item,
    opened,
    papers,
    preview,
    record_notices,
    write_hf_feed,
)
from tui.ui.app import DailyPapersApp

DAY = "2026-11-26"


def _items() -> list[dict[str, object]]:
    rich = hf_item(
        "2611.00001",
        "A paper with a summary",
        DAY,
        upvotes=9,
        ai_summary=r"It makes $\alpha$ small.",
        ai_keywords=["diffusion", "scaling"],
        organization={"name": "org", "fullname": "Org Name"},
        submittedOnDailyBy={"fullname": "Sub Mitter", "user": "sub"},
        discussionId="6645b7aa",
    )
    rich["numComments"] = 3
    rich["isAuthorParticipating"] = True
    bare = hf_item("2611.00002", "A paper without one", DAY, upvotes=5)
    return [rich, bare]


def _lines(app: DailyPapersApp, count: int) -> list[str]:
    return [papers(app).render_line(y).text for y in range(count)]


async def test_T_puts_a_tldr_line_under_titles_that_have_one(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(feeds=(write_hf_feed(tmp_path / "hf.json", _items()),))
    async with opened(app, SIZE) as pilot:
        notices = record_notices(app)
        before = _lines(app, 3)
        assert "A paper with a summary" in before[0] and "A paper without one" in before[1]
        await pilot.press("T")
        await pilot.pause()
        after = _lines(app, 3)
        assert "A paper with a summary" in after[0]
        assert after[1].strip() == "It makes α small."  # LaTeX as Unicode, as elsewhere
        assert "A paper without one" in after[2]  # nothing invented for the bare paper
        await pilot.press("j")
        await pilot.pause()
        assert papers(app).current is not None
        assert papers(app).current.id == "2611.00002"
        await pilot.press("T")
        await pilot.pause()
        assert "A paper without one" in _lines(app, 2)[1]
        assert notices[0].startswith("TL;DR lines on") and notices[-1] == "TL;DR lines off"


async def test_the_preview_shows_tldr_keywords_organization_and_discussion(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(feeds=(write_hf_feed(tmp_path / "hf.json", _items()),))
    async with opened(app, SIZE) as pilot:
        assert preview(app, "tldr") == "TL;DR: It makes α small."
        meta = preview(app, "meta")
        assert "3 comments" in meta and "org Org Name" in meta
        assert "submitted by Sub Mitter" in meta and "author participating" in meta
        assert "Keywords: diffusion, scaling" in meta
        assert "Discussion: https://huggingface.co/papers/2611.00001#community" in preview(
            app, "links"
        )
        await pilot.press("j")
        await pilot.pause()
        assert preview(app, "tldr") == ""
        meta = preview(app, "meta")
        assert "comments" not in meta and "org " not in meta and "Keywords" not in meta
        assert "Discussion" not in preview(app, "links")


async def test_T_on_a_day_without_summaries_says_so(make_app: AppFactory, tmp_path: Path) -> None:
    items = [hf_item("2611.00003", "Plain", DAY)]
    app = make_app(feeds=(write_hf_feed(tmp_path / "hf.json", items),))
    async with opened(app, SIZE) as pilot:
        notices = record_notices(app)
        await pilot.press("T")
        await pilot.pause()
        assert notices == ["No paper here has a TL;DR from Hugging Face"]
        assert "Plain" in _lines(app, 1)[0] and _lines(app, 2)[1].strip() == ""
