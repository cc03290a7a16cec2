"""Make feed text safe for a terminal: no control characters, escape sequences or bidi tricks.

Every string taken from a feed passes through here before it is stored or shown. What goes:
ESC-introduced sequences (CSI, OSC, DCS, APC, PM, SOS, and two-byte escapes, terminated or
not), their 8-bit C1 forms, all other C0 controls (``sanitise_text`` keeps newline and tab),
DEL, bidi embeddings/overrides/isolates and marks, zero-width characters and the BOM, and the
variation selectors and skin-tone modifiers whose width terminals disagree on. Lone
surrogates become U+FFFD. Markup such as ``[b]`` is left as text: widgets render without markup.
"""

from __future__ import annotations

import re

from tui.domain.lazy_pattern import LazyPattern

# String-type sequences run to BEL or ST (ESC \ or 0x9C); an unterminated one ends at the line.
_STRING_SEQUENCE = r"(?:\x1b[\]P_^X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
# CSI: ESC [ or 0x9B, parameters and intermediates, one final byte.
_CSI = r"(?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?"
# Any other escape: ESC, optional intermediates, one final byte.
_OTHER_ESCAPE = r"\x1b[\x20-\x2f]*[\x30-\x7e]?"
# Compiled on first use (LazyPattern): most text takes the `_ODD` fast path and never needs them.
_SEQUENCES = LazyPattern(f"{_STRING_SEQUENCE}|{_CSI}|{_OTHER_ESCAPE}")

_BIDI_AND_INVISIBLE = (
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f"
    "\ufeff\ufff9\ufffa\ufffb"
)
# Characters whose width terminals disagree on: variation selectors (U+2764 U+FE0F is two cells
# to Rich, one to tmux) and skin-tone modifiers (two cells to Rich with their emoji, four to
# tmux). Without them a row measures what the terminal draws; the emoji stays.
_AMBIGUOUS_WIDTH = "".join(chr(c) for c in (*range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400)))
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)))
_DROP_ALL = str.maketrans(dict.fromkeys(_CONTROLS + _BIDI_AND_INVISIBLE + _AMBIGUOUS_WIDTH))
_DROP_KEEP_LAYOUT = str.maketrans(
    dict.fromkeys(c for c in _CONTROLS + _BIDI_AND_INVISIBLE + _AMBIGUOUS_WIDTH if c not in "\n\t")
)
_SURROGATE = LazyPattern("[\ud800-\udfff]")
_SPACES = LazyPattern(r"[ \t\u00a0]+")
_BLANK_LINES = LazyPattern(r"\n{3,}")
# Anything either function would change. Text without it (most feed text) is returned as is:
# one scan instead of several passes, which is most of the cost of parsing and loading.
_ODD_CHARS = "".join(
    sorted(set(_CONTROLS + _BIDI_AND_INVISIBLE + _AMBIGUOUS_WIDTH + "\u00a0\u2028\u2029") - {"\n"})
)
_ODD = re.compile(f"[{re.escape(_ODD_CHARS)}\ud800-\udfff]")


# The two kinds of odd characters that `str.isprintable` accepts (it refuses every other one:
# controls, format characters such as the bidi marks, separators, surrogates).
_PRINTABLE_BUT_ODD = LazyPattern("[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff]")


# A byte table that keeps every printable ASCII character and the newline and changes all
# else: an ASCII text holds something odd (a C0 control, a tab, DEL) exactly when it changes.
# (A translate without deletions is the fast one: no table to build on each call.)
_ASCII_PLAIN = bytes(c if 0x20 <= c < 0x7F or c == 0x0A else 0x80 for c in range(256))


def _edges_or_odd(text: str) -> bool:
    """True when `text` may hold something to remove. `isprintable` runs in C over the whole
    text at once; it may say no for harmless text (private use, unassigned), never yes for
    odd text, so the careful pass runs only where it might matter. ASCII text (most feed text;
    `isascii` costs nothing) is judged exactly by one `bytes.translate`, several times faster."""
    if text[:1].isspace() or text[-1:].isspace():
        return True
    if text.isascii():
        encoded = text.encode("ascii")
        return encoded.translate(_ASCII_PLAIN) != encoded
    body = text.replace("\n", "") if "\n" in text else text
    if not body.isprintable():
        return _ODD.search(text) is not None
    return _may_be_printable_but_odd(text)


