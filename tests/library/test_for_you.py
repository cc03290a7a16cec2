"""The "for you" use-case on real files: stars, seeds, negatives, more like this."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from tui.cli.wiring import build_library
from tui.demo.app import DEMO_FEED_FILE, DEMO_FEEDS
from tui.domain.feeds.parse import parse_feed
from tui.domain.feeds.spec import FeedKind
from tui.domain.paper import Marks, Paper
from tui.library.library import Library
from tui.library.refresh import feed_key
from tui.store.cache import PaperCache
from tui.store.examples import NEGATIVES, SEEDS, ExampleStore, StoredExample

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def _library(data_dir: Path) -> tuple[Library, list[Paper]]:
    parsed = parse_feed(DEMO_FEED_FILE.read_bytes(), feed_name="demo", kind=FeedKind.HF_JSON)
    PaperCache(data_dir / "cache").store(feed_key(DEMO_FEEDS[0]), parsed.papers)
    library = build_library(data_dir, DEMO_FEEDS, offline=True, clock=lambda: NOW)
    return library, list(parsed.papers)


def _star(library: Library, papers: list[Paper]) -> None:
    when = NOW.isoformat()
    library.set_marks_sync({p.id: Marks(saved=True, saved_at=when) for p in papers}, papers)


def test_without_examples_every_score_is_zero(tmp_path: Path) -> None:
    library, papers = _library(tmp_path)
    ranked = library.for_you.rank_sync(papers)
    assert {r.score for r in ranked.values()} == {0.0}


def test_stars_rank_their_topic_first_and_say_which_star(tmp_path: Path) -> None:
    library, papers = _library(tmp_path)
    starred = [p for p in papers if "reasoning" in p.title.lower()][:3]
    _star(library, starred)
    ranked = library.for_you.rank_sync(papers)
    rest = sorted((p for p in papers if p not in starred), key=lambda p: -ranked[p.id].score)
    assert ranked[rest[0].id].like_id in {p.id for p in starred}
    assert ranked[rest[0].id].why().startswith("like: ")
    assert ranked[rest[0].id].score > ranked[rest[-1].id].score


def test_a_negative_lowers_the_paper_and_undo_restores_it(tmp_path: Path) -> None:
    library, papers = _library(tmp_path)
    _star(library, papers[:2])
    target = papers[5]
    before = library.for_you.rank_sync(papers)[target.id].score
    library.for_you.less_like_sync(target)
    assert library.for_you.negative_ids_sync() == {target.id}
    assert library.for_you.rank_sync(papers)[target.id].score < before or before == 0.0
    library.for_you.undo_less_like_sync(target.id)
    assert library.for_you.rank_sync(papers)[target.id].score == before


def test_a_bib_seed_works_with_no_star(tmp_path: Path) -> None:
    library, papers = _library(tmp_path)
    model_paper = papers[3]
    bib = tmp_path / "refs.bib"
    title = model_paper.title.replace("{", "").replace("}", "")
    bib.write_text(
        f"@article{{k, title = {{{title}}}, abstract = {{{model_paper.abstract[:400]}}}}}\n",
        encoding="utf-8",
    )
    outcome = library.for_you.seed_sync(bib)
    assert not outcome.failed, outcome.message
    assert "1 new seeds" in outcome.message
    ranked = library.for_you.rank_sync(papers)
    best = max(papers, key=lambda p: ranked[p.id].score)
    assert best.id == model_paper.id
    assert library.for_you.clear_seeds_sync() == 1
    assert library.for_you.seeds_sync() == []


def test_seed_of_a_missing_file_fails_in_one_line(tmp_path: Path) -> None:
    library, _ = _library(tmp_path)
    outcome = library.for_you.seed_sync(tmp_path / "nope.bib")
    assert outcome.failed and "\n" not in outcome.message


def test_more_like_this_finds_papers_sharing_its_words(tmp_path: Path) -> None:
    library, papers = _library(tmp_path)
    found = library.for_you.more_like_sync(papers[0], papers)
    assert found and papers[0].id not in {p.id for p, _ in found}
    scores = [r.score for _, r in found]
    assert scores == sorted(scores, reverse=True)


def test_the_example_file_is_atomic_json_and_sanitised_on_read(tmp_path: Path) -> None:
    store = ExampleStore(tmp_path / "examples.json")
    store.add(SEEDS, [StoredExample("1", "A \x1b[31mred\x1b[0m title", "", "")])
    data = json.loads((tmp_path / "examples.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and "1" in data["seeds"]
    assert store.load(SEEDS)[0].title == "A red title"
    assert store.load(NEGATIVES) == []
    (tmp_path / "examples.json").write_text("{not json", encoding="utf-8")
    assert store.load(SEEDS) == []
