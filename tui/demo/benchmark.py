"""`python -m tui.demo.benchmark [--quick] [--json]`: the reader's performance against its goals.

Measures, in one run: time to first paint against a bare Textual app (real ptys) with the kept
first screen fresh, missing and stale, cursor-move and filter-keystroke latency with 5,000
papers in view (in-process), the cost of a mark write with 50,000 marks stored, `sync DIR` of
3 machines x 50,000 changes (and one append to a log that long), the day load of 5,000
cached papers, peak memory with 50,000
cached papers, `fetch` of 5,000 items (arXiv RSS, Hugging Face JSON) and
`list --offline` against newsboat's `reload` and `print-unread` on the same items, and parse
throughput for Hugging Face JSON, arXiv RSS and Atom. Prints a table (measure | value | goal |
result) or, with --json, one JSON document. `--quick` uses tiny sizes: a smoke run, not figures.
docs/performance.md holds the latest full-size figures and how to read them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from tui.demo.bench import day_load as bench_day_load
from tui.demo.bench import marks as bench_marks
from tui.demo.bench import parse as bench_parse
from tui.demo.bench import refresh as bench_refresh
from tui.demo.bench import startup as bench_startup
from tui.demo.bench import store as bench_store
from tui.demo.bench import sync as bench_sync
from tui.demo.bench import ui as bench_ui
from tui.demo.bench.apps import KeyTimes
from tui.demo.bench.refresh import Timed

MB = 1_000_000


@dataclass(frozen=True)
class Sizes:
    """How big each measurement is."""

    paint_papers: int = 5_000
    paint_repeats: int = 11
    ui_papers: int = 5_000
    moves: int = 100
    filter_rounds: int = 4
    presses: int = 20
    marks: int = 50_000
    mark_months: int = 24
    mark_repeats: int = 50
    memory_papers: int = 50_000
    memory_days: int = 50
    memory_linger: float = 1.0
    parse_sizes: tuple[int, ...] = (1_000, 5_000)
    parse_repeats: int = 7  # pairs for the JSON ratio: a median of 3 moved by ±0.5x
    refresh_items: int = 5_000
    refresh_repeats: int = 5
    sync_changes: int = 50_000
    sync_repeats: int = 3
    day_papers: int = 5_000
    day_repeats: int = 9


QUICK = Sizes(200, 1, 300, 5, 1, 2, 2_000, 4, 5, 2_000, 4, 0.2, (50,), 1, 50, 1, 1_000, 1, 200, 1)


@dataclass(frozen=True)
class Row:
    """One line of the table; `figures` are the raw numbers behind it (for --json)."""

    measure: str
    value: str
    goal: str = "-"
    result: str = "info"
    figures: dict[str, Any] = field(default_factory=dict)


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


PAINT_CASES = {
    "fresh": "first screen kept, of the day shown",
    "missing": "no first screen kept",
    "stale": "first screen of yesterday, a newer day stored since",
}


def paint_rows(sizes: Sizes) -> list[Row]:
    rows: list[Row] = []
    for case, meaning in PAINT_CASES.items():
        paint = bench_startup.first_paint(sizes.paint_papers, sizes.paint_repeats, case)
        raw = {
            "case": case,
            "reader_s": paint.reader,
            "bare_s": paint.bare,
            "ratios": paint.ratios,
            "ratio": paint.ratio,
            "ratio_of_medians": paint.ratio_of_medians,
        }
        rows.append(
            Row(
                f"first paint, reader / bare, {case} ({meaning}; {paint.papers:,} papers)",
                _paint_value(paint),
                "<= 1.3x",
                verdict(paint.ratio <= 1.3),
                raw,
            )
        )
    like_for_like: dict[str, dict[str, bool]] = {
        "first paint with the code cache off, reader / bare, fresh (DAILYPAPERS_CODE_CACHE=off:"
        " methods and patterns compiled at every start)": {"code_cache": False},
        "first paint with the code cache on both sides, reader / bare with the cache, fresh"
        " (what the reader's own code costs)": {"bare_code_cache": True},
    }
    for measure, options in like_for_like.items():
        paint = bench_startup.first_paint(
            sizes.paint_papers, sizes.paint_repeats, "fresh", **options
        )
        raw = {
            "case": "fresh",
            **options,
            "reader_s": paint.reader,
            "bare_s": paint.bare,
            "ratios": paint.ratios,
            "ratio": paint.ratio,
        }
        rows.append(Row(measure, _paint_value(paint), "-", "info", raw))
    return rows  # fmt: skip


def _paint_value(paint: bench_startup.FirstPaint) -> str:
    low, high = paint.spread
    return (
        f"{paint.ratio:.2f}x (paired, n={len(paint.reader)}, {low:.2f}-{high:.2f}x);"
        f" reader {paint.reader_median:.3f} s, bare {paint.bare_median:.3f} s"
    )


def _key_row(measure: str, times: KeyTimes, goal_ms: float | None) -> Row:
    value = f"median {times.median:.1f} ms, p95 {times.p95:.1f} ms (n={len(times.samples)})"
    raw = {"median_ms": times.median, "p95_ms": times.p95, "samples_ms": times.samples}
    if goal_ms is None:
        return Row(measure, value, figures=raw)
    return Row(measure, value, f"median < {goal_ms:g} ms", verdict(times.median < goal_ms), raw)


def ui_rows(sizes: Sizes) -> list[Row]:
    ui = bench_ui.run(sizes.ui_papers, sizes.moves, sizes.filter_rounds, sizes.presses)
    n = f"{ui.papers:,} papers"
    return [
        _key_row(f"cursor move (j), key to list redrawn, {n}", ui.cursor, 16),
        _key_row("cursor move (j), key to preview settled", ui.cursor_settled, None),
        _key_row(f"filter keystroke, key to list redrawn, {n}", ui.filter, 50),
        _key_row("filter keystroke, key to everything settled", ui.filter_settled, None),
        _key_row("pilot.press + pause round trip, reader", ui.pilot_press_reader, None),
        _key_row("pilot.press + pause round trip, bare app", ui.pilot_press_bare, None),
    ]


def hub_rows(sizes: Sizes) -> list[Row]:
    """Hugging Face's extras (TL;DR lines, keywords, organization, …) on and off: first paint
    (fresh, each paired with the bare app) and cursor moves, measured one after the other."""
    with_hub = bench_startup.first_paint(sizes.paint_papers, sizes.paint_repeats, "fresh")
    without = bench_startup.first_paint(
        sizes.paint_papers, sizes.paint_repeats, "fresh", hub_fields=False
    )
    keys_with = bench_ui.run(sizes.ui_papers, sizes.moves, 1, 1).cursor
    keys_without = bench_ui.run(sizes.ui_papers, sizes.moves, 1, 1, hub_fields=False).cursor
    paint_gap = with_hub.ratio - without.ratio
    key_gap = keys_with.median - keys_without.median
    return [
        Row("Hugging Face extras: first paint / bare, fresh, with vs without",
            f"{with_hub.ratio:.2f}x vs {without.ratio:.2f}x (n={len(with_hub.reader)} pairs each)",
            "with <= without + 0.1x", verdict(paint_gap <= 0.1),
            {"with": with_hub.ratios, "without": without.ratios}),
        Row("Hugging Face extras: cursor move (j), with vs without",
            f"median {keys_with.median:.1f} ms vs {keys_without.median:.1f} ms",
            "with <= without + 2 ms", verdict(key_gap <= 2),
            {"with_ms": keys_with.samples, "without_ms": keys_without.samples}),
    ]  # fmt: skip


def store_rows(sizes: Sizes) -> list[Row]:
    store = bench_store.run(sizes.marks, sizes.mark_months, sizes.mark_repeats)
    write = store["mark_write_ms"]
    n = f"{sizes.marks:,} marks"
    return [
        _day_load_row(sizes),
        Row(f"mark write, {n} stored", f"{write:.2f} ms (median)", "< 10 ms",
            verdict(write < 10), store),
        Row(f"plain TinyDB update, {n} in one file", f"{store['plain_tinydb_update_ms']:.1f} ms",
            "~280 ms (DESIGN.md)"),
        Row(f"load every mark, {n}", f"{store['load_all_ms']:.1f} ms"),
        *_one_file_rows(bench_marks.run()),
    ]  # fmt: skip


def _day_load_row(sizes: Sizes) -> Row:
    day = bench_day_load.run(sizes.day_papers, sizes.day_repeats)
    ms = float(day["load_ms"])  # type: ignore[arg-type]
    return Row(f"day load from the cache, {sizes.day_papers:,} papers (30% read), to the"
               " reader's list with marks",
               f"{ms:.1f} ms (median of {sizes.day_repeats}; JSON parse alone"
               f" {day['json_parse_ms']:.1f} ms, marks {day['marks_ms']:.1f} ms)",
               "< 100 ms", verdict(ms < 100), day)  # fmt: skip


def _one_file_rows(figures: dict[str, float]) -> list[Row]:
    """Writes that must cost what changed however big their one file is (best of 5)."""
    rows = []
    for key, what in (
        ("mark_write_50000_ms", "one-file mark write, 50,000 marks in one partition"),
        ("pin_5000_ms", "one-file save (pinned copy), 5,000 saved papers"),
    ):
        ms = figures[key]
        rows.append(Row(what, f"{ms:.2f} ms (best of 5)", "< 10 ms", verdict(ms < 10), figures))
    return rows  # fmt: skip


def sync_rows(sizes: Sizes) -> list[Row]:
    s = bench_sync.run(sizes.sync_changes, sizes.sync_repeats)
    n = f"3 x {sizes.sync_changes:,} changes"
    return [
        Row(f"sync {n} (sync DIR, end to end)",
            f"{s['full_cpu_s']:.2f} s CPU, {s['full_wall_s']:.2f} s wall (best)", "< 1 s CPU",
            verdict(s["full_cpu_s"] < 1), s),
        Row("sync again, nothing new",
            f"{s['again_cpu_s'] * 1000:.1f} ms CPU, {s['again_wall_s'] * 1000:.1f} ms wall"),
        Row(f"append one change, log of {sizes.sync_changes:,}", f"{s['append_ms']:.2f} ms",
            "< 5 ms", verdict(s["append_ms"] < 5)),
    ]  # fmt: skip


def memory_rows(sizes: Sizes) -> list[Row]:
    m = bench_startup.memory(sizes.memory_papers, sizes.memory_days, linger=sizes.memory_linger)
    rss = m.run.peak_rss_bytes
    where = f"{m.papers:,} papers cached over {m.days} days, {m.marks:.0%} read"
    read = m.run.read_bytes
    # What the reader reads beyond a bare app (mostly its own code, then the day it shows);
    # reading every day of the cache would make it at least the cache's size.
    extra = read - (m.bare.read_bytes or 0) if read is not None else None
    return [
        Row(f"peak RSS, reader, {where}",
            f"{rss / MB:.1f} MB" if rss is not None else "n/a (no /proc)", "< 250 MB",
            verdict(rss is not None and rss < 250 * MB), asdict(m)),
        Row("peak RSS, bare Textual app",
            f"{m.bare.peak_rss_bytes / MB:.1f} MB" if m.bare.peak_rss_bytes else "n/a"),
        Row("bytes read at start-up, reader (rchar: code + data)",
            f"{read / MB:.1f} MB of a {m.cache_bytes / MB:.1f} MB cache"
            f" (newest day file {m.day_file_bytes / MB:.1f} MB)" if read is not None else "n/a",
            "beyond the bare app < 1/4 of the cache",
            verdict(extra is not None and extra < m.cache_bytes / 4)),
    ]  # fmt: skip


def _spread(values: Sequence[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}"


def _against(measure: str, ours: Timed, theirs: Timed | None, limit: float | None) -> Row:
    """Our command's median beside newsboat's, and the median of the paired ratios; with a
    `limit`, the goal is a ratio below it."""
    value = f"{ours.median:.2f} s (n={len(ours.seconds)}, {_spread(ours.seconds)} s)"
    raw: dict[str, Any] = {"seconds": ours.seconds, "median_s": ours.median}
    if theirs is None:
        return Row(measure, value + "; newsboat not installed", figures=raw)
    ratios = ours.over(theirs)
    ratio = statistics.median(ratios)
    raw.update(newsboat_s=theirs.seconds, ratios=ratios, ratio=ratio)
    value += f"; newsboat {theirs.median:.2f} s; ours/newsboat {ratio:.2f}x ({_spread(ratios)}x)"
    if limit is None:
        return Row(measure, value, figures=raw)
    goal = "faster than newsboat" if limit == 1 else f"within {limit:g}x of newsboat"
    return Row(measure, value, goal, verdict(ratio < limit), raw)


def refresh_rows(sizes: Sizes) -> list[Row]:
    r = bench_refresh.run(sizes.refresh_items, sizes.refresh_repeats)
    n = f"{r.items:,}"
    return [
        _against(f"fetch, {n}-item arXiv RSS over loopback, vs newsboat -x reload",
                 r.fetch_rss, r.newsboat_reload, 1),
        _against(f"fetch, {n}-paper Hugging Face JSON over loopback, vs newsboat -x reload (RSS)",
                 r.fetch_hf, r.newsboat_reload, 1),
        _against(f"list --offline, {n} items, vs newsboat -x print-unread",
                 r.list_offline, r.newsboat_print_unread, 2),
        _against(f"list --offline, {n} items, listing not kept (full path), vs print-unread",
                 r.list_full, r.newsboat_print_unread, None),
    ]  # fmt: skip


def parse_rows(sizes: Sizes) -> list[Row]:
    runs = bench_parse.run(sizes.parse_sizes, sizes.parse_repeats)
    rows = [
        Row(f"parse {t.kind}, {t.items:,} items ({t.body_bytes / MB:.1f} MB)",
            f"{t.items_per_second:,.0f} items/s, {t.megabytes_per_second:.1f} MB/s"
            + (f"; json.loads {floor:,.0f} items/s"
               if (floor := t.json_loads_items_per_second) is not None else ""),
            figures={**asdict(t), "ratio": t.ratio})
        for t in runs
    ]  # fmt: skip
    largest = max((t for t in runs if t.ratio is not None), key=lambda t: t.items)
    ratio = largest.ratio or 0.0
    goal = bench_parse.JSON_GOAL
    rows.append(
        Row(f"HF JSON parse / json.loads, {largest.items:,} items",
            f"{ratio:.2f}x ({_spread(largest.ratios)}x)", f"<= {goal:g}x",
            verdict(ratio <= goal), {"ratios": largest.ratios, "ratio": ratio})
    )  # fmt: skip
    return rows


SECTIONS: tuple[Callable[[Sizes], list[Row]], ...] = (
    paint_rows,
    ui_rows,
    hub_rows,
    store_rows,
    sync_rows,
    memory_rows,
    refresh_rows,
    parse_rows,
)


def machine() -> dict[str, str]:
    """Where the figures were taken."""
    try:
        textual = version("textual")
    except PackageNotFoundError:
        textual = "?"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "textual": textual,
    }


def table(rows: Sequence[Row]) -> str:
    """Rows as a Markdown table (readable in a terminal, pasteable into the docs)."""
    header = ("measure", "value", "goal", "result")
    cells = [header, *((r.measure, r.value, r.goal, r.result) for r in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(4)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
             for line in cells]  # fmt: skip
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def run(sizes: Sizes, progress: Callable[[str], None] = lambda _: None) -> list[Row]:
    rows: list[Row] = []
    for section in SECTIONS:
        progress(section.__name__.removesuffix("_rows"))
        rows.extend(section(sizes))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.demo.benchmark", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes (a smoke run)")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    options = parser.parse_args(argv)
    sizes = QUICK if options.quick else Sizes()
    rows = run(sizes, lambda name: print(f"measuring {name}…", file=sys.stderr, flush=True))
    if options.json:
        document = {"machine": machine(), "quick": options.quick, "rows": [asdict(r) for r in rows]}
        print(json.dumps(document, indent=1))
    else:
        print(" · ".join(f"{k} {v}" for k, v in machine().items()))
        print(table(rows))
    return 1 if any(r.result == "FAIL" for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
