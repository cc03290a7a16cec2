"""The day rule (`domain/days.py`) and the parsers that follow it, tested as properties.

Any mix of present and absent dates gives each paper exactly one day, never the clock's while
the feed says anything; merging claims is order-independent, so a paper is on one day only
whatever order its feeds arrive in.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tui.domain.days import DaySource, hf_dating, rank, shared_day, surest, syndication_dating
from tui.domain.feeds.parse import parse_feed
from tui.domain.paper import Paper, merge_papers, update_paper

CLOCK_DAY = date(2099, 1, 1)  # the reader's clock: a day no feed below ever names
moments = st.datetimes(
    min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
maybe_moment = st.none() | moments
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
sources = st.sampled_from(list(DaySource))
claims = st.tuples(st.none() | days, st.none() | sources)


@st.composite
def hf_entries(draw: st.DrawFn) -> dict[str, object]:
    """An /api/daily_papers entry whose date fields are each present or absent."""
    number = draw(st.integers(min_value=0, max_value=99_999))
    paper: dict[str, object] = {"id": f"2501.{number:05d}", "title": f"Paper {number}"}
    entry: dict[str, object] = {"paper": paper}
    featured, published, outer = draw(maybe_moment), draw(maybe_moment), draw(maybe_moment)
    if featured is not None:
        paper["submittedOnDailyAt"] = featured.isoformat().replace("+00:00", "Z")
    if published is not None:
        paper["publishedAt"] = published.isoformat()
    if outer is not None:
        entry["publishedAt"] = outer.isoformat()
    return entry


@given(st.lists(hf_entries(), min_size=1, max_size=30), st.none() | days)
def test_every_hf_paper_gets_one_day_and_never_the_clocks(
    entries: list[dict[str, object]], asked: date | None
) -> None:
    body = json.dumps(entries).encode()
    parsed = parse_feed(body, feed_name="hf", default_day=asked, first_seen=CLOCK_DAY)
    any_featured = any("submittedOnDailyAt" in e["paper"] for e in entries)  # type: ignore[operator]
    for paper in parsed.papers:
        assert paper.day is not None and paper.day_source is not None
        if paper.day_source is DaySource.FIRST_SEEN:
            assert asked is None and not any_featured
        else:
            assert paper.day != CLOCK_DAY


@given(hf_entries(), st.none() | days)
def test_the_featured_time_wins_over_everything(
    entry: dict[str, object], asked: date | None
) -> None:
    paper_fields = entry["paper"]
    assert isinstance(paper_fields, dict)
    (paper,) = parse_feed(json.dumps([entry]).encode(), feed_name="hf", default_day=asked).papers
    featured = paper_fields.get("submittedOnDailyAt")
    if featured is not None:
        assert paper.day == datetime.fromisoformat(str(featured)).date()
        assert paper.day_source is DaySource.FEATURED
    elif asked is not None:
        assert (paper.day, paper.day_source) == (asked, DaySource.ASKED)


def test_hf_fallbacks_in_order() -> None:
    featured = datetime(2025, 11, 17, 8, tzinfo=UTC)
    outer = datetime(2024, 5, 27, 3, 50, tzinfo=UTC)
    asked, shared, seen = date(2025, 11, 18), date(2025, 11, 14), date(2026, 1, 1)
    kwargs = {"asked": asked, "shared": shared, "outer_published": outer, "first_seen": seen}
    assert hf_dating(featured=featured, **kwargs).source is DaySource.FEATURED  # type: ignore[arg-type,union-attr]
    kwargs["asked"] = None
    dating = hf_dating(featured=None, **kwargs)  # type: ignore[arg-type]
    assert dating is not None and (dating.day, dating.source) == (shared, DaySource.FEATURED)
    kwargs["shared"] = None
    dating = hf_dating(featured=None, **kwargs)  # type: ignore[arg-type]
    assert dating is not None and (dating.day, dating.source) == (outer.date(), "published")
    kwargs["outer_published"] = None
    dating = hf_dating(featured=None, **kwargs)  # type: ignore[arg-type]
    assert dating is not None and dating.undated and dating.day == seen


def test_six_undated_of_thirty_seven_join_the_featured_day_of_the_rest() -> None:
    monday = datetime(2025, 11, 17, 6, tzinfo=UTC)
    entries = []
    for n in range(37):
        paper: dict[str, object] = {"id": f"2511.{n:05d}", "title": f"T{n}"}
        paper["publishedAt"] = (monday - timedelta(days=4)).isoformat()
        if n >= 6:
            paper["submittedOnDailyAt"] = (monday + timedelta(minutes=n)).isoformat()
        entries.append({"paper": paper, "publishedAt": paper["publishedAt"]})
    parsed = parse_feed(json.dumps(entries).encode(), feed_name="hf", first_seen=CLOCK_DAY)
    assert {p.day for p in parsed.papers} == {monday.date()}


def test_a_response_from_before_march_2025_uses_the_outer_published_time() -> None:
    entries = [
        {
            "paper": {"id": f"2405.{n:05d}", "title": f"T{n}", "publishedAt": "2024-05-23T17:00Z"},
            "publishedAt": f"2024-05-27T03:{n:02d}:58.000Z",
        }
        for n in range(20)
    ]
    parsed = parse_feed(json.dumps(entries).encode(), feed_name="hf", first_seen=CLOCK_DAY)
    assert {(p.day, p.day_source) for p in parsed.papers} == {(date(2024, 5, 27), "published")}


@given(maybe_moment, maybe_moment, st.none() | days)
def test_syndication_item_then_channel_then_first_fetch(
    item: datetime | None, channel: datetime | None, asked: date | None
) -> None:
    dating = syndication_dating(item=item, channel=channel, asked=asked, first_seen=CLOCK_DAY)
    assert dating is not None
    if item is not None:
        assert (dating.day, dating.source) == (item.date(), DaySource.PUBLISHED)
    elif channel is not None:
        assert (dating.day, dating.source) == (channel.date(), DaySource.CHANNEL)
    elif asked is None:
        assert dating.undated and dating.day == CLOCK_DAY


def _rss(channel_dates: str, item_date: str = "") -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>cs.LG</title>
    {channel_dates}
    <item><title>A</title><link>https://arxiv.org/abs/2410.01234</link>{item_date}</item>
    </channel></rss>""".encode()


