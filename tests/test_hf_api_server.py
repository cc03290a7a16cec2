"""The loopback Hugging Face API pages like the real one; the arXiv-like server keeps times."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from tests.shape_files import group_by_day, load_shape, shape_bytes

if TYPE_CHECKING:
    from tests.hf_api_server import ArxivLike, HfApi


DAY_120 = "2025-11-18"


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any, dict[str, str]]:
    """(status, parsed JSON body or raw bytes, headers), without raising on 4xx/5xx."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, body, head = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        status, body, head = exc.code, exc.read(), dict(exc.headers)
    if head.get("Content-Type", "").startswith("application/json") and body:
        return status, json.loads(body), head
    return status, body, head


def ids(entries: list[dict[str, Any]]) -> list[str]:
    return [e["paper"]["id"] for e in entries]


def walk(hf_api: HfApi, **query: object) -> list[list[dict[str, Any]]]:
    """Follow p=0, 1, ... while a page comes back full, as a client should."""
    pages: list[list[dict[str, Any]]] = []
    limit = int(str(query.get("limit", 50)))
    while True:
        status, page, _ = get(hf_api.url_for(**query, p=len(pages)))
        assert status == 200
        pages.append(page)
        if len(page) < limit:
            return pages


# ---- paging ----------------------------------------------------------------------------------


def test_a_day_is_cut_at_50_without_limit(hf_api: HfApi) -> None:
    status, page, head = get(hf_api.url_for(date=DAY_120))
    assert status == 200
    assert ids(page) == ids(load_shape("hf_day_120.json"))[:50]
    assert head["Content-Type"] == "application/json; charset=utf-8"


def test_the_120_day_is_50_50_20_by_default(hf_api: HfApi) -> None:
    pages = walk(hf_api, date=DAY_120)
    assert [len(p) for p in pages] == [50, 50, 20]
    assert [pid for p in pages for pid in ids(p)] == ids(load_shape("hf_day_120.json"))
    assert hf_api.pages_asked(DAY_120) == [0, 1, 2]


def test_the_120_day_is_100_20_at_limit_100(hf_api: HfApi) -> None:
    pages = walk(hf_api, date=DAY_120, limit=100)
    assert [len(p) for p in pages] == [100, 20]
    assert hf_api.daily_requests() == [
        {"date": DAY_120, "limit": "100", "p": "0"},
        {"date": DAY_120, "limit": "100", "p": "1"},
    ]


def test_a_day_of_exactly_50_needs_an_empty_second_page(hf_api: HfApi) -> None:
    pages = walk(hf_api, date="2025-11-13")
    assert [len(p) for p in pages] == [50, 0]


def test_pages_past_the_end_and_empty_days_are_empty_lists(hf_api: HfApi) -> None:
    assert get(hf_api.url_for(date=DAY_120, p=100))[:2] == (200, [])
    assert get(hf_api.url_for(date="2025-11-15"))[:2] == (200, [])  # a Saturday


@pytest.mark.parametrize("limit", ["1", "100"])
def test_limit_bounds_are_inclusive(hf_api: HfApi, limit: str) -> None:
    status, page, _ = get(hf_api.url_for(date=DAY_120, limit=limit))
    assert (status, len(page)) == (200, int(limit))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"limit": 0}, "Too small: expected number to be >=1"),
        ({"limit": 101}, "Too big: expected number to be <=100"),
        ({"limit": "ten"}, "expected number"),
        ({"p": -1}, "Too small: expected number to be >=0"),
        ({"date": "2025-13-40"}, "date"),
        ({"week": "2026-W53"}, "week"),
        ({"month": "2025-13"}, "month"),
        ({"sort": "upvotes"}, "sort"),
    ],
)
def test_bad_parameters_are_400_with_a_json_error(
    hf_api: HfApi, query: dict[str, object], message: str
) -> None:
    status, body, head = get(hf_api.url_for(**query))
    assert status == 400
    assert head["Content-Type"].startswith("application/json")
    assert set(body) == {"error"} and message in body["error"]


def test_a_future_date_is_400_once_today_is_set(hf_api: HfApi) -> None:
    hf_api.today = date(2025, 11, 18)
    assert get(hf_api.url_for(date="2025-11-19"))[0] == 400
    assert get(hf_api.url_for(date="2025-11-18"))[0] == 200


