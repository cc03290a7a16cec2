"""Where keys were written, and parsing that survives TOML syntax errors."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.settings.toml_lines import KeyLines, parse_tolerant, show_path

TEXT = """\
# a comment
sort = "newest"
"quoted key" = 1

[rules]
watch_authors = [
  "Ada",
]
hide_cross_lists = true

[[feeds]]
url = "https://a.example"

[[feeds]]
name = "two"
url = "https://b.example"

nested = [
  { name = "x", url = "https://c.example" },
  { name = "y" },
]
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("sort",), 2),
        (("quoted key",), 3),
        (("rules",), 5),
        (("rules", "watch_authors"), 6),
        (("rules", "hide_cross_lists"), 9),
        (("feeds", 0), 11),
        (("feeds", 0, "url"), 12),
        (("feeds", 1, "url"), 16),
        (("feeds", 1, "kind"), 14),  # not written: the table's line
        (("feeds", 1, "nested", 1), 20),
        (("feeds", 1, "nested", 1, "name"), 20),
        (("feeds", 1, "nested", 0, "url"), 19),
    ],
)
def test_key_lines(path: tuple[str | int, ...], line: int) -> None:
    assert tomllib.loads(TEXT)  # the sample itself is valid
    assert KeyLines(TEXT).line_of(path) == line


def test_an_unwritten_key_has_no_line() -> None:
    assert KeyLines(TEXT).line_of(("theme",)) is None


def test_show_path_counts_from_one() -> None:
    assert show_path(("feeds", 1, "url")) == "feeds[2].url"
    assert show_path(("rules", "watch_authors")) == "rules.watch_authors"


def test_valid_text_parses_without_notes() -> None:
    assert parse_tolerant(TEXT) == (tomllib.loads(TEXT), [], True)


def test_a_broken_value_in_a_table_is_dropped_alone() -> None:
    data, notes, readable = parse_tolerant("[rules]\na = 1\nb = oops\nc = 3\n")
    assert readable and data == {"rules": {"a": 1, "c": 3}}
    assert [(note.line, note.key) for note in notes] == [(3, "rules.b")]


def test_a_broken_multi_line_value_is_dropped_whole() -> None:
    data, notes, _ = parse_tolerant("a = [\n  1,\n  2 3,\n]\nb = 2\n")
    assert data == {"b": 2}
    assert [(note.line, note.key) for note in notes] == [(3, "a")]


def test_two_separate_errors_are_two_notes() -> None:
    data, notes, _ = parse_tolerant("a = x\nb = 2\nc = y\n")
    assert data == {"b": 2}
    assert [note.line for note in notes] == [1, 3]


@given(
    st.lists(
        st.sampled_from(
            [
                "a = 1",
                "b = [",
                "]",
                "[t",
                "[t]",
                "c = 'x",
                "= 3",
                "d.e = 4",
                '"""',
                "f = {",
                "}",
                "",
            ]
        ),
        max_size=10,
    )
)
def test_repair_never_raises_and_what_it_returns_is_valid_toml_data(lines: list[str]) -> None:
    data, notes, readable = parse_tolerant("\n".join(lines))
    assert isinstance(data, dict)
    assert readable or data == {}
    assert all(note.line >= 1 for note in notes)


def test_only_newlines_end_lines_as_in_toml() -> None:
    text = 'a = "x\u2028y"\r\nb = oops\r\nc = 3\r\n'
    data, notes, _ = parse_tolerant(text)
    assert data == {"a": "x\u2028y", "c": 3}
    assert [note.line for note in notes] == [2]
    assert KeyLines(text).line_of(("c",)) == 3