def test_arxiv_rss_of_2024_takes_the_channel_day() -> None:
    body = _rss(
        "<pubDate>Tue, 01 Oct 2024 00:00:00 -0400</pubDate>"
        "<lastBuildDate>Tue, 01 Oct 2024 00:30:00 -0400</lastBuildDate>"
    )
    (paper,) = parse_feed(body, feed_name="arxiv", first_seen=CLOCK_DAY).papers
    assert (paper.day, paper.day_source) == (date(2024, 10, 1), DaySource.CHANNEL)


def test_last_build_date_alone_dates_the_channel() -> None:
    body = _rss("<lastBuildDate>Wed, 02 Oct 2024 01:00:00 +0000</lastBuildDate>")
    (paper,) = parse_feed(body, feed_name="arxiv", first_seen=CLOCK_DAY).papers
    assert (paper.day, paper.day_source) == (date(2024, 10, 2), DaySource.CHANNEL)


def test_an_item_date_wins_over_the_channels() -> None:
    body = _rss(
        "<pubDate>Tue, 01 Oct 2024 00:00:00 -0400</pubDate>",
        "<pubDate>Mon, 30 Sep 2024 12:00:00 +0000</pubDate>",
    )
    (paper,) = parse_feed(body, feed_name="arxiv", first_seen=CLOCK_DAY).papers
    assert (paper.day, paper.day_source) == (date(2024, 9, 30), DaySource.PUBLISHED)


def test_a_feed_with_no_date_at_all_is_first_seen_and_undated() -> None:
    (paper,) = parse_feed(_rss(""), feed_name="x", first_seen=CLOCK_DAY).papers
    assert (paper.day, paper.day_source) == (CLOCK_DAY, DaySource.FIRST_SEEN)


