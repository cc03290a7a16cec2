"""The command line over a loopback Hugging Face API (`hf_api`): `list --json` rows carry the
Hugging Face extras where known."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.processes import run_cli
from tests.hf_api_server import HfApi


def _list(data: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("--data-dir", str(data), *args, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_list_json_rows_gain_tldr_keywords_and_organization(hf_api: HfApi, tmp_path: Path) -> None:
    rows = _list(tmp_path / "data", "--feed", hf_api.feed_url, "--date", "2025-11-12")
    assert len(rows) == 40
    by_id = {row["id"]: row for row in rows}
    first = by_id["2511.05689"]
    assert first["keywords"] == ["Foundations Shortcut", "Learning"]
    assert "tldr" not in first and "organization" not in first  # missing is not zero
    rich = [row for row in rows if "tldr" in row and "organization" in row]
    assert rich and all(isinstance(row["tldr"], str) and row["tldr"] for row in rich)
    assert sum("tldr" in row for row in rows) == 20
