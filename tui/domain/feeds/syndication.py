"""RSS 0.9x/1.0/2.0 and Atom bodies -> `Paper`s, through feedparser.

feedparser only ever sees ``io.BytesIO(body)``: given a str or bytes it may treat them as a path
or a URL and open them. Its HTML sanitiser is off because nothing here renders HTML: it ate text
such as ``$x<y$ and $z>w$`` from abstracts; `feed_fields` turns HTML into plain text instead.
Knows the arXiv listing RSS (``Announce Type``, ``dc:creator``), the arXiv API Atom
(``arxiv:primary_category``, ``arxiv:doi``) and the third-party mirrors of the Hugging Face list.
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from tui.domain.arxiv import abs_url, find_arxiv_id, hf_paper_url
from tui.domain.days import syndication_dating
from tui.domain.feeds.fields import (
    AUTHORS_CAP,
    CATEGORIES_CAP,
    NAME_CAP,
    URL_CAP,
    clean_abstract,
    clean_category,
    clean_line,
    clean_names,
    clean_url,
    from_struct_time,
)
from tui.domain.feeds.mirror import mirror_fields
from tui.domain.feeds.result import ParsedFeed, ParseError, build_result, collect
from tui.domain.paper import Paper
from tui.domain.sanitise import sanitise_line

MAX_ENTRIES = 10_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ANNOUNCE = re.compile(
    r"\s*arXiv:\S{1,64}\s+Announce Type:\s*(?P<type>[A-Za-z-]{1,32})\s*(?:Abstract:\s*)?"
)
# A comma before a suffix ("Robert W. Heath, Jr., Ann Lee") is part of the name, not a split.
_AUTHOR_SPLIT = re.compile(
    r"\s*,\s*(?!\s*(?:Jr\.?|Sr\.?|II|III|IV)\s*(?:,|$|and\s))(?:and\s+)?|\s+and\s+"
)
_XML_ENCODING = re.compile(rb"^(<\?xml[^>]{0,200}?encoding\s*=\s*)([\"'])[^\"']{0,40}\2")
_ANNOUNCE_TYPES = ("new", "cross", "replace", "replace-cross")


_PARSE_OPTIONS = {"sanitize_html": False, "resolve_relative_uris": False}


class NeedsFeedparser(Exception):
    """The body is outside the fast path (`fast_xml`): only feedparser can read it."""


def parse_syndication(
    body: bytes,
    *,
    feed_name: str,
    content_type: str | None,
    default_day: date | None,
    first_seen: date | None = None,
    fast_only: bool = False,
) -> ParsedFeed:
    """The papers of an RSS or Atom body (`fast_only`: `NeedsFeedparser` rather than
    reading it with feedparser). A damaged body with entries gives ``partial=True``;
    one with none raises `ParseError`, as does a body that is no feed at all. Items without a
    date of their own take the channel's, else `default_day`, else `first_seen`."""
    body, headers, warnings = _prepare(body, content_type)
    parsed = _read_fast(body, content_type) if not warnings else None
    if parsed is None:
        if fast_only:
            raise NeedsFeedparser
        parsed = _read_with_feedparser(body, headers)
    entries: list[Any] = list(parsed.get("entries") or [])
    damaged, note = _bozo(parsed)
    if note:
        warnings.append(note)
    if not entries:
        if damaged:
            raise ParseError(f"malformed feed: {_exception_text(parsed)}")
        if not parsed.get("version"):
            raise ParseError("not an RSS or Atom feed")
        return build_result((), skipped=0, partial=False, warnings=warnings)
    _reject_api_error(entries)
    name = sanitise_line(feed_name)
    dates = _ChannelDates(_channel_date(parsed.get("feed")), default_day, first_seen)
    papers, skipped = collect(
        entries[:MAX_ENTRIES],
        lambda entry: paper_from_entry(entry, feed_name=name, dates=dates),
    )
    if len(entries) > MAX_ENTRIES:
        warnings.append(f"only the first {MAX_ENTRIES} of {len(entries)} items were read")
    if not papers:
        raise ParseError(f"no valid entries in the feed ({skipped} skipped)")
    return build_result(papers, skipped=skipped, partial=damaged, warnings=warnings)


def _reject_api_error(entries: list[Any]) -> None:
    """The arXiv API answers a bad query with a feed of one entry titled ``Error`` whose id is
    under ``arxiv.org/api/errors``: that is an error to report, not a paper."""
    for entry in entries[:3]:
        guid = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(guid, str) and "arxiv.org/api/errors" in guid:
            reason = clean_line(entry.get("summary"), 160) or "unknown error"
            raise ParseError(f"arXiv API error: {reason}")


