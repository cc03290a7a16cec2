"""Plain `list --offline` from the kept listing (`store/listing.py`, `cli/quick_list.py`): it
prints exactly what the full path prints, marks included, right after a mark from the `mark`
command or the reader, a store of the day or a config change; a damaged or planted listing is
never printed; output that came with a notice is never kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.reader_pilot import hf_item, write_hf_feed
from tui.cli.quick_list import _plain
from tui.cli.wiring import build_library
from tui.demo.bench.data import fill_cache, synthetic_papers
from tui.domain.feeds.spec import FeedSpec
from tui.domain.paper import Marks
from tui.store.listing import SCHEMA
from tui.store.locations import DataFiles

ROOT = Path(__file__).parents[2]
FEED = FeedSpec(name="kept", url="http://127.0.0.1:9/rss")

# Runs the command line in-process and says on stderr whether the full path was loaded.
WRAPPER = """
import json, sys
from tui.cli.main import main
code = main(sys.argv[1:])
sys.stdout.flush()
print(json.dumps({"code": code, "full": "tui.cli.parser" in sys.modules}), file=sys.stderr)
"""


def _cli(tmp_path: Path, *argv: str, config: str = "x.toml") -> tuple[str, bool]:
    """stdout of `dailypapers ARGV` over tmp_path's data folder, and whether the full path ran."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DAILYPAPERS_CONFIG": str(tmp_path / config)}
    env.pop("DAILYPAPERS_DATA_DIR", None)
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *argv, "--data-dir", str(tmp_path / "data")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return done.stdout, report["full"]


def _listed(tmp_path: Path, config: str = "x.toml") -> tuple[str, bool]:
    return _cli(tmp_path, "list", "--offline", config=config)


def _full(tmp_path: Path, config: str = "x.toml") -> str:
    """What the full path prints now (the kept listing removed first)."""
    DataFiles(tmp_path / "data").listing_file.unlink(missing_ok=True)
    out, full = _listed(tmp_path, config)
    assert full
    return out


def _line_of(out: str, paper_id: str) -> str:
    return next(line for line in out.splitlines() if f" {paper_id} " in line)


@pytest.fixture
def cached(tmp_path: Path) -> list[str]:
    papers = list(synthetic_papers(60))
    fill_cache(tmp_path / "data", papers, FEED)
    return [p.id for p in papers]


def test_the_second_list_is_the_kept_one_and_the_same(tmp_path: Path, cached: list[str]) -> None:
    first, full = _listed(tmp_path)
    assert full and len(first.splitlines()) == len(cached)
    assert DataFiles(tmp_path / "data").listing_file.is_file()
    again, full = _listed(tmp_path)
    assert not full
    assert again == first


def test_marks_from_mark_and_from_the_reader_show_at_once(
    tmp_path: Path, cached: list[str]
) -> None:
    one, two = cached[0], cached[1]
    _listed(tmp_path)
    assert _line_of(_listed(tmp_path)[0], one).startswith(" •")  # unread, not saved
    _cli(tmp_path, "mark", one, "--read")
    out, full = _listed(tmp_path)
    assert not full  # only marks changed: the kept lines, fresh flags (cli/reflag.py)
    assert _line_of(out, one).startswith("  ")
    assert _listed(tmp_path) == (out, False)  # kept again, flags and all
    assert out == _full(tmp_path)
    _cli(tmp_path, "mark", one, "--save")  # also pins a copy in the cache: the full path
    out, _ = _listed(tmp_path)
    assert _line_of(out, one).startswith("* ")
    assert out == _full(tmp_path)
    library = build_library(tmp_path / "data", [FEED], offline=True)
    for marks in (Marks(saved=True), Marks(read=True), Marks()):  # quick changes, one file
        library.set_marks_sync({two: marks})
        out, full = _listed(tmp_path)
        flags = ("*" if marks.saved else " ") + (" " if marks.read else "•")
        assert not full and _line_of(out, two).startswith(flags), (marks, _line_of(out, two))
    assert out == _full(tmp_path)


def test_a_mark_of_a_paper_of_another_month_appears_too(tmp_path: Path) -> None:
    papers = list(synthetic_papers(30))  # their ids fall in three arXiv months
    fill_cache(tmp_path / "data", papers, FEED)
    _listed(tmp_path)
    months = {p.id[:4]: p.id for p in papers}
    library = build_library(tmp_path / "data", [FEED], offline=True)
    library.set_marks_sync({pid: Marks(read=True) for pid in months.values()})
    out, full = _listed(tmp_path)  # first marks of those months: files that were missing
    assert not full
    assert all(_line_of(out, pid).startswith("  ") for pid in months.values())
    assert out == _full(tmp_path)


