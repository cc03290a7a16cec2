"""A read-only data folder at quit: the user is told what was not saved and where it went.

A real read-only file system (a tmpfs remounted read-only; skipped where mounting is not
allowed) under the real reader in tmux: save a paper, quit, read the terminal.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Tmux
from tests.e2e.processes import HF_FIXTURE, app_command, run_cli
from tests.e2e.test_tmux_reader import TODAY_ID, TODAY_TITLE


def mount(*args: str) -> bool:
    done = subprocess.run(["mount", *args], capture_output=True, timeout=20, check=False)
    return done.returncode == 0


@pytest.fixture
def read_only_data(tmp_path: Path) -> Iterator[Path]:
    """A data folder with a cache in it, on a file system that then turns read-only."""
    data = tmp_path / "data"
    data.mkdir()
    if not mount("-t", "tmpfs", "-o", "size=16m", "tmpfs", str(data)):
        pytest.skip("cannot mount a tmpfs here")
    try:
        fetched = run_cli("--data-dir", str(data), "--feed", str(HF_FIXTURE), "fetch")
        assert fetched.returncode == 0, fetched.stderr
        assert mount("-o", "remount,ro", str(data))
        yield data
    finally:
        subprocess.run(["umount", "-l", str(data)], capture_output=True, timeout=20, check=False)


def test_a_mark_refused_at_quit_is_kept_elsewhere_and_said(
    tmux: Tmux, tmp_path: Path, read_only_data: Path
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    command = app_command("--data-dir", str(read_only_data), "--feed", str(HF_FIXTURE))
    target = tmux.start("reader", command, env={"TMPDIR": str(temp)})
    tmux.wait_for(target, TODAY_TITLE)
    tmux.send(target, "s")
    tmux.wait_for(target, "★")
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 1
    [kept] = list(temp.glob("dailypapers-unsaved-*.json"))
    shown = tmux.tmux("capture-pane", "-p", "-S", "-100", "-t", target).stdout  # with history
    said = "".join(shown.split())  # lines wrap anywhere: compare without spaces
    for part in ("1 mark change could not be saved in", "Read-only file system", f"kept in {kept}"):
        assert "".join(part.split()) in said
    assert json.loads(kept.read_text())["marks"][TODAY_ID]["saved"] is True
    assert kept.stat().st_mode & 0o077 == 0