_UTF8_NAMES = ("", "utf-8", "utf8")


def _read_fast(body: bytes, content_type: str | None) -> Any:
    """The fast path's reading of a UTF-8 body (no charset disagreement to settle), or None."""
    charset = ""
    if content_type and "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
    declared = _XML_ENCODING.match(body[:200])
    encoding = (
        declared.group(0).rsplit(b"=", 1)[1].strip(b" \"'").decode("latin-1") if declared else ""
    )
    if charset.lower() not in _UTF8_NAMES or encoding.lower() not in _UTF8_NAMES:
        return None
    from tui.domain.feeds.fast_xml import read_fast

    return read_fast(body)


def _read_with_feedparser(body: bytes, headers: dict[str, str]) -> Any:
    import feedparser  # ~60 ms to import: paid on the first feed it is needed for

    try:
        # Always a BytesIO: feedparser opens a str or bytes as a path or URL when it can.
        return feedparser.parse(io.BytesIO(body), response_headers=headers, **_PARSE_OPTIONS)
    except Exception as exc:  # feedparser on hostile bytes: any failure is "not a feed"
        raise ParseError(f"feed could not be parsed ({type(exc).__name__})") from exc


def _prepare(body: bytes, content_type: str | None) -> tuple[bytes, dict[str, str], list[str]]:
    """The body and headers for feedparser; UTF-16 without a BOM is re-encoded as UTF-8."""
    headers = {"content-type": content_type} if content_type else {}
    head = body[:4]
    if head[:2] not in (b"<\x00", b"\x00<"):
        return body, headers, []
    codec = "utf-16-le" if head[:1] == b"<" else "utf-16-be"
    text = body.decode(codec, errors="replace").encode("utf-8")
    text = _XML_ENCODING.sub(rb'\1"utf-8"', text, count=1)
    warning = f"feed sent {codec.upper()} without a byte-order mark; decoded best-effort"
    return text, {"content-type": "application/xml; charset=utf-8"}, [warning]


def _bozo(parsed: Any) -> tuple[bool, str | None]:
    """(the body is damaged, a note for the log). Encoding guesses are notes, not damage."""
    import feedparser

    if not parsed.get("bozo"):
        return False, None
    exc = parsed.get("bozo_exception")
    benign = (
        feedparser.CharacterEncodingOverride,
        feedparser.CharacterEncodingUnknown,
        feedparser.NonXMLContentType,
    )
    if isinstance(exc, benign):
        return False, f"encoding: {_exception_text(parsed)}"
    return True, f"malformed feed, read what could be read: {_exception_text(parsed)}"


