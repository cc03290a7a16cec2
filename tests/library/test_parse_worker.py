"""Parsing in a child process: the same papers as in-process, errors as one line, a deadline."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.test_hostile_feeds import unclosed_tags
from tui.domain.feeds.result import ParsedFeed, ParseError
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


async def test_a_big_rss_the_fast_path_reads_starts_no_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.demo.bench.data import synthetic_papers
    from tui.demo.bench.parse import arxiv_rss_body
    from tui.library import parse_worker

    children: list[ParseJob] = []
    real = parse_worker.parse_in_process

    async def counted(job: ParseJob, *, deadline: float | None = None) -> ParsedFeed:
        children.append(job)
        return await real(job, deadline=deadline)

    monkeypatch.setattr(parse_worker, "parse_in_process", counted)
    big = job(arxiv_rss_body(list(synthetic_papers(1_000))))
    assert needs_own_process(big)
    parsed = await parse_worker.parse_off_loop(big)
    assert children == []
    assert len(parsed.papers) == 1_000
    # A body only feedparser reads (Latin-1) still goes to a child, and gives the same papers.
    latin = big.body.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1)
    other = job(latin)
    assert (await parse_worker.parse_off_loop(other)).papers == other.run().papers
    assert children == [other]
