"""Shared helpers for the store tests: child processes that use the store on a real folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def child(script: str, *args: str) -> subprocess.Popen[str]:
    """Start `python -c script args...` with the repository importable."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def temp_files(folder: Path) -> list[Path]:
    """Leftover temp files of an atomic write under `folder` (there should be none)."""
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]
