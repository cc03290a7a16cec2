"""The one way tests build a `Paper`: `make_paper`, importable from every test module.

Only what a test is about is spelled out; the rest has a default: an arXiv id, a title made
from the id, and every other field as `Paper` leaves it.
"""

from __future__ import annotations

from typing import Any

from tui.domain.paper import Paper

ARXIV_ID = "2405.01234"


def make_paper(paper_id: str = ARXIV_ID, title: str | None = None, **fields: Any) -> Paper:
    """A paper with id `paper_id`, titled `title` (else "Paper <id>"), and any other fields."""
    return Paper(id=paper_id, title=f"Paper {paper_id}" if title is None else title, **fields)
