"""Field-level cleaning shared by the feed parsers: size caps, text, HTML, counts, dates, URLs.

Every value taken from a feed comes through one of these functions, which cut it to its cap
*first* (so a 50 MB abstract or 100,000 authors cost no more than a normal paper), then decode
HTML where the feed said the text is HTML, and sanitise last, so that an entity such as
``&#27;`` becomes an ESC before the sanitiser removes it. Nothing here raises on odd input:
a value that does not make sense becomes ``None`` (or an empty string).
"""

from __future__ import annotations

import html
import math
import re
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

from tui.domain.sanitise import is_plain_line, is_plain_text, sanitise_line, sanitise_text

TITLE_CAP = 1_000
ABSTRACT_CAP = 20_000
AUTHORS_CAP = 500
NAME_CAP = 200
URL_CAP = 2_000
CATEGORIES_CAP = 30
CATEGORY_CAP = 64
ID_CAP = 256
COUNT_MAX = 1_000_000_000
# Raw text kept before decoding and sanitising: escape sequences and tags shrink it later.
_RAW_FACTOR = 4
_ELLIPSIS = "…"
_EARLIEST_YEAR = 1990
_LATEST_YEAR = 2100

# Only real HTML tag names are removed, so "$x<y$ and $z>w$" in an abstract survives.
_TAG_NAMES = (
    "a|abbr|address|article|aside|b|bdi|bdo|big|blockquote|body|br|caption|center|cite|code|"
    "col|colgroup|dd|del|details|dfn|div|dl|dt|em|embed|figcaption|figure|font|footer|form|"
    "h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|li|link|main|mark|math|meta|"
    "nav|noscript|object|ol|p|param|picture|pre|q|s|samp|script|section|small|source|span|"
    "strike|strong|style|sub|summary|sup|svg|table|tbody|td|tfoot|th|thead|title|tr|tt|u|ul|"
    "var|video|wbr"
)
_BLOCK_TAG = re.compile(r"<(?:br|/?p|/?div|/?li|/?h[1-6]|/?blockquote|/?tr|hr)\b[^<>]*>", re.I)
_ANY_TAG = re.compile(rf"</?(?:{_TAG_NAMES})\b[^<>]*>|<!--[^<>]*-->", re.I)
_COUNT_TEXT = re.compile(r"\s*\+?(\d{1,10})\s*")
# An http(s) URL of printable ASCII without spaces whose host has no port or credentials to
# check: `clean_url` keeps it as it is without taking it apart.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][!-~]*)?")


def _cut(value: str, cap: int) -> str:
    return value if len(value) <= cap else value[: cap - 1].rstrip() + _ELLIPSIS


