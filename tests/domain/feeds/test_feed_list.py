"""The feed list as a value: which list applies, and edits returning new tuples."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.feeds.feed_list import (
    FeedListError,
    add_feed,
    effective_feeds,
    feed_url_key,
    find_feed,
    remove_feed,
    set_enabled,
    web_url_problem,
)
from tui.domain.feeds.spec import FeedKind, FeedSpec

HF = FeedSpec("Hugging Face", "https://huggingface.co/api/daily_papers", FeedKind.HF_JSON)
CL = FeedSpec("cs.CL", "https://rss.arxiv.org/rss/cs.CL")


def test_configured_feeds_apply_until_the_user_customises() -> None:
    assert effective_feeds([HF], None) == (HF,)
    assert effective_feeds([HF], [CL]) == (CL,)
    assert effective_feeds([HF], []) == ()  # the user removed every feed: respected


def test_add_appends_and_leaves_the_input_alone() -> None:
    feeds = (HF,)
    assert add_feed(feeds, CL) == (HF, CL)
    assert feeds == (HF,)


@pytest.mark.parametrize(
    "url",
    [
        "https://huggingface.co/api/daily_papers",
        "HTTPS://HuggingFace.co:443/api/daily_papers",
        "https://huggingface.co/api/daily_papers#top",
    ],
)
def test_adding_the_same_url_again_is_refused_with_a_reason(url: str) -> None:
    with pytest.raises(FeedListError, match="already in the list as 'Hugging Face'"):
        add_feed((HF,), FeedSpec("again", url))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "not javascript"),
        ("file:///etc/passwd", "not file"),
        ("example.org/feed", "not no scheme"),
        ("https://", "no host"),
        ("https://a.example/x y", "spaces or control"),
        (" https://a.example/", "spaces around"),
        ("https://a.example:99999/", "cannot be parsed"),
    ],
)
def test_adding_a_bad_url_is_refused(url: str, reason: str) -> None:
    assert reason in (web_url_problem(url) or "")
    with pytest.raises(FeedListError, match="cannot add"):
        add_feed((), FeedSpec("x", url))


def test_adding_without_a_name_is_refused() -> None:
    with pytest.raises(FeedListError, match="needs a name"):
        add_feed((), FeedSpec("  ", "https://a.example/f"))


def test_remove_and_pause_by_url() -> None:
    assert remove_feed((HF, CL), "https://rss.arxiv.org/rss/cs.CL") == (HF,)
    paused = set_enabled((HF, CL), "https://RSS.arxiv.org/rss/cs.CL", False)
    assert paused == (HF, FeedSpec("cs.CL", CL.url, enabled=False))
    assert set_enabled(paused, CL.url, True) == (HF, CL)
    assert find_feed(paused, CL.url) == paused[1]
    assert find_feed(paused, "https://other.example/") is None


def test_removing_or_pausing_an_unknown_feed_is_refused() -> None:
    with pytest.raises(FeedListError, match="no feed with the URL"):
        remove_feed((HF,), CL.url)
    with pytest.raises(FeedListError, match="no feed with the URL"):
        set_enabled((HF,), CL.url, False)


def test_url_key_keeps_what_distinguishes_feeds() -> None:
    assert feed_url_key("https://a.example") == feed_url_key("https://A.EXAMPLE/")
    assert feed_url_key("https://a.example/x?q=1") != feed_url_key("https://a.example/x?q=2")
    assert feed_url_key("https://a.example:8443/") != feed_url_key("https://a.example/")
    assert feed_url_key("http://a.example/") != feed_url_key("https://a.example/")
    assert feed_url_key("/home/me/feed.xml") == "/home/me/feed.xml"


@given(st.lists(st.integers(0, 20), max_size=15))
def test_adding_never_creates_duplicates(numbers: list[int]) -> None:
    feeds: tuple[FeedSpec, ...] = ()
    for number in numbers:
        with contextlib.suppress(FeedListError):
            feeds = add_feed(feeds, FeedSpec(f"f{number}", f"https://h.example/{number}"))
    keys = [feed_url_key(feed.url) for feed in feeds]
    assert len(keys) == len(set(keys)) == len(set(numbers))
