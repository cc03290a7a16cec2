"""parse_feed as the one dispatch point: detection, guards, JSON failures, merging feeds."""

from __future__ import annotations

import codecs
import json
import pickle
import time
from datetime import date
from pathlib import Path

import pytest

from tui.domain.feeds.parse import detect_kind, parse_feed
from tui.domain.feeds.result import ParsedFeed, ParseError
from tui.domain.feeds.result import merge_by_id as merge_feeds
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.sanitise import is_clean

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ENTITY_REJECTED = "feed uses XML entities; rejected"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_feed_spec_defaults() -> None:
    spec = FeedSpec(name="HF", url="https://huggingface.co/api/daily_papers")
    assert (spec.kind, spec.refresh_minutes, spec.enabled) == (FeedKind.AUTO, None, True)
    assert FeedKind("hf-json") is FeedKind.HF_JSON and str(FeedKind.ATOM) == "atom"


@pytest.mark.parametrize(
    ("name", "content_type", "kind"),
    [
        ("hf_daily.json", None, FeedKind.HF_JSON),
        ("hf_daily.json", "text/plain", FeedKind.HF_JSON),
        ("arxiv.rss", None, FeedKind.RSS),
        ("arxiv.rss", "application/json", FeedKind.RSS),  # the body wins over the header
        ("rss091.xml", None, FeedKind.RSS),
        ("rss10.rdf", None, FeedKind.RSS),
        ("arxiv_api.atom", None, FeedKind.ATOM),
        ("generic.atom", "application/rss+xml", FeedKind.ATOM),
    ],
)
def test_detect_kind_from_fixtures(name: str, content_type: str | None, kind: FeedKind) -> None:
    assert detect_kind(fixture(name), content_type) is kind


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b"\xef\xbb\xbf  [{}]", None, FeedKind.HF_JSON),
        ("[]".encode("utf-16"), None, FeedKind.HF_JSON),
        ("<feed/>".encode("utf-16-le"), None, FeedKind.ATOM),
        (b"garbage", "application/json; charset=utf-8", FeedKind.HF_JSON),
        (b"garbage", "application/atom+xml", FeedKind.ATOM),
        (b"garbage", "text/xml", FeedKind.RSS),
        (b"garbage", None, FeedKind.AUTO),
    ],
)
def test_detect_kind_edge_cases(body: bytes, content_type: str | None, kind: FeedKind) -> None:
    assert detect_kind(body, content_type) is kind


@pytest.mark.parametrize("body", [b"", b"   \r\n\t "])
def test_empty_body(body: bytes) -> None:
    with pytest.raises(ParseError, match=r"^empty response$"):
        parse_feed(body, feed_name="x")


def test_body_over_the_cap_is_not_parsed() -> None:
    with pytest.raises(ParseError, match="too large"):
        parse_feed(b"[" + b" " * 2000 + b"]", feed_name="x", max_bytes=1000)


