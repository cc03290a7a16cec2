"""The command line's rough edges of daily use (issue 18): words said once and in the singular,
rules applied by `list` and `export` as by the reader, and exports written as a plain file."""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

from tests.e2e.processes import run_cli
from tests.ui.reader_pilot import hf_item, write_hf_feed

DAY = "2026-11-20"


def _feed(tmp_path: Path, *upvotes: int) -> str:
    items = [hf_item(f"2611.0000{i}", f"Paper {i}", DAY, upvotes=v) for i, v in enumerate(upvotes)]
    return write_hf_feed(tmp_path / "feed.json", items).url


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_fetch_says_one_paper_in_the_singular(tmp_path: Path) -> None:
    feed = _feed(tmp_path, 3)
    result = run_cli("--data-dir", str(tmp_path / "d"), "--feed", feed, "fetch")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("ok: 1 paper"), result.stdout
    two = run_cli("--data-dir", str(tmp_path / "d2"), "--feed", _feed(tmp_path, 3, 4), "fetch")
    assert two.stdout.strip().endswith("ok: 2 papers"), two.stdout


def test_fetch_says_offline_once(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/daily_papers"
    result = run_cli("--data-dir", str(tmp_path / "d"), "--feed", url, "fetch")
    assert result.returncode == 1
    assert "offline: could not reach" in result.stderr, result.stderr
    assert result.stderr.count("offline") == 1, result.stderr


def test_list_and_export_apply_the_rules_unless_no_rules(tmp_path: Path) -> None:
    feed = _feed(tmp_path, 1, 10, 2)
    config = _config(tmp_path, "[rules]\nhide_below_upvotes = 5\n")
    common = ("--data-dir", str(tmp_path / "d"), "--config", config, "--feed", feed)
    listed = run_cli(*common, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [p["upvotes"] for p in json.loads(listed.stdout)] == [10]
    every = run_cli(*common, "--offline", "list", "--json", "--no-rules")
    assert sorted(p["upvotes"] for p in json.loads(every.stdout)) == [1, 2, 10]
    exported = run_cli(*common, "--offline", "export", "--format", "csl-json")
    assert [item["title"] for item in json.loads(exported.stdout)] == ["Paper 1"]
    unruled = run_cli(*common, "--offline", "export", "--format", "csl-json", "--no-rules")
    assert len(json.loads(unruled.stdout)) == 3


def test_export_refuses_a_missing_folder_and_makes_none(tmp_path: Path) -> None:
    feed = _feed(tmp_path, 3)
    target = tmp_path / "missing" / "refs.bib"
    result = run_cli("--data-dir", str(tmp_path / "d"), "--feed", feed, "export", "-o", str(target))
    assert result.returncode == 1
    assert f"no folder {target.parent}" in result.stderr, result.stderr
    assert not target.parent.exists()


def test_export_writes_a_file_with_the_users_umask(tmp_path: Path) -> None:
    feed = _feed(tmp_path, 3)
    target = tmp_path / "refs.bib"
    data = str(tmp_path / "d")
    assert run_cli("--data-dir", data, "--feed", feed, "fetch").returncode == 0
    old = os.umask(0o022)
    try:
        result = run_cli("--data-dir", data, "--feed", feed, "export", "-o", str(target))
    finally:
        os.umask(old)
    assert result.returncode == 0, result.stderr
    assert "wrote 1 entry to" in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    again = run_cli("--data-dir", str(tmp_path / "d"), "--feed", feed, "export", "-o", str(target))
    assert again.returncode == 0, again.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640, "an existing file keeps its mode"
