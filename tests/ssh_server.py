"""A real sshd on 127.0.0.1 for the tests that need one (sync over ssh, the Zotero tunnel).

A throwaway host key and client key in the test's folder, the client key the only way in (no
password, no PAM, `BatchMode`), a free port, and a client config naming the server `testbox`.
`skip_reason` says why a machine cannot run one (no sshd; not root: sshd must read its host key
and switch to the user), for `pytest.skip`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
HOST = "testbox"


def skip_reason() -> str | None:
    """Why no test sshd can run here, or None when one can."""
    if SSHD is None or shutil.which("ssh") is None:
        return "sshd is not installed (apt-get install openssh-server; .ci/run does as root)"
    if os.geteuid() != 0:
        return "a test sshd needs root here (it must read the host key and switch users)"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass(frozen=True)
class LocalSshd:
    """A running test sshd: `ssh -F config testbox ...` reaches it as root."""

    config: Path
    port: int

    def ssh(self, *args: str) -> list[str]:
        """The command line of an ssh to it with `args` (options, then the remote command)."""
        return ["ssh", "-F", str(self.config), *args]


@contextmanager
def local_sshd(folder: Path) -> Iterator[LocalSshd]:
    """Start an sshd for this test in `folder`; stop it afterwards."""
    assert SSHD is not None, skip_reason()
    keys = folder / "keys"
    keys.mkdir(mode=0o700)
    for name in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True
        )
    shutil.copy(keys / "client.pub", keys / "authorized_keys")
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {keys / 'host'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nPidFile {folder / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "StrictModes no\nPermitRootLogin prohibit-password\nAllowTcpForwarding yes\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    try:
        _wait_for_port(port)
        known = folder / "known_hosts"
        host_key = (keys / "host.pub").read_text().split()
        known.write_text(f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n")
        client = folder / "ssh_config"
        client.write_text(
            f"Host {HOST}\n  HostName 127.0.0.1\n  Port {port}\n  User root\n"
            f"  IdentityFile {keys / 'client'}\n  UserKnownHostsFile {known}\n"
            "  StrictHostKeyChecking yes\n  IdentitiesOnly yes\n  BatchMode yes\n"
            "  ExitOnForwardFailure yes\n"
        )
        yield LocalSshd(client, port)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"the test sshd did not listen on port {port}")
