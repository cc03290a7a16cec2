"""`opml import` of thousands of outlines takes time linear in their number (bad-inputs row 52).

The real command line in a child process, on an 8,000-outline file (about 500 KB), twice:
once adding every feed, once finding every one already there.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.e2e.processes import run_cli
from tui.domain.feeds.feed_list import add_feeds
from tui.domain.feeds.spec import FeedSpec

COUNT = 8000


def big_opml(count: int) -> str:
    outlines = "\n".join(
        f'<outline text="Feed {n}" title="Feed {n}" type="rss" '
        f'xmlUrl="https://host{n % 50}.example/feeds/{n}.xml"/>'
        for n in range(count)
    )
    return f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'


def test_importing_8000_outlines_is_quick(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(big_opml(COUNT), encoding="utf-8")
    assert opml.stat().st_size > 400_000
    data = tmp_path / "data"
    for expected in (f"imported {COUNT} of {COUNT}", f"imported 0 of {COUNT}"):
        started = time.monotonic()
        result = run_cli("--data-dir", str(data), "opml", "import", str(opml), timeout=120)
        took = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        assert expected in result.stdout
        assert took < 10, f"{expected}: {took:.1f} s"
    stored = json.loads((data / "feed_list.json").read_text(encoding="utf-8"))
    assert len(stored["feeds"]) == COUNT + 1  # and the configured default feed


def test_add_feeds_refuses_what_add_feed_would() -> None:
    kept = FeedSpec("Kept", "https://a.example/x")
    new = [
        FeedSpec("Same URL", "HTTPS://A.EXAMPLE:443/x"),
        FeedSpec("", "https://b.example/x"),
        FeedSpec("Bad", "ftp://c.example/x"),
        FeedSpec("New", "https://d.example/x"),
        FeedSpec("New again", "https://d.example/x#top"),
    ]
    feeds, refused = add_feeds([kept], new)
    assert feeds == (kept, new[3])
    assert [(feed.name, str(error)) for feed, error in refused] == [
        ("Same URL", "already in the list as 'Kept': https://a.example/x"),
        ("", "a feed needs a name"),
        ("Bad", "cannot add 'ftp://c.example/x': only http and https feeds are allowed, not ftp"),
        ("New again", "already in the list as 'New': https://d.example/x"),
    ]
