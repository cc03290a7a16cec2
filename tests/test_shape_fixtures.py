"""The shape fixtures are what their README says, and regenerate byte for byte."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from typing import Any

import feedparser

from tests.shape_files import SHAPES, load_shape, shape_bytes


def featured(entries: list[dict[str, Any]]) -> Counter[str]:
    return Counter(e["paper"].get("submittedOnDailyAt", "none")[:10] for e in entries)


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_shapes", SHAPES / "make_shapes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (
        module.main(["make_shapes.py", str(SHAPES.parent / "papers_corpus.json"), str(tmp_path)])
        == 0
    )
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(
        p.name for p in SHAPES.iterdir() if p.is_file() and p.suffix not in (".py", ".md")
    )
    for name in written:
        assert (tmp_path / name).read_bytes() == shape_bytes(name), name


def test_hugging_face_shapes() -> None:
    assert featured(load_shape("hf_nodate_two_days.json")) == {"2025-11-17": 31, "none": 6}
    assert featured(load_shape("hf_nodate_monday_friday.json")) == {
        "2025-11-17": 14,
        "2025-11-14": 11,
    }
    assert featured(load_shape("hf_day_120.json")) == {"2025-11-18": 120}
    assert featured(load_shape("hf_day_50.json")) == {"2025-11-13": 50}
    old = load_shape("hf_pre2025_day.json")
    assert b"submittedOnDaily" not in shape_bytes("hf_pre2025_day.json")
    assert {e["publishedAt"][:10] for e in old} == {"2024-05-27"}
    assert all(e["paper"]["publishedAt"][:10] < "2024-05-27" for e in old)
    paper = load_shape("hf_paper_object.json")
    assert "numComments" not in paper and paper["numTotalSpaces"] == len(paper["linkedSpaces"])


def test_recent_fields_come_in_realistic_proportions() -> None:
    entries = load_shape("hf_recent_fields.json")
    count = Counter(key for e in entries for key in e["paper"])
    assert len(entries) == 40
    assert 16 <= count["ai_summary"] <= 24 and 24 <= count["ai_keywords"] <= 30
    assert 14 <= count["organization"] <= 18 and count["submittedOnDailyBy"] >= 36
    assert 0 < count["githubRepo"] < 40 and 0 < count["projectPage"] < 40
    assert 0 < count["mediaUrls"] < 20 and count["githubRepoAddedBy"] == count["githubRepo"]
    assert any("user" in a for e in entries for a in e["paper"]["authors"])


def test_feed_shapes_parse_as_described() -> None:
    def parse(name: str) -> Any:
        feed = feedparser.parse(shape_bytes(name))
        assert not feed.bozo, name
        return feed

    api = parse("arxiv_api_100.atom")
    assert len(api.entries) == 100 and api.feed.opensearch_totalresults == "48213"
    assert {e.published[:4] for e in api.entries} >= {str(y) for y in range(2017, 2026)}
    error = parse("arxiv_api_error.atom")
    assert [e.title for e in error.entries] == ["Error"]
    listing = parse("arxiv_rss_2024.rss")
    assert len(listing.entries) == 40 and listing.feed.published.startswith("Tue, 01 Oct 2024")
    assert not any("published" in e or "updated" in e for e in listing.entries)
    assert parse("arxiv_rss_weekend.rss").entries == []
    rdf = parse("arxiv_rss_dcdate.rdf")
    assert rdf.feed.updated.startswith("2023-10-03") and not any(
        "updated" in e for e in rdf.entries
    )
    atom = parse("atom_channel_updated.atom")
    assert atom.feed.updated.startswith("2025-11-14") and not any(
        "updated" in e for e in atom.entries
    )
    undated = parse("undated_items.rss")
    assert "published" not in undated.feed and "updated" not in undated.feed
    assert undated.entries and not any("published" in e for e in undated.entries)


def test_the_mirrors_overlap_the_json_as_documented() -> None:
    mirror = feedparser.parse(shape_bytes("hf_mirror_scrape.rss"))
    ids = [e.link.rsplit("/", 1)[1] for e in mirror.entries]
    jsonfeed = [i["url"].rsplit("/", 1)[1] for i in load_shape("hf_mirror.jsonfeed")["items"]]
    assert ids == jsonfeed
    day_120 = {e["paper"]["id"] for e in load_shape("hf_day_120.json")}
    recent = {e["paper"]["id"] for e in load_shape("hf_recent_fields.json")}
    assert (len(day_120 & set(ids)), len(recent & set(ids))) == (12, 8)
    assert all(e.published_parsed[:3] > (2025, 11, 12) for e in mirror.entries)


def test_expected_days_cover_every_paper() -> None:
    expected = load_shape("expected_days.json")
    for name in ("hf_nodate_two_days.json", "hf_day_120.json", "hf_recent_fields.json"):
        assert set(expected[name]) == {e["paper"]["id"] for e in load_shape(name)}
    two_days = expected["hf_nodate_two_days.json"].values()
    assert {(v["day"], v["day_source"]) for v in two_days} == {("2025-11-17", "featured")}
    assert len(expected["arxiv_api_100.atom"]) == 100
