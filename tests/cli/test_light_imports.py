"""The one-shot commands that only read the cache stay light: `list --offline` of a cached
day and `--help` import none of Textual, httpx, feedparser or asyncio (together they were
most of a ~400 ms `list --offline`), and the listing comes out in one write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tui.demo.bench.data import fill_cache, synthetic_papers
from tui.domain.feeds.spec import FeedSpec

ROOT = Path(__file__).parents[2]
HEAVY = ("textual", "httpx", "feedparser", "asyncio")
FEED = FeedSpec(name="light", url="http://127.0.0.1:9/rss")

# Runs the command line in-process, then reports what it imported and how stdout was written.
WRAPPER = """
import json, sys
from tui.__main__ import main
writes = []
real_write = sys.stdout.write
def counting(text):
    writes.append(len(text))
    return real_write(text)
sys.stdout.write = counting
try:
    code = main()  # the launcher, as `dailypapers` runs it: arguments from sys.argv
except SystemExit as stop:
    code = stop.code
sys.stdout.write = real_write
print(json.dumps({"code": code, "writes": len(writes), "modules": sorted(sys.modules)}),
      file=sys.stderr)
"""


def _run(tmp_path: Path, *argv: str) -> tuple[dict[str, object], str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DAILYPAPERS_CONFIG": str(tmp_path / "x.toml")}
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True, env=env,
        cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip
    report: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return report, done.stdout


def _heavy(report: dict[str, object]) -> list[str]:
    modules = report["modules"]
    assert isinstance(modules, list)
    return [m for m in modules if m.split(".")[0] in HEAVY]


def test_list_offline_imports_nothing_heavy_and_writes_once(tmp_path: Path) -> None:
    papers = list(synthetic_papers(300))
    fill_cache(tmp_path / "data", papers, FEED)
    argv = ("list", "--offline", "--data-dir", str(tmp_path / "data"), "--feed", FEED.url)
    report, out = _run(tmp_path, *argv)
    assert report["code"] == 0
    assert len(out.splitlines()) == len(papers)
    assert _heavy(report) == []
    assert report["writes"] == 1


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    for flag in ("--version", "--help"):
        report, out = _run(tmp_path, flag)
        assert report["code"] == 0
        assert out.strip()
        assert _heavy(report) == []


# What the kept listing's quick path may load of the package (cli/quick_list.py).
QUICK = {
    "tui", "tui.__main__", "tui.code_cache", "tui.cli", "tui.cli.main", "tui.cli.quick_list",
    "tui.store", "tui.store.listing", "tui.store.names", "tui.store.safe_files",
}  # fmt: skip


def test_list_offline_from_the_kept_listing_loads_almost_nothing(tmp_path: Path) -> None:
    papers = list(synthetic_papers(300))
    fill_cache(tmp_path / "data", papers, FEED)
    argv = ("list", "--offline", "--data-dir", str(tmp_path / "data"), "--feed", FEED.url)
    _, out = _run(tmp_path, *argv)  # the full path, which keeps the listing
    again, out_again = _run(tmp_path, *argv)
    assert again["code"] == 0 and out_again == out
    modules = again["modules"]
    assert isinstance(modules, list)
    assert {m for m in modules if m.split(".")[0] == "tui"} <= QUICK
    assert "dataclasses" not in modules  # with inspect, ~12 ms
    assert again["writes"] == 1
