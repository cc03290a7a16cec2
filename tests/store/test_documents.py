"""Paper and Marks to stored documents and back: round trips, and tolerance of bad documents."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.changes import Change, Stamp, apply_changes
from tui.domain.paper import STATES, Marks, Paper
from tui.domain.sanitise import json_text_is_clean, sanitise_line, sanitise_text
from tui.store import documents
from tui.store.datafile import change_fields
from tui.store.documents import (
    PAPER_FIELDS,
    marks_change_doc,
    marks_docs_of_changes,
    marks_from_doc,
    marks_to_doc,
    paper_from_clean_doc,
    paper_from_doc,
    paper_to_doc,
)

lines = st.text().map(sanitise_line)
optional_lines = st.none() | lines.filter(bool)
counts = st.none() | st.integers(min_value=0, max_value=10**9)
line_tuples = st.lists(lines.filter(bool), max_size=4).map(tuple)

papers = st.builds(
    Paper,
    id=lines.filter(bool),
    title=lines,
    authors=line_tuples,
    abstract=st.text().map(sanitise_text),
    published=st.none() | st.datetimes(timezones=st.just(UTC)),
    day=st.none() | st.dates(),
    upvotes=counts,
    comments=counts,
    github=optional_lines,
    github_stars=counts,
    project_page=optional_lines,
    link=optional_lines,
    categories=line_tuples,
    primary_category=optional_lines,
    doi=optional_lines,
    announce_type=optional_lines,
    feeds=line_tuples,
)


@given(papers)
def test_a_paper_survives_a_round_trip_through_json(paper: Paper) -> None:
    doc = json.loads(json.dumps(paper_to_doc(paper)))
    assert paper_from_doc(doc) == paper


@given(st.booleans(), st.booleans(), optional_lines, optional_lines)
def test_marks_survive_a_round_trip(
    read: bool, saved: bool, r_at: str | None, s_at: str | None
) -> None:
    marks = Marks().with_read(read, r_at).with_saved(saved, s_at)
    assert marks_from_doc(json.loads(json.dumps(marks_to_doc(marks)))) == marks


def test_empty_fields_are_left_out() -> None:
    assert paper_to_doc(Paper("2405.00001", "T")) == {"id": "2405.00001", "title": "T"}


def test_unknown_keys_are_ignored_when_reading() -> None:
    doc = {"id": "2405.00001", "title": "T", "tags": ["x"], "note": {"deep": 1}}
    assert paper_from_doc(doc) == Paper("2405.00001", "T")


def test_wrong_types_fall_back_to_defaults() -> None:
    doc = {
        "id": "2405.00001",
        "title": "T",
        "authors": "not a list",
        "upvotes": "NaN",
        "comments": True,
        "github_stars": -3,
        "published": "yesterday",
        "day": 20240501,
        "feeds": ["hf", 3, None],
        "github": 7,
    }
    paper = paper_from_doc(doc)
    assert paper == Paper("2405.00001", "T", feeds=("hf",))


def test_text_from_a_hand_edited_file_is_sanitised_again() -> None:
    doc = {"id": "2405.00001", "title": "a\x1b[31mred\x1b[0m\u202e", "authors": ["\x07bob"]}
    paper = paper_from_doc(doc)
    assert paper is not None
    assert paper.title == "ared"
    assert paper.authors == ("bob",)


def test_documents_without_a_usable_id_or_title_are_none() -> None:
    assert paper_from_doc({"title": "no id"}) is None
    assert paper_from_doc({"id": "2405.00001"}) is None
    assert paper_from_doc({"id": "", "title": "T"}) is None
    assert paper_from_doc({"id": "2405\x1b[2J", "title": "T"}) is None
    assert paper_from_doc([1, 2]) is None  # type: ignore[arg-type]
    assert marks_from_doc("read") is None  # type: ignore[arg-type]


def test_bad_marks_fields_read_as_unmarked() -> None:
    assert marks_from_doc({"read": "yes", "saved": 1, "read_at": 5}) == Marks()
    assert marks_from_doc({"read": True, "read_at": "2024-05-01"}) == Marks(
        True, False, "2024-05-01"
    )


def test_times_keep_their_zone() -> None:
    when = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    paper = paper_from_doc(paper_to_doc(Paper("1", "T", published=when, day=date(2024, 5, 2))))
    assert paper is not None and paper.published == when and paper.day == date(2024, 5, 2)


# Values a hand-edited document may hold instead of the right one. Runs of spaces inside a
# text are left out: that is the one thing the fast path takes on trust (the stores write
# text normalised), see the test after this one.
odd_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from(["", "a\nb", " x", "2024-05-01", "featured"])
    | lines,
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=4,
)


@given(papers, st.dictionaries(st.sampled_from(sorted(PAPER_FIELDS)), odd_values, max_size=4))
def test_the_fast_reading_of_a_clean_document_is_the_careful_one(
    paper: Paper, damage: dict[str, object]
) -> None:
    doc = json.loads(json.dumps({**paper_to_doc(paper), **damage}))
    if json_text_is_clean(json.dumps(doc).encode()):
        assert paper_from_clean_doc(doc) == paper_from_doc(doc)


def test_a_run_of_spaces_inside_a_clean_files_text_is_shown_as_written() -> None:
    """Spacing inside a text is not looked at again on the fast path (a scan of every abstract
    of a day, ~14 ms at 5,000 papers): a hand-edited run of spaces is harmless and stays."""
    doc = {**paper_to_doc(Paper("2405.00001", "T")), "abstract": "x  y", "title": "a  b"}
    assert json_text_is_clean(json.dumps(doc).encode())
    fast = paper_from_clean_doc(doc)
    careful = paper_from_doc(doc)
    assert fast is not None and careful is not None
    assert (fast.title, fast.abstract) == ("a  b", "x  y")
    assert (careful.title, careful.abstract) == ("a b", "x y")


def test_a_clean_document_is_read_without_the_careful_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = paper_to_doc(Paper("2405.00001", "T", authors=("A",), upvotes=3, day=date(2024, 5, 1)))
    monkeypatch.setattr(documents, "paper_from_doc", _refuse)
    assert paper_from_clean_doc(doc) == Paper(
        "2405.00001", "T", authors=("A",), upvotes=3, day=date(2024, 5, 1)
    )


def _refuse(doc: object) -> None:
    raise AssertionError(f"read carefully: {doc}")


_FIELD_CHANGES = st.one_of(
    st.tuples(st.sampled_from(["read", "saved", "tag:ml", "tag:new"]), st.booleans()),
    st.tuples(st.just("state"), st.sampled_from(STATES)),
    st.tuples(st.just("note"), st.sampled_from(["", "a note"])),
)
_WHEN = "2024-01-01T00:00:00+00:00"
_STARTS = st.builds(
    lambda read, saved, state, tags, note: (
        Marks()
        .with_read(read, _WHEN)
        .with_saved(saved, _WHEN)
        .with_state(state, _WHEN)
        .with_tags(tags)
        .with_note(note, _WHEN)
    ),
    st.booleans(),
    st.booleans(),
    st.sampled_from(STATES),
    st.sampled_from([(), ("ml",), ("ml", "old")]),
    st.sampled_from(["", "old note"]),
)


@given(
    _STARTS,
    st.lists(_FIELD_CHANGES, unique_by=lambda change: change[0], max_size=6),
    st.integers(0, 10**13),
)
def test_a_sync_s_documents_of_changes_store_what_applying_them_gives(
    start: Marks, fields: list[tuple[str, bool | str]], wall: int
) -> None:
    changes = [
        Change("2405.00001", name, value, Stamp(wall + n * 1000, 0, "b"))
        for n, (name, value) in enumerate(fields)
    ]
    after = apply_changes(start, changes)
    doc = marks_docs_of_changes(changes).get("2405.00001", {})
    stored = change_fields(marks_to_doc(start), doc)
    assert marks_from_doc(stored or {}) == after
    assert stored == change_fields(marks_to_doc(start), marks_change_doc(start, after))


flag_values = st.one_of(st.booleans(), st.none(), st.integers(-1, 1), lines, st.just(""))


@given(
    st.dictionaries(
        st.sampled_from(["read", "saved", "read_at", "saved_at"]), flag_values, max_size=4
    )
)
def test_a_mark_of_flags_only_reads_as_any_other_would(doc: dict[str, object]) -> None:
    # An unknown field sends a document down the path that looks at every field.
    assert marks_from_doc(doc) == marks_from_doc({**doc, "unknown": 1})


def test_a_field_paper_does_not_have_is_ignored_by_the_fast_reading() -> None:
    doc = paper_to_doc(Paper("2405.00001", "T", authors=("A",), upvotes=3, day=date(2024, 5, 1)))
    assert paper_from_clean_doc({**doc, "future_field": [1, {"x": None}]}) == paper_from_doc(doc)
    assert paper_from_clean_doc({"future_field": 1, **doc}) == paper_from_clean_doc(doc)
