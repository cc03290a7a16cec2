"""The store benchmark runs, keeps every mark, and reports its figures."""

from __future__ import annotations

from tui.demo.bench.store import run


def test_the_benchmark_reports_its_figures_on_a_small_run() -> None:
    figures = run(marks=2_000, months=4, repeats=5)
    assert figures["marks_stored"] == 2_000
    assert figures["partitions"] == 4
    assert 0 < figures["mark_write_ms"] < 1_000
    assert 0 < figures["plain_tinydb_update_ms"] < 1_000
    assert figures["load_all_ms"] > 0
