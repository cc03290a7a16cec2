"""Issue 14's "done when", tried as a new user would: the real reader in tmux over the loopback
Hugging Face API. The TL;DR line shows under titles that have one, `H` lists linked models and
datasets, `w` / `M` show a week and a month, `O` reaches Hugging Face's trending order, `f`
finds a paper from another month and `s` saves it, and `R` reads it section by section, again
offline after that one visit (with its linked artifacts and the trending order kept too)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.e2e.conftest import Tmux
from tests.e2e.processes import app_command, run_cli
from tests.hf_api_server import HfApi

TOP = "The Quest for the Right Mediator"  # the newest day's top paper, by upvotes
TLDR_ROW = "We investigate composed image retrieval with text feedback."  # a TL;DR line
FOUND = "2405.15542"  # "Geometric Deep Learning …", featured on 27 May 2024
QUERY = "geometric deep learning gauges"


def _reader(tmux: Tmux, hf_api: HfApi, data: Path, *extra: str) -> str:
    command = app_command(
        "--data-dir", str(data), "--config", str(data.parent / "none.toml"),
        "--feed", hf_api.feed_url, *extra,
    )  # fmt: skip
    env = {"DAILYPAPERS_HF_API": hf_api.url}
    return tmux.start("reader", command, width=140, height=40, env=env)


def _keys(tmux: Tmux, target: str, *keys: str) -> None:
    """One key at a time, a moment apart (escape then a letter would read as one sequence)."""
    for key in keys:
        tmux.send(target, key)
        time.sleep(0.3)


def _asked(hf_api: HfApi, **wanted: str) -> bool:
    return any(all(q.get(k) == v for k, v in wanted.items()) for q in hf_api.daily_requests())


def test_a_new_user_tries_hugging_face_in_full(tmux: Tmux, hf_api: HfApi, tmp_path: Path) -> None:
    data = tmp_path / "data"
    target = _reader(tmux, hf_api, data)
    tmux.wait_for(target, TOP, timeout=30)
    _keys(tmux, target, "T")
    tmux.wait_for(target, TLDR_ROW)
    _keys(tmux, target, "H")
    screen = tmux.wait_for(target, "Open which one on Hugging Face?")
    assert "model: sato-lab/Model-7B-Instruct" in screen and "dataset: sato-lab/train-mix" in screen
    _keys(tmux, target, "Escape", "w")
    tmux.wait_for(target, "Week 2025-W47 (17 Nov – 23 Nov)")
    _keys(tmux, target, "M")
    tmux.wait_for(target, "November 2025 ·")
    assert _asked(hf_api, week="2025-W47") and _asked(hf_api, month="2025-11")
    _keys(tmux, target, "O", "O", "O", "O")
    tmux.wait_for(target, "by trending (Hugging Face's)")
    assert _asked(hf_api, month="2025-11", sort="trending")
    _keys(tmux, target, "f")
    tmux.send(target, "-l", QUERY)
    _keys(tmux, target, "Enter")
    tmux.wait_for(target, f"Hugging Face search “{QUERY}”")
    tmux.wait_for(target, "Mon 27 May 2024")  # the most relevant answer, another month's
    _keys(tmux, target, "s")
    tmux.wait_for(target, "saved ·")
    _keys(tmux, target, "R")
    tmux.wait_for(target, "Results")  # the table of contents
    _keys(tmux, target, "n")
    tmux.wait_for(target, "The last decade has witnessed")  # the Abstract section
    _keys(tmux, target, "Escape", "q")
    assert tmux.exit_status(target) == 0
    saved = run_cli("--data-dir", str(data), "list", "--saved", "--json")
    assert [row["id"] for row in json.loads(saved.stdout)] == [FOUND]

    tmux.tmux("kill-session", "-t", "reader")
    hf_api.clear_requests()
    target = _reader(tmux, hf_api, data, "--offline")
    tmux.wait_for(target, TOP, timeout=30)
    _keys(tmux, target, "O", "O", "O", "O")
    tmux.wait_for(target, "by trending (Hugging Face's)")  # the month's order, kept
    _keys(tmux, target, "S")
    tmux.wait_for(target, "Saved papers · 1 paper")
    tmux.wait_for(target, "Hugging Face: no linked models")  # kept from the visit
    _keys(tmux, target, "R")
    tmux.wait_for(target, "Results")
    _keys(tmux, target, "n")
    tmux.wait_for(target, "The last decade has witnessed")
    _keys(tmux, target, "Escape", "q")
    assert tmux.exit_status(target) == 0
    assert hf_api.requests == [], "offline: nothing asked"
