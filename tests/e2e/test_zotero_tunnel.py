"""The issue's "done when": `Z` puts a paper into Zotero from a shell on another machine through
the tunnel. Here the other machine is a real sshd on 127.0.0.1 (tests/ssh_server.py): a real
`ssh -t -R B:127.0.0.1:A` logs in, the reader runs in that ssh session (SSH_CONNECTION set, no
display) with ``DAILYPAPERS_ZOTERO_CONNECTOR=http://127.0.0.1:B``, and the Zotero connector is a
loopback server on port A answering ``/connector/ping`` and ``/connector/import`` as Zotero does
(see tests/library/test_zotero.py). Skipped where no test sshd can run, saying why.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request

from tests.e2e.conftest import Tmux, wait_until
from tests.e2e.processes import HF_FIXTURE, REPO
from tests.e2e.test_tmux_reader import TODAY_ID, TODAY_TITLE
from tests.ssh_server import HOST, free_port, local_sshd, skip_reason
from tests.ui.test_citations_ui import fake_connector


def test_Z_in_a_reader_over_ssh_lands_in_the_local_zotero(
    tmux: Tmux, tmp_path: Path, httpserver: HTTPServer
) -> None:
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    imports: list[Request] = []
    local = httpserver.port  # "the laptop": where Zotero runs
    fake_connector(httpserver, imports)
    remote_port = free_port()  # "the server": where the tunnel comes out
    remote = shlex.join([
        "env", f"PYTHONPATH={REPO}", f"DAILYPAPERS_ZOTERO_CONNECTOR=http://127.0.0.1:{remote_port}",
        f"DAILYPAPERS_CONFIG={tmp_path / 'no-config.toml'}", "sh", "-c",
        'echo "over ssh from $SSH_CONNECTION"; exec "$@"', "sh",
        sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "server-data"),
        "--feed", str(HF_FIXTURE),
    ])  # fmt: skip
    with local_sshd(tmp_path) as sshd:
        tunnel = f"{remote_port}:127.0.0.1:{local}"
        target = tmux.start("laptop", sshd.ssh("-t", "-R", tunnel, HOST, remote), width=140)
        tmux.wait_for(target, TODAY_TITLE, timeout=40)
        tmux.send(target, "Z")
        screen = tmux.wait_for(target, "sent to Zotero (connector)")
        wait_until(lambda: len(imports) == 1, 10, "the connector got nothing")
        ris = imports[0].get_data(as_text=True)
        assert f"TI  - {TODAY_TITLE}" in ris and f"L1  - https://arxiv.org/pdf/{TODAY_ID}" in ris
        assert "Z✓" in screen
        tmux.send(target, "q")
        assert tmux.exit_status(target, timeout=20) == 0
    assert imports[0].headers["X-Zotero-Connector-API-Version"] == "3"
