"""The feed fields' fast paths (a plain value is returned as it is, without the steps that
would not change it) agree with the careful steps on every input, hostile text included."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from hypothesis import example, given
from hypothesis import strategies as st

from tui.domain.feeds import fields
from tui.domain.sanitise import sanitise_line, sanitise_text

TRICKY = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\n\n\n", " \n", "\t", "\r\n", "\x00", "\x7f", "\x1b[2J", "\x9b",
     "\u202e", "\u200b", "\u00a0", "\u2000", "\u3000", "\u2028", "\ufe0f", "\U0001f3fb",
     "\ud83d", "|", "| ", "é", "Zoë", "$x^2$", "<b>", "&amp;", "a", "word"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=6), TRICKY), max_size=10).map("".join)
VALUE = st.one_of(TEXT, st.none(), st.integers(), st.lists(TEXT, max_size=2))
_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def careful_line(value: object, cap: int) -> str:
    return fields._cut(sanitise_line(fields.raw_text(value, cap)), cap)


def careful_abstract(value: object, cap: int) -> str:
    text = sanitise_text(fields.raw_text(value, cap))
    if "\n" in text:
        text = sanitise_text(_SINGLE_NEWLINE.sub(" ", text))
    return fields._cut(text, cap)


def careful_url(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > fields.URL_CAP:
        return None
    url = value.strip()
    if not url or sanitise_line(url) != url or " " in url:
        return None
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        return None
    return None if parts.username is not None or parts.password is not None else url


@given(VALUE, st.sampled_from([1, 5, 12, fields.TITLE_CAP]))
def test_a_line_comes_out_as_the_careful_steps_make_it(value: object, cap: int) -> None:
    assert fields.clean_line(value, cap) == careful_line(value, cap)


@given(VALUE, st.sampled_from([3, 40, fields.ABSTRACT_CAP]))
def test_an_abstract_comes_out_as_the_careful_steps_make_it(value: object, cap: int) -> None:
    assert fields.clean_abstract(value, cap) == careful_abstract(value, cap)


@given(st.lists(VALUE, max_size=6))
@example(["Ada", "\u2000Bob"])  # an edge that only str.strip removes
@example(["Ada", "Bob |", "| Cy"])
@example(["Zoë Brandt", "Wen García"])
def test_names_come_out_as_each_cleaned_alone(values: list[object]) -> None:
    alone = (careful_line(value, fields.NAME_CAP) for value in values)
    assert fields.clean_names(values) == tuple(name for name in alone if name)


URL = st.one_of(
    TEXT,
    st.builds(
        "".join,
        st.lists(
            st.sampled_from(["http", "https", "HTTP", "://", "github.com", "a.b", "/", "?q=1",
                             "#x", ":80", ":0", ":99999", "@", "user:pw@", "[", "]", " ", "..",
                             "-", "\x7f", "\u00e9", "%20", "\\"]),
            max_size=8,
        ),
    ),
)  # fmt: skip


@given(URL)
@example("https://github.com/leslie-CH/equiv-nn-svm")
@example("http://a.b?q=x@y#z")
@example("https://user@a.b/")
@example("https://a.b:99999/")
def test_a_url_is_kept_exactly_when_the_careful_checks_keep_it(value: str) -> None:
    assert fields.clean_url(value) == careful_url(value)


@given(st.one_of(st.integers(), st.booleans(), st.none(), st.floats(), TEXT))
def test_a_count_is_what_the_careful_checks_make_it(value: object) -> None:
    number = fields.coerce_count(value)
    if isinstance(value, int) and not isinstance(value, bool):
        assert number == (value if 0 <= value <= fields.COUNT_MAX else None)
    else:
        assert number is None or (isinstance(value, float | str) and number >= 0)
