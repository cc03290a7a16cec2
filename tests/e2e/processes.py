"""Running the real `python -m tui` as a child process: command line, environment, one-shot run.

Shared by the tmux tests, the hostile-network tests and tests/cli/test_cli.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
HF_FIXTURE = FIXTURES / "hf_daily.json"


def app_command(*args: str) -> list[str]:
    """The reader's command line: this interpreter, the package from the repository."""
    return [sys.executable, "-m", "tui", *args]


def app_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a child `python -m tui`: the repo importable, no proxy, no display.

    COLUMNS and LINES go too: Textual prefers them to the terminal's real size.
    """
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    for name in (
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "DAILYPAPERS_DATA_DIR",
        "DAILYPAPERS_CONFIG",
        "COLUMNS",
        "LINES",
    ):
        env.pop(name, None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.update(extra or {})
    return env


def run_cli(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tui ARGS` to completion and capture its output."""
    return subprocess.run(
        app_command(*args),
        cwd=REPO,
        env=app_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
