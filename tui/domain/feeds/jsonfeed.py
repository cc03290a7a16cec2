"""JSON Feed (jsonfeed.org, versions 1 and 1.1), already decoded -> `Paper`s.

Items name their paper by ``url`` or ``id`` (an arXiv or Hugging Face page gives the arXiv id);
``content_html`` (else ``content_text``, else ``summary``) is the abstract, and a Hugging Face
mirror's labelled fields in it (`mirror.py`) become authors, upvotes and the TL;DR. The day is
the item's ``date_published`` (for mirrors often the scrape time: a richer source decides when
both are read), else the day asked, else the day first seen.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from tui.domain.arxiv import abs_url, find_arxiv_id, hf_paper_url
from tui.domain.days import syndication_dating
from tui.domain.feeds.fields import (
    AUTHORS_CAP,
    URL_CAP,
    clean_abstract,
    clean_line,
    clean_names,
    clean_url,
    parse_iso_datetime,
)
from tui.domain.feeds.mirror import mirror_fields
from tui.domain.feeds.result import ParsedFeed, ParseError, build_result, collect
from tui.domain.paper import Paper
from tui.domain.sanitise import sanitise_line

MAX_ITEMS = 10_000


def is_json_feed(data: object) -> bool:
    """True for a JSON Feed document: a ``version`` on jsonfeed.org and an ``items`` list."""
    if not isinstance(data, dict):
        return False
    version = data.get("version")
    return (
        isinstance(version, str)
        and version.startswith(("https://jsonfeed.org/version/", "http://jsonfeed.org/version/"))
        and isinstance(data.get("items"), list)
    )


def parse_json_feed(
    data: dict[str, Any], *, feed_name: str, default_day: date | None, first_seen: date | None
) -> ParsedFeed:
    """The papers of a JSON Feed; `ParseError` when it has items and none is usable."""
    name = sanitise_line(feed_name)
    items = data["items"][:MAX_ITEMS]
    papers, skipped = collect(
        items, lambda item: paper_from_item(item, name, default_day, first_seen)
    )
    if items and not papers:
        raise ParseError(f"no valid items in the JSON Feed ({skipped} skipped)")
    return build_result(papers, skipped=skipped, partial=False)


def paper_from_item(
    item: object, feed_name: str, default_day: date | None, first_seen: date | None
) -> Paper | None:
    """One JSON Feed item as a `Paper`; None without a title or a link."""
    if not isinstance(item, dict):
        return None
    url = _text(item.get("url")) or _text(item.get("external_url"))
    guid = _text(item.get("id"))
    title = clean_line(item.get("title"))
    if not title and not url:
        return None
    arxiv_id = find_arxiv_id(url) or find_arxiv_id(guid)
    html, is_html = _content(item)
    extra = mirror_fields(html) if is_html else None
    published = parse_iso_datetime(item.get("date_published"))
    dating = syndication_dating(
        item=published, channel=None, asked=default_day, first_seen=first_seen
    )
    summary = item.get("summary")
    tldr = extra.tldr if extra else None
    if tldr is None and isinstance(summary, str) and summary.strip() and html:
        tldr = clean_line(summary, 600) or None
    return Paper(
        id=arxiv_id or _synthetic_id(guid or url, title),
        title=title or "(untitled)",
        authors=(extra.authors if extra and extra.authors else _authors(item)),
        abstract=clean_abstract(extra.rest if extra else html, is_html=is_html),
        published=published,
        day=dating.day if dating else None,
        day_source=dating.source if dating else None,
        upvotes=extra.upvotes if extra else None,
        link=_link(arxiv_id, url),
        tldr=tldr,
        feeds=(feed_name,),
    )


def _text(value: object) -> str:
    return value.strip()[:URL_CAP] if isinstance(value, str) else ""


def _content(item: dict[str, Any]) -> tuple[str, bool]:
    for key, is_html in (("content_html", True), ("content_text", False), ("summary", False)):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value, is_html
    return "", False


def _authors(item: dict[str, Any]) -> tuple[str, ...]:
    raw = item.get("authors")
    if not isinstance(raw, list):
        raw = [item.get("author")]  # version 1
    return clean_names([a.get("name") for a in raw[:AUTHORS_CAP] if isinstance(a, dict)])


def _link(arxiv_id: str | None, url: str) -> str | None:
    if arxiv_id is None:
        return clean_url(url)
    return hf_paper_url(arxiv_id) if "huggingface.co/" in url else abs_url(arxiv_id)


def _synthetic_id(basis: str, title: str) -> str:
    text = basis or title
    return "guid:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
