"""Field cleaning shared by the feed parsers: caps, HTML to text, counts, dates, URLs."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tui.domain.feeds.fields import (
    ABSTRACT_CAP,
    AUTHORS_CAP,
    TITLE_CAP,
    clean_abstract,
    clean_line,
    clean_names,
    clean_url,
    coerce_count,
    from_struct_time,
    html_to_text,
    parse_iso_datetime,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (12, 12),
        (0, 0),
        ("12", 12),
        (" 7 ", 7),
        (7.0, 7),
        (1.5, None),
        (float("nan"), None),
        (float("inf"), None),
        ("NaN", None),
        ("1.2k", None),
        ("9" * 5000, None),
        (10**40, None),
        (True, None),
        (False, None),
        (-3, None),
        ("-3", None),
        (None, None),
        ([], None),
        ({"n": 1}, None),
    ],
)
def test_coerce_count(raw: object, expected: int | None) -> None:
    assert coerce_count(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-05-16T00:21:07.497Z", datetime(2024, 5, 16, 0, 21, 7, 497000, tzinfo=UTC)),
        ("2024-05-01T23:30:00-05:00", datetime(2024, 5, 2, 4, 30, tzinfo=UTC)),
        ("2024-05-01T12:00:00", datetime(2024, 5, 1, 12, 0, tzinfo=UTC)),
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024-02-30T00:00:00Z", None),
        ("2024-05-01T99:99:00Z", None),
        ("0000-01-01T00:00:00Z", None),
        ("9999-12-31T23:59:59Z", None),
        ("1989-12-31T23:59:59Z", None),
        ("2101-01-01T00:00:00Z", None),
        ("yesterday", None),
        ("", None),
        (1715000000, None),
        (None, None),
        ("2024-05-01T12:00:00Z" + "0" * 100, None),
    ],
)
def test_parse_iso_datetime(raw: object, expected: datetime | None) -> None:
    parsed = parse_iso_datetime(raw)
    assert parsed == expected
    if parsed is not None:
        assert parsed.utcoffset() == timedelta(0)


def test_offsets_are_converted_to_utc() -> None:
    parsed = parse_iso_datetime("2024-05-02T01:00:00+09:00")
    assert parsed is not None
    assert parsed.tzinfo is not None and parsed.date() == date(2024, 5, 1)
    assert parsed == datetime(2024, 5, 2, 1, tzinfo=timezone(timedelta(hours=9)))


def test_struct_time_conversion() -> None:
    assert from_struct_time(time.struct_time((2024, 10, 1, 4, 0, 0, 1, 275, 0))) == datetime(
        2024, 10, 1, 4, tzinfo=UTC
    )
    assert from_struct_time(time.struct_time((2024, 2, 30, 0, 0, 0, 0, 1, 0))) is None
    assert from_struct_time(time.struct_time((9999, 1, 1, 0, 0, 0, 0, 1, 0))) is None
    assert from_struct_time("2024-01-01") is None


def test_html_to_text_keeps_math_comparisons_and_decodes_entities() -> None:
    text = html_to_text("<p>We show $x<y$ and $z>w$ &amp; more</p><p>Next<br/>line</p>")
    assert "$x<y$ and $z>w$ & more" in text
    assert "<p>" not in text and "<br" not in text
    assert "Next\n\nline" in text


def test_entities_are_decoded_before_sanitising() -> None:
    assert clean_line("a &#27;]0;pwned&#7; b", is_html=True) == "a ]0;pwned b"
    assert "\x1b" not in clean_line("x &#x1b;[2J y", is_html=True)
    assert clean_line("a \x1b]0;pwned\x07 b") == "a b"


def test_abstract_joins_hard_wraps_and_keeps_paragraphs() -> None:
    text = clean_abstract("One line\nwrapped here.\n\nSecond\tpara.\r\nEnd")
    assert text == "One line wrapped here.\n\nSecond para. End"


def test_caps_are_applied_before_the_work() -> None:
    huge = "x" * 50_000_000
    started = time.perf_counter()
    assert len(clean_abstract(huge)) == ABSTRACT_CAP
    assert len(clean_line(huge)) == TITLE_CAP
    names = clean_names([f"Author {i}" for i in range(100_000)])
    assert time.perf_counter() - started < 2.0
    assert len(names) == AUTHORS_CAP
    assert clean_line(huge).endswith("…")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://github.com/org/repo", "https://github.com/org/repo"),
        ("  http://example.org/x  ", "http://example.org/x"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("data:text/html,hi", None),
        ("https://hf.co@evil.example/", None),
        ("https://github.com/x/\x1b]52;c;x\x07repo", None),
        ("https://example.org/a b", None),
        ("https://example.org:99999/", None),
        ("https:///nohost", None),
        ("https://example.org/" + "a" * 5000, None),
        (42, None),
    ],
)
def test_clean_url(raw: object, expected: str | None) -> None:
    assert clean_url(raw) == expected
