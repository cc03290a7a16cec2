"""json_text_is_clean: a whole JSON text judged at once, never clean when a string in it holds
something the sanitisers would remove or replace."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tui.domain.sanitise import json_text_is_clean, sanitise_line, strip_controls

ODD = [
    "\x1b[2J",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x07",
    "\t",
    "\r",
    "\x7f",
    "\x9b31m",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u00a0",
    "\u2028",
    "\ufe0f",
    "\U0001f3fd",
    "\ud800",
    "\udc00",
]


def _dumped(text: str, *, ascii_only: bool = True) -> bytes:
    return json.dumps({"papers": {"1": {"title": text}}}, ensure_ascii=ascii_only).encode(
        "utf-8", "surrogatepass"
    )


@pytest.mark.parametrize("odd", ODD)
def test_any_odd_character_makes_the_text_unclean(odd: str) -> None:
    assert not json_text_is_clean(_dumped(f"a title {odd} here"))


@pytest.mark.parametrize("escape", ["\\u001B", "\\u202E", "\\uD83C\\uDFFD", "\\uDBFF"])
def test_hand_written_upper_case_escapes_are_read_too(escape: str) -> None:
    assert not json_text_is_clean(('{"t":"a' + escape + 'b"}').encode())


def test_text_that_is_not_ascii_is_never_judged_clean() -> None:
    assert not json_text_is_clean(_dumped("café", ascii_only=False))
    assert json_text_is_clean(_dumped("café"))


def test_plain_escapes_emoji_and_latex_are_clean() -> None:
    text = 'a "quoted" \\mathbf{x} \\\\ /path \U0001f600 \u00e9\nsecond line'
    assert json_text_is_clean(_dumped(text))


def test_an_escaped_backslash_before_a_letter_is_no_escape() -> None:
    # \\t in the file is a backslash then t, not a tab; \\\t is a backslash then a tab.
    assert json_text_is_clean(b'{"t":"\\\\tau"}')
    assert not json_text_is_clean(b'{"t":"\\\\\\tau"}')


@given(st.text())
@example("0\u16800")  # the Ogham space mark: str.split splits on it, the sanitisers keep it
def test_clean_means_the_sanitisers_have_nothing_to_remove(text: str) -> None:
    raw = _dumped(text)
    if json_text_is_clean(raw):
        assert strip_controls(text) == text
        # Spacing as the sanitisers define it (space, tab, no-break space; other Unicode spaces
        # such as U+1680 are printable text to them, though str.split would split on them).
        flat = text.replace("\n", " ")
        assert sanitise_line(flat) == re.sub("[ \t\u00a0]+", " ", flat).strip()


@given(st.text(), st.sampled_from(ODD))
def test_an_odd_character_anywhere_is_found(text: str, odd: str) -> None:
    middle = len(text) // 2
    assert not json_text_is_clean(_dumped(text[:middle] + odd + text[middle:]))
