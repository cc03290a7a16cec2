"""The "for you" benchmark runs and reports both figures (tiny sizes: the numbers mean nothing)."""

from __future__ import annotations

from tui.demo.bench.ranking import bench_ranking, main


def test_bench_ranking_reports_cold_and_warm(capsys: object) -> None:
    found = bench_ranking(30, 5, repeat=1)
    assert set(found) == {"cold_ms", "warm_ms"}
    assert found["cold_ms"] >= found["warm_ms"] >= 0
    assert main(["20", "3"]) == 0