def test_atom_feed_updated_dates_undated_entries() -> None:
    body = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
    <updated>2025-02-03T10:00:00Z</updated><id>urn:x</id>
    <entry><title>A</title><id>http://arxiv.org/abs/2502.00001v1</id></entry></feed>"""
    (paper,) = parse_feed(body, feed_name="x", first_seen=CLOCK_DAY).papers
    assert (paper.day, paper.day_source) == (date(2025, 2, 3), DaySource.CHANNEL)


@given(claims, claims, claims)
def test_surest_is_commutative_and_associative(a: tuple, b: tuple, c: tuple) -> None:  # type: ignore[type-arg]
    assert surest(a, b)[0] == surest(b, a)[0]
    assert surest(surest(a, b), c)[0] == surest(a, surest(b, c))[0]


@given(claims, claims)
def test_surest_never_loses_a_known_day_and_prefers_the_surer(a: tuple, b: tuple) -> None:  # type: ignore[type-arg]
    day, source = surest(a, b)
    if a[0] is not None or b[0] is not None:
        assert day is not None
    if a[0] is not None and b[0] is not None and rank(a[1]) != rank(b[1]):
        assert (day, source) == (a if rank(a[1]) > rank(b[1]) else b)


@given(st.lists(st.tuples(days, sources), min_size=1, max_size=6), st.randoms())
def test_a_paper_lands_on_one_day_whatever_order_its_feeds_arrive(
    records: list[tuple[date, DaySource]], random: object
) -> None:
    papers = [
        Paper("2405.09818", "T", day=d, day_source=s, feeds=(f"f{i}",))
        for i, (d, s) in enumerate(records)
    ]
    shuffled = list(papers)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    forward, backward = papers[0], shuffled[0]
    for paper in papers[1:]:
        forward = merge_papers(forward, paper)
    for paper in shuffled[1:]:
        backward = update_paper(backward, paper)
    assert (forward.day, forward.day_source) == (backward.day, backward.day_source)


def test_the_hugging_face_featured_day_wins_over_a_mirror_scrape_day() -> None:
    hf = Paper("2405.09818", "T", day=date(2025, 11, 17), day_source=DaySource.FEATURED)
    mirror = Paper("2405.09818", "T", day=date(2025, 11, 19), day_source=DaySource.PUBLISHED)
    assert merge_papers(mirror, hf).day == date(2025, 11, 17)
    assert merge_papers(hf, mirror).day == date(2025, 11, 17)


def test_shared_day_is_the_most_common_then_the_newest() -> None:
    a = datetime(2025, 11, 14, tzinfo=UTC)
    b = datetime(2025, 11, 17, tzinfo=UTC)
    assert shared_day([a, a, b, None]) == a.date()
    assert shared_day([a, b]) == b.date()
    assert shared_day([None]) is None


def test_an_arxiv_api_error_feed_is_an_error_not_a_paper() -> None:
    body = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
    <title>ArXiv Query</title><id>http://arxiv.org/api/x</id><updated>2025-01-01T00:00:00Z</updated>
    <entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>
    <summary>incorrect id format for 1234</summary></entry></feed>"""
    import pytest

    from tui.domain.feeds.result import ParseError

    with pytest.raises(ParseError, match="arXiv API error: incorrect id format"):
        parse_feed(body, feed_name="x", first_seen=CLOCK_DAY)


@given(st.sets(days, max_size=12), st.none() | days, st.sampled_from([-1, 1]))
def test_paging_steps_to_the_nearest_day_with_papers(
    cached: set[date], day: date | None, step: int
) -> None:
    from tui.domain.days import neighbour_day

    found = neighbour_day(cached, day, step)
    if day is None:
        assert found == (max(cached) if cached else None)
        return
    beyond = [d for d in cached if (d > day if step > 0 else d < day)]
    if not beyond:
        assert found is None
    else:
        assert found == (min(beyond) if step > 0 else max(beyond))
