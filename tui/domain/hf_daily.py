"""Hugging Face daily-papers JSON (already decoded) -> `Paper`s.

Reads the `/api/daily_papers` list (``[{"paper": {...}, "numComments": 3, ...}]``) and also the
flat per-paper shape (``[{"id": ..., "title": ...}]``) that search results use. Malformed entries
are skipped one by one and counted; numbers are coerced or left unknown, never invented.
The featured day is ``paper.submittedOnDailyAt`` (not either ``publishedAt``, which are arXiv
times), falling back to the day that was asked for.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

from tui.domain.arxiv import hf_paper_url, normalise_arxiv_id
from tui.domain.feed_fields import (
    AUTHORS_CAP,
    ID_CAP,
    clean_abstract,
    clean_line,
    clean_names,
    clean_url,
    coerce_count,
    day_of,
    parse_iso_datetime,
)
from tui.domain.feed_result import ParsedFeed, ParseError, build_result, collect
from tui.domain.paper import Paper
from tui.domain.sanitise import sanitise_line

MAX_ENTRIES = 10_000
_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def parse_hf_daily(data: object, *, feed_name: str, default_day: date | None) -> ParsedFeed:
    """The papers of a decoded daily-papers response. Raises `ParseError` when `data` is not
    a list, or when it has entries and none of them is usable."""
    if not isinstance(data, list):
        raise ParseError(_not_a_list(data))
    name = sanitise_line(feed_name)
    papers, skipped = collect(
        data[:MAX_ENTRIES],
        lambda item: paper_from_entry(item, feed_name=name, default_day=default_day),
    )
    warnings = []
    if len(data) > MAX_ENTRIES:
        warnings.append(f"only the first {MAX_ENTRIES} of {len(data)} entries were read")
    if data and not papers:
        raise ParseError(f"no valid entries in the response ({skipped} skipped)")
    return build_result(papers, skipped=skipped, partial=False, warnings=warnings)


def _not_a_list(data: object) -> str:
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, str) and error.strip():
            return f"server said: {error[:200]}"
        return "unexpected JSON: an object, not a list of papers"
    return f"unexpected JSON: {type(data).__name__}, not a list of papers"


def paper_from_entry(item: object, *, feed_name: str, default_day: date | None) -> Paper | None:
    """One entry (nested or flat) as a `Paper`, or ``None`` when it has no usable id or title."""
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
    featured = parse_iso_datetime(paper.get("submittedOnDailyAt"))
    comments = item.get("numComments", paper.get("numComments"))
    return Paper(
        id=paper_id,
        title=title,
        authors=_authors(paper.get("authors")),
        abstract=abstract,
        published=published,
        day=day_of(featured, default_day),
        upvotes=coerce_count(paper.get("upvotes")),
        comments=coerce_count(comments),
        github=clean_url(paper.get("githubRepo")),
        github_stars=coerce_count(paper.get("githubStars")),
        project_page=clean_url(paper.get("projectPage")),
        link=link,
        feeds=(feed_name,),
    )


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
