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
# ASCII text, controls and DEL included: the fast path judges it without `isprintable`.
ASCII_PIECE = st.text(st.characters(max_codepoint=0x7F), max_size=8)
ASCII_TEXT = st.lists(
    st.one_of(ASCII_PIECE, st.sampled_from([" ", "  ", "\n", "\n ", "\t", "\x7f", "\x1b[m"])),
    max_size=12,
).map("".join)


def _full_line(text: str) -> str:
    flat = sanitise._strip(text, sanitise._DROP_KEEP_LAYOUT).replace("\n", " ").replace("\t", " ")
    return sanitise._SPACES.sub(" ", flat).strip()


def _full_text(text: str) -> str:
    stripped = sanitise._strip(text, sanitise._DROP_KEEP_LAYOUT)
    lines = (sanitise._SPACES.sub(" ", line).strip() for line in stripped.split("\n"))
    return sanitise._BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _may_hold_odd(text: str) -> bool:
    """The careful judgement the fast one stands for: edges, else any odd character."""
    if text[:1].isspace() or text[-1:].isspace():
        return True
    return sanitise._ODD.search(text) is not None or (
        sanitise._PRINTABLE_BUT_ODD.search(text) is not None
    )


@given(st.one_of(TEXT, ASCII_TEXT))
def test_the_quick_look_says_yes_for_every_text_with_something_odd(text: str) -> None:
    quick = sanitise._edges_or_odd(text)
    assert quick or not _may_hold_odd(text)
    if text.isascii():  # exact there: no private-use or unassigned characters to doubt
        assert quick == _may_hold_odd(text)


@given(st.one_of(TEXT, ASCII_TEXT))
def test_fast_line_equals_full_line(text: str) -> None:
    assert sanitise.sanitise_line(text) == _full_line(text)


@given(st.one_of(TEXT, ASCII_TEXT))
def test_fast_text_equals_full_text(text: str) -> None:
    assert sanitise.sanitise_text(text) == _full_text(text)


def test_clean_text_is_returned_unchanged() -> None:
    clean = "Attention Is All You Need: $O(n^2)$ [b]literal[/b]"
    assert sanitise.sanitise_line(clean) is clean
    assert sanitise.sanitise_text("one\ntwo\n\nthree") == "one\ntwo\n\nthree"
