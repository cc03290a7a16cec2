"""A data folder of the format before the day index is migrated on first start, nothing lost.

The old format (as the last release wrote it) kept each feed's papers in `cache/<feed>/<day>.json`
with no index, let one paper sit on two days (a Hugging Face copy and a mirror's copy), and kept
papers without a day in `undated.json`. The folder below is written byte for byte in that shape.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from tests.e2e.processes import run_cli
from tui.store.cache import PaperCache

OLD_META = {"_meta": {"1": {"schema": 1}}}


def _old_day_file(path: Path, papers: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = {"papers": {str(p["id"]): p for p in papers}}
    path.write_text(json.dumps({**tables, **OLD_META}))


def _old_folder(data: Path) -> None:
    cache = data / "cache"
    hf = cache / "huggingface.co-api-daily_papers-0123456789"
    mirror = cache / "mirror.example-feed.rss-9876543210"
    _old_day_file(
        hf / "2025-11-17.json",
        [
            {"id": "2511.00001", "title": "Featured", "day": "2025-11-17", "upvotes": 9},
            {"id": "2511.00002", "title": "Also featured", "day": "2025-11-17"},
        ],
    )
    _old_day_file(
        mirror / "2025-11-19.json",
        [{"id": "2511.00001", "title": "Featured", "day": "2025-11-19", "feeds": ["Mirror"]}],
    )
    _old_day_file(mirror / "undated.json", [{"id": "guid:abc", "title": "No date at all"}])
    os.utime(mirror / "undated.json", (1_763_600_000, 1_763_600_000))  # 2025-11-20 UTC
    marks = data / "marks"
    marks.mkdir(parents=True)
    (marks / "2511.json").write_text(
        json.dumps(
            {
                "marks": {"2511.00001": {"read": True, "saved": True, "saved_at": "2025-11-18"}},
                **OLD_META,
            }
        )
    )


def test_an_old_cache_moves_every_paper_to_one_day_and_keeps_everything(tmp_path: Path) -> None:
    _old_folder(tmp_path)
    cache = PaperCache(tmp_path / "cache")
    days = cache.day_counts()
    assert days == {date(2025, 11, 17): 2, date(2025, 11, 20): 1}
    on_17 = {p.id: p for p in cache.load_day(date(2025, 11, 17))}
    assert set(on_17) == {"2511.00001", "2511.00002"}
    assert cache.load_day(date(2025, 11, 19)) == [], "the mirror's copy moved to the 17th"
    (undated,) = cache.load_day(date(2025, 11, 20))
    assert undated.id == "guid:abc" and undated.day_source == "first-seen"
    every = {p.id for p in cache.load_all()}
    assert every == {"2511.00001", "2511.00002", "guid:abc"}, "nothing dropped"
    assert PaperCache(tmp_path / "cache").day_counts() == days, "migrated once, stays so"


def test_marks_survive_the_migration_from_the_command_line(tmp_path: Path) -> None:
    _old_folder(tmp_path)
    marks_before = (tmp_path / "marks" / "2511.json").read_bytes()
    result = run_cli("--data-dir", str(tmp_path), "--offline", "list", "--all", "--json")
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"2511.00001", "2511.00002", "guid:abc"}
    assert rows["2511.00001"]["saved"] is True and rows["2511.00001"]["read"] is True
    assert rows["2511.00001"]["day"] == "2025-11-17"
    assert (tmp_path / "marks" / "2511.json").read_bytes() == marks_before, "marks untouched"
    newest = run_cli("--data-dir", str(tmp_path), "--offline", "list", "--json")
    assert {r["id"] for r in json.loads(newest.stdout)} == {"guid:abc"}
