"""The typed reading of a change log (msgspec checks the types in C) against the careful one:
on every log, whole lines or not, hostile or not, both give the same changes, clock, counts."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.changes import Change, Stamp
from tui.store import changelog
from tui.store.changelog import LogRead, encode, parse_log

_machines = st.sampled_from(["bbbbbbbbbbbb", "c1", "bad id", "a\n", "", "x" * 65, "é"])
_ints = st.one_of(
    st.integers(0, 2**40), st.integers(-5, -1), st.just(2**70), st.booleans(), st.just(1.0)
)
_stamps = st.one_of(
    st.tuples(_ints, _ints, _machines).map(list),
    st.lists(st.integers(0, 9), max_size=4),
    st.none(),
    st.just("1,0,b"),
)
_ids = st.sampled_from(["2405.00001", "hep-th/9901001", "", " 2405.1", "2405\x1b[2J", "x" * 201])
_fields = st.sampled_from(
    ["read", "saved", "state", "note", "tag:ml", "tag: ", "tag:a,b", "tag:é", "stars", ""]
)
_values = st.one_of(
    st.booleans(),
    st.sampled_from(["queued", "done", "inbox", "yes", "a  note\x07", "ünï", ""]),
    st.none(),
    st.integers(0, 3),
)
_versions = st.sampled_from([1, 1, 1, 1, 2, 0, True, 1.0, None, "1"])


@st.composite
def _record(draw: st.DrawFn) -> object:
    kind = draw(st.sampled_from(["change"] * 6 + ["clock", "odd", "extra"]))
    if kind == "odd":
        return draw(st.sampled_from([[1, 2], "text", None, 3, {}, {"v": 1}]))
    record: dict[str, object] = {"v": draw(_versions)}
    if kind == "clock":
        record["clock"] = draw(_stamps)
        return record
    record.update(t=draw(_stamps), id=draw(_ids), f=draw(_fields), x=draw(_values))
    for key in draw(st.lists(st.sampled_from(["t", "id", "f", "x", "v"]), max_size=2)):
        record.pop(key, None)
    if kind == "extra":
        record[draw(st.sampled_from(["clock", "later", "note"]))] = draw(_stamps)
    return record


def _line(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode() + b"\n"


def _good(n: int) -> bytes:
    return encode(Change(f"2405.{n:05d}", "tag:ml" if n % 2 else "read", True, Stamp(n, 0, "b")))


def _careful(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> LogRead:
    with monkeypatch.context() as patch:
        patch.setattr(changelog, "_take_typed", lambda array, into: False)
        return parse_log(raw)


def _same(a: LogRead, b: LogRead) -> None:
    def parts(read: LogRead) -> tuple[object, ...]:
        return (read.changes, read.last, read.newer, read.bad, read.torn)

    assert parts(a) == parts(b)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_record(), st.integers(0, 50).map(_good)), max_size=12))
def test_every_log_reads_the_same_typed_or_careful(items: list[object]) -> None:
    raw = b"".join(item if isinstance(item, bytes) else _line(item) for item in items)
    with pytest.MonkeyPatch.context() as patch:
        _same(parse_log(raw), _careful(raw, patch))


def test_a_log_as_we_write_it_takes_the_typed_way(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = b"".join(_good(n) for n in range(40)) + b'{"v":1,"clock":[99,3,"b"]}\n'
    taken: list[bool] = []
    typed = changelog._take_typed

    def spy(array: bytes, into: LogRead) -> bool:
        taken.append(typed(array, into))
        return taken[-1]

    monkeypatch.setattr(changelog, "_take_typed", spy)
    read = parse_log(raw)
    assert taken == [True]
    assert len(read.changes) == 40 and read.last == Stamp(99, 3, "b") and read.bad == 0
    _same(read, _careful(raw, monkeypatch))


@pytest.mark.parametrize(
    "line",
    [
        b'{"v":1,"t":[5,0,"b"],"id":"2405\\u001b[2J","f":"read","x":true}',  # escape in an id
        b'{"v":1,"t":[5,0,"b\\n"],"id":"2405.1","f":"read","x":true}',  # newline in a machine
        b'{"v":1,"t":[-5,0,"b"],"id":"2405.1","f":"read","x":true}',  # before 1970
        b'{"v":1,"t":[5,0,"b"],"id":"\\ud800","f":"read","x":true}',  # a lone surrogate
        b'{"v":2,"t":[5,0,"b"],"id":"2405.1","f":"stars","x":5}',  # a newer format
    ],
)
def test_each_hostile_line_reads_as_the_careful_way_reads_it(
    line: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _good(1) + line + b"\n" + _good(2)
    read = parse_log(raw)
    _same(read, _careful(raw, monkeypatch))
    assert [c.paper_id for c in read.changes] == ["2405.00001", "2405.00002"]
