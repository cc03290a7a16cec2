"""The sanitiser's fast path (text with nothing to change is returned as is) agrees with the
full path on every input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.domain import sanitise

TRICKY = st.sampled_from(
    [" ", "  ", "\n", "\n\n\n", "\t", "\x1b[2J", "\x9b", "\u202e", "\u00a0", "\u2028", "\ud83d"]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), TRICKY), max_size=12).map("".join)


def _full_line(text: str) -> str:
    flat = sanitise._strip(text, sanitise._DROP_KEEP_LAYOUT).replace("\n", " ").replace("\t", " ")
    return sanitise._SPACES.sub(" ", flat).strip()


def _full_text(text: str) -> str:
    stripped = sanitise._strip(text, sanitise._DROP_KEEP_LAYOUT)
    lines = (sanitise._SPACES.sub(" ", line).strip() for line in stripped.split("\n"))
    return sanitise._BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@given(TEXT)
def test_fast_line_equals_full_line(text: str) -> None:
    assert sanitise.sanitise_line(text) == _full_line(text)


@given(TEXT)
def test_fast_text_equals_full_text(text: str) -> None:
    assert sanitise.sanitise_text(text) == _full_text(text)


def test_clean_text_is_returned_unchanged() -> None:
    clean = "Attention Is All You Need: $O(n^2)$ [b]literal[/b]"
    assert sanitise.sanitise_line(clean) is clean
    assert sanitise.sanitise_text("one\ntwo\n\nthree") == "one\ntwo\n\nthree"
