"""sanitise_line / sanitise_text: no control characters, escape sequences or bidi tricks left."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.sanitise import is_clean, sanitise_line, sanitise_text

ESC = "\x1b"
ST = ESC + "\\"
BIDI_AND_INVISIBLE = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" + (
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)

# (input, sanitise_line output)
SEQUENCES = [
    # OSC 52 (clipboard), OSC 0/2 (title), OSC 8 (hyperlink): BEL- and ST-terminated.
    (f"a{ESC}]52;c;ZXZpbA==\x07b", "ab"),
    (f"a{ESC}]52;c;ZXZpbA=={ST}b", "ab"),
    (f"a{ESC}]0;pwned title\x07b", "ab"),
    (f"a{ESC}]2;pwned title{ST}b", "ab"),
    (f"{ESC}]8;;https://evil.example{ST}click{ESC}]8;;{ST}", "click"),
    (f"{ESC}]8;;https://evil.example\x07click{ESC}]8;;\x07", "click"),
    # An unterminated OSC runs to the end of the line, never beyond.
    (f"title{ESC}]0;swallowed to the end", "title"),
    # CSI: clear screen, window ops, colours, private modes, cursor moves.
    (f"{ESC}[2Jcleared", "cleared"),
    (f"a{ESC}[21tb", "ab"),
    (f"{ESC}[31mred{ESC}[0m", "red"),
    (f"{ESC}[?1049h{ESC}[Halt", "alt"),
    # DCS, APC, PM, SOS.
    (f"x{ESC}Pq#0;2;0;0;0#0~~{ST}y", "xy"),
    (f"x{ESC}_Gf=24,s=1;AAAA{ST}y", "xy"),
    (f"x{ESC}^private{ST}y", "xy"),
    (f"x{ESC}Xstart of string{ST}y", "xy"),
    # 8-bit C1 forms: CSI U+009B, OSC U+009D (terminated by BEL or ST U+009C).
    ("a\x9b2Jb", "ab"),
    ("a\x9d0;title\x07b", "ab"),
    ("a\x9d52;c;ZXZp\x9cb", "ab"),
    ("a\x85\x8d\x80b", "ab"),
    ("a\x9fAPC to the end of the line", "a"),
    # Two-byte escapes and a lone ESC.
    (f"a{ESC}cb{ESC}7c", "abc"),
    (f"end{ESC}", "end"),
    # C0 controls and DEL.
    ("a\x00b", "ab"),
    ("a\x7fb", "ab"),
    ("abc\x08\x08\x08xyz", "abcxyz"),
    ("a\x07\x0b\x0cb", "ab"),
    ("over\rwrite", "over write"),
    ("one\r\ntwo\nthree\tfour", "one two three four"),
    # Bidi overrides and isolates, zero-width characters, the BOM.
    ("abc\u202edcba", "abcdcba"),
    ("\u2066a\u2067b\u2068c\u2069", "abc"),
    ("zero\u200bwidth", "zerowidth"),
    ("\ufeffBOM", "BOM"),
    # A lone surrogate becomes U+FFFD.
    ("bad \ud83d here", "bad \ufffd here"),
    # Markup is text: widgets render without markup.
    ("[b]bold[/b] [@click=app.quit]x[/]", "[b]bold[/b] [@click=app.quit]x[/]"),
    ("  spaced \u00a0 out  ", "spaced out"),
]


@pytest.mark.parametrize(("source", "expected"), SEQUENCES)
def test_sanitise_line_examples(source: str, expected: str) -> None:
    assert sanitise_line(source) == expected


@pytest.mark.parametrize(("source", "expected"), SEQUENCES)
def test_sanitise_text_agrees_on_single_lines(source: str, expected: str) -> None:
    if "\n" not in source and "\r" not in source:
        assert sanitise_text(source) == expected


def test_sanitise_text_keeps_lines() -> None:
    assert sanitise_text("one\r\ntwo\rthree\n\n\n\nfour") == "one\ntwo\nthree\n\nfour"
    assert sanitise_text(f"title{ESC}]0;unterminated\nnext line") == "title\nnext line"
    assert sanitise_text("  indented\t tabbed  \n  ") == "indented tabbed"


def test_unicode_line_separators_break_lines() -> None:
    assert sanitise_line("one\u2028two\u2029three") == "one two three"
    assert sanitise_text("one\u2028two") == "one\ntwo"


def test_is_clean() -> None:
    assert is_clean("plain text\nwith lines and [markup]")
    assert not is_clean(f"a{ESC}[2J")
    assert not is_clean("a\x9b2J")
    assert not is_clean("bidi\u202e")
    assert not is_clean("nul\x00")


C0_EXCEPT_LAYOUT = re.compile("[\x00-\x08\x0b-\x1f]")
FORBIDDEN = re.compile(f"[\x7f-\x9f\x1b{BIDI_AND_INVISIBLE}\ud800-\udfff]")

HOSTILE = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(
            ["\x1b", "\x07", "\x9b", "\x9c", "\x9d", "\x90", "[", "]", "\\", ";", "\n", "\r"]
        ),
        st.sampled_from([*BIDI_AND_INVISIBLE, "\ud83d", "\u2028", "\u2029", "\t", " ", "\u00a0"]),
    ),
    max_size=80,
)


@given(HOSTILE)
def test_sanitise_text_leaves_only_newline_and_tab_of_the_controls(text: str) -> None:
    out = sanitise_text(text)
    assert not C0_EXCEPT_LAYOUT.search(out)
    assert not FORBIDDEN.search(out)
    assert is_clean(out)


@given(HOSTILE)
def test_sanitise_line_leaves_no_control_at_all(text: str) -> None:
    out = sanitise_line(text)
    assert not re.search("[\x00-\x1f]", out)
    assert not FORBIDDEN.search(out)
    assert len(out.splitlines()) <= 1


@given(HOSTILE)
def test_sanitising_is_idempotent(text: str) -> None:
    line, multi = sanitise_line(text), sanitise_text(text)
    assert sanitise_line(line) == line
    assert sanitise_text(multi) == multi


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_printable_ascii_is_unchanged_apart_from_spacing(text: str) -> None:
    assert sanitise_line(text) == " ".join(text.split())
    assert sanitise_text(text) == " ".join(text.split())
