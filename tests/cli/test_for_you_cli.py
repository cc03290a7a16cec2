"""`seed FILE | --list | --clear` and `--sort for-you`, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.processes import run_cli
from tui.demo.app import DEMO_FEED_FILE


def _cli(data: Path, *args: str) -> Any:
    return run_cli("--data-dir", str(data), "--config", str(data / "none.toml"), *args)


def _listed(data: Path, *args: str) -> list[dict[str, Any]]:
    result = _cli(data, "--feed", str(DEMO_FEED_FILE), "--offline", "list", "--json", *args)
    assert result.returncode == 0, result.stderr
    papers: list[dict[str, Any]] = json.loads(result.stdout)
    return papers


def test_a_bib_seed_ranks_its_paper_first_with_no_star(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _cli(data, "--feed", str(DEMO_FEED_FILE), "fetch").returncode == 0
    plain = _listed(data, "--all")
    target = plain[len(plain) // 2]
    abstract = DEMO_FEED_FILE.read_text(encoding="utf-8")  # the abstract, from the sample
    entry = next(i["paper"] for i in json.loads(abstract) if i["paper"]["id"] == target["id"])
    bib = tmp_path / "refs.bib"
    title = target["title"].replace("{", "").replace("}", "")
    summary = entry["summary"].replace("{", "").replace("}", "")
    bib.write_text(f"@misc{{k,\n  title = {{{title}}},\n  abstract = {{{summary}}}\n}}\n")
    seeded = _cli(data, "seed", str(bib))
    assert seeded.returncode == 0, seeded.stderr
    assert "1 new seeds" in seeded.stderr

    ranked = _listed(data, "--all", "--sort", "for-you")
    assert ranked[0]["id"] == target["id"]
    assert ranked[0]["for_you"]["score"] > ranked[-1]["for_you"]["score"]
    assert sorted(p["id"] for p in ranked) == sorted(p["id"] for p in plain)
    assert ranked[1]["for_you"]["why"].startswith("like: ")

    listing = _cli(data, "seed", "--list")
    assert listing.returncode == 0 and title[:20] in listing.stdout
    assert _cli(data, "seed", "--clear").returncode == 0
    assert _cli(data, "seed", "--list").stdout == ""
    again = _listed(data, "--all", "--sort", "for-you")
    assert {p["for_you"]["score"] for p in again} == {0.0}


def test_seed_problems_are_one_line_and_exit_1_or_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    missing = _cli(data, "seed", str(tmp_path / "nope.bib"))
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1
    empty = tmp_path / "empty.bib"
    empty.write_text("nothing here")
    assert _cli(data, "seed", str(empty)).returncode == 1
    assert _cli(data, "seed").returncode == 2


def test_export_sorted_for_you(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _cli(data, "--feed", str(DEMO_FEED_FILE), "fetch").returncode == 0
    exported = _cli(
        data, "--feed", str(DEMO_FEED_FILE), "--offline", "export", "--sort", "for-you",
        "--format", "csl-json",
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)
