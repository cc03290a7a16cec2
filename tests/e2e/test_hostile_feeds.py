"""Feeds that are slow to parse or big, in the real reader and the real command line.

Bad-inputs rows 46 (a feed of 1 MB or more refreshed inside the running reader) and 51 (an RSS
item with 100,000 attributes, megabytes of unclosed nested tags: parsing has its own deadline).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.e2e.conftest import Tmux
from tests.e2e.processes import HF_FIXTURE, app_command, run_cli

DAY = "2024-05-13"
PARSE_DEADLINE = 3


def big_hf_feed(count: int = 700) -> bytes:
    entries: list[dict[str, Any]] = json.loads(HF_FIXTURE.read_text(encoding="utf-8"))
    items = []
    for index in range(count):
        entry = json.loads(json.dumps(entries[index % len(entries)]))
        entry["paper"]["id"] = f"2405.{20000 + index}"
        entry["paper"]["title"] = f"Bigfeed paper {index:04d}"
        entry["paper"]["submittedOnDailyAt"] = f"{DAY}T01:00:00.000Z"
        entry["paper"]["upvotes"] = count - index
        items.append(entry)
    body = json.dumps(items).encode()
    assert len(body) > 1_000_000
    return body


def many_attributes(count: int) -> bytes:
    attributes = " ".join(f'a{i}="x"' for i in range(count))
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item {attributes}><title>x</title><link>https://arxiv.org/abs/2401.00001</link>"
        "</item></channel></rss>"
    ).encode()


def unclosed_tags(size: int) -> bytes:
    head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x'
    return head + b"<a>" * ((size - len(head)) // 3)


def test_a_feed_over_a_megabyte_refreshes_inside_the_running_reader(
    tmux: Tmux, tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/api/daily_papers").respond_with_data(
        big_hf_feed(), content_type="application/json"
    )
    url = httpserver.url_for("/api/daily_papers")
    command = app_command("--data-dir", str(tmp_path / "data"), "--feed", url, "--date", DAY)
    target = tmux.start("reader", command)
    tmux.wait_for(target, "Bigfeed paper 0000", timeout=40)
    assert not tmux.is_dead(target)
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0


def test_an_item_of_100k_attributes_is_read_quickly_by_the_fast_path(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """feedparser took 42 s over 539 KB of this shape; expat reads it at once."""
    httpserver.expect_request("/feed.xml").respond_with_data(
        many_attributes(100_000), content_type="application/rss+xml"
    )
    started = time.monotonic()
    result = run_cli(
        "--data-dir", str(tmp_path / "data"), "--feed", httpserver.url_for("/feed.xml"), "fetch",
        env={"DAILYPAPERS_PARSE_TIMEOUT": str(PARSE_DEADLINE)},
        timeout=60,
    )  # fmt: skip
    assert time.monotonic() - started < PARSE_DEADLINE + 15
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok: 1 paper") or "ok: 1 papers" in result.stdout


@pytest.mark.parametrize("body", [unclosed_tags(4_900_000)], ids=["4.9MB-unclosed-tags"])
def test_a_feed_slow_to_parse_is_stopped_at_the_parse_deadline(
    tmp_path: Path, httpserver: HTTPServer, body: bytes
) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(
        body, content_type="application/rss+xml"
    )
    started = time.monotonic()
    result = run_cli(
        "--data-dir", str(tmp_path / "data"), "--feed", httpserver.url_for("/feed.xml"), "fetch",
        env={"DAILYPAPERS_PARSE_TIMEOUT": str(PARSE_DEADLINE)},
        timeout=60,
    )  # fmt: skip
    took = time.monotonic() - started
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        f"failed: feed took longer than {PARSE_DEADLINE} s to parse; skipped"
    ), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert took < PARSE_DEADLINE + 15
