"""Paper, Marks, merge_papers (two sources of one paper: the richer fields) and update_paper
(one source over time: the latest metadata)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tui.domain.paper import NO_MARKS, Marks, Paper, merge_papers, paper_of_values, update_paper


def test_richer_fields_are_kept_from_either_side() -> None:
    older = Paper(
        id="2405.01234",
        title="Short",
        authors=("A. One", "B. Two", "C. Three"),
        abstract="A long abstract from the arXiv feed.",
        github=None,
        categories=("cs.LG",),
        feeds=("arxiv",),
    )
    newer = Paper(
        id="2405.01234",
        title="A Longer Title",
        authors=("A. One",),
        abstract="Short.",
        github="https://github.com/x/y",
        published=datetime(2024, 5, 2, tzinfo=UTC),
        feeds=("hf",),
    )
    merged = merge_papers(older, newer)
    assert merged.title == "A Longer Title"
    assert merged.authors == ("A. One", "B. Two", "C. Three")
    assert merged.abstract == "A long abstract from the arXiv feed."
    assert merged.github == "https://github.com/x/y"
    assert merged.categories == ("cs.LG",)
    assert merged.published == datetime(2024, 5, 2, tzinfo=UTC)
    assert merged.id == "2405.01234"


def test_feeds_are_the_union_in_order() -> None:
    older = Paper(id="x", title="T", feeds=("hf", "arxiv"))
    newer = Paper(id="x", title="T", feeds=("arxiv", "rss"))
    assert merge_papers(older, newer).feeds == ("hf", "arxiv", "rss")


def test_day_keeps_the_earliest_listing() -> None:
    early, late = date(2024, 5, 1), date(2024, 5, 3)
    assert merge_papers(Paper("x", "T", day=late), Paper("x", "T", day=early)).day == early
    assert merge_papers(Paper("x", "T", day=early), Paper("x", "T", day=late)).day == early
    assert merge_papers(Paper("x", "T", day=None), Paper("x", "T", day=late)).day == late
    assert merge_papers(Paper("x", "T"), Paper("x", "T")).day is None


def test_counts_come_from_the_newer_record_when_it_has_them() -> None:
    older = Paper("x", "T", upvotes=40, comments=3, github_stars=900)
    newer = Paper("x", "T", upvotes=38, comments=None, github_stars=1000)
    merged = merge_papers(older, newer)
    assert merged.upvotes == 38  # upvotes move: the newer count wins even when lower
    assert merged.comments == 3  # unknown in the newer record: the older one stays
    assert merged.github_stars == 1000
    assert merge_papers(Paper("x", "T"), Paper("x", "T")).upvotes is None  # never invented


def test_equal_text_keeps_the_older_value() -> None:
    assert merge_papers(Paper("x", "Same size"), Paper("x", "Size same")).title == "Same size"


def test_is_arxiv() -> None:
    assert Paper("2405.01234", "T").is_arxiv
    assert Paper("hep-th/9901001", "T").is_arxiv
    assert not Paper("guid:abc123", "T").is_arxiv


def test_marks() -> None:
    assert Marks() == NO_MARKS and not NO_MARKS.read and not NO_MARKS.saved
    read = NO_MARKS.with_read(True, "2024-05-01T10:00:00Z")
    assert read.read and read.read_at == "2024-05-01T10:00:00Z"
    unread = read.with_read(False, "2024-05-02T10:00:00Z")
    assert not unread.read and unread.read_at is None
    saved = read.with_saved(True, "2024-05-03T10:00:00Z")
    assert saved.saved and saved.saved_at == "2024-05-03T10:00:00Z" and saved.read
    assert (
        not saved.with_saved(False, None).saved and saved.with_saved(False, None).saved_at is None
    )


def test_update_paper_takes_the_latest_metadata_and_keeps_what_the_newer_lacks() -> None:
    older = Paper(
        id="2405.01234",
        title="A Long Title With A Typo In Teh Middle",
        authors=("A. One", "B. Two"),
        abstract="The first abstract.",
        github="https://github.com/x/y",
        upvotes=12,
        day=date(2024, 5, 1),
        feeds=("hf",),
    )
    newer = Paper(
        id="2405.01234",
        title="A Corrected Title",
        authors=("A. One",),
        abstract="  ",
        upvotes=None,
        day=date(2024, 5, 2),
        feeds=("hf",),
    )
    updated = update_paper(older, newer)
    assert updated.title == "A Corrected Title", "the latest wins, even when shorter"
    assert updated.authors == ("A. One",)
    assert updated.abstract == "The first abstract.", "a blank field does not erase"
    assert updated.github == "https://github.com/x/y" and updated.upvotes == 12
    assert updated.day == date(2024, 5, 1), "a paper does not jump to a later day"
    assert updated.feeds == ("hf",)


def test_a_paper_built_from_its_values_is_a_paper_like_any_other() -> None:
    import dataclasses

    made = Paper("2405.00001", "T", authors=("A",), upvotes=3, feeds=("hf",))
    values = [getattr(made, f.name) for f in dataclasses.fields(Paper)]
    fast = paper_of_values(values)
    assert type(fast) is Paper
    assert fast == made
    assert hash(fast) == hash(made)
    assert dataclasses.replace(fast, title="U") == dataclasses.replace(made, title="U")
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        paper_of_values(values[:-1])
