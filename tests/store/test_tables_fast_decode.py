"""msgspec's reading of a big store file (`atomic_storage._fast_decode`) gives the tables that
`json.loads` gives, or refuses and leaves the file to `json.loads`: the same tables, or the
same `UnreadableFileError`, either way."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.store import atomic_storage
from tui.store.atomic_storage import UnreadableFileError, parse_tables

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


def _both(raw: bytes) -> tuple[object, object]:
    """What parse_tables gives with every file read fast, and with none."""

    def outcome() -> object:
        try:
            return parse_tables(raw)
        except UnreadableFileError as error:
            return f"unreadable: {error}"

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(atomic_storage, "FAST_DECODE_FROM", 0)
        fast = outcome()
        patch.setattr(atomic_storage, "FAST_DECODE_FROM", 1 << 62)
        careful = outcome()
    return fast, careful


def _same(fast: object, careful: object) -> None:
    # NaN is not equal to itself: compare the JSON text (which writes it as NaN)
    assert json.dumps(fast, sort_keys=True) == json.dumps(careful, sort_keys=True)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), st.dictionaries(st.text(max_size=6), _json)))
def test_every_file_of_tables_reads_the_same_fast_or_careful(tables: dict[str, object]) -> None:
    for ascii_only in (True, False):
        raw = json.dumps(tables, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
        _same(*_both(raw))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60) | st.text(max_size=30).map(lambda t: t.encode("utf-8", "replace")))
def test_any_bytes_read_the_same_fast_or_careful(raw: bytes) -> None:
    _same(*_both(raw))


@pytest.mark.parametrize(
    "raw",
    [
        b'\xef\xbb\xbf{"_default":{}}',  # a byte-order mark
        b'{"_default":{"1":{"x":NaN}}}',
        b'{"_default":{"1":{"x":1e400}}}',
        b'{"_default":{"1":{"x":"\\ud800"}}}',  # a lone surrogate
        b'{"_default":{}} trailing',
        b'{"_default":{"1":{"x":"\xff"}}}',  # not UTF-8
        b'{"_default":{"1":{"x":123456789012345678901234567890}}}',
        b'{"_default":[]}',
        b"[1, 2]",
    ],
)
def test_each_odd_file_reads_as_json_loads_reads_it(raw: bytes) -> None:
    fast, careful = _both(raw)
    _same(fast, careful)


def test_a_big_file_is_read_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.dumps({"papers": {str(n): {"t": "x" * 100} for n in range(3000)}}).encode()
    assert len(raw) >= atomic_storage.FAST_DECODE_FROM
    calls: list[int] = []
    fast = atomic_storage._fast_decode
    monkeypatch.setattr(atomic_storage, "_fast_decode", lambda b: calls.append(1) or fast(b))
    assert len(parse_tables(raw)["papers"]) == 3000 and calls == [1]