def test_full_pages_advertise_the_next_one(hf_api: HfApi) -> None:
    _, _, head = get(hf_api.url_for(date=DAY_120, limit=100))
    assert head["Link"] == f'<{hf_api.url_for(date=DAY_120, limit=100, p=1)}>; rel="next"'
    _, _, head = get(hf_api.url_for(date=DAY_120, limit=100, p=1))
    assert "Link" not in head


# ---- no date, week, month, sort -------------------------------------------------------------


def test_no_date_gives_the_newest_entries_across_days(hf_api: HfApi) -> None:
    _, first, _ = get(hf_api.url_for())
    assert ids(first) == ids(hf_api.days[DAY_120])[:50]
    _, third, _ = get(hf_api.url_for(p=2))  # 20 of 2025-11-18, then 30 of 2025-11-17
    assert ids(third) == ids(hf_api.days[DAY_120])[100:] + ids(hf_api.days["2025-11-17"])[:30]


def test_the_two_day_shapes_come_back_verbatim(hf_api: HfApi) -> None:
    hf_api.serve_shape("hf_nodate_two_days.json")
    assert get(hf_api.url_for())[1] == load_shape("hf_nodate_two_days.json")
    hf_api.serve_shape("hf_nodate_monday_friday.json")
    assert list(hf_api.days) == ["2025-11-17", "2025-11-14"]
    assert get(hf_api.url_for(limit=25))[1] == load_shape("hf_nodate_monday_friday.json")


def test_pre2025_entries_group_on_their_outer_published_day() -> None:
    assert list(group_by_day(load_shape("hf_pre2025_day.json"))) == ["2024-05-27"]


def test_week_and_month(hf_api: HfApi) -> None:
    _, week, _ = get(hf_api.url_for(week="2025-W47", limit=100, p=1))
    everything = ids(hf_api.days[DAY_120]) + ids(hf_api.days["2025-11-17"])
    assert ids(week) == everything[100:200]
    _, may, _ = get(hf_api.url_for(month="2024-05"))
    assert ids(may) == ids(hf_api.days["2024-05-27"])
    assert get(hf_api.url_for(week="2025-W48"))[1] == []


def test_trending_ignores_the_date(hf_api: HfApi) -> None:
    _, page, _ = get(hf_api.url_for(sort="trending", date="2024-05-27", limit=100))
    stars = [e["paper"].get("githubStars") or 0 for e in page]
    assert len(page) == 100 and stars == sorted(stars, reverse=True)  # driven by GitHub stars
    votes = [e["paper"]["upvotes"] for e in page if not e["paper"].get("githubStars")]
    assert votes == sorted(votes, reverse=True)
    assert {
        e["paper"]["submittedOnDailyAt"][:10] for e in page if "submittedOnDailyAt" in e["paper"]
    } != set()


def test_submitter_filters_on_the_outer_name(hf_api: HfApi) -> None:
    _, page, _ = get(hf_api.url_for(date=DAY_120, submitter="akhaliq", limit=100))
    assert page and {e["submittedBy"]["name"] for e in page} == {"akhaliq"}


def test_days_can_be_changed_by_the_test(hf_api: HfApi) -> None:
    hf_api.days["2025-11-19"] = hf_api.days.pop(DAY_120)[:3]
    assert len(get(hf_api.url_for(date="2025-11-19"))[1]) == 3
    assert get(hf_api.url_for(date=DAY_120))[1] == []


# ---- papers and search ----------------------------------------------------------------------


def test_one_paper_is_the_flat_object_with_linked_repos(hf_api: HfApi) -> None:
    wanted = load_shape("hf_paper_object.json")
    status, paper, _ = get(hf_api.url_for(f"/api/papers/{wanted['id']}"))
    assert (status, paper) == (200, wanted)
    other = hf_api.days["2025-11-13"][0]["paper"]
    _, flat, _ = get(hf_api.url_for(f"/api/papers/{other['id']}"))
    assert "numComments" not in flat and flat["numTotalModels"] == 0 and flat["title"]
    assert get(hf_api.url_for("/api/papers/2511.99999"))[0] == 404
    assert get(hf_api.url_for("/api/papers/not-an-id"))[0] == 400


