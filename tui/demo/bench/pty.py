"""Start-up in a real terminal: spawn a program on a pseudo-terminal of a fixed size, time it
until its output shows a known string, and read its peak memory before stopping it.

Linux-first: peak RSS is `VmHWM` and bytes read are `rchar` from `/proc/<pid>/`; elsewhere they
come back as None. The child gets its own session, so stopping it never touches this process.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import tui

SIZE = (120, 34)  # columns, rows


class PtyTimeout(RuntimeError):
    """The program never showed the string it was expected to paint."""


class PaintedWrong(RuntimeError):
    """The program painted a string it must not show before the expected one."""


@dataclass(frozen=True)
class PtyRun:
    """One start-up: seconds from spawn to the string on screen, peak RSS, bytes read."""

    seconds: float
    peak_rss_bytes: int | None
    read_bytes: int | None


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured child: a 256-colour xterm, no Textual dev settings,
    this copy of the package importable, and nothing of the user's dailypapers set-up.

    Bytecode may be written (PYTHONDONTWRITEBYTECODE is dropped): an installed package has its
    `.pyc` files, so after the warm-up run both sides start from compiled modules, as a user's
    second start does. Without this the reader alone would compile itself on every run."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL", "DAILYPAPERS_"))
        and k not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")
    }
    package_root = str(Path(tui.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    env["TERM"] = "xterm-256color"
    env.update(extra or {})
    return env


def _status_value(pid: int, field: str) -> int | None:
    """A `kB` field of /proc/<pid>/status, in bytes."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return None


def _read_chars(pid: int) -> int | None:
    try:
        text = Path(f"/proc/{pid}/io").read_text(encoding="ascii")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    return None


def _open_pty(size: tuple[int, int]) -> tuple[int, int]:
    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return master, slave


def _wait_for(master: int, proc: subprocess.Popen[bytes], marker: bytes, timeout: float) -> bytes:
    """Read the child's output until `marker` shows; the output so far."""
    output = bytearray()
    deadline = time.perf_counter() + timeout
    while marker not in output[-(len(marker) + 65_536) :]:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise PtyTimeout(f"no {marker!r} after {timeout:g} s: {_tail(output)}")
        ready, _, _ = select.select([master], [], [], min(remaining, 0.5))
        if not ready:
            if proc.poll() is not None:
                raise PtyTimeout(f"exited with {proc.returncode}: {_tail(output)}")
            continue
        try:
            chunk = os.read(master, 65_536)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            raise PtyTimeout(f"closed the terminal: {_tail(output)}")
        output += chunk
    return bytes(output)


def _drain(master: int, seconds: float, done: Callable[[], bool] | None = None) -> None:
    """Keep reading for a while (or until `done()`), so the child never blocks on a full
    terminal."""
    deadline = time.perf_counter() + seconds
    while (remaining := deadline - time.perf_counter()) > 0:
        if done is not None and done():
            return
        ready, _, _ = select.select([master], [], [], min(remaining, 0.05))
        if ready:
            try:
                if not os.read(master, 65_536):
                    return
            except OSError:
                return


def _tail(output: bytes | bytearray) -> str:
    text = bytes(output[-300:]).decode("utf-8", "replace")
    return "".join(c if c.isprintable() else " " for c in text).strip() or "(no output)"


def time_to_paint(
    argv: Sequence[str],
    marker: str,
    *,
    env: Mapping[str, str],
    size: tuple[int, int] = SIZE,
    timeout: float = 60.0,
    linger: float = 0.0,
    until: Callable[[], bool] | None = None,
    absent: str | None = None,
) -> PtyRun:
    """Spawn `argv` on a pty, time until `marker` is in its output, then stop it.

    `linger` seconds after the paint are left for start-up work still running (peak memory is
    read after them); with `until`, the wait ends as soon as it returns True. With `absent`,
    a string that must not be painted before `marker` (PaintedWrong if it was). The child is
    killed with SIGKILL: only its start-up is of interest.
    """
    master, slave = _open_pty(size)
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=dict(env),
            start_new_session=True, close_fds=True,
        )  # fmt: skip
    finally:
        os.close(slave)
    try:
        output = _wait_for(master, proc, marker.encode("utf-8"), timeout)
        seconds = time.perf_counter() - start
        if absent is not None and absent.encode("utf-8") in output:
            raise PaintedWrong(f"{absent!r} was painted before {marker!r}")
        _drain(master, linger, until)
        return PtyRun(seconds, _status_value(proc.pid, "VmHWM"), _read_chars(proc.pid))
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def python_module(module: str, *args: str) -> list[str]:
    """The command line running `python -m module args` with this interpreter."""
    return [sys.executable, "-m", module, *args]