def raw_text(value: object, cap: int) -> str:
    """`value` when it is a string, cut to a generous raw cap; anything else is ``""``."""
    if not isinstance(value, str):
        return ""
    return value[: cap * _RAW_FACTOR]


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: block tags become line breaks, entities are decoded."""
    text = _BLOCK_TAG.sub("\n\n", markup)
    return html.unescape(_ANY_TAG.sub("", text))


def clean_line(value: object, cap: int = TITLE_CAP, *, is_html: bool = False) -> str:
    """One safe line (a title, a name) of at most `cap` characters; ``""`` for a non-string."""
    if not isinstance(value, str):  # an absent field, most often: nothing to clean
        return ""
    if not is_html and len(value) <= cap and is_plain_line(value):
        return value  # what the steps below would give: nothing to cut or to clean
    text = raw_text(value, cap)
    if is_html:
        text = html_to_text(text)
    return _cut(sanitise_line(text), cap)


def clean_abstract(value: object, cap: int = ABSTRACT_CAP, *, is_html: bool = False) -> str:
    """Safe multi-line text: hard-wrapped lines joined, paragraph breaks kept, at most `cap`."""
    if isinstance(value, str) and not is_html and len(value) <= cap and is_plain_text(value):
        return _join_lines(value) if "\n" in value else value  # as below, steps skipped
    text = raw_text(value, cap)
    if is_html:
        text = html_to_text(text)
    text = sanitise_text(text)
    if "\n" in text:  # hard-wrapped lines join; paragraph breaks stay
        text = _join_lines(text)
    return _cut(text, cap)


def _join_lines(text: str) -> str:
    """Sanitised text with each single newline made a space. Its newlines come alone or in
    pairs (`sanitise_text` leaves no longer run, no line edged with a space), so splitting at
    the pairs is exact, and what comes out needs no second sanitising: joining two stripped
    lines with one space makes no run of spaces and no edge."""
    return "\n\n".join(part.replace("\n", " ") for part in text.split("\n\n"))


def clean_names(values: list[object]) -> tuple[str, ...]:
    """Up to `AUTHORS_CAP` non-empty, sanitised author names."""
    values = values[:AUTHORS_CAP]
    if _plain_names(values):
        return tuple(values)  # type: ignore[arg-type]  # every one a plain str
    names = (clean_line(value, NAME_CAP) for value in values)
    return tuple(name for name in names if name)


def _plain_names(values: list[object]) -> bool:
    """True when every value is a name `clean_line` returns as it is: a non-empty string
    within the cap, not edged with whitespace, that `sanitise_line` leaves alone. The last is
    asked once of all the names joined by a "|" (printable: it hides nothing and adds nothing
    odd), which holds something to clean exactly when one of the names does."""
    for value in values:  # a loop, not all(): most lists hold one to five names
        if type(value) is not str or not 0 < len(value) <= NAME_CAP:
            return False
        if value[0].isspace() or value[-1].isspace():
            return False
    return is_plain_line("|".join(values))  # type: ignore[arg-type]


def clean_url(value: object) -> str | None:
    """An absolute http(s) URL without credentials, spaces or controls; otherwise ``None``."""
    if not isinstance(value, str) or len(value) > URL_CAP:
        return None
    if _PLAIN_URL.fullmatch(value):  # most links: what the checks below would all pass
        return value
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
    if parts.username is not None or parts.password is not None:
        return None
    return url


def coerce_count(value: object) -> int | None:
    """A non-negative count, or ``None``: ``"12"`` -> 12; NaN, ``"1.2k"``, bools, negatives,
    fractions and absurdly large numbers -> ``None``. Missing is never turned into 0."""
    if type(value) is int:  # most counts: a plain JSON integer (a bool is not of type int)
        return value if 0 <= value <= COUNT_MAX else None
    if isinstance(value, bool) or value is None:
        return None
    number: int | None = None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        number = int(value) if math.isfinite(value) and value.is_integer() else None
    elif isinstance(value, str) and len(value) <= 16:
        match = _COUNT_TEXT.fullmatch(value)
        number = int(match.group(1)) if match else None
    if number is None or not 0 <= number <= COUNT_MAX:
        return None
    return number


def plausible(moment: datetime | None) -> datetime | None:
    """`moment` in UTC when it lies in 1990..2100 (naive times are taken as UTC), else ``None``."""
    if moment is None:
        return None
    if moment.tzinfo is UTC:  # already in UTC (a "Z" time): astimezone would return it as is
        return moment if _EARLIEST_YEAR <= moment.year <= _LATEST_YEAR else None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return moment if _EARLIEST_YEAR <= moment.year <= _LATEST_YEAR else None


def parse_iso_datetime(value: object) -> datetime | None:
    """An ISO-8601 timestamp (``2024-05-16T00:21:07.497Z``, offsets, plain dates) in UTC."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not 8 <= len(text) <= 40:
        return None
    if text[-1:] in "zZ":
        text = text[:-1] + "+00:00"
    try:
        return plausible(datetime.fromisoformat(text))
    except ValueError:
        return None


def from_struct_time(value: object) -> datetime | None:
    """A feedparser ``*_parsed`` value (a UTC `time.struct_time`) as an aware datetime."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        moment = datetime(*value[:6], tzinfo=UTC)
    except (ValueError, OverflowError, TypeError):
        return None
    return plausible(moment)


def clean_category(value: object) -> str | None:
    """A category term (``cs.LG``) as one short line, or ``None``."""
    term = clean_line(value, CATEGORY_CAP)
    return term or None
