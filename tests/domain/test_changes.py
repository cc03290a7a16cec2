"""The merge of mark changes: commutative, associative, idempotent, and nothing is lost."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.changes import (
    Change,
    Stamp,
    adopted,
    apply_change,
    apply_changes,
    clean_change,
    field_changes,
    iso_of,
    merge,
    newer_than,
    tick,
)
from tui.domain.paper import NO_MARKS, Marks

stamps = st.builds(
    Stamp,
    st.integers(0, 50),
    st.integers(0, 3),
    st.sampled_from(["laptop", "cluster", "desk"]),
)
values = st.one_of(st.booleans(), st.sampled_from(["inbox", "queued", "done", "a note"]))
changes = st.builds(
    Change,
    st.sampled_from(["2405.00001", "2405.00002", "2411.00003"]),
    st.sampled_from(["read", "saved", "state", "note", "tag:ml"]),
    values,
    stamps,
)
logs = st.lists(changes, max_size=30)


@settings(max_examples=300)
@given(logs, logs)
def test_merge_is_commutative(a: list[Change], b: list[Change]) -> None:
    assert merge(a, b) == merge(b, a)


@settings(max_examples=300)
@given(logs, logs, logs)
def test_merge_is_associative(a: list[Change], b: list[Change], c: list[Change]) -> None:
    left = merge(merge(a, b).values(), c)
    right = merge(a, merge(b, c).values())
    assert left == right


@settings(max_examples=300)
@given(logs, logs)
def test_merge_is_idempotent(a: list[Change], b: list[Change]) -> None:
    once = merge(a, b)
    assert merge(once.values(), a, b) == once
    assert merge(a, a) == merge(a)


@settings(max_examples=300)
@given(logs, logs)
def test_a_change_only_loses_to_a_newer_change_of_its_field(
    a: list[Change], b: list[Change]
) -> None:
    merged = merge(a, b)
    for change in [*a, *b]:
        winner = merged[change.key]
        assert winner == change or winner.order() > change.order()


@given(logs, logs)
def test_adopted_is_what_the_merge_adds(mine: list[Change], theirs: list[Change]) -> None:
    held = merge(mine)
    merged = merge(mine, theirs)
    taken = adopted(held, merged)
    assert merge(held.values(), taken) == merged
    assert adopted(merged, merged) == []


@settings(max_examples=300)
@given(logs, logs)
def test_newer_than_is_adopted_of_the_two_merges(mine: list[Change], theirs: list[Change]) -> None:
    taken = newer_than(mine, theirs)
    assert sorted(taken) == sorted(adopted(merge(mine), merge(theirs)))
    assert merge(mine, taken) == merge(mine, theirs)


@settings(max_examples=300)
@given(logs)
def test_applying_one_paper_s_winners_at_once_is_applying_them_one_by_one(
    log: list[Change],
) -> None:
    start = Marks(read=True, read_at="2024-01-01T00:00:00+00:00", tags=("old", "ml"))
    for paper_id in {c.paper_id for c in log}:
        winners = [c for c in merge(log).values() if c.paper_id == paper_id]
        one_by_one = start
        for change in winners:
            one_by_one = apply_change(one_by_one, change)
        assert apply_changes(start, winners) == one_by_one
    assert apply_changes(start, []) is start


@given(st.integers(0, 253_402_300_799_999))
def test_a_stamp_s_time_is_the_datetime_s_iso_text(wall_ms: int) -> None:
    expected = datetime.fromtimestamp(wall_ms / 1000, UTC).isoformat(timespec="seconds")
    assert iso_of(wall_ms) == expected


def test_the_clock_moves_on_when_the_wall_clock_runs_behind() -> None:
    first = tick(None, 1000, "a")
    seen = Stamp(5000, 2, "b")  # another machine, its clock ahead
    after = tick(max(first, seen), 1001, "a")
    assert after > seen and after.machine == "a"
    assert tick(after, 9000, "a") == Stamp(9000, 0, "a")


def test_a_later_unstar_wins_over_an_earlier_star() -> None:
    star = Change("2405.00001", "saved", True, Stamp(1000, 0, "a"))
    unstar = Change("2405.00001", "saved", False, Stamp(2000, 0, "b"))
    winner = merge([unstar], [star])[star.key]
    assert winner is unstar
    assert apply_change(Marks(saved=True), winner).saved is False


def test_field_changes_names_each_changed_field_and_tag() -> None:
    before = Marks(read=True).with_tags(("a", "b"))
    after = before.with_read(False, None).with_tags(("b", "c")).with_note("hi", "t")
    assert field_changes(before, after) == [
        ("read", False),
        ("note", "hi"),
        ("tag:a", False),
        ("tag:c", True),
    ]
    assert field_changes(after, after) == []


def test_changes_from_outside_are_checked_and_sanitised() -> None:
    good = clean_change("2405.00001", "note", "x\x1b[31mred", [1, 0, "a"])
    assert good is not None and "\x1b" not in str(good.value) and "red" in str(good.value)
    tagged = clean_change("2405.00001", "tag:\x1b]0;evil\x07ml", True, [1, 0, "a"])
    assert tagged is not None and "\x1b" not in tagged.field
    assert clean_change("2405.00001", "state", "gone", [1, 0, "a"]) is None
    assert clean_change("2405.00001", "read", "yes", [1, 0, "a"]) is None
    assert clean_change("2405.00001", "read", True, [1, 0, "../etc"]) is None
    assert clean_change("2405.00001", "read", True, [True, 0, "a"]) is None
    assert clean_change("24\x1b05", "read", True, [1, 0, "a"]) is None


def test_applying_every_field_builds_the_marks() -> None:
    marks = NO_MARKS
    for i, (name, value) in enumerate(
        [("read", True), ("state", "queued"), ("tag:ml", True), ("note", "see §3")]
    ):
        marks = apply_change(marks, Change("p", name, value, Stamp(i * 1000, 0, "a")))
    assert marks.read and marks.state == "queued" and marks.tags == ("ml",)
    assert marks.note == "see §3" and marks.state_at == "1970-01-01T00:00:01+00:00"