def _may_be_printable_but_odd(text: str) -> bool:
    """Whether printable, non-ASCII `text` holds a variation selector or a skin tone. Both
    are rare: their UTF-8 lead bytes (EF B8, F0 9F 8F) are looked for first, a C scan several
    times faster than the regex, which then decides."""
    encoded = text.encode("utf-8", "surrogatepass")
    if b"\xef\xb8" not in encoded and b"\xf0\x9f\x8f" not in encoded:
        return False
    return _PRINTABLE_BUT_ODD.search(text) is not None


def _line_needs_work(text: str) -> bool:
    return "\n" in text or "  " in text or _edges_or_odd(text)


def _text_needs_work(text: str) -> bool:
    if "\n" in text:  # one fast scan; the three newline patterns cost a scan each
        spacing = "  " in text or " \n" in text or "\n " in text or "\n\n\n" in text
    else:
        spacing = "  " in text
    return spacing or _edges_or_odd(text)


def _strip(text: str, table: dict[int, None]) -> str:
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Unicode line and paragraph separators break lines too (str.splitlines, some renderers).
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _SEQUENCES.sub("", text).translate(table)


def is_plain_line(text: str) -> bool:
    """True when `sanitise_line` returns `text` itself: nothing to remove, collapse or strip."""
    return not _line_needs_work(text)


def is_plain_text(text: str) -> bool:
    """True when `sanitise_text` returns `text` itself."""
    return not _text_needs_work(text)


def sanitise_line(text: str) -> str:
    """One line of safe text: every control (newlines too) removed, runs of spaces collapsed."""
    if not _line_needs_work(text):
        return text
    flat = _strip(text, _DROP_KEEP_LAYOUT).replace("\n", " ").replace("\t", " ")
    return _SPACES.sub(" ", flat).strip()


def sanitise_text(text: str) -> str:
    """Multi-line safe text: newlines kept (tabs and space runs become one space), every other
    control removed."""
    if not _text_needs_work(text):
        return text
    lines = (_SPACES.sub(" ", line).strip() for line in _strip(text, _DROP_KEEP_LAYOUT).split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def is_clean(text: str) -> bool:
    """True when `text` holds nothing `sanitise_text` would remove (other than spacing)."""
    return not _SEQUENCES.search(text) and text == text.translate(_DROP_KEEP_LAYOUT)


# Every backslash of a JSON text starts one escape: a surrogate pair, one \\uXXXX, or a letter.
_JSON_ESCAPE = re.compile(
    rb"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S
)
_PLAIN_ESCAPES = frozenset((b'\\"', b"\\\\", b"\\/", b"\\n"))


def json_text_is_clean(raw: bytes) -> bool:
    """True when no string in the JSON text `raw` holds a character either sanitiser would
    remove or replace, newlines aside (spacing is not looked at). Only ASCII text is judged
    (what the stores write: every other character is an escape); anything else is False.

    A few passes in C over the bytes and one look at each distinct escape, instead of the
    sanitisers' per-string scans: how a file that was clean when written is read back fast."""
    if not raw.isascii() or b"\x7f" in raw:  # JSON lets DEL through unescaped
        return False
    return all(_escape_is_clean(escape) for escape in set(_JSON_ESCAPE.findall(raw)))


def _escape_is_clean(escape: bytes) -> bool:
    if len(escape) == 2:
        return escape in _PLAIN_ESCAPES
    units = [int(escape[start + 2 : start + 6], 16) for start in range(0, len(escape), 6)]
    point = (
        units[0] if len(units) == 1 else 0x10000 + ((units[0] - 0xD800) << 10) + units[1] - 0xDC00
    )
    char = chr(point)
    return char == "\n" or (_ODD.search(char) is None and _PRINTABLE_BUT_ODD.search(char) is None)


def strip_controls(text: str) -> str:
    """`text` without escape sequences, controls (newline and tab kept) or bidi tricks, and
    with its spacing untouched: for output whose layout matters (a citation, a table)."""
    if _ODD.search(text) is None:
        return text
    return _strip(text, _DROP_KEEP_LAYOUT)
