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
from dataclasses import fields
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
from tui.domain.feeds.result import ParsedFeed, ParseError, build_result
from tui.domain.paper import Paper, paper_of_values
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
    entries = [_parts_of(item) for item in data[:MAX_ENTRIES]]  # featured times read once
    shared = shared_day(e[2] for e in entries if e is not None) if one_list else None
    context = _Dates(default_day, shared, first_seen)
    papers: list[Paper] = []
    for entry in entries:
        made = None if entry is None else _paper(*entry, name, context)
        if made is not None:
            papers.append(made)
    skipped = len(entries) - len(papers)
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
    parts = _parts_of(item)
    if parts is None:
        return None
    return _paper(*parts, feed_name, dates or _Dates(default_day, None, None))


_Parts = tuple[dict[str, Any], dict[str, Any], datetime | None]


def _parts_of(item: object) -> _Parts | None:
    """An entry, its paper object (itself when flat) and its featured time; None if not one."""
    if not isinstance(item, dict):
        return None
    paper = item.get("paper", item)
    if not isinstance(paper, dict):
        return None
    return item, paper, parse_iso_datetime(paper.get("submittedOnDailyAt"))


def _paper(
    item: dict[str, Any], paper: dict[str, Any], featured: datetime | None, feed: str, known: _Dates
) -> Paper | None:
    """The `Paper` of one entry and its paper object, or None without a usable id or title."""
    identity = _identity(paper.get("id"))
    title = clean_line(paper.get("title")) or clean_line(item.get("title"))
    if identity is None or not title:
        return None
    summary = paper.get("summary")
    dating = hf_dating(
        featured=featured,
        asked=known.asked,
        shared=known.shared,
        # read only when the day rests on it (the rule looks at it last but one)
        outer_published=None
        if featured is not None or known.asked is not None or known.shared is not None
        else parse_iso_datetime(item.get("publishedAt")),
        first_seen=known.first_seen,
    )
    return paper_of_values((  # in Paper's field order (checked below, on import)
        identity[0],
        title,
        _authors(paper.get("authors")),
        clean_abstract(summary if isinstance(summary, str) else item.get("summary")),
        parse_iso_datetime(paper.get("publishedAt")),
        dating.day if dating else None,
        dating.source if dating else None,
        coerce_count(paper.get("upvotes")),
        coerce_count(item.get("numComments", paper.get("numComments"))),
        clean_url(paper.get("githubRepo")),
        coerce_count(paper.get("githubStars")),
        clean_url(paper.get("projectPage")),
        identity[1],
        (), None, None, None, None,  # categories, primary category, DOI, journal, announce type
        (feed,),
        *_extras(paper, item),
    ))  # fmt: skip


KEYWORDS_CAP = 30
KEYWORD_CAP = 80
TLDR_CAP = 600
# `_paper` gives Paper its values by position (a third of the cost of naming them).
_FIELDS_BUILT = (
    "id", "title", "authors", "abstract", "published", "day", "day_source", "upvotes",
    "comments", "github", "github_stars", "project_page", "link", "categories",
    "primary_category", "doi", "journal_ref", "announce_type", "feeds",
)  # fmt: skip
_EXTRAS = (
    "tldr", "keywords", "organization", "submitter", "author_participating", "discussion_id",
)  # fmt: skip
if (*_FIELDS_BUILT, *_EXTRAS) != tuple(f.name for f in fields(Paper)):
    raise RuntimeError("hf_daily builds Papers by position: update it to Paper's fields")


def _extras(paper: dict[str, Any], item: dict[str, Any]) -> tuple[Any, ...]:
    """Hugging Face's extras of an entry, as the values of `Paper`'s `_EXTRAS` fields:
    ``ai_summary`` (the TL;DR), ``ai_keywords``, the organization, the submitter,
    ``isAuthorParticipating`` and the discussion id. What is absent (or of the wrong type)
    stays unknown."""
    participating = item.get("isAuthorParticipating", paper.get("isAuthorParticipating"))
    discussion = paper.get("discussionId")
    if not (isinstance(discussion, str) and _PLAIN_ID.fullmatch(discussion)):
        discussion = clean_line(discussion, ID_CAP)  # a plain id is kept as it is
        discussion = discussion if _PLAIN_ID.fullmatch(discussion) else None
    tldr = paper.get("ai_summary")
    return (
        (clean_line(tldr, TLDR_CAP) or None) if tldr is not None else None,
        _keywords(paper.get("ai_keywords")),
        _who_of(paper, item, "organization", "organization"),
        _who_of(item, paper, "submittedBy", "submittedOnDailyBy"),
        participating if isinstance(participating, bool) else None,
        discussion,
    )


def _keywords(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    words = (clean_line(word, KEYWORD_CAP) for word in raw[:KEYWORDS_CAP])
    return tuple(dict.fromkeys(word for word in words if word))


def _who_of(first: dict[str, Any], then: dict[str, Any], key: str, other: str) -> str | None:
    """`_who` of ``first[key]``, else of ``then[other]`` (absent ones are not looked at)."""
    raw = first.get(key)
    name = _who(raw) if raw is not None else None
    if name is None:
        raw = then.get(other)
        name = _who(raw) if raw is not None else None
    return name


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
