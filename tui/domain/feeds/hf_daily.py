"""Hugging Face daily-papers JSON (already decoded) -> `Paper`s.

Reads the `/api/daily_papers` list (``[{"paper": {...}, "numComments": 3, ...}]``) and also the
flat per-paper shape (``[{"id": ..., "title": ...}]``) that search results use. Malformed entries
are skipped one by one and counted; numbers are coerced or left unknown, never invented.
The day of each entry follows `domain/days.py`: ``paper.submittedOnDailyAt`` (not either
``publishedAt``, which are arXiv times since March 2025), else the day asked for, else the
featured day the rest of the response shares, else the outer ``publishedAt``. A single
``/api/papers/{id}`` object is read as a list of one.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Any

from tui.domain.arxiv import hf_paper_url, normalise_arxiv_id
from tui.domain.days import hf_dating, shared_day
from tui.domain.feeds.fields import (
    AUTHORS_CAP,
    ID_CAP,
    NAME_CAP,
    clean_abstract,
    clean_line,
    clean_names,
    clean_url,
    coerce_count,
    parse_iso_datetime,
)
from tui.domain.feeds.result import ParsedFeed, ParseError, build_result, collect
from tui.domain.paper import Paper
from tui.domain.sanitise import sanitise_line

MAX_ENTRIES = 10_000
_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def parse_hf_daily(
    data: object,
    *,
    feed_name: str,
    default_day: date | None,
    first_seen: date | None = None,
    one_list: bool = True,
) -> ParsedFeed:
    """The papers of a decoded daily-papers response. `default_day` is the day asked for
    (``date=``), `first_seen` the day of this fetch (for entries that carry no date at all).
    With `one_list` (a day's list, the newest entries), an undated entry takes the featured day
    the rest of the response shares; not in a search or a trending list, which span years.
    Raises `ParseError` when `data` is not a list (or one paper object), or when it has
    entries and none of them is usable."""
    if _is_paper_object(data):
        data = [data]
    if not isinstance(data, list):
        raise ParseError(_not_a_list(data))
    name = sanitise_line(feed_name)
    entries = data[:MAX_ENTRIES]
    shared = shared_day(map(_featured_of, entries)) if one_list else None
    context = _Dates(default_day, shared, first_seen)
    papers, skipped = collect(
        entries, lambda item: paper_from_entry(item, feed_name=name, dates=context)
    )
    warnings = []
    if len(data) > MAX_ENTRIES:
        warnings.append(f"only the first {MAX_ENTRIES} of {len(data)} entries were read")
    if data and not papers:
        raise ParseError(f"no valid entries in the response ({skipped} skipped)")
    return build_result(papers, skipped=skipped, partial=False, warnings=warnings)


class _Dates:
    """What one response says about days beyond each entry's own fields."""

    __slots__ = ("asked", "first_seen", "shared")

    def __init__(self, asked: date | None, shared: date | None, first_seen: date | None) -> None:
        self.asked, self.shared, self.first_seen = asked, shared, first_seen


def _is_paper_object(data: object) -> bool:
    """True for one ``/api/papers/{id}`` object: a dict with a string id and title."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("id"), str)
        and isinstance(data.get("title"), str)
    )


def _featured_of(item: object) -> datetime | None:
    """The featured time of an entry, if it has one (for the day the response shares)."""
    if not isinstance(item, dict):
        return None
    paper = item.get("paper", item)
    return parse_iso_datetime(paper.get("submittedOnDailyAt")) if isinstance(paper, dict) else None


def _not_a_list(data: object) -> str:
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, str) and error.strip():
            return f"server said: {error[:200]}"
        return "unexpected JSON: an object, not a list of papers"
    return f"unexpected JSON: {type(data).__name__}, not a list of papers"


def paper_from_entry(
    item: object,
    *,
    feed_name: str,
    default_day: date | None = None,
    dates: _Dates | None = None,
) -> Paper | None:
    """One entry (nested or flat) as a `Paper`, or ``None`` when it has no usable id or title.
    `dates` (or, alone, `default_day`: the day asked for) say what the response knows."""
    if not isinstance(item, dict):
        return None
    paper = item.get("paper", item)
    if not isinstance(paper, dict):
        return None
    identity = _identity(paper.get("id"))
    title = clean_line(paper.get("title")) or clean_line(item.get("title"))
    if identity is None or not title:
        return None
    paper_id, link = identity
    summary = paper.get("summary")
    abstract = clean_abstract(summary if isinstance(summary, str) else item.get("summary"))
    published = parse_iso_datetime(paper.get("publishedAt"))
    known = dates or _Dates(default_day, None, None)
    dating = hf_dating(
        featured=parse_iso_datetime(paper.get("submittedOnDailyAt")),
        asked=known.asked,
        shared=known.shared,
        outer_published=parse_iso_datetime(item.get("publishedAt")),
        first_seen=known.first_seen,
    )
    comments = item.get("numComments", paper.get("numComments"))
    return Paper(
        id=paper_id,
        title=title,
        authors=_authors(paper.get("authors")),
        abstract=abstract,
        published=published,
        day=dating.day if dating else None,
        day_source=dating.source if dating else None,
        upvotes=coerce_count(paper.get("upvotes")),
        comments=coerce_count(comments),
        github=clean_url(paper.get("githubRepo")),
        github_stars=coerce_count(paper.get("githubStars")),
        project_page=clean_url(paper.get("projectPage")),
        link=link,
        feeds=(feed_name,),
        **hub_extras(paper, item),
    )


KEYWORDS_CAP = 30
KEYWORD_CAP = 80
TLDR_CAP = 600


def hub_extras(paper: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """Hugging Face's extras of an entry, as `Paper` fields: ``ai_summary`` (the TL;DR),
    ``ai_keywords``, the organization, the submitter, ``isAuthorParticipating`` and the
    discussion id. What is absent (or of the wrong type) stays unknown."""
    keywords = paper.get("ai_keywords")
    participating = item.get("isAuthorParticipating", paper.get("isAuthorParticipating"))
    discussion = clean_line(paper.get("discussionId"), ID_CAP)
    return {
        "tldr": clean_line(paper.get("ai_summary"), TLDR_CAP) or None,
        "keywords": _keywords(keywords),
        "organization": _who(paper.get("organization")) or _who(item.get("organization")),
        "submitter": _who(item.get("submittedBy")) or _who(paper.get("submittedOnDailyBy")),
        "author_participating": participating if isinstance(participating, bool) else None,
        "discussion_id": discussion if _PLAIN_ID.fullmatch(discussion) else None,
    }


def _keywords(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    words = (clean_line(word, KEYWORD_CAP) for word in raw[:KEYWORDS_CAP])
    return tuple(dict.fromkeys(word for word in words if word))


def _who(raw: object) -> str | None:
    """A person's or organization's display name: ``fullname``, else ``name`` / ``user``."""
    if isinstance(raw, str):
        return clean_line(raw, NAME_CAP) or None
    if not isinstance(raw, dict):
        return None
    for key in ("fullname", "name", "user"):
        name = clean_line(raw.get(key), NAME_CAP)
        if name:
            return name
    return None


def _identity(raw: object) -> tuple[str, str | None] | None:
    """(paper id, page link) from ``paper.id``: the arXiv id where it is one, else a hash."""
    if not isinstance(raw, str) or not raw.strip() or len(raw) > ID_CAP:
        return None
    arxiv_id = normalise_arxiv_id(raw)
    if arxiv_id is not None:
        return arxiv_id, hf_paper_url(arxiv_id)
    text = raw.strip()
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    link = hf_paper_url(text) if _PLAIN_ID.fullmatch(text) else None
    return f"guid:{digest}", link


def _authors(raw: object) -> tuple[str, ...]:
    """Author names from ``[{"name": ...}]`` (plain strings are accepted too)."""
    if not isinstance(raw, list):
        return ()
    names: list[Any] = [
        author.get("name") if isinstance(author, dict) else author for author in raw[:AUTHORS_CAP]
    ]
    return clean_names(names)
