"""Synthetic data for the benchmark: many distinct papers made from the bundled sample, and
warm data folders (cache and marks) built through the real stores.

Everything is generated in code from `tui/demo/daily_papers.json`, which ships in the package,
so the benchmark runs from an installed wheel without the repository's tests or fixtures.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from tui.domain.feeds.parse import parse_feed
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.paper import Marks, Paper
from tui.library.refresh import feed_key
from tui.store.cache import PaperCache
from tui.store.marks import MarkStore

SAMPLE_FILE = Path(__file__).parents[1] / "daily_papers.json"
BENCH_FEED = FeedSpec(
    name="Bench", url="https://bench.invalid/api/daily_papers", kind=FeedKind.HF_JSON
)
# The paper the reader shows first (it has the most upvotes): its title tops the list and its
# abstract fills the preview. The pty runs wait for the abstract, so the first paint counted
# is a full first screen (list and preview), not the list alone.
MARKER_TITLE = "Firstpaintmarker: the warm cache paints this title first"
MARKER_TEXT = "Previewmarker"
MARKER_ABSTRACT_START = MARKER_TEXT + ": the preview shows the top paper's abstract. "
NEWEST_DAY = date(2026, 11, 26)
WHEN = "2026-11-26T09:00:00+00:00"


@cache
def sample_papers() -> tuple[Paper, ...]:
    """The bundled sample's papers: real titles (LaTeX included), abstracts and code links."""
    parsed = parse_feed(SAMPLE_FILE.read_bytes(), feed_name="Bench", kind=FeedKind.HF_JSON)
    return tuple(parsed.papers)


def synthetic_papers(
    count: int,
    *,
    days: int = 1,
    newest: date = NEWEST_DAY,
    first_id: int = 0,
    marked: bool = True,
    hub_fields: bool = True,
) -> list[Paper]:
    """`count` papers with distinct arXiv ids spread over `days` days (the newest first).

    Text comes from the sample, cycled; ids, days and upvotes are made up and deterministic.
    Paper 0 is on the newest day and has the most upvotes; with `marked`, also the marker
    title and abstract. Ids count from `first_id`, so two calls can make distinct papers.
    Without `hub_fields`, Hugging Face's extras (TL;DR, keywords, organization, submitter, …)
    are left out: what the reader costs without them.
    """
    base = sample_papers()
    rng = random.Random(count)
    papers = []
    for n in range(count):
        source = base[n % len(base)]
        serial = first_id + n
        marker = marked and n == 0
        papers.append(
            replace(
                source,
                id=f"26{9 + serial % 3:02d}.{serial // 3:05d}",
                title=MARKER_TITLE if marker else source.title,
                abstract=MARKER_ABSTRACT_START + source.abstract if marker else source.abstract,
                day=newest - timedelta(days=n % days),
                upvotes=100_000 if n == 0 else rng.randrange(0, 400),
                feeds=(BENCH_FEED.name,),
            )
        )
    return papers if hub_fields else [_without_hub_fields(p) for p in papers]


def _without_hub_fields(paper: Paper) -> Paper:
    return replace(
        paper,
        tldr=None,
        keywords=(),
        organization=None,
        submitter=None,
        author_participating=None,
        discussion_id=None,
        github_stars=None,
    )


def fill_cache(data_dir: Path, papers: list[Paper], feed: FeedSpec = BENCH_FEED) -> None:
    """Store `papers` in the data folder's cache as if `feed` had delivered them."""
    PaperCache(data_dir / "cache").store(feed_key(feed), papers)


def fill_marks(data_dir: Path, papers: list[Paper], share: float) -> int:
    """Mark a deterministic `share` of `papers` read (a user who has been reading for a while);
    returns how many marks were written."""
    rng = random.Random(len(papers))
    marked = {p.id: Marks(read=True, read_at=WHEN) for p in papers if rng.random() < share}
    MarkStore(data_dir / "marks").set_many(marked)
    return len(marked)


def warm_folder(
    data_dir: Path, *, papers: int, days: int, read_share: float = 0.0, hub_fields: bool = True
) -> None:
    """A data folder as a reader would leave it: `papers` cached over `days` days, some read."""
    made = synthetic_papers(papers, days=days, hub_fields=hub_fields)
    fill_cache(data_dir, made)
    if read_share > 0:
        fill_marks(data_dir, made, read_share)


def folder_bytes(folder: Path) -> int:
    """The size on disk of every file under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
