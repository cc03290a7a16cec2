"""A graphical browser that fails never hands the link to a console browser (bad-inputs row 48).

A real reader in tmux with a stale DISPLAY, a configured graphical browser (`BROWSER`) that
fails at once, and a console browser (`w3m`) installed on PATH: `o` must copy and show the link.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import Tmux, wait_until
from tests.e2e.processes import HF_FIXTURE, app_command
from tests.e2e.test_tmux_reader import TODAY_ID, TODAY_TITLE, buffer_text


def script(path: Path, body: str) -> Path:
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("configured", ["BROWSER", "config"])
def test_a_failing_graphical_browser_never_falls_through_to_w3m(
    tmux: Tmux, tmp_path: Path, configured: str
) -> None:
    tried, console = tmp_path / "graphical-tried", tmp_path / "w3m-ran"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("w3m", "lynx", "www-browser", "links", "elinks"):
        script(bin_dir / name, f"touch {console}")
    firefox = script(bin_dir / "firefox", f"touch {tried}\necho 'Error: no DISPLAY' >&2\nexit 1")
    env = {"DISPLAY": ":99", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    args = ["--data-dir", str(tmp_path / "data"), "--feed", str(HF_FIXTURE)]
    if configured == "BROWSER":
        env["BROWSER"] = str(firefox)
    else:
        config = tmp_path / "config.toml"
        config.write_text(f'browser = ["{firefox}"]\n')
        args += ["--config", str(config)]
    target = tmux.start("reader", app_command(*args), env=env)
    tmux.wait_for(target, TODAY_TITLE)
    tmux.send(target, "o")
    wait_until(tried.exists, 10, "the configured browser was not tried")
    screen = tmux.wait_for(target, "link copied")
    url = f"https://huggingface.co/papers/{TODAY_ID}"
    wait_until(lambda: buffer_text(tmux) == url, 10, "the paper's URL was not copied")
    assert not console.exists(), "a console browser was started over the reader"
    assert "Error: no DISPLAY" not in screen
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0
