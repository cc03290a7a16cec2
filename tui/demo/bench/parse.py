"""Parse throughput of `tui.domain.feeds.parse_feed`: Hugging Face JSON, arXiv listing RSS and
arXiv API Atom bodies of a given number of items, generated here from the bundled sample.

Bodies are built in code (the benchmark ships in the package and must not read the repository's
tests or shared fixtures); their items look like the real feeds' items (see tests/fixtures).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from tui.demo.bench.data import synthetic_papers
from tui.domain.feeds.parse import parse_feed
from tui.domain.feeds.spec import FeedKind
from tui.domain.paper import Paper

DAY = date(2026, 11, 26)


JSON_GOAL = 3.0  # Hugging Face JSON parses at no less than a third of json.loads' rate


@dataclass(frozen=True)
class Throughput:
    """One format at one size: median seconds per parse, and the rates that follow. For
    JSON also `json.loads` on the same bytes, timed right after each parse (the floor: ours
    decodes the same JSON, then checks and cleans every field), and ours / json.loads of
    each pair; their median is the ratio, so a burst of load that slows both cancels out."""

    kind: str
    items: int
    body_bytes: int
    seconds: float
    json_loads_seconds: float | None = None
    ratios: tuple[float, ...] = ()

    @property
    def items_per_second(self) -> float:
        return self.items / self.seconds

    @property
    def json_loads_items_per_second(self) -> float | None:
        seconds = self.json_loads_seconds
        return None if seconds is None else self.items / seconds

    @property
    def ratio(self) -> float | None:
        """Ours / json.loads, in time (median of the pairs); None for XML."""
        return statistics.median(self.ratios) if self.ratios else None

    @property
    def megabytes_per_second(self) -> float:
        return self.body_bytes / 1_000_000 / self.seconds


def hf_json_body(papers: list[Paper]) -> bytes:
    """A Hugging Face `/api/daily_papers` response."""
    entries = []
    for n, p in enumerate(papers):
        inner: dict[str, object] = {
            "id": p.id,
            "authors": [{"_id": f"{n:08x}{k:04x}", "name": a} for k, a in enumerate(p.authors)],
            "publishedAt": "2026-11-25T17:59:58.000Z",
            "submittedOnDailyAt": f"{DAY.isoformat()}T00:21:07.497Z",
            "title": p.title,
            "summary": p.abstract,
            "upvotes": p.upvotes,
            "discussionId": f"{n:024x}",
        }
        if p.github:
            inner.update(githubRepo=p.github, githubStars=p.github_stars or 0)
        entries.append(
            {
                "paper": inner,
                "publishedAt": "2026-11-25T13:59:58.000Z",
                "title": p.title,
                "summary": p.abstract,
                "numComments": n % 7,
            }
        )
    return json.dumps(entries).encode("utf-8")


def arxiv_rss_body(papers: list[Paper]) -> bytes:
    """An arXiv listing RSS 2.0 feed (``Announce Type``, ``Abstract:``, ``dc:creator``)."""
    items = [
        "<item>\n"
        f"<title>{escape(p.title)}</title>\n"
        f"<link>https://arxiv.org/abs/{p.id}</link>\n"
        f"<description>arXiv:{p.id}v1 Announce Type: new \nAbstract: {escape(p.abstract)}"
        "</description>\n"
        f'<guid isPermaLink="false">oai:arXiv.org:{p.id}v1</guid>\n'
        "<category>cs.LG</category>\n<category>cs.AI</category>\n"
        "<pubDate>Thu, 26 Nov 2026 00:00:00 -0500</pubDate>\n"
        "<arxiv:announce_type>new</arxiv:announce_type>\n"
        f"<dc:creator>{escape(', '.join(p.authors))}</dc:creator>\n"
        "</item>\n"
        for p in papers
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:arxiv="http://arxiv.org/schemas/atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        "<title>cs.LG updates on arXiv.org</title>\n<link>https://arxiv.org/</link>\n"
        "<description>Benchmark feed</description>\n" + "".join(items) + "</channel>\n</rss>\n"
    ).encode("utf-8")


def arxiv_atom_body(papers: list[Paper]) -> bytes:
    """An arXiv API Atom response (``arxiv:primary_category``, one ``author`` per name)."""
    entries = [
        "<entry>\n"
        f"<id>http://arxiv.org/abs/{p.id}v1</id>\n"
        "<published>2026-11-25T13:46:39-05:00</published>\n"
        "<updated>2026-11-25T15:00:00-05:00</updated>\n"
        f"<title>{escape(p.title)}</title>\n"
        f"<summary>{escape(p.abstract)}</summary>\n"
        + "".join(f"<author><name>{escape(a)}</name></author>\n" for a in p.authors)
        + f'<link href="http://arxiv.org/abs/{p.id}v1" rel="alternate" type="text/html"/>\n'
        '<arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>\n'
        '<category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>\n'
        "</entry>\n"
        for p in papers
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
        "<title>arXiv Query</title>\n<id>http://arxiv.org/api/bench</id>\n"
        "<updated>2026-11-26T00:00:00-05:00</updated>\n" + "".join(entries) + "</feed>\n"
    ).encode("utf-8")


BODIES: dict[str, tuple[FeedKind, Callable[[list[Paper]], bytes]]] = {
    "json": (FeedKind.HF_JSON, hf_json_body),
    "rss": (FeedKind.RSS, arxiv_rss_body),
    "atom": (FeedKind.ATOM, arxiv_atom_body),
}


def measure(kind: str, items: int, repeats: int) -> Throughput:
    """Median time of `parse_feed` on a generated body; checks every item came out. Times
    are CPU time (`process_time`): a parse is one thread's work, and on a shared machine the
    wall clock also counts the moments the process waited for a core."""
    feed_kind, make_body = BODIES[kind]
    body = make_body(synthetic_papers(items))
    times: list[float] = []
    floors: list[float] = []
    for _ in range(repeats):
        start = time.process_time()
        parsed = parse_feed(
            body, feed_name="Bench", kind=feed_kind, default_day=DAY, max_bytes=len(body) + 1
        )
        times.append(time.process_time() - start)
        if len(parsed.papers) != items:
            raise RuntimeError(f"{kind}: {len(parsed.papers)} of {items} items parsed")
        if feed_kind is FeedKind.HF_JSON:
            start = time.process_time()
            json.loads(body)
            floors.append(time.process_time() - start)
    if not floors:
        return Throughput(kind, items, len(body), statistics.median(times))
    ratios = tuple(ours / floor for ours, floor in zip(times, floors, strict=True))
    median = statistics.median
    return Throughput(kind, items, len(body), median(times), median(floors), ratios)


def run(sizes: tuple[int, ...] = (1_000, 5_000), repeats: int = 3) -> list[Throughput]:
    """Every format at every size."""
    return [measure(kind, items, repeats) for kind in BODIES for items in sizes]
