"""A thousand feeds that all refuse the connection: one refresh in seconds (bad-inputs row 54).

The real `fetch` in a child process against 1,000 ports on 127.0.0.1 that nothing listens on:
fetched concurrently (bounded per host), every feed's state recorded, "offline" said once.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

from tests.e2e.processes import run_cli

COUNT = 1000


def refusing_ports(count: int) -> list[int]:
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def test_a_thousand_refusing_feeds_take_seconds_and_say_offline_once(tmp_path: Path) -> None:
    feeds = [f"http://127.0.0.1:{port}/feed" for port in refusing_ports(COUNT)]
    config = tmp_path / "config.toml"
    config.write_text(
        "".join(f'[[feeds]]\nname = "Feed {n}"\nurl = "{url}"\n' for n, url in enumerate(feeds))
    )
    data = tmp_path / "data"
    started = time.monotonic()
    result = run_cli("--config", str(config), "--data-dir", str(data), "fetch", timeout=120)
    took = time.monotonic() - started
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == COUNT
    assert all(line.endswith(": offline: could not reach 127.0.0.1") for line in lines), lines[:3]
    assert took < 20, f"{took:.1f} s"
    stored = json.loads((data / "feeds.json").read_text())["feeds"]
    assert set(stored) == set(feeds)
    assert all(state["failures"] == 1 for state in stored.values())
