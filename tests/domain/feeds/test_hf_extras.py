"""Hugging Face's extras: TL;DR, keywords, organization, submitter, author participating,
discussion; read where present, unknown where absent (never invented), stored and read back."""

from __future__ import annotations

import json
from pathlib import Path

from tui.domain.feeds.hf_daily import parse_hf_daily
from tui.domain.links import discussion_link
from tui.domain.paper import Paper, merge_papers
from tui.store.documents import paper_from_doc, paper_to_doc

SHAPES = Path(__file__).parents[2] / "fixtures" / "shapes"


def _recent() -> dict[str, Paper]:
    data = json.loads((SHAPES / "hf_recent_fields.json").read_text(encoding="utf-8"))
    parsed = parse_hf_daily(data, feed_name="HF", default_day=None)
    return {p.id: p for p in parsed.papers}


def test_the_recent_shape_gives_tldr_keywords_organization_and_submitter() -> None:
    papers = _recent()
    with_tldr = [p for p in papers.values() if p.tldr]
    assert len(with_tldr) == 20  # half of the 40, as the fixture has ai_summary
    rich = next(p for p in with_tldr if p.organization)
    assert rich.organization == "Stanford CRFM"
    assert rich.tldr is not None and rich.tldr.startswith("Spatial reasoning")
    first = papers["2511.05689"]
    assert first.tldr is None and first.organization is None  # absent stays unknown
    assert first.keywords == ("Foundations Shortcut", "Learning")
    assert first.submitter == "Mingyang Zhou"
    assert first.author_participating is False
    assert first.discussion_id == "6fd0366ee0a94aabbe174a92"


def test_missing_fields_are_unknown_and_hostile_ones_are_sanitised() -> None:
    entry = {
        "paper": {
            "id": "2401.00001",
            "title": "T",
            "ai_summary": "Safe\x1b[31m red\u202e",
            "ai_keywords": ["ok", 3, "", "ok", "x\x07y"],
            "organization": {"fullname": 5, "name": "org\x1b]8;;evil\x07"},
            "discussionId": "../../etc",
        },
        "submittedBy": "not a dict but a name",
        "isAuthorParticipating": "yes",
    }
    bare = {"paper": {"id": "2401.00002", "title": "U"}}
    one, two = parse_hf_daily([entry, bare], feed_name="HF", default_day=None).papers
    assert one.tldr == "Safe red"
    assert one.keywords == ("ok", "xy")
    assert one.organization is not None and "\x1b" not in one.organization
    assert one.submitter == "not a dict but a name"
    assert one.author_participating is None and one.discussion_id is None
    assert (two.tldr, two.keywords, two.organization, two.submitter) == (None, (), None, None)
    assert two.author_participating is None and discussion_link(two) is None


def test_the_extras_survive_the_cache_and_a_merge() -> None:
    paper = _recent()["2511.05689"]
    back = paper_from_doc(paper_to_doc(paper))
    assert back == paper
    bare = Paper(id=paper.id, title=paper.title)
    assert merge_papers(paper, bare).keywords == paper.keywords
    assert merge_papers(bare, paper).submitter == "Mingyang Zhou"
    assert merge_papers(bare, paper).author_participating is False
    doc = paper_to_doc(bare)
    assert "tldr" not in doc and "keywords" not in doc and "author_participating" not in doc


def test_the_discussion_link_is_the_community_tab() -> None:
    paper = _recent()["2511.05689"]
    assert discussion_link(paper) == "https://huggingface.co/papers/2511.05689#community"
