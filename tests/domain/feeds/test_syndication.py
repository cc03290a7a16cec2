"""RSS and Atom through feedparser: arXiv listing and API, mirrors, old formats, damage."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tui.domain.feeds.result import ParseError
from tui.domain.feeds.syndication import parse_syndication
from tui.domain.paper import Paper
from tui.domain.sanitise import is_clean

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ASKED_DAY = date(2024, 5, 20)
RSS_TYPE = "application/rss+xml; charset=utf-8"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(body: bytes, content_type: str | None = RSS_TYPE, name: str = "feed") -> list[Paper]:
    parsed = parse_syndication(
        body, feed_name=name, content_type=content_type, default_day=ASKED_DAY
    )
    return list(parsed.papers)


def by_id(papers: list[Paper]) -> dict[str, Paper]:
    return {paper.id: paper for paper in papers}


class TestArxivListing:
    @pytest.fixture(scope="class")
    def papers(self) -> dict[str, Paper]:
        return by_id(parse(fixture("arxiv.rss"), name="arxiv cs.LG"))

    def test_all_items(self, papers: dict[str, Paper]) -> None:
        assert len(papers) == 12

    def test_fields(self, papers: dict[str, Paper]) -> None:
        paper = papers["2405.10000"]
        assert paper.authors[:2] == ("Ada Brandt", "Bilal Haddad")
        assert len(paper.authors) == 6
        assert paper.categories == ("cs.LG", "cs.AI")
        assert paper.announce_type == "new"
        assert paper.link == "https://arxiv.org/abs/2405.10000"
        assert paper.published == datetime(2024, 5, 13, 4, 0, tzinfo=UTC)
        assert paper.day == date(2024, 5, 13)
        assert paper.feeds == ("arxiv cs.LG",)

    def test_abstract_loses_the_announce_prefix(self, papers: dict[str, Paper]) -> None:
        abstract = papers["2405.10000"].abstract
        assert abstract.startswith("Direct Preference Optimization (DPO)")
        assert "Announce Type" not in abstract and "arXiv:" not in abstract

    @pytest.mark.parametrize(
        ("paper_id", "kind"),
        [("2405.10060", "cross"), ("2405.10061", "replace"), ("2405.10062", "replace-cross")],
    )
    def test_announce_types_and_versionless_ids(
        self, papers: dict[str, Paper], paper_id: str, kind: str
    ) -> None:
        assert papers[paper_id].announce_type == kind

    def test_announce_type_from_description_alone(self) -> None:
        body = fixture("arxiv.rss").replace(
            b"<arxiv:announce_type>cross</arxiv:announce_type>", b""
        )
        assert by_id(parse(body))["2405.10060"].announce_type == "cross"

    def test_math_comparisons_survive(self) -> None:
        body = fixture("arxiv.rss").replace(
            b"Abstract: Direct Preference",
            b"Abstract: If $x&lt;y$ and $z&gt;w$ then Direct Preference",
        )
        abstract = by_id(parse(body))["2405.10000"].abstract
        assert abstract.startswith("If $x<y$ and $z>w$ then Direct Preference")


class TestArxivApi:
    @pytest.fixture(scope="class")
    def papers(self) -> dict[str, Paper]:
        return by_id(parse(fixture("arxiv_api.atom"), "application/atom+xml"))

    def test_ids_lose_scheme_and_version(self, papers: dict[str, Paper]) -> None:
        assert sorted(papers) == [f"2405.{10080 + i}" for i in range(5)]

    def test_fields(self, papers: dict[str, Paper]) -> None:
        paper = papers["2405.10081"]
        assert paper.primary_category == "cs.CL"
        assert paper.categories == ("cs.CL", "cs.AI")
        assert paper.doi == "10.1000/fixture.81"
        assert papers["2405.10080"].doi is None
        assert paper.authors == ("Hana Jensen", "Ivo Kowalski", "Jun Moreau")
        assert paper.published == datetime(2024, 5, 14, 17, 46, 39, tzinfo=UTC)
        assert paper.link == "https://arxiv.org/abs/2405.10081"

    def test_hard_wrapped_text_is_joined(self, papers: dict[str, Paper]) -> None:
        paper = papers["2405.10080"]
        assert "\n" not in paper.title and "  " not in paper.title
        assert paper.title.startswith("The Quest for the Right Mediator: A History")
        assert "\n" not in paper.abstract


def test_hugging_face_mirror() -> None:
    papers = by_id(parse(fixture("hf_mirror.rss")))
    assert len(papers) == 10
    paper = papers["2405.10002"]
    assert paper.title.startswith("From $r$ to $Q^*$")
    assert paper.link == "https://huggingface.co/papers/2405.10002"
    assert "<p>" not in paper.abstract and paper.abstract.startswith("Reinforcement Learning")
    assert paper.authors == () and paper.upvotes is None
    assert paper.day == date(2024, 5, 15)


def test_generic_atom() -> None:
    first, news, bare = parse(fixture("generic.atom"), "application/atom+xml")
    assert first.id == "2405.10090"
    assert first.title == "Reading notes: 70 years of machine learning in geoscience in review"
    assert news.id.startswith("guid:") and news.link == "https://example.org/posts/2"
    assert news.abstract == "Two new members & a new site.\n\nSecond paragraph."
    assert news.published == datetime(2024, 5, 14, 15, 30, tzinfo=UTC)
    assert bare.abstract == "Plain text summary with a literal <tag> and x < y."
    assert bare.link is None


def test_rss_091_with_its_public_doctype() -> None:
    papers = parse(fixture("rss091.xml"), "text/xml")
    assert [p.id for p in papers] == ["2405.10100", "2405.10101"]
    assert all(p.day == ASKED_DAY and p.published is None for p in papers)


def test_rss_10_rdf() -> None:
    first, second = parse(fixture("rss10.rdf"), "application/rdf+xml")
    assert first.id == "2405.10110" and second.id == "2405.10111"
    assert first.authors == ("Kofi Eriksen", "Lena García", "Mateo Dubois")
    assert first.published == datetime(2024, 5, 10, 9, tzinfo=UTC)


def test_items_without_ids_get_stable_synthetic_ids() -> None:
    parsed = parse_syndication(
        fixture("missing_ids.rss"), feed_name="x", content_type=None, default_day=None
    )
    again = parse_syndication(
        fixture("missing_ids.rss"), feed_name="x", content_type=None, default_day=None
    )
    assert parsed.skipped == 1  # neither title nor link
    ids = [p.id for p in parsed.papers]
    assert ids == [p.id for p in again.papers]
    assert len(set(ids)) == 5
    assert ids[-1] == "2405.50009"  # a bare arXiv id as guid
    assert all(i.startswith("guid:") and len(i) == 21 for i in ids[:-1])


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("A One, B Two, C Three", ("A One", "B Two", "C Three")),
        ("A One, B Two and C Three", ("A One", "B Two", "C Three")),
        ("A One and B Two", ("A One", "B Two")),
        ("Solo Author", ("Solo Author",)),
        ("Robert W. Heath, Jr., Ann Lee", ("Robert W. Heath, Jr.", "Ann Lee")),
        ("Ann Lee, Henry Ford, III and Bo Li", ("Ann Lee", "Henry Ford, III", "Bo Li")),
        ("Ann Lee, Sr. Bo", ("Ann Lee", "Sr. Bo")),
    ],
)
def test_dc_creator_is_split(author: str, expected: tuple[str, ...]) -> None:
    body = (
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>'
        f"<item><title>x</title><link>https://arxiv.org/abs/2405.00001</link>"
        f"<dc:creator>{author}</dc:creator></item></channel></rss>"
    ).encode()
    assert parse(body)[0].authors == expected


class TestDamage:
    def test_malformed_xml_with_entries_is_partial(self) -> None:
        parsed = parse_syndication(
            fixture("malformed.rss"), feed_name="x", content_type=RSS_TYPE, default_day=None
        )
        assert parsed.partial
        assert parsed.papers[0].id == "2405.50001" and parsed.papers[0].title == "First good item"
        assert any("malformed" in w for w in parsed.warnings)

    def test_truncated_feed_keeps_the_items_before_the_cut(self) -> None:
        body = fixture("arxiv.rss")
        parsed = parse_syndication(body[:-30], feed_name="x", content_type=None, default_day=None)
        assert parsed.partial
        assert len(parsed.papers) >= 11

    def test_truncated_before_any_item_is_an_error(self) -> None:
        body = fixture("arxiv.rss")
        with pytest.raises(ParseError, match="malformed feed"):
            parse_syndication(body[:250], feed_name="x", content_type=None, default_day=None)

    def test_valid_empty_feed_is_no_papers(self) -> None:
        body = b'<rss version="2.0"><channel><title>weekend</title></channel></rss>'
        assert parse(body) == []

    @pytest.mark.parametrize(
        "body", [b"hello world", b"<root><child/></root>", b'{"not": "xml"}', b"\x00\xff" * 50]
    )
    def test_not_a_feed(self, body: bytes) -> None:
        with pytest.raises(ParseError):
            parse(body)


class TestEncodings:
    def test_latin1_declared_utf8(self) -> None:
        body = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            "<item><title>Café naïve</title><link>https://example.org/1</link></item>"
            "</channel></rss>"
        ).encode("latin-1")
        parsed = parse_syndication(body, feed_name="x", content_type=RSS_TYPE, default_day=None)
        assert parsed.papers[0].title == "Café naïve"
        assert not parsed.partial
        assert any("encoding" in w for w in parsed.warnings)

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
    def test_utf16(self, codec: str) -> None:
        text = (
            '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>t</title>'
            "<item><title>Snow \u2603 café</title><link>https://example.org/1</link></item>"
            "</channel></rss>"
        )
        papers = parse(text.encode(codec), "application/xml")
        assert papers[0].title == "Snow \u2603 café"

    def test_invalid_utf8_bytes(self) -> None:
        body = (
            b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            b"<item><title>bad \xff\xfe\xed\xa0\xbd bytes</title>"
            b"<link>https://example.org/1</link></item></channel></rss>"
        )
        papers = parse(body)
        assert papers[0].title.startswith("bad ") and is_clean(papers[0].title)


def test_hostile_rss_is_sanitised_after_entity_decoding() -> None:
    parsed = parse_syndication(
        fixture("hostile.rss"), feed_name="x", content_type=RSS_TYPE, default_day=None
    )
    first, second = parsed.papers
    for paper in parsed.papers:
        for text in (paper.title, paper.abstract, *paper.authors):
            assert is_clean(text)
            assert not any(ord(c) < 0x20 and c not in "\n\t" for c in text)
            assert not any(0x7F <= ord(c) <= 0x9F for c in text)
    assert "pwned" not in first.title  # the whole OSC went, not just the ESC
    assert "\u202e" not in first.title and "\u202e" not in second.title
    assert "[b]markup[/b] [@click=app.quit]q[/]" in second.title
    assert "bold" in second.abstract and "<b>" not in second.abstract


def test_a_body_that_is_a_path_is_data(tmp_path: Path) -> None:
    real_feed = tmp_path / "feed.xml"
    real_feed.write_bytes(fixture("rss10.rdf"))
    with pytest.raises(ParseError):
        parse(str(real_feed).encode())


def test_a_body_that_is_a_url_is_never_fetched(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        fixture("rss10.rdf"), content_type="application/rss+xml"
    )
    with pytest.raises(ParseError):
        parse(httpserver.url_for("/feed").encode())
    assert httpserver.log == []


def test_big_abstract_and_author_list_are_capped_quickly() -> None:
    authors = ", ".join(f"Author {i}" for i in range(100_000))
    body = (
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>'
        f"<item><title>{'T' * 10_000}</title><link>https://arxiv.org/abs/2405.00001</link>"
        f"<description>{'word ' * 1_000_000}</description>"
        f"<dc:creator>{authors}</dc:creator></item></channel></rss>"
    ).encode()
    started = time.perf_counter()
    (paper,) = parse(body)
    assert time.perf_counter() - started < 3.0
    assert len(paper.title) <= 1_000 and len(paper.abstract) <= 20_000
    assert len(paper.authors) == 500


@pytest.mark.parametrize(
    "pub_date",
    [
        "Fri, 30 Feb 2024 00:00:00 GMT",
        "Thu, 16 May 2024 99:99:00 GMT",
        "Sat, 01 Jan 9999 00:00:00 GMT",
        "Mon, 01 Jan 0000 00:00:00 GMT",
        "sometime last week",
        "",
    ],
)
def test_odd_dates_become_unknown_and_fall_back_to_the_asked_day(pub_date: str) -> None:
    body = (
        '<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        f"<link>https://arxiv.org/abs/2405.00001</link><pubDate>{pub_date}</pubDate>"
        "</item></channel></rss>"
    ).encode()
    (paper,) = parse(body)
    assert paper.published is None
    assert paper.day == ASKED_DAY


def test_non_utc_offsets_are_stored_in_utc() -> None:
    body = (
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        b"<link>https://arxiv.org/abs/2405.00001</link>"
        b"<pubDate>Thu, 16 May 2024 23:30:00 -0500</pubDate></item></channel></rss>"
    )
    (paper,) = parse(body)
    assert paper.published == datetime(2024, 5, 17, 4, 30, tzinfo=UTC)
    assert paper.day == date(2024, 5, 17)
