"""Parsing in a child process: the same papers as in-process, errors as one line, a deadline."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.test_hostile_feeds import unclosed_tags
from tui.domain.feeds.result import ParseError
from tui.domain.feeds.spec import FeedKind
from tui.library.parse_worker import ParseJob, needs_own_process, parse_in_process

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def job(body: bytes, kind: FeedKind = FeedKind.AUTO) -> ParseJob:
    return ParseJob(body, "Feed", None, kind, date(2024, 5, 13))


def test_xml_past_a_small_size_and_any_big_body_get_their_own_process() -> None:
    assert not needs_own_process(job(b"[" + b" " * 500_000 + b"]"))
    assert needs_own_process(job(b"<rss>" + b" " * 20_000))
    assert not needs_own_process(job(b"<rss></rss>"))
    assert needs_own_process(job(b"[" + b" " * 1_000_000 + b"]", FeedKind.HF_JSON))


async def test_the_child_gives_the_papers_the_thread_would() -> None:
    arxiv = job((FIXTURES / "arxiv.rss").read_bytes())
    assert await parse_in_process(arxiv) == arxiv.run()


async def test_a_parse_error_in_the_child_is_the_same_one_line() -> None:
    broken = job(b"<html><body>captive portal</body></html>")
    with pytest.raises(ParseError) as in_thread:
        broken.run()
    with pytest.raises(ParseError) as in_child:
        await parse_in_process(broken)
    assert str(in_child.value) == str(in_thread.value)


async def test_a_parse_that_outlives_its_deadline_is_killed() -> None:
    started = time.monotonic()
    with pytest.raises(ParseError, match="took longer than 1 s to parse"):
        await parse_in_process(job(unclosed_tags(2_000_000)), deadline=1)
    assert time.monotonic() - started < 5
