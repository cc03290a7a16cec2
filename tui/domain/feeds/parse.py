"""The one entry point from feed bytes to papers: kind detection, guards, dispatch, merging.

`parse_feed` takes a fetched body and returns a `ParsedFeed` or raises `ParseError` (a one-line,
sanitised reason) and nothing else. Before any parser sees the body it is checked for emptiness,
size, HTML pages (captive portals, error pages) and XML entity/DTD declarations (entity blow-up,
XXE). Hugging Face JSON goes to `hf_daily`, RSS and Atom to `syndication`.
"""

from __future__ import annotations

import json
import re
from datetime import date

from tui.domain.fast_json import REFUSED, decode_or_refuse
from tui.domain.feeds.result import ParsedFeed, ParseError
from tui.domain.feeds.spec import FeedKind

_SNIFF_BYTES = 4096
_BOMS = ("\ufeff", "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff")
_ROOT = re.compile(r"<([a-z][\w.-]*:)?([a-z][\w.-]*)")
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_SYSTEM = re.compile(rb"\bSYSTEM\b", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _head(body: bytes) -> str:
    """The start of the body as lower-case text, for sniffing (NULs of UTF-16/32 dropped)."""
    text = body[:_SNIFF_BYTES].replace(b"\x00", b"").decode("latin-1")
    for bom in _BOMS:
        text = text.removeprefix(bom)
    return text.lstrip().lower()


def _root_element(head: str) -> str | None:
    """The local name of the first element after the prolog (``rss``, ``feed``, ``html``)."""
    match = _ROOT.search(head)
    return match.group(2) if match else None


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def detect_kind(body: bytes, content_type: str | None) -> FeedKind:
    """The kind of `body`, from its first bytes and then its content type; AUTO if unknown."""
    head = _head(body)
    if head.startswith(("[", "{")):
        return FeedKind.HF_JSON
    if head.startswith("<"):
        root = _root_element(head)
        if root == "feed":
            return FeedKind.ATOM
        if root in ("rss", "rdf", "channel"):
            return FeedKind.RSS
    media = _media_type(content_type)
    if "json" in media:
        return FeedKind.HF_JSON
    if "atom" in media:
        return FeedKind.ATOM
    if "rss" in media or "rdf" in media or media.endswith("xml"):
        return FeedKind.RSS
    return FeedKind.AUTO


def _looks_like_html(head: str) -> bool:
    return head.startswith("<!doctype html") or _root_element(head) == "html"


def _reject_html(body: bytes, content_type: str | None) -> None:
    """Refuse HTML pages. A real feed served as text/html is still read."""
    head = _head(body)
    if _looks_like_html(head):
        raise ParseError("unexpected content-type text/html")
    if _media_type(content_type) in _HTML_TYPES and _root_element(head) not in (
        "rss",
        "rdf",
        "feed",
    ):
        raise ParseError("unexpected content-type text/html")


def _reject_entities(body: bytes) -> None:
    """Refuse entity declarations, internal DTD subsets and SYSTEM DTDs before any XML parser."""
    views = [body, body.replace(b"\x00", b"")] if b"\x00" in body else [body]
    for view in views:
        if _ENTITY.search(view):
            raise ParseError("feed uses XML entities; rejected")
        doctypes = _DOCTYPE.finditer(view)
        first = next(doctypes, None)
        if first is None:
            continue
        if next(doctypes, None) is not None:
            raise ParseError("feed uses XML entities; rejected")
        end = view.find(b">", first.end())
        declaration = view[first.end() : end if end >= 0 else len(view)]
        if b"[" in declaration or _SYSTEM.search(declaration):
            raise ParseError("feed uses XML entities; rejected")


_REFUSED = REFUSED
_fast_decode = decode_or_refuse  # see `_load_json`


def _bounded_int(text: str) -> int | None:
    """JSON integers; a number too long to be a count becomes None instead of failing."""
    return int(text) if len(text) <= 18 else None


def _no_constant(_text: str) -> None:
    """NaN and Infinity in JSON become None."""
    return None


def _load_json(body: bytes) -> object:
    """The decoded JSON value; BOMs and UTF-16/32 accepted, bad bytes replaced.

    msgspec's decoder is tried first: twice as fast as `json.loads` on a day of papers, and it
    refuses (rather than reads differently) everything the careful path treats specially:
    a BOM or another encoding, invalid UTF-8, NaN and Infinity, a lone surrogate escape, a
    number out of its range (so an integer too long for a count as well), trailing bytes.
    Anything it refuses goes the careful way below, which decides what to make of it."""
    decoded = _fast_decode(body)
    if decoded is not _REFUSED:
        return decoded
    text = body.decode(json.detect_encoding(body), errors="replace").removeprefix("\ufeff")
    try:
        return json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except RecursionError as exc:
        raise ParseError("malformed JSON: nested too deeply") from exc
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated"):
            raise ParseError("malformed JSON: the response was cut short") from exc
        raise ParseError(f"malformed JSON: {exc.msg} (character {exc.pos})") from exc
    except ValueError as exc:
        raise ParseError("malformed JSON") from exc


def parse_feed(
    body: bytes,
    *,
    feed_name: str,
    content_type: str | None = None,
    kind: FeedKind = FeedKind.AUTO,
    default_day: date | None = None,
    first_seen: date | None = None,
    max_bytes: int = 60_000_000,
    one_list: bool = True,
    fast_only: bool = False,
) -> ParsedFeed:
    """Papers from one fetched body. Raises only `ParseError` (and `NeedsFeedparser` when
    `fast_only` and the body is XML that only feedparser can read).

    `default_day` is the day the request asked for (``?date=``) and `first_seen` the day of
    this fetch: the day rule (`domain/days.py`) uses them for items that do not say on which
    day they were listed; the first only then, the second only when nothing else says.
    `one_list=False` says a Hugging Face answer is not one day's list (a trending list): its
    undated entries do not take the day the others share.
    """
    if not body or not body.strip():
        raise ParseError("empty response")
    if len(body) > max_bytes:
        raise ParseError(f"feed too large (>{max_bytes / 1_000_000:g} MB); skipped")
    _reject_html(body, content_type)
    if kind == FeedKind.AUTO:
        kind = detect_kind(body, content_type)
    # The parsers load on first use: the reader's start-up (cache first) never needs them.
    if kind == FeedKind.HF_JSON:
        return _parse_json(
            body, feed_name=feed_name, default_day=default_day, first_seen=first_seen,
            one_list=one_list,
        )  # fmt: skip
    _reject_entities(body)
    from tui.domain.feeds.syndication import parse_syndication

    return parse_syndication(
        body,
        feed_name=feed_name,
        content_type=content_type,
        default_day=default_day,
        first_seen=first_seen,
        fast_only=fast_only,
    )


def _parse_json(
    body: bytes,
    *,
    feed_name: str,
    default_day: date | None,
    first_seen: date | None,
    one_list: bool,
) -> ParsedFeed:
    """A JSON body: a JSON Feed, else a Hugging Face Daily Papers answer."""
    from tui.domain.feeds.hf_daily import parse_hf_daily

    data = _load_json(body)
    from tui.domain.feeds.jsonfeed import is_json_feed, parse_json_feed

    if is_json_feed(data):
        assert isinstance(data, dict)
        return parse_json_feed(
            data, feed_name=feed_name, default_day=default_day, first_seen=first_seen
        )
    return parse_hf_daily(
        data,
        feed_name=feed_name,
        default_day=default_day,
        first_seen=first_seen,
        one_list=one_list,
    )
