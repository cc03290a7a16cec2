"""The day-load benchmark runs, loads every paper, and reports its figures."""

from __future__ import annotations

from tui.demo.bench.day_load import run


def test_the_benchmark_reports_its_figures_on_a_small_run() -> None:
    figures = run(papers=300, repeats=3)
    assert figures["papers"] == 300
    assert isinstance(figures["samples_ms"], list) and len(figures["samples_ms"]) == 3
    for name in ("load_ms", "json_parse_ms", "marks_ms"):
        assert 0 < float(figures[name]) < 10_000  # type: ignore[arg-type]
    assert int(figures["day_file_bytes"]) > 300 * 500  # type: ignore[call-overload]
