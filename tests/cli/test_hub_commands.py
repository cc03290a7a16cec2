"""The command line over a loopback Hugging Face API (`hf_api`): `list --json` rows carry the
Hugging Face extras where known."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from tests.e2e.processes import run_cli
from tests.hf_api_server import HfApi
from tests.library.test_trending import api_trending
from tui.domain.periods import parse_month
from tui.library.trending import Scope


def _list(data: Path, *args: str) -> list[dict[str, Any]]:
    result = run_cli("--data-dir", str(data), "list", "--json", *args)
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


def _ids_of(hf_api: HfApi, *days: str) -> set[str]:
    return {e["paper"]["id"] for day in days for e in hf_api.days[day]}


def test_list_week_asks_for_the_week_and_pages_it(hf_api: HfApi, tmp_path: Path) -> None:
    data = tmp_path / "data"
    rows = _list(data, "--feed", hf_api.feed_url, "--week", "2025-W46")
    expected = _ids_of(hf_api, "2025-11-14", "2025-11-13", "2025-11-12")
    assert len(expected) == 101  # one more than a page of 100
    assert {row["id"] for row in rows} == expected
    weeks = [q for q in hf_api.daily_requests() if q.get("week") == "2025-W46"]
    assert [q.get("p", "0") for q in weeks] == ["0", "1"]
    days = [row["day"] for row in rows]
    assert days == sorted(days, reverse=True)  # newest day first
    hf_api.clear_requests()
    again = _list(data, "--feed", hf_api.feed_url, "--offline", "--week", "2025-W46")
    assert {row["id"] for row in again} == expected and not hf_api.daily_requests()


def test_list_month_and_trending(hf_api: HfApi, tmp_path: Path) -> None:
    data = tmp_path / "data"
    rows = _list(data, "--feed", hf_api.feed_url, "--month", "2025-11", "--sort", "trending")
    assert any(q.get("month") == "2025-11" for q in hf_api.daily_requests())
    assert any(
        q.get("month") == "2025-11" and q.get("sort") == "trending" for q in hf_api.daily_requests()
    )
    assert "2024-05-27" not in {row["day"] for row in rows}
    assert {row["day"][:7] for row in rows} == {"2025-11"}
    expected = api_trending(hf_api, Scope(period=parse_month("2025-11")))
    assert [row["id"] for row in rows][: len(expected)] == expected


def test_list_sort_trending_asks_hugging_face_and_keeps_its_order_offline(
    hf_api: HfApi, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    args = ("--feed", hf_api.feed_url, "--date", "2025-11-18", "--sort", "trending")
    rows = _list(data, *args)
    asked = [q for q in hf_api.daily_requests() if q.get("sort") == "trending"]
    assert asked and {q["date"] for q in asked} == {"2025-11-18"}
    expected = api_trending(hf_api, Scope(day=date(2025, 11, 18)))
    ids = [row["id"] for row in rows]
    assert ids[: len(expected)] == expected
    by_votes = [row["id"] for row in _list(data, *args[:4], "--offline", "--sort", "upvotes")]
    assert by_votes != ids
    hf_api.clear_requests()
    again = _list(data, *args, "--offline")
    assert [row["id"] for row in again] == ids and hf_api.requests == []


def test_a_bad_week_is_bad_usage(tmp_path: Path) -> None:
    result = run_cli("--data-dir", str(tmp_path), "list", "--week", "2025-47")
    assert result.returncode == 2 and "not a week" in result.stderr


def test_search_asks_the_api_named_by_the_environment(hf_api: HfApi, tmp_path: Path) -> None:
    env = {"DAILYPAPERS_HF_API": hf_api.url}
    result = run_cli(
        "--data-dir", str(tmp_path), "search", "foundations", "shortcut", "--json", env=env
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    by_id = {row["id"]: row for row in rows}
    assert "2511.05689" in by_id and len(rows) == 4  # every word, in title or abstract
    first = by_id["2511.05689"]
    assert first["saved"] is False and first["keywords"] == ["Foundations Shortcut", "Learning"]
    asked = hf_api.requests_to("/api/papers/search")
    assert asked == [{"q": "foundations shortcut", "limit": "100"}]
    plain = run_cli("--data-dir", str(tmp_path), "search", "shortcut", env=env)
    assert (
        "2511.05689" in plain.stdout and "On the Foundations of Shortcut Learning" in plain.stdout
    )


def test_search_offline_or_refused_says_why_and_fails(hf_api: HfApi, tmp_path: Path) -> None:
    env = {"DAILYPAPERS_HF_API": hf_api.url}
    offline = run_cli("--data-dir", str(tmp_path), "--offline", "search", "x", env=env)
    assert offline.returncode == 1 and "Offline" in offline.stderr
    assert hf_api.requests_to("/api/papers/search") == []
    refused = run_cli("--data-dir", str(tmp_path), "search", "y" * 300, env=env)
    assert refused.returncode == 0  # cut to the API's 250 characters, not refused
    assert len(hf_api.requests_to("/api/papers/search")[0]["q"]) == 250
    none = run_cli("--data-dir", str(tmp_path), "search", "zzzz-nothing", env=env)
    assert none.returncode == 0 and none.stdout == "" and "No paper" in none.stderr
