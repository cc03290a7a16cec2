"""Escape sequences in text that is not from a feed: config keys, file names, server text.

Bad-inputs row 49. The command line runs as a child process and its whole output is checked;
the reader's notices are checked where Textual keeps them.
"""

from __future__ import annotations

import re
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.e2e.processes import run_cli
from tui.cli.output import SafeTextStream

# Set the pane title (OSC 0/2), write the clipboard (OSC 52), clear the screen, a C1 CSI.
HOSTILE = "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\u009b31m\u202e"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_clean(text: str) -> None:
    assert not CONTROLS.search(text), repr(text)


def test_an_unknown_config_key_with_escapes_is_printed_clean(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    key = HOSTILE.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    config.write_text(f'"{key}" = 1\nrefresh_minutes = "{key}"\n', encoding="utf-8")
    result = run_cli(
        "--config", str(config), "--data-dir", str(tmp_path / "d"), "--offline", "list"
    )
    assert result.returncode == 0, result.stderr
    assert "unknown key" in result.stderr
    assert_clean(result.stderr + result.stdout)


def test_a_file_name_with_escapes_is_printed_clean(tmp_path: Path) -> None:
    feed = tmp_path / f"feed{HOSTILE}.json"
    feed.write_text("not json at all", encoding="utf-8")
    result = run_cli("--data-dir", str(tmp_path / "d"), "--feed", str(feed), "fetch")
    assert result.returncode == 1
    assert "feed" in result.stderr
    assert_clean(result.stderr + result.stdout)


def test_a_data_folder_name_with_escapes_is_printed_clean(tmp_path: Path) -> None:
    data = tmp_path / f"data{HOSTILE}"
    (data / "marks").mkdir(parents=True)
    (data / "marks" / "2610.json").write_bytes(b"\x00 garbage")
    result = run_cli("--data-dir", str(data), "--offline", "list", "--saved")
    assert "set aside" in result.stderr
    assert_clean(result.stderr + result.stdout)
    config = run_cli("--data-dir", str(data), "config")
    assert_clean(config.stdout + config.stderr)


def test_server_error_text_is_printed_clean(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(
        b"", status=301, headers={"Location": f"ftp://x/{HOSTILE}"}
    )
    result = run_cli("--data-dir", str(tmp_path / "d"), "--feed", server.url_for("/feed"), "fetch")
    assert result.returncode == 1
    assert_clean(result.stderr + result.stdout)


def test_the_output_filter_keeps_layout_and_drops_sequences(tmp_path: Path) -> None:
    with (tmp_path / "out").open("w", encoding="utf-8") as handle:
        stream = SafeTextStream(handle)
        stream.write(f"  title = {{A{HOSTILE}B}},\n\tnext\n")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "  title = {AB},\n\tnext\n"
