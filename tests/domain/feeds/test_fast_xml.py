"""The fast XML path gives exactly feedparser's papers, on every fixture, or steps aside."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.feeds import syndication
from tui.domain.feeds.fast_xml import read_fast
from tui.domain.feeds.result import ParsedFeed, ParseError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
XML_FIXTURES = sorted(
    p
    for p in [*FIXTURES.glob("*"), *FIXTURES.glob("shapes/*")]
    if p.suffix in (".rss", ".atom", ".xml", ".rdf")
)
# The real shapes the fast path must read itself (not hand to feedparser).
MUST_BE_FAST = [
    "arxiv.rss",
    "arxiv_api.atom",
    "shapes/arxiv_rss_2024.rss",
    "shapes/arxiv_api_100.atom",
    "shapes/arxiv_rss_weekend.rss",
    "shapes/hf_mirror_scrape.rss",
    "shapes/undated_items.rss",
    "shapes/atom_channel_updated.atom",
]
FIRST_SEEN = date(2099, 1, 1)


def _parse(body: bytes, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> ParsedFeed | str:
    if not fast:
        monkeypatch.setattr(syndication, "_read_fast", lambda *_: None)
    try:
        return syndication.parse_syndication(
            body, feed_name="f", content_type=None, default_day=None, first_seen=FIRST_SEEN
        )
    except ParseError as error:
        return f"error: {error}"
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("path", XML_FIXTURES, ids=lambda p: p.name)
def test_both_paths_give_the_same_papers(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = path.read_bytes()
    fast = _parse(body, fast=True, monkeypatch=monkeypatch)
    slow = _parse(body, fast=False, monkeypatch=monkeypatch)
    if isinstance(fast, ParsedFeed) and isinstance(slow, ParsedFeed):
        assert fast.papers == slow.papers
        assert fast.skipped == slow.skipped
    else:
        assert fast == slow


@pytest.mark.parametrize("name", MUST_BE_FAST)
def test_real_arxiv_and_mirror_shapes_take_the_fast_path(name: str) -> None:
    assert read_fast((FIXTURES / name).read_bytes()) is not None


@pytest.mark.parametrize(
    "body",
    [
        b"<rss version='0.91'><channel><item><title>x</title></item></channel></rss>",
        b"<rss version='2.0'><channel><item><title>a &amp; b</title></item></channel></rss>",
        b"<rss version='2.0'><channel><item><foo>x</foo></item></channel></rss>",
        b"<rss version='2.0'><channel><item><pubDate>yesterday</pubDate></item></channel></rss>",
        b"<rss version='2.0'><channel><item><title>unclosed</item></channel></rss>",
    ],
    ids=["rss091", "maybe-html-title", "unknown-element", "odd-date", "broken"],
)
def test_anything_unusual_goes_to_feedparser(body: bytes) -> None:
    assert read_fast(body) is None


def test_a_five_thousand_item_feed_parses_fast() -> None:
    import time

    item = (
        "<item><title>Paper {n}</title><link>https://arxiv.org/abs/2410.{n:05d}</link>"
        "<description>arXiv:2410.{n:05d}v1 Announce Type: new\nAbstract: Words {n}."
        "</description><guid>oai:arXiv.org:2410.{n:05d}v1</guid><category>cs.LG</category>"
        "<dc:creator>A One, B Two</dc:creator></item>"
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>cs.LG</title>'
        "<pubDate>Tue, 01 Oct 2024 00:00:00 -0400</pubDate>"
        + "".join(item.format(n=n) for n in range(5_000))
        + "</channel></rss>"
    ).encode()
    start = time.perf_counter()
    parsed = syndication.parse_syndication(
        body, feed_name="f", content_type="application/rss+xml", default_day=None
    )
    elapsed = time.perf_counter() - start
    assert len(parsed.papers) == 5_000
    assert elapsed < 2.0, f"{elapsed:.2f} s (feedparser alone takes about 5 s)"


# Latin-1 letters are left out: feedparser re-decodes text that is all Latin-1 as UTF-8 (its
# repair for double-encoded feeds), so it reads a real "Â¡" as "¡"; the fast path keeps what
# the bytes say.
_LATIN1 = "".join(map(chr, range(0x80, 0x100)))
_words = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters=_LATIN1
    ),
    max_size=40,
)


@given(
    st.lists(
        st.tuples(
            _words,
            _words,
            st.none()
            | st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2090, 1, 1)),
            st.integers(min_value=0, max_value=99_999),
        ),
        min_size=1,
        max_size=8,
    )
)
@settings(max_examples=60, deadline=None)
def test_any_plain_rss_reads_the_same_both_ways(
    items: list[tuple[str, str, datetime | None, int]],
) -> None:
    parts = []
    for title, abstract, when, number in items:
        date_tag = f"<pubDate>{format_datetime(when.replace(tzinfo=UTC))}</pubDate>" if when else ""
        parts.append(
            f"<item><title>{escape(title)}</title><description>{escape(abstract)}</description>"
            f"<link>https://arxiv.org/abs/2410.{number:05d}</link>{date_tag}</item>"
        )
    # Declared UTF-8, as real feeds are: without a declaration feedparser guesses the
    # encoding (and may read UTF-8 twice over), where XML says UTF-8, as the fast path reads.
    head = '<?xml version="1.0" encoding="utf-8"?>'
    body = f"{head}<rss version='2.0'><channel>{''.join(parts)}</channel></rss>".encode()
    with pytest.MonkeyPatch.context() as patch:
        fast = _parse(body, fast=True, monkeypatch=patch)
    with pytest.MonkeyPatch.context() as patch:
        slow = _parse(body, fast=False, monkeypatch=patch)
    if isinstance(fast, ParsedFeed) and isinstance(slow, ParsedFeed):
        assert fast.papers == slow.papers
    else:
        assert fast == slow
