"""Start-up figures, each from real processes on a pty: time to first paint of the reader on a
warm cache against a bare one-line Textual app (alternated, same run), and the reader's peak
memory and bytes read with a large cache.

The reader runs as a user would start it: ``python -m tui --offline --data-dir DIR --feed URL``
(offline: the feed is never fetched; the cache is what it shows). Its first paint is the frame
showing the abstract of the day's top paper in the preview, so the list and the preview are both
on screen; the empty frame before the cache is read does not count.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from tui.demo.bench.bare_app import BARE_MARKER
from tui.demo.bench.data import (
    BENCH_FEED,
    MARKER_TEXT,
    NEWEST_DAY,
    fill_cache,
    folder_bytes,
    synthetic_papers,
    warm_folder,
)
from tui.demo.bench.pty import PtyRun, child_env, python_module, time_to_paint
from tui.store.locations import CACHE_TOPS

BARE_MODULE = "tui.demo.bench.bare_app"
BARE_CACHED_MODULE = "tui.demo.bench.bare_cached"  # the bare app with the reader's code cache
WARM_UP_MAX_S = 30.0
STALE_TITLE = "Stalemarker: yesterday's top paper"


@dataclass(frozen=True)
class FirstPaint:
    """Seconds to first paint, every run, for the reader and the bare app, in one case of the
    kept first screen (`CASES`)."""

    papers: int
    reader: tuple[float, ...]
    bare: tuple[float, ...]
    reader_peak_rss: int | None
    case: str = "fresh"

    @property
    def reader_median(self) -> float:
        return statistics.median(self.reader)

    @property
    def bare_median(self) -> float:
        return statistics.median(self.bare)

    @property
    def ratios(self) -> tuple[float, ...]:
        """Each reader run over the bare run just before it."""
        return tuple(r / b for r, b in zip(self.reader, self.bare, strict=True))

    @property
    def ratio(self) -> float:
        """The goal's figure: the median of the paired ratios. A pair runs within a second, so
        a burst of load on the machine (frequent here) slows both sides of it; a ratio of the
        two medians mixes runs taken under different load."""
        return statistics.median(self.ratios)

    @property
    def spread(self) -> tuple[float, float]:
        """The lowest and highest paired ratio."""
        return min(self.ratios), max(self.ratios)

    @property
    def ratio_of_medians(self) -> float:
        return self.reader_median / self.bare_median


@dataclass(frozen=True)
class Memory:
    """The reader started on a large cache: its peak RSS, what it read, what the cache holds."""

    papers: int
    days: int
    marks: float
    run: PtyRun
    bare: PtyRun
    cache_bytes: int
    day_file_bytes: int


def reader_command(data_dir: Path) -> list[str]:
    return python_module("tui", "--offline", "--data-dir", str(data_dir), "--feed", BENCH_FEED.url)


def _env(folder: Path) -> dict[str, str]:
    return child_env({"DAILYPAPERS_CONFIG": str(folder / "no-config.toml")})


# The kept first screen (first_screen.json) as a user meets it: of the day the reader opens on,
# not there (a first start, or the file lost), or of yesterday (a newer day fetched since).
CASES = ("fresh", "missing", "stale")


def first_paint(
    papers: int = 5_000,
    repeats: int = 7,
    case: str = "fresh",
    *,
    hub_fields: bool = True,
    code_cache: bool = True,
    bare_code_cache: bool = False,
) -> FirstPaint:
    """Reader and bare app started alternately `repeats` times each, after one untimed warm-up
    of each (bytecode and file caches warm, as on any start after the first). Before each
    reader start the first screen is set up as `case` says; without `hub_fields` the papers
    carry none of Hugging Face's extras (fresh and missing cases); without `code_cache` the
    reader compiles its classes' generated methods at every start (`tui/code_cache.py` off);
    with `bare_code_cache` the bare app has that cache too (`bare_cached.py`)."""
    if case not in CASES:
        raise ValueError(f"no first-paint case {case!r}")
    with tempfile.TemporaryDirectory(prefix="dailypapers-bench-paint-") as tmp:
        folder = Path(tmp)
        data_dir = folder / "data"
        env = _env(folder)
        reader_env = env if code_cache else {**env, "DAILYPAPERS_CODE_CACHE": "off"}
        reader_argv = reader_command(data_dir)
        bare_argv = python_module(BARE_CACHED_MODULE if bare_code_cache else BARE_MODULE)
        time_to_paint(bare_argv, BARE_MARKER, env=env)
        prepare = _prepared(case, data_dir, papers, reader_argv, reader_env, hub_fields)
        reader: list[PtyRun] = []
        bare: list[float] = []
        for _ in range(repeats):
            bare.append(time_to_paint(bare_argv, BARE_MARKER, env=env).seconds)
            prepare()
            reader.append(
                time_to_paint(reader_argv, MARKER_TEXT, env=reader_env, absent=STALE_TITLE)
            )
    rss = [r.peak_rss_bytes for r in reader if r.peak_rss_bytes is not None]
    return FirstPaint(
        papers, tuple(r.seconds for r in reader), tuple(bare), max(rss) if rss else None, case
    )


def _prepared(
    case: str,
    data_dir: Path,
    papers: int,
    argv: list[str],
    env: dict[str, str],
    hub_fields: bool = True,
) -> Callable[[], None]:
    """Fill the data folder for `case` and warm the reader up; what to do before each start.

    Stale: yesterday's papers are cached and shown (so the first screen kept is yesterday's),
    then a newer day is stored, as a `fetch` in between would have. Its top paper has the
    marker; yesterday's has `STALE_TITLE`, which the reader must not show."""
    first_screen = data_dir / "first_screen.json"
    if case != "stale":
        warm_folder(data_dir, papers=papers, days=1, hub_fields=hub_fields)
        _warm_up_reader(argv, data_dir, env)
        return (lambda: first_screen.unlink(missing_ok=True)) if case == "missing" else _nothing
    yesterday = synthetic_papers(papers, newest=NEWEST_DAY - timedelta(days=1), marked=False)
    fill_cache(data_dir, [replace(yesterday[0], title=STALE_TITLE), *yesterday[1:]])
    _warm_up_reader(argv, data_dir, env, marker=STALE_TITLE)
    kept = first_screen.read_bytes()
    fill_cache(data_dir, synthetic_papers(papers, first_id=papers))

    def put_yesterdays_back() -> None:
        first_screen.write_bytes(kept)

    return put_yesterdays_back