def test_search(hf_api: HfApi) -> None:
    _, found, _ = get(hf_api.url_for("/api/papers/search", q="Neural NETWORK", limit=120))
    texts = [(e["paper"]["title"] + e["paper"]["summary"]).lower() for e in found]
    assert texts and all("neural" in t and "network" in t for t in texts)
    assert len(get(hf_api.url_for("/api/papers/search", q="model", limit=2))[1]) == 2
    assert get(hf_api.url_for("/api/papers/search"))[0] == 400
    assert get(hf_api.url_for("/api/papers/search", q="x" * 251))[0] == 400
    assert get(hf_api.url_for("/api/papers/search", q="model", limit=121))[0] == 400


# ---- transport details ----------------------------------------------------------------------


def test_etag_and_if_none_match(hf_api: HfApi) -> None:
    _, _, head = get(hf_api.url_for(date="2025-11-13"))
    tag = head["ETag"]
    assert tag.startswith('W/"')
    status, body, _ = get(hf_api.url_for(date="2025-11-13"), {"If-None-Match": tag})
    assert (status, body) == (304, b"")
    hf_api.days["2025-11-13"].pop()
    status, body, head = get(hf_api.url_for(date="2025-11-13"), {"If-None-Match": tag})
    assert status == 200 and len(body) == 49 and head["ETag"] != tag


def test_odd_headers_failures_and_delay(hf_api: HfApi) -> None:
    hf_api.cache_control = "private, max-age=0, must-revalidate"
    hf_api.extra_headers["X-Odd"] = "yes"
    _, _, head = get(hf_api.url_for(date="2025-11-13"))
    assert head["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert head["X-Odd"] == "yes" and "RateLimit-Policy" in head
    hf_api.fail_next(429, '{"error":"rate limited"}', headers={"Retry-After": "2"})
    assert get(hf_api.url_for(date="2025-11-13"))[0] == 429
    assert get(hf_api.url_for(date="2025-11-13"))[0] == 200
    hf_api.delay = 0.2
    started = time.monotonic()
    get(hf_api.url_for(date="2025-11-15"))
    assert time.monotonic() - started >= 0.2


def test_every_request_is_recorded(hf_api: HfApi) -> None:
    get(hf_api.url_for(date=DAY_120, limit=100))
    get(hf_api.url_for("/api/papers/search", q="graph"))
    get(hf_api.url_for(limit=0))
    assert hf_api.requests == [
        ("/api/daily_papers", {"date": DAY_120, "limit": "100"}),
        ("/api/papers/search", {"q": "graph"}),
        ("/api/daily_papers", {"limit": "0"}),
    ]
    hf_api.clear_requests()
    assert hf_api.requests == []


# ---- arXiv-like -----------------------------------------------------------------------------


def test_arxiv_like_serves_the_shapes_and_records_times(arxiv_like: ArxivLike) -> None:
    status, body, head = get(arxiv_like.url_of("/rss/cs.LG"))
    assert status == 200 and body == shape_bytes("arxiv_rss_2024.rss")
    assert head["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert get(arxiv_like.url_of("/shapes/arxiv_api_error.atom"))[1] == shape_bytes(
        "arxiv_api_error.atom"
    )
    get(arxiv_like.url_of("/rss/cs.LG"))
    assert len(arxiv_like.times("/rss/cs.LG")) == 2
    assert len(arxiv_like.gaps()) == 2 and all(g >= 0 for g in arxiv_like.gaps())
    assert get(arxiv_like.url_of("/nowhere"))[0] == 404


def test_arxiv_like_answers_too_soon_with_an_empty_feed(arxiv_like: ArxivLike) -> None:
    arxiv_like.min_interval = 0.3
    assert b"<entry>" in get(arxiv_like.url_of("/api/query"))[1]
    assert b"<entry>" not in get(arxiv_like.url_of("/api/query"))[1]
    time.sleep(0.35)
    assert b"<entry>" in get(arxiv_like.url_of("/api/query"))[1]
    assert min(arxiv_like.gaps("/api/query")) < 0.3 <= max(arxiv_like.gaps("/api/query"))


def test_arxiv_like_add(arxiv_like: ArxivLike) -> None:
    url = arxiv_like.add("/error", shape_bytes("arxiv_api_error.atom"), status=400,
                         content_type="application/atom+xml")  # fmt: skip
    assert url == arxiv_like.url + "/error"
    assert get(url)[0] == 400
