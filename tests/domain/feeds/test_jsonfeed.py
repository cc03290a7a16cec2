"""JSON Feed (versions 1 and 1.1) and the Hugging Face mirrors' labelled description fields
(Authors, Upvotes, Summary), in JSON Feed and RSS alike."""

from __future__ import annotations

import json

from tests.shape_files import load_shape, shape_bytes
from tui.domain.feeds.parse import parse_feed


def test_the_mirror_json_feed_parses_with_its_fields_read_out() -> None:
    parsed = parse_feed(shape_bytes("hf_mirror.jsonfeed"), feed_name="Mirror")
    items = load_shape("hf_mirror.jsonfeed")["items"]
    assert len(parsed.papers) == len(items) == 22
    first = next(p for p in parsed.papers if p.id == "2511.12495")
    assert first.authors == ("Pavel Liu", "Priya García", "Mei Kim")
    assert first.upvotes == 58
    assert first.tldr is not None and first.tldr.startswith("Interpretability provides")
    assert "Authors:" not in first.abstract and "Upvotes:" not in first.abstract
    assert first.abstract.startswith("Interpretability provides a toolset")
    assert first.link == "https://huggingface.co/papers/2511.12495"


def test_json_feed_version_1_with_one_author_and_plain_text() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "title": "A blog",
        "items": [
            {
                "id": "post-1",
                "url": "https://example.org/post-1",
                "title": "Not a paper\x1b[2J",
                "content_text": "Plain words.",
                "author": {"name": "Solo Writer"},
                "date_published": "2026-07-01T10:00:00Z",
            },
            {"id": "broken"},
        ],
    }
    parsed = parse_feed(json.dumps(feed).encode(), feed_name="Blog")
    (paper,) = parsed.papers
    assert paper.id.startswith("guid:") and paper.title == "Not a paper"
    assert paper.authors == ("Solo Writer",) and paper.abstract == "Plain words."
    assert paper.upvotes is None and paper.tldr is None and str(paper.day) == "2026-07-01"
    assert parsed.skipped == 1


def test_the_rss_mirror_reads_its_labelled_fields_too() -> None:
    parsed = parse_feed(shape_bytes("hf_mirror_scrape.rss"), feed_name="Mirror")
    paper = next(p for p in parsed.papers if p.id == "2511.12495")
    assert paper.upvotes == 58 and paper.authors[0] == "Pavel Liu"
    assert "Upvotes:" not in paper.abstract and paper.tldr is not None


def test_one_paper_object_is_a_one_paper_feed() -> None:
    parsed = parse_feed(shape_bytes("hf_paper_object.json"), feed_name="HF")
    (paper,) = parsed.papers
    assert paper.id == "2511.12495" and paper.organization == "OpenGVLab"
    assert paper.tldr is not None and paper.github_stars == 297