def _exception_text(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    text = str(exc)[:160] if exc is not None else "unknown error"
    return sanitise_line(text) or type(exc).__name__


class _ChannelDates:
    """What the feed as a whole says about days: the channel's date, the day asked, this fetch."""

    __slots__ = ("asked", "channel", "first_seen")

    def __init__(
        self, channel: datetime | None, asked: date | None, first_seen: date | None
    ) -> None:
        self.channel, self.asked, self.first_seen = channel, asked, first_seen


def _channel_date(channel: object) -> datetime | None:
    """The channel's own date: RSS ``pubDate``, then ``lastBuildDate``/``dc:date``, Atom
    ``updated`` (feedparser files the last three under ``updated``)."""
    if not isinstance(channel, dict):
        return None
    for key in ("published_parsed", "updated_parsed"):
        moment = from_struct_time(dict.get(channel, key))
        if moment is not None:
            return moment
    return None


def paper_from_entry(
    entry: Any,
    *,
    feed_name: str,
    default_day: date | None = None,
    dates: _ChannelDates | None = None,
) -> Paper | None:
    """One RSS item or Atom entry as a `Paper`; ``None`` when it has neither title nor link."""
    link = _text(entry.get("link"), URL_CAP)
    guid = _text(entry.get("id"), URL_CAP)
    title = clean_line(entry.get("title"), is_html=_is_html(entry.get("title_detail")))
    if not title and not link:
        return None
    arxiv_id = _arxiv_id(link, guid, entry.get("links"))
    summary, summary_is_html = _summary(entry)
    announce = _ANNOUNCE.match(summary)
    if announce:  # arXiv listing: the description is plain text after "Abstract:"
        summary, summary_is_html = summary[announce.end() :], False
    extra = mirror_fields(summary) if summary_is_html else None  # a mirror of the HF list
    if extra is not None:
        summary = extra.rest
    # dict.get: feedparser's own lookup aliases updated_parsed to published_parsed, with a warning
    published = from_struct_time(dict.get(entry, "published_parsed")) or from_struct_time(
        dict.get(entry, "updated_parsed")
    )
    known = dates or _ChannelDates(None, default_day, None)
    dating = syndication_dating(
        item=published, channel=known.channel, asked=known.asked, first_seen=known.first_seen
    )
    return Paper(
        id=arxiv_id or _synthetic_id(guid, link, entry.get("title")),
        title=title or "(untitled)",
        authors=extra.authors if extra and extra.authors else _authors(entry),
        abstract=clean_abstract(summary, is_html=summary_is_html),
        upvotes=extra.upvotes if extra else None,
        tldr=extra.tldr if extra else None,
        published=published,
        day=dating.day if dating else None,
        day_source=dating.source if dating else None,
        link=_paper_link(arxiv_id, link),
        categories=_categories(entry.get("tags")),
        primary_category=_primary_category(entry.get("arxiv_primary_category")),
        doi=clean_line(entry.get("arxiv_doi"), 200) or None,
        journal_ref=clean_line(
            entry.get("arxiv_journal_ref") or entry.get("arxiv_journal_reference"), 300
        )
        or None,
        announce_type=_announce_type(entry, announce),
        feeds=(feed_name,),
    )


def _text(value: object, cap: int) -> str:
    return value.strip()[:cap] if isinstance(value, str) else ""


def _is_html(detail: object) -> bool:
    return isinstance(detail, dict) and detail.get("type") in _HTML_TYPES


def _summary(entry: Any) -> tuple[str, bool]:
    """The entry's abstract text and whether it is HTML (summary, else the first content)."""
    summary, detail = entry.get("summary"), entry.get("summary_detail")
    if isinstance(summary, str) and summary.strip() and isinstance(detail, dict):
        return summary, _is_html(detail)
    content = entry.get("content")
    if isinstance(content, list) and content and isinstance(content[0], dict):
        value = content[0].get("value")
        if isinstance(value, str):
            return value, _is_html(content[0])
    return (summary, False) if isinstance(summary, str) else ("", False)


def _arxiv_id(link: str, guid: str, links: object) -> str | None:
    """The arXiv id named by the link, the guid/id or another link of the entry."""
    candidates = [link, guid]
    if isinstance(links, list):
        candidates += [_text(item.get("href"), URL_CAP) for item in links if isinstance(item, dict)]
    for candidate in candidates:
        found = find_arxiv_id(candidate) if candidate else None
        if found:
            return found
    return None


def _synthetic_id(guid: str, link: str, title: object) -> str:
    """A stable id for an item that names no arXiv paper: a hash of its guid, or link+title."""
    basis = guid or link + (title if isinstance(title, str) else "")
    return "guid:" + hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _paper_link(arxiv_id: str | None, link: str) -> str | None:
    """The page to open: the Hugging Face or arXiv page of an arXiv paper, else the item link."""
    if arxiv_id is None:
        return clean_url(link)
    try:
        host = (urlsplit(link).hostname or "").lower()
    except ValueError:
        host = ""
    on_hf = host in ("huggingface.co", "hf.co")
    return hf_paper_url(arxiv_id) if on_hf else abs_url(arxiv_id)


def _authors(entry: Any) -> tuple[str, ...]:
    """Names from the entry's authors; one "A, B and C" string (dc:creator) is split."""
    raw = entry.get("authors")
    names: list[object] = []
    if isinstance(raw, list):
        names = [item.get("name") for item in raw[:AUTHORS_CAP] if isinstance(item, dict)]
    if not any(isinstance(name, str) and name.strip() for name in names):
        names = [entry.get("author")]
    if len(names) == 1 and isinstance(names[0], str):
        names = list(_AUTHOR_SPLIT.split(names[0][: AUTHORS_CAP * NAME_CAP]))
    return clean_names(names)


def _categories(tags: object) -> tuple[str, ...]:
    if not isinstance(tags, list):
        return ()
    terms = (
        clean_category(tag.get("term")) for tag in tags[:CATEGORIES_CAP] if isinstance(tag, dict)
    )
    return tuple(dict.fromkeys(term for term in terms if term))


def _primary_category(value: object) -> str | None:
    return clean_category(value.get("term")) if isinstance(value, dict) else None


def _announce_type(entry: Any, announce: re.Match[str] | None) -> str | None:
    raw = entry.get("arxiv_announce_type")
    value = raw if isinstance(raw, str) else (announce.group("type") if announce else "")
    value = value.strip().lower()
    return value if value in _ANNOUNCE_TYPES else None
