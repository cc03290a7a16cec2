"""The sync benchmark runs on a small size, takes the other machines' changes, and reports."""

from __future__ import annotations

from tui.demo.bench.sync import run


def test_the_sync_benchmark_reports_its_figures_on_a_small_run() -> None:
    figures = run(changes=2_000, repeats=1)
    assert figures["changes_per_machine"] == 2_000
    assert 1_000 < figures["taken"] < 4_000  # most of B's and C's winners are new to A
    assert 0 < figures["full_cpu_s"] < 5
    assert 0 <= figures["again_cpu_s"] < figures["full_cpu_s"]
    assert 0 < figures["append_ms"] < 1_000
