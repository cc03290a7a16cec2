"""Hugging Face daily-papers JSON: field mapping, the date trap, bad entries, hostile text."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from tui.domain.feeds.fields import ABSTRACT_CAP, AUTHORS_CAP, TITLE_CAP
from tui.domain.feeds.hf_daily import parse_hf_daily
from tui.domain.feeds.result import ParseError
from tui.domain.paper import Paper
from tui.domain.sanitise import is_clean

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ASKED_DAY = date(2024, 5, 20)


def load(name: str) -> Any:
    # Python refuses ints of over 4,300 digits; parse_feed maps those to None itself.
    return json.loads((FIXTURES / name).read_bytes(), parse_int=lambda s: int(s[:4000]))


def by_id(papers: tuple[Paper, ...]) -> dict[str, Paper]:
    return {paper.id: paper for paper in papers}


@pytest.fixture(scope="module")
def daily() -> dict[str, Paper]:
    parsed = parse_hf_daily(load("hf_daily.json"), feed_name="hf", default_day=ASKED_DAY)
    assert parsed.skipped == 0 and not parsed.partial
    return by_id(parsed.papers)


def test_every_entry_becomes_one_paper(daily: dict[str, Paper]) -> None:
    assert len(daily) == 20
    assert set(daily) == {f"2405.{10000 + i}" for i in range(20)}


def test_field_mapping(daily: dict[str, Paper]) -> None:
    raw = load("hf_daily.json")[0]
    paper = daily["2405.10000"]
    assert paper.title == raw["paper"]["title"]
    assert paper.authors == tuple(author["name"] for author in raw["paper"]["authors"])
    assert paper.abstract.startswith("Direct Preference Optimization (DPO)")
    assert paper.upvotes == raw["paper"]["upvotes"]
    assert paper.comments == raw["numComments"] == 0
    assert paper.github == "https://github.com/visitworld123/CPO"
    assert paper.github_stars == 0 * 11
    assert paper.link == "https://huggingface.co/papers/2405.10000"
    assert paper.feeds == ("hf",)


def test_featured_day_is_submitted_on_daily_not_published(daily: dict[str, Paper]) -> None:
    paper = daily["2405.10001"]
    assert paper.day == date(2024, 5, 14)
    assert paper.published == datetime(2024, 5, 13, 17, 59, 58, tzinfo=UTC)
    assert all(p.published is None or p.published.tzinfo is UTC for p in daily.values())


def test_day_falls_back_to_the_asked_day() -> None:
    raw = load("hf_daily.json")
    assert "submittedOnDailyAt" not in raw[7]["paper"]
    with_day = parse_hf_daily(raw, feed_name="hf", default_day=ASKED_DAY)
    without = parse_hf_daily(raw, feed_name="hf", default_day=None)
    assert by_id(with_day.papers)["2405.10007"].day == ASKED_DAY
    assert by_id(with_day.papers)["2405.10007"].day_source == "asked"
    # Nothing asked: the featured day most of the response shares (five entries each on the
    # 13th, 14th and 15th: the newest of those), never the clock.
    assert by_id(without.papers)["2405.10007"].day == date(2024, 5, 15)
    assert by_id(without.papers)["2405.10007"].day_source == "featured"


def test_missing_is_not_zero(daily: dict[str, Paper]) -> None:
    assert daily["2405.10011"].comments is None  # no numComments in the entry
    assert daily["2405.10009"].github_stars == 0  # a real zero stays zero
    assert daily["2405.10001"].github is None and daily["2405.10001"].github_stars is None
    assert daily["2405.10001"].project_page == "https://example-lab.github.io/paper-1/"
    assert daily["2405.10002"].project_page is None


def test_latex_titles_and_hidden_authors_are_kept(daily: dict[str, Paper]) -> None:
    assert (
        daily["2405.10002"].title
        == "From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function"
    )
    raw = load("hf_daily.json")[4]["paper"]["authors"]
    assert raw[1]["hidden"] is True
    assert raw[1]["name"] in daily["2405.10004"].authors


def test_flat_entries_are_read_too() -> None:
    flat = [{"id": "2405.09818", "title": "Flat", "upvotes": 3, "numComments": 2}]
    (paper,) = parse_hf_daily(flat, feed_name="search", default_day=None).papers
    assert (paper.id, paper.title, paper.upvotes, paper.comments) == ("2405.09818", "Flat", 3, 2)


def test_versioned_and_odd_ids() -> None:
    entries = [
        {"paper": {"id": "2405.09818v3", "title": "Versioned"}},
        {"paper": {"id": "not-an-arxiv-id", "title": "Other"}},
        {"paper": {"id": "../../etc/passwd", "title": "Path"}},
    ]
    papers = parse_hf_daily(entries, feed_name="hf", default_day=None).papers
    assert papers[0].id == "2405.09818"
    assert papers[1].id.startswith("guid:") and papers[1].link is not None
    assert papers[2].id.startswith("guid:") and papers[2].link is None
    assert papers[1].id != papers[2].id


class TestMalformed:
    @pytest.fixture(scope="class")
    def parsed(self) -> tuple[dict[str, Paper], int, tuple[str, ...]]:
        result = parse_hf_daily(load("hf_malformed.json"), feed_name="hf", default_day=ASKED_DAY)
        return by_id(result.papers), result.skipped, result.warnings

    def test_bad_entries_are_skipped_and_counted(
        self, parsed: tuple[dict[str, Paper], int, tuple[str, ...]]
    ) -> None:
        papers, skipped, warnings = parsed
        assert skipped == 10
        assert "10 items skipped" in warnings
        assert len(papers) == 15

    @pytest.mark.parametrize(
        ("paper_id", "upvotes", "comments"),
        [
            ("2405.40004", None, None),  # "NaN"
            ("2405.40005", None, 3),  # "1.2k"; numComments on the flat paper
            ("2405.40006", 12, 4),  # "12", "4"
            ("2405.40007", None, None),  # true, -3
            ("2405.40008", None, None),  # 5,000 digits
            ("2405.40009", 7, None),  # 7.0
        ],
    )
    def test_numbers_are_coerced_or_unknown(
        self,
        parsed: tuple[dict[str, Paper], int, tuple[str, ...]],
        paper_id: str,
        upvotes: int | None,
        comments: int | None,
    ) -> None:
        paper = parsed[0][paper_id]
        assert (paper.upvotes, paper.comments) == (upvotes, comments)

    def test_odd_authors_give_no_names(
        self, parsed: tuple[dict[str, Paper], int, tuple[str, ...]]
    ) -> None:
        assert parsed[0]["2405.40004"].authors == ()
        assert parsed[0]["2405.40011"].authors == ()
        assert parsed[0]["2405.40009"].github_stars is None  # 1.5 stars

    @pytest.mark.parametrize(
        "paper_id", ["2405.40012", "2405.40013", "2405.40014", "2405.40015", "2405.40018"]
    )
    def test_bad_dates_become_none(
        self, parsed: tuple[dict[str, Paper], int, tuple[str, ...]], paper_id: str
    ) -> None:
        paper = parsed[0][paper_id]
        assert paper.published is None
        assert paper.day == ASKED_DAY  # also year 9999 in submittedOnDailyAt

    def test_naive_and_offset_dates_end_up_in_utc(
        self, parsed: tuple[dict[str, Paper], int, tuple[str, ...]]
    ) -> None:
        naive, offset = parsed[0]["2405.40016"], parsed[0]["2405.40017"]
        assert naive.published == datetime(2024, 5, 1, 12, tzinfo=UTC)
        assert offset.published == datetime(2024, 5, 2, 4, 30, tzinfo=UTC)
        assert offset.day == date(2024, 5, 3)

    def test_same_id_twice_is_one_paper_with_the_latest_counts(
        self, parsed: tuple[dict[str, Paper], int, tuple[str, ...]]
    ) -> None:
        paper = parsed[0]["2405.40001"]
        assert paper.upvotes == 9
        assert paper.comments == 2
        assert paper.title == "Good one, seen again"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"error": "Invalid date"}, "server said: Invalid date"),
        ({"papers": []}, "not a list"),
        ("just a string", "not a list"),
        (None, "not a list"),
        ([None, 1, "x", {"paper": {}}], "no valid entries"),
    ],
)
def test_unusable_data_raises_parse_error(data: object, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_hf_daily(data, feed_name="hf", default_day=None)


def test_an_empty_day_is_no_papers_not_an_error() -> None:
    parsed = parse_hf_daily([], feed_name="hf", default_day=ASKED_DAY)
    assert parsed.papers == () and parsed.skipped == 0


def test_hostile_text_is_sanitised_and_markup_left_literal() -> None:
    papers = parse_hf_daily(load("hostile.json"), feed_name="hf", default_day=None).papers
    assert len(papers) == 10
    for paper in papers:
        for text in (paper.title, *paper.authors, paper.abstract):
            assert is_clean(text)
            assert "\x1b" not in text and "\r" not in text and "\x00" not in text
        assert "\n" not in paper.title and "\t" not in paper.title
        assert paper.github is None  # an ESC inside the URL
        assert paper.project_page is None  # javascript:
    titles = [paper.title for paper in papers]
    assert titles[0] == "OSC52 clipboard"
    assert titles[3] == "Clear screen report"
    assert "pwned" not in titles[1] and "evil" not in titles[2]
    assert titles[8].startswith("Markup [b]bold[/b] [@click=app.quit]x[/]")
    assert titles[8].endswith("[unbalanced")
    assert titles[9] == "Lone surrogate \ufffd here"
    assert titles[7] == "Bidi gnp.exe iso x zwspbom"
    assert papers[9].title.encode("utf-8")  # no UnicodeEncodeError on the copy path


def test_huge_fields_are_capped_cheaply() -> None:
    entry = {
        "paper": {
            "id": "2405.00001",
            "title": "T" * 10_000,
            "summary": "word " * 10_000_000,
            "authors": [{"name": f"Author {i}"} for i in range(100_000)],
        }
    }
    started = time.perf_counter()
    (paper,) = parse_hf_daily([entry], feed_name="hf", default_day=None).papers
    assert time.perf_counter() - started < 1.0
    assert len(paper.title) <= TITLE_CAP
    assert len(paper.abstract) <= ABSTRACT_CAP
    assert len(paper.authors) == AUTHORS_CAP