def _nothing() -> None:
    return None


def _warm_up_reader(
    argv: list[str], data_dir: Path, env: dict[str, str], marker: str = MARKER_TEXT
) -> None:
    """One start that is left running until it has kept its first screen, as a user's earlier
    session would have. Killed at its first paint instead, it may not have written it yet, and
    then every timed run would read the whole day first (a bimodal benchmark)."""
    first_screen = data_dir / "first_screen.json"
    first_screen.unlink(missing_ok=True)
    time_to_paint(argv, marker, env=env, linger=WARM_UP_MAX_S, until=first_screen.exists)
    if not first_screen.exists():
        raise RuntimeError(f"the warm-up start did not keep its first screen in {first_screen}")


def memory(
    papers: int = 50_000, days: int = 50, read_share: float = 0.5, linger: float = 1.0
) -> Memory:
    """Peak RSS of the reader on a cache of `papers` over `days` days (some of them read),
    measured `linger` seconds after its first paint, when start-up work has finished."""
    with tempfile.TemporaryDirectory(prefix="dailypapers-bench-memory-") as tmp:
        folder = Path(tmp)
        data_dir = folder / "data"
        warm_folder(data_dir, papers=papers, days=days, read_share=read_share)
        env = _env(folder)
        command = reader_command(data_dir)
        _warm_up_reader(command, data_dir, env)
        run = time_to_paint(command, MARKER_TEXT, env=env, linger=linger)
        bare = time_to_paint(python_module(BARE_MODULE), BARE_MARKER, env=env, linger=linger)
        cache = data_dir / "cache"
        day_files = sorted(p for p in cache.rglob("????-??-??.json") if p.parent.name != CACHE_TOPS)
        newest = day_files[-1].stat().st_size if day_files else 0
        return Memory(papers, days, read_share, run, bare, folder_bytes(cache), newest)