def test_a_stored_day_and_a_config_change_show_at_once(tmp_path: Path, cached: list[str]) -> None:
    _listed(tmp_path)
    more = [p for p in synthetic_papers(80) if p.id not in cached]
    fill_cache(tmp_path / "data", more, FEED)
    out, full = _listed(tmp_path)
    assert full and len(out.splitlines()) == len(cached) + len(more)
    by_upvotes = out
    (tmp_path / "x.toml").write_text('sort = "title"\n', encoding="utf-8")
    out, full = _listed(tmp_path)
    assert full and out != by_upvotes
    assert sorted(out.splitlines()) == sorted(by_upvotes.splitlines())
    assert _listed(tmp_path) == (out, False)


def test_a_damaged_or_planted_listing_is_never_printed(tmp_path: Path, cached: list[str]) -> None:
    truth, _ = _listed(tmp_path)
    listing = DataFiles(tmp_path / "data").listing_file
    header = listing.read_bytes().split(b"\n", 1)[0]

    def planted(body: bytes) -> bytes:  # inputs as they are, the body's length right
        return json.dumps({**json.loads(header), "bytes": len(body)}).encode() + b"\n" + body

    listing.write_bytes(planted(truth.encode()))
    assert _listed(tmp_path) == (truth, False)  # a planted body would be printed as it is...
    for damaged in (
        planted(b"\x1b]0;owned\x07" + truth.encode()),  # not plain text
        planted("x \u202e y\n".encode()),  # a bidi override
        planted(truth.encode() + b"\x00" * 8),  # the zeros a crash can leave
        header + b"\n" + truth.encode()[:-10],  # cut short
        header[:-5] + b"\n" + truth.encode(),  # a header cut short
        json.dumps({"schema": SCHEMA + 1}).encode() + b"\nnot this\n",
        b"",
    ):
        listing.write_bytes(damaged)
        out, full = _listed(tmp_path)
        assert full and out == truth  # ...but not one that is not plain text or not whole


def test_output_with_a_notice_is_not_kept(tmp_path: Path, cached: list[str]) -> None:
    (tmp_path / "bad.toml").write_text("sort = 5\n", encoding="utf-8")
    _listed(tmp_path, "bad.toml")
    assert not DataFiles(tmp_path / "data").listing_file.exists()
    assert _listed(tmp_path, "bad.toml")[1]


def test_after_a_fetch_the_first_list_keeps_the_new_listing(tmp_path: Path) -> None:
    # fetch itself keeps none (that took a second day load, ~0.1 s of every fetch, and fetch is
    # measured against newsboat's reload); the first list after it takes the full path once.
    items = [hf_item(f"2611.0000{i}", f"Paper {i}", "2026-11-20", upvotes=i) for i in range(5)]
    feed = write_hf_feed(tmp_path / "feed.json", items).url
    _cli(tmp_path, "fetch", "--feed", feed)
    out, full = _listed(tmp_path)
    assert full
    assert [line.split()[1] for line in out.splitlines()] == ["4", "3", "2", "1", "0"]
    again, full = _listed(tmp_path)
    assert not full and again == out == _full(tmp_path)


@pytest.mark.parametrize(
    ("argv", "folders"),
    [
        (["list", "--offline"], (None, None)),
        (["--offline", "--data-dir", "d", "list", "--data-dir=e"], ("e", None)),
        (["--feed", "u", "list", "--offline", "--config", "c"], (None, "c")),
        (["list", "--offline", "--json"], None),
        (["list", "--offline", "--date", "2026-11-20"], None),
        (["list", "--off"], None),
        (["list"], None),
        (["list", "--offline", "--data-dir"], None),
        (["list", "--offline", "list"], None),
        (["fetch", "--offline"], None),
    ],
)
def test_only_the_plain_command_line_is_taken(
    argv: list[str], folders: tuple[str | None, str | None] | None
) -> None:
    assert _plain(argv) == folders


@pytest.mark.parametrize("odd", ["\ufe0f", "\U0001f3fd", "\x1b[2J", "\u202e", "\x85", "\u2028"])
def test_text_the_output_filter_would_change_is_not_plain(odd: str) -> None:
    from tui.store.listing import _plain

    for text in (f"a {odd} b\n", f"• a{odd}\n"):
        assert not _plain(text, text.encode("utf-8", "surrogatepass"))
    assert _plain("• a ❤ b\n", "• a ❤ b\n".encode())
