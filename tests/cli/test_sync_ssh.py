"""`dailypapers sync [user@]host[:path]`: the system's ssh, the far side `sync --serve`.

One test runs a real sshd on 127.0.0.1 (a throwaway host key, a throwaway client key, no
password ever); where sshd is not installed it is skipped and says why. The others put a
stand-in `ssh` first on PATH that runs the remote command here: the protocol, the exit codes and
the messages, with real processes, on any machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_sync_cli import A, B, marks_of
from tests.e2e.processes import REPO, run_cli
from tests.ssh_server import local_sshd, skip_reason


def _script(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


def _bin(tmp_path: Path) -> Path:
    """A `dailypapers` of this repository, for the far side's PATH."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    _script(
        folder / "dailypapers",
        f'#!/bin/sh\nPYTHONPATH={REPO} exec {sys.executable} -m tui "$@"\n',
    )
    return folder


def sync(data: Path, target: str, folder: Path) -> subprocess.CompletedProcess[str]:
    path = f"{folder}{os.pathsep}{os.environ['PATH']}"
    env = {"PATH": path, "DAILYPAPERS_REMOTE_COMMAND": str(folder / "dailypapers")}
    return run_cli("--data-dir", str(data), "sync", target, env=env)


@pytest.fixture
def stand_in_ssh(tmp_path: Path) -> Path:
    folder = _bin(tmp_path)
    _script(
        folder / "ssh",
        "#!/bin/sh\n# the last argument is the remote command; run it here\n"
        'for last; do :; done\nexec sh -c "$last"\n',
    )
    return folder


def test_sync_over_ssh_merges_both_ways_in_one_call(tmp_path: Path, stand_in_ssh: Path) -> None:
    here, there = tmp_path / "laptop", tmp_path / "cluster"
    assert run_cli("--data-dir", str(here), "mark", A, "--save").returncode == 0
    assert run_cli("--data-dir", str(there), "mark", B, "--tag", "ml").returncode == 0
    done = sync(here, f"cluster.example:{there}", stand_in_ssh)
    assert done.returncode == 0, done.stderr
    assert "marks of 1 paper taken from 1 other machine" in done.stdout
    assert marks_of(here) == marks_of(there) == {A: {"saved": True}, B: {"tag:ml": True}}
    again = sync(here, f"cluster.example:{there}", stand_in_ssh)
    assert "nothing new from 1 other machine" in again.stdout
    assert marks_of(there)[A] == {"saved": True}


def test_an_unreachable_host_is_one_line_and_nothing_changes(tmp_path: Path) -> None:
    folder = _bin(tmp_path)
    _script(
        folder / "ssh",
        "#!/bin/sh\necho 'ssh: connect to host nowhere port 22: refused' >&2\nexit 255\n",
    )
    here = tmp_path / "a"
    run_cli("--data-dir", str(here), "mark", A, "--save")
    before = marks_of(here)
    done = sync(here, "nowhere", folder)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "dailypapers: ssh nowhere: exit 255: ssh: connect to host nowhere port 22: refused"
    ]
    assert marks_of(here) == before


def test_a_host_that_looks_like_an_option_is_refused(tmp_path: Path) -> None:
    done = run_cli("--data-dir", str(tmp_path / "a"), "sync", "-oProxyCommand=x:y")
    assert done.returncode in (1, 2) and "ProxyCommand" not in done.stdout


@pytest.fixture
def real_sshd(tmp_path: Path) -> Iterator[Path]:
    """An sshd on 127.0.0.1 letting this user in with a throwaway key; a `ssh` that uses it."""
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    folder = _bin(tmp_path)
    with local_sshd(tmp_path) as sshd:
        _script(folder / "ssh", f'#!/bin/sh\nexec /usr/bin/ssh -F {sshd.config} "$@"\n')
        yield folder


def test_sync_through_a_real_sshd_on_localhost(tmp_path: Path, real_sshd: Path) -> None:
    here, there = tmp_path / "laptop", tmp_path / "cluster"
    run_cli("--data-dir", str(here), "mark", A, "--save", "--note", "from the laptop")
    run_cli("--data-dir", str(there), "mark", B, "--queue")
    done = sync(here, f"root@testbox:{there}", real_sshd)
    assert done.returncode == 0, done.stderr
    assert marks_of(there)[A] == {"saved": True, "note": "from the laptop"}
    run_cli("--data-dir", str(there), "mark", A, "--unsave")  # later: wins on both sides
    assert sync(here, f"root@testbox:{there}", real_sshd).returncode == 0
    expected = {A: {"note": "from the laptop"}, B: {"state": "queued"}}
    assert marks_of(here) == marks_of(there) == expected
    there_id = (there / "machine_id").read_text().strip()
    assert not (here / "changes" / f"{there_id}.jsonl").exists()  # one log per machine