HTML_PAGE = b"<!DOCTYPE html><html><head><title>Login</title></head><body>Wi-Fi</body></html>"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (HTML_PAGE, "text/html; charset=utf-8"),
        (HTML_PAGE, "application/rss+xml"),
        (HTML_PAGE, None),
        (b"\n  <html><body>502 Bad Gateway</body></html>", "application/json"),
        (b"Service temporarily unavailable", "text/html"),
        (b'[{"paper": {"id": "2405.00001", "title": "t"}}]', "text/html"),
    ],
)
def test_html_pages_are_rejected_without_showing_them(
    body: bytes, content_type: str | None
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_feed(body, feed_name="x", content_type=content_type)
    assert str(caught.value) == "unexpected content-type text/html"


def test_a_real_feed_served_as_text_html_is_read() -> None:
    parsed = parse_feed(fixture("arxiv.rss"), feed_name="x", content_type="text/html")
    assert len(parsed.papers) == 12


@pytest.mark.parametrize("name", ["billion_laughs.xml", "xxe.xml", "external_dtd.xml"])
def test_entity_and_dtd_fixtures_are_rejected(name: str) -> None:
    with pytest.raises(ParseError, match=f"^{ENTITY_REJECTED}$"):
        parse_feed(fixture(name), feed_name="x", content_type="application/rss+xml")


@pytest.mark.parametrize(
    "body",
    [
        fixture("billion_laughs.xml").decode().encode("utf-16"),
        fixture("xxe.xml").decode().encode("utf-16-be"),
        fixture("xxe.xml").replace(b"<!ENTITY", b"<!entity"),
        b"<!DOCTYPE a><!DOCTYPE b [<!x>]><rss/>",
        b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file:///etc/passwd"><rss/>',
    ],
)
def test_entity_guard_sees_through_encodings_and_tricks(body: bytes) -> None:
    with pytest.raises(ParseError, match=f"^{ENTITY_REJECTED}$"):
        parse_feed(body, feed_name="x", kind=FeedKind.RSS)


def test_public_doctype_of_rss_091_is_accepted() -> None:
    assert len(parse_feed(fixture("rss091.xml"), feed_name="x").papers) == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"error": "Invalid date"}', "server said: Invalid date"),
        (b'{"papers": []}', "not a list"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'[{"paper": {"id": "2405.00001", "title": "t"}}, {"pap', "cut short"),
        (b"[1, 2,, 3]", "malformed JSON"),
    ],
)
def test_json_failures(body: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_feed(body, feed_name="x")


def test_truncated_daily_json_is_a_failure() -> None:
    with pytest.raises(ParseError, match="cut short"):
        parse_feed(fixture("hf_daily.json")[:-50], feed_name="x")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_json_with_bom_or_wide_encoding(codec: str) -> None:
    body = fixture("hf_daily.json").decode("utf-8").encode(codec)
    if codec == "utf-8-sig":
        assert body.startswith(codecs.BOM_UTF8)
    assert len(parse_feed(body, feed_name="x").papers) == 20


def test_json_lone_surrogates_and_bad_bytes_become_replacement_characters() -> None:
    escaped = b'[{"paper": {"id": "2405.00001", "title": "a \\ud83d b"}}]'
    raw = b'[{"paper": {"id": "2405.00002", "title": "a \xed\xa0\xbd b \xff"}}]'
    (first,) = parse_feed(escaped, feed_name="x").papers
    (second,) = parse_feed(raw, feed_name="x").papers
    assert first.title == "a \ufffd b"
    assert "\ufffd" in second.title and is_clean(second.title)
    second.title.encode("utf-8")


def test_malformed_json_fixture_through_parse_feed() -> None:
    parsed = parse_feed(fixture("hf_malformed.json"), feed_name="x", default_day=date(2024, 5, 20))
    huge = next(p for p in parsed.papers if p.id == "2405.40008")
    assert huge.upvotes is None  # 5,000 digits, not a crash of the whole feed
    assert parsed.skipped == 10


def test_explicit_kind_is_obeyed() -> None:
    with pytest.raises(ParseError, match="malformed JSON"):
        parse_feed(fixture("arxiv.rss"), feed_name="x", kind=FeedKind.HF_JSON)
    with pytest.raises(ParseError):
        parse_feed(fixture("hf_daily.json"), feed_name="x", kind=FeedKind.RSS)


def test_same_id_twice_in_one_feed_is_one_row() -> None:
    body = (
        b'[{"paper": {"id": "2405.00001v1", "title": "Old title", "upvotes": 3}},'
        b' {"paper": {"id": "2405.00001", "title": "New longer title", "upvotes": 5}}]'
    )
    (paper,) = parse_feed(body, feed_name="x").papers
    assert (paper.title, paper.upvotes) == ("New longer title", 5)


def test_parse_error_is_one_sanitised_line() -> None:
    error = ParseError("first line\nsecond \x1b]0;x\x07 line " + "y" * 500)
    text = str(error)
    assert "\n" not in text and "\x1b" not in text and len(text) <= 200
    assert isinstance(error, ValueError)
    assert str(pickle.loads(pickle.dumps(error))) == text


def test_parsed_feed_survives_a_process_boundary() -> None:
    parsed = parse_feed(fixture("arxiv.rss"), feed_name="x")
    assert pickle.loads(pickle.dumps(parsed)) == parsed


class TestMergeAcrossFeeds:
    @pytest.fixture(scope="class")
    def merged(self) -> dict[str, object]:
        hf = parse_feed(fixture("hf_daily.json"), feed_name="hf", content_type="application/json")
        mirror = parse_feed(fixture("hf_mirror.rss"), feed_name="mirror")
        arxiv = parse_feed(fixture("arxiv.rss"), feed_name="arxiv")
        papers = merge_feeds([*hf.papers, *mirror.papers, *arxiv.papers])
        return {"papers": papers, "parts": (hf, mirror, arxiv)}

    def test_one_row_per_paper(self, merged: dict[str, object]) -> None:
        papers = merged["papers"]
        assert isinstance(papers, list)
        ids = [p.id for p in papers]
        assert len(ids) == len(set(ids)) == 20 + 4 + 6
        for i in range(6):
            assert ids.count(f"2405.{10000 + i}") == 1

    def test_richer_fields_from_each_source(self, merged: dict[str, object]) -> None:
        papers = merged["papers"]
        parts = merged["parts"]
        assert isinstance(papers, list) and isinstance(parts, tuple)
        hf, _, _ = (part for part in parts if isinstance(part, ParsedFeed))
        paper = next(p for p in papers if p.id == "2405.10000")
        from_hf = next(p for p in hf.papers if p.id == "2405.10000")
        assert paper.feeds == ("hf", "mirror", "arxiv")
        assert paper.upvotes == from_hf.upvotes
        assert paper.comments == from_hf.comments
        assert paper.github == "https://github.com/visitworld123/CPO"
        assert paper.categories == ("cs.LG", "cs.AI")
        assert paper.announce_type == "new"
        assert paper.authors == from_hf.authors
        assert paper.day == date(2024, 5, 13)
        only_arxiv = next(p for p in papers if p.id == "2405.10060")
        assert only_arxiv.feeds == ("arxiv",) and only_arxiv.upvotes is None

    def test_merge_order_is_first_appearance(self) -> None:
        arxiv = parse_feed(fixture("arxiv.rss"), feed_name="arxiv").papers
        hf = parse_feed(fixture("hf_daily.json"), feed_name="hf").papers
        merged = merge_feeds([*arxiv, *hf])
        assert [p.id for p in merged[: len(arxiv)]] == [p.id for p in arxiv]
        assert merged[0].feeds == ("arxiv", "hf")
        assert merged[0].upvotes == hf[0].upvotes  # a known count beats an unknown one


def test_a_fifty_megabyte_abstract_is_cheap() -> None:
    abstract = "word " * 10_000_000
    body = json.dumps([{"paper": {"id": "2405.00001", "title": "t", "summary": abstract}}])
    started = time.perf_counter()
    (paper,) = parse_feed(body.encode(), feed_name="x", max_bytes=60_000_000).papers
    assert time.perf_counter() - started < 2.0
    assert len(paper.abstract) <= 20_000
