"""The benchmark runs end to end at tiny sizes and prints its table: a smoke test, not timing."""

from __future__ import annotations

import json

import pytest

from tui.demo.benchmark import Row, main, table

GOALS = {
    "first paint, reader / bare, fresh": "<= 1.3x",
    "first paint, reader / bare, missing": "<= 1.3x",
    "first paint, reader / bare, stale": "<= 1.3x",
    "cursor move (j), key to list redrawn": "median < 16 ms",
    "filter keystroke, key to list redrawn": "median < 50 ms",
    "Hugging Face extras: first paint": "with <= without + 0.1x",
    "Hugging Face extras: cursor move": "with <= without + 2 ms",
    "day load from the cache": "< 100 ms",
    "mark write": "< 10 ms",
    "one-file mark write": "< 10 ms",
    "one-file save": "< 10 ms",
    "sync 3 x 1,000 changes": "< 1 s CPU",
    "append one change, log of": "< 5 ms",
    "peak RSS, reader": "< 250 MB",
    "HF JSON parse / json.loads": "<= 3x",
}


@pytest.mark.slow
def test_a_quick_run_reports_every_measure_with_its_goal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["--quick", "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == (1 if any(r["result"] == "FAIL" for r in document["rows"]) else 0)
    assert document["quick"] is True
    assert {"date", "cpus", "python", "textual"} <= document["machine"].keys()
    rows = [Row(**row) for row in document["rows"]]
    assert all(r.result in ("pass", "FAIL", "info") for r in rows)
    for start, goal in GOALS.items():
        [row] = [r for r in rows if r.measure.startswith(start)]
        assert row.goal == goal and row.result in ("pass", "FAIL")
    fetches = [r for r in rows if r.measure.startswith(("fetch, ", "list --offline"))]
    assert len(fetches) == 4 and all(r.figures["median_s"] > 0 for r in fetches)
    kept_listing = next(r for r in fetches if r.measure.startswith("list --offline, 50 items, vs"))
    if "newsboat not installed" not in kept_listing.value:
        assert kept_listing.goal == "within 2x of newsboat"
    parsed = {r.measure.split(",")[0] for r in rows if r.measure.startswith("parse ")}
    assert parsed == {"parse json", "parse rss", "parse atom"}
    cursor = next(r for r in rows if r.measure.startswith("cursor move (j), key to list"))
    assert len(cursor.figures["samples_ms"]) == 5
    assert all(ms > 0 for ms in cursor.figures["samples_ms"])
    paints = [r for r in rows if r.measure.startswith("first paint, reader /")]
    assert [p.figures["case"] for p in paints] == ["fresh", "missing", "stale"]
    assert all(p.figures["ratio"] > 0 and len(p.figures["ratios"]) == 1 for p in paints)
    like_for_like = [r for r in rows if r.measure.startswith("first paint with the code cache")]
    assert [r.figures.get("code_cache", True) for r in like_for_like] == [False, True]
    assert [r.figures.get("bare_code_cache", False) for r in like_for_like] == [False, True]
    assert all(r.result == "info" and r.figures["ratio"] > 0 for r in like_for_like)


def test_the_table_has_one_line_per_row_and_four_columns() -> None:
    rows = [Row("a measure", "1 ms", "< 2 ms", "pass"), Row("another", "3 MB")]
    lines = table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert lines[0].split("|")[1].strip() == "measure"
    assert all(line.count("|") == 5 for line in lines)
    assert "| another " in lines[3] and lines[3].rstrip().endswith("| info   |")


def test_the_paint_ratio_pairs_each_reader_run_with_the_bare_run_beside_it() -> None:
    from tui.demo.bench.startup import FirstPaint

    # The third pair ran during a burst of load that slowed both programs alike.
    paint = FirstPaint(
        papers=1, reader=(0.26, 0.27, 0.52), bare=(0.2, 0.2, 0.5), reader_peak_rss=None
    )
    assert paint.ratio == pytest.approx(1.3)
    assert paint.ratio_of_medians == pytest.approx(1.35)


def test_the_parse_rows_set_hugging_face_json_beside_json_loads() -> None:
    from tui.demo.benchmark import QUICK, parse_rows

    rows = parse_rows(QUICK)
    [json_row] = [r for r in rows if r.measure.startswith("parse json")]
    assert "; json.loads " in json_row.value and json_row.value.endswith(" items/s")
    assert json_row.figures["json_loads_seconds"] > 0
    figures = json_row.figures  # one repeat at the quick size: the one pair's ratio
    assert figures["ratio"] == pytest.approx(figures["seconds"] / figures["json_loads_seconds"])
    [rss_row] = [r for r in rows if r.measure.startswith("parse rss")]
    assert "json.loads" not in rss_row.value and rss_row.figures["ratio"] is None
    [goal] = [r for r in rows if r.measure.startswith("HF JSON parse / json.loads")]
    assert goal.goal == "<= 3x" and goal.result in ("pass", "FAIL")
    assert goal.result == ("pass" if goal.figures["ratio"] <= 3 else "FAIL")
    assert goal.value.startswith(f"{goal.figures['ratio']:.2f}x")
