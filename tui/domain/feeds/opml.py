"""OPML in and out: the feed list exchanged with other readers (newsboat, Feedly, Inoreader...).

`parse_opml` reads every outline with an `xmlUrl`, at any depth of nested folders, and returns
the feeds with one-line warnings for what it skipped. Entity declarations and DTDs are refused
before the XML parser sees the bytes (entity blow-up, XXE). Folders are flattened; `htmlUrl`
and other readers' attributes are ignored. `write_opml` writes OPML 2.0 and keeps what only
dailypapers knows (the feed kind, a paused feed, its own refresh interval) in attributes of
the `dailypapers` namespace, which other readers ignore, so import(export(x)) == x.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

from tui.domain.feeds.feed_list import feed_url_key, web_url_problem
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.sanitise import sanitise_line

__all__ = ["OPML_NAMESPACE", "parse_opml", "write_opml"]

OPML_NAMESPACE = "https://dailypapers.invalid/opml/1"
MAX_OPML_BYTES = 5_000_000
_KIND = f"{{{OPML_NAMESPACE}}}kind"
_ENABLED = f"{{{OPML_NAMESPACE}}}enabled"
_REFRESH = f"{{{OPML_NAMESPACE}}}refresh-minutes"

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(r"^(\ufeff?<\?xml[^>]*?)\s+encoding=(['\"])[^'\"]*\2")
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _as_bytes(text: str | bytes) -> bytes:
    if isinstance(text, bytes):
        return text
    # A str is already decoded: drop the declared encoding so the parser does not decode twice.
    return _DECLARED_ENCODING.sub(r"\1", text, count=1).encode("utf-8", "surrogatepass")


def _hostile(body: bytes) -> bool:
    """True for entity declarations or a DTD internal subset (UTF-16 NULs looked through)."""
    view = body.replace(b"\x00", b"")
    if _ENTITY.search(view):
        return True
    for doctype in _DOCTYPE.finditer(view):
        end = view.find(b">", doctype.end())
        if b"[" in view[doctype.end() : end if end >= 0 else len(view)]:
            return True
    return False


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1].lower()


def _attribute(element: ET.Element, name: str) -> str:
    """An attribute by name, case-insensitively (old exports write `xmlurl`)."""
    value = element.get(name)
    if value is None:
        wanted = name.lower()
        value = next((v for k, v in element.attrib.items() if k.lower() == wanted), None)
    return (value or "").strip()


def _outlines(root: ET.Element) -> Iterator[ET.Element]:
    body = next((child for child in root if _local(child.tag) == "body"), root)
    for element in body.iter():
        if _local(element.tag) == "outline":
            yield element


def _kind_of(element: ET.Element) -> FeedKind:
    try:
        return FeedKind(element.get(_KIND, FeedKind.AUTO.value).strip().lower())
    except ValueError:
        return FeedKind.AUTO


def _refresh_of(element: ET.Element) -> int | None:
    value = element.get(_REFRESH, "").strip()
    return int(value) if value.isdigit() and 0 < int(value) <= 100_000 else None


def _feed_of(element: ET.Element, url: str) -> FeedSpec:
    name = sanitise_line(_attribute(element, "title") or _attribute(element, "text"))
    return FeedSpec(
        name=name[:200] or sanitise_line(url),
        url=url,
        kind=_kind_of(element),
        refresh_minutes=_refresh_of(element),
        enabled=element.get(_ENABLED, "true").strip().lower() != "false",
    )


def _shown(url: str) -> str:
    line = sanitise_line(url)
    return line if len(line) <= 80 else line[:77] + "..."


def parse_opml(text: str | bytes) -> tuple[list[FeedSpec], list[str]]:
    """The feeds of an OPML document, in document order, and one-line warnings.

    Never raises: a file that is not OPML gives no feeds and a warning saying why.
    """
    body = _as_bytes(text)
    if len(body) > MAX_OPML_BYTES:
        return [], [f"OPML file too large (over {MAX_OPML_BYTES // 1_000_000} MB); not read"]
    if _hostile(body):
        return [], ["OPML file declares XML entities or an internal DTD; refused for safety"]
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        return [], [f"not a readable OPML file: {error}"]
    if _local(root.tag) != "opml":
        return [], [f"not an OPML file: the document is <{sanitise_line(_local(root.tag))}>"]
    feeds: list[FeedSpec] = []
    warnings: list[str] = []
    seen: set[str] = set()
    duplicates = 0
    for element in _outlines(root):
        url = _attribute(element, "xmlUrl")
        if not url:
            continue
        problem = web_url_problem(url)
        if problem is not None:
            warnings.append(f"skipped {_shown(url)}: {problem}")
            continue
        key = feed_url_key(url)
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        feeds.append(_feed_of(element, url))
    if duplicates:
        plural = "s" if duplicates > 1 else ""
        warnings.append(f"skipped {duplicates} duplicate feed{plural} (same URL)")
    if not feeds and not warnings:
        warnings.append("the OPML file lists no feeds")
    return feeds, warnings


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _outline(feed: FeedSpec) -> str:
    name = quoteattr(_xml_text(feed.name))
    attributes = [
        f"text={name}",
        f"title={name}",
        'type="rss"',
        f"xmlUrl={quoteattr(_xml_text(feed.url))}",
    ]
    if feed.kind is not FeedKind.AUTO:
        attributes.append(f"dailypapers:kind={quoteattr(feed.kind.value)}")
    if not feed.enabled:
        attributes.append('dailypapers:enabled="false"')
    if feed.refresh_minutes is not None:
        attributes.append(f'dailypapers:refresh-minutes="{int(feed.refresh_minutes)}"')
    return f"    <outline {' '.join(attributes)}/>"


def write_opml(feeds: Sequence[FeedSpec], *, title: str = "dailypapers feeds") -> str:
    """An OPML 2.0 document listing `feeds` (every value escaped), ending with a newline."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<opml version="2.0" xmlns:dailypapers="{OPML_NAMESPACE}">',
        "  <head>",
        f"    <title>{escape(_xml_text(title))}</title>",
        "  </head>",
        "  <body>",
        *(_outline(feed) for feed in feeds),
        "  </body>",
        "</opml>",
    ]
    return "\n".join(lines) + "\n"
