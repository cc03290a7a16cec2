"""A tmux harness for end-to-end tests: the real reader in a real terminal, driven by keys.

Each test gets its own tmux server on a private socket (`tmux -L <unique>`), started with no
user configuration but `set-clipboard on` (so OSC 52 reaches tmux's paste buffer),
sessions of a fixed size, `remain-on-exit` so an exit status can be read, `exit-empty off`
so killing the last session does not race the next one against a server shutting down,
and `kill-server` in teardown. Tests that need tmux are skipped when it is not installed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from tests.e2e.processes import REPO, app_env


class Tmux:
    """One private tmux server. Targets are session names (one pane each) or `session:window`."""

    def __init__(self, workdir: Path) -> None:
        self.socket = f"dp-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.workdir = workdir
        self.config = workdir / "tmux.conf"
        self.config.write_text(
            "set -g remain-on-exit on\n"
            "set -s exit-empty off\n"
            "set -g set-clipboard on\n"
            "set -g history-limit 2000\n"
            "set -g default-terminal tmux-256color\n"
        )

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=check,
        )

    def start(
        self,
        name: str,
        command: Sequence[str],
        *,
        width: int = 120,
        height: int = 30,
        env: Mapping[str, str] | None = None,
        window: str | None = None,
    ) -> str:
        """A new detached session of a fixed size whose pane `exec`s `command`; its target."""
        named = ["-n", window] if window else []
        self.tmux(
            "new-session", "-d", "-s", name, *named, "-x", str(width), "-y", str(height),
            "-c", str(REPO), self.shell(command, env),
        )  # fmt: skip
        return f"{name}:{window}" if window else name

    def new_window(
        self,
        session: str,
        name: str,
        command: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
    ) -> str:
        """Another window of `session` running `command`; returns its target."""
        self.tmux("new-window", "-d", "-t", session, "-n", name, "-c", str(REPO),
                  self.shell(command, env))  # fmt: skip
        return f"{session}:{name}"

    def shell(self, command: Sequence[str], env: Mapping[str, str] | None) -> str:
        """`exec env ... command`: the pane's pid is the command's pid.

        The pane keeps what tmux sets (TERM, TMUX); only `app_env`'s changes are applied, and
        COLUMNS/LINES (which tmux's environment can carry, and Textual prefers to the real
        size) are removed.
        """
        wanted = app_env(env)
        removed = (set(os.environ) - set(wanted)) | {"COLUMNS", "LINES"}
        unset = [arg for name in sorted(removed) for arg in ("-u", name)]
        changed = [f"{k}={v}" for k, v in wanted.items() if os.environ.get(k) != v]
        return "exec " + shlex.join(["env", *unset, *changed, *command])

    def send(self, target: str, *keys: str) -> None:
        self.tmux("send-keys", "-t", target, *keys)

    def capture(self, target: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", target).stdout

    def display(self, target: str, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", target, fmt).stdout.rstrip("\n")

    def pane_pid(self, target: str) -> int:
        return int(self.display(target, "#{pane_pid}"))

    def is_dead(self, target: str) -> bool:
        return self.display(target, "#{pane_dead}") == "1"

    def exit_status(self, target: str, timeout: float = 15) -> int:
        """Wait for the pane's command to exit and be reaped; its exit status.

        tmux marks a pane dead when its terminal closes and records the status when it reaps
        the child. tmux 3.3a sometimes leaves the child a zombie until its next SIGCHLD, so a
        dead pane without a status gets a throwaway `run-shell true` to wake the reaper.
        """
        fmt = "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"

        def reaped() -> bool:
            state = self.display(target, fmt)
            if state == "1::":
                self.tmux("run-shell", "true", check=False)
            return state.rstrip(":") not in ("0", "1")

        try:
            wait_until(reaped, timeout, "")
        except AssertionError:
            state = self.display(target, fmt)
            raise AssertionError(
                f"{target} did not exit ({state}):\n{self.capture(target)}"
            ) from None
        _, status, killer = self.display(target, fmt).split(":")
        if not status:
            raise AssertionError(f"{target} was killed by signal {killer}:\n{self.capture(target)}")
        return int(status)

    def wait_for(self, target: str, text: str, timeout: float = 20) -> str:
        """Wait until `text` is on the screen of `target`; the screen."""
        screen = ""

        def shown() -> bool:
            nonlocal screen
            screen = self.capture(target)
            return text in screen

        try:
            wait_until(shown, timeout, f"{text!r} never appeared")
        except AssertionError:
            raise AssertionError(f"{text!r} never appeared on {target}:\n{screen}") from None
        return screen

    def kill_server(self) -> None:
        """Stop the server and remove its socket file (tmux leaves it behind)."""
        found = self.tmux("display-message", "-p", "#{socket_path}", check=False)
        self.tmux("kill-server", check=False)
        socket_path = found.stdout.strip()
        if found.returncode == 0 and socket_path.endswith(self.socket):
            Path(socket_path).unlink(missing_ok=True)


def wait_until(predicate: Callable[[], bool], timeout: float, message: str) -> None:
    """Poll `predicate` every 50 ms until it holds; fail with `message` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.05)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server, killed after the test."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    server = Tmux(tmp_path)
    try:
        yield server
    finally:
        server.kill_server()
