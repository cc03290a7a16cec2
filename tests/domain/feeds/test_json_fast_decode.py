"""msgspec's fast JSON decode (`parse._fast_decode`) reads every body as the careful path does,
or refuses it and leaves it to the careful path: the papers come out the same either way."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.feeds import parse
from tui.domain.feeds.parse import parse_feed
from tui.domain.feeds.result import ParsedFeed, ParseError
from tui.domain.feeds.spec import FeedKind

DAY = date(2026, 11, 26)


def _careful(body: bytes) -> object:
    """`_load_json` with the fast decoder refusing everything."""
    fast = parse._fast_decode
    parse._fast_decode = lambda _body: parse._REFUSED  # type: ignore[assignment]
    try:
        return parse._load_json(body)
    finally:
        parse._fast_decode = fast  # type: ignore[assignment]


def _parsed(body: bytes, *, careful: bool) -> ParsedFeed | str:
    fast = parse._fast_decode
    if careful:
        parse._fast_decode = lambda _body: parse._REFUSED  # type: ignore[assignment]
    try:
        return parse_feed(body, feed_name="HF", kind=FeedKind.HF_JSON, default_day=DAY)
    except ParseError as error:
        return f"ParseError: {error}"
    finally:
        parse._fast_decode = fast  # type: ignore[assignment]


# Values as JSON can hold them, hostile ones included: any text (controls, lone surrogates,
# bidi marks), integers of every size, floats, deep-ish nesting.
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def _no_long_ints(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, list, dict)):
        return True
    if isinstance(value, int):
        return len(str(value)) <= 18  # as `_bounded_int` counts: the sign too
    items = value.values() if isinstance(value, dict) else value
    return all(_no_long_ints(item) for item in items)


@settings(max_examples=400, deadline=None)
@given(_values, st.booleans())
def test_a_body_decodes_to_what_the_careful_path_reads(value: object, ascii_only: bool) -> None:
    body = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    fast = parse._fast_decode(body)
    if fast is parse._REFUSED:
        return  # the careful path decides: nothing to compare
    expected = _careful(body)
    if _no_long_ints(value):  # else the careful path has None where it has the number
        assert fast == expected
        assert repr(fast) == repr(expected)  # 1 and True, 0.0 and -0.0 told apart too


_texts = st.text(max_size=30) | st.sampled_from(["", " ", "Title\n", "a\x1b[2Jb", "\u202eevil"])
_field = _texts | st.none() | st.integers(min_value=-(10**30), max_value=10**30) | st.booleans()


@st.composite
def _entries(draw: Any) -> dict[str, object]:
    paper = {
        "id": draw(st.sampled_from(["2411.00001", "2411.12345v2", "", "x y"]) | _field),
        "title": draw(_field),
        "summary": draw(_field),
        "authors": draw(st.lists(st.fixed_dictionaries({"name": _field}) | _field, max_size=3)),
        "publishedAt": draw(st.sampled_from(["2026-11-25T17:59:58.000Z", "nope"]) | _field),
        "submittedOnDailyAt": draw(st.sampled_from(["2026-11-26T00:21:07.497Z"]) | _field),
        "upvotes": draw(_field | st.floats(allow_nan=False, allow_infinity=False)),
        "githubRepo": draw(st.sampled_from(["https://github.com/a/b"]) | _field),
        "githubStars": draw(_field),
        "ai_keywords": draw(st.lists(_field, max_size=3) | _field),
        "discussionId": draw(_field),
    }
    return {"paper": paper, "numComments": draw(_field), "title": draw(_field)}


@settings(max_examples=300, deadline=None)
@given(st.lists(_entries(), max_size=4), st.booleans())
def test_a_daily_papers_answer_gives_the_same_papers_either_way(
    entries: list[dict[str, object]], ascii_only: bool
) -> None:
    body = json.dumps(entries, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert _parsed(body, careful=False) == _parsed(body, careful=True)


@pytest.mark.parametrize(
    "body",
    [
        b"[NaN]",
        b"[1e400]",
        b'["\\ud800"]',
        b'["\xff"]',
        b"\xef\xbb\xbf[]",
        '[{"id": "x"}]'.encode("utf-16"),
        b"[1] trailing",
        b"[" * 5000 + b"]" * 5000,
        b"[" + b"9" * 5000 + b"]",
    ],
)
def test_what_the_careful_path_treats_specially_is_refused(body: bytes) -> None:
    assert parse._fast_decode(body) is parse._REFUSED
