"""Only the subcommand given is declared (and its module imported): the reader's start imports
no subcommand code, and every command line parses exactly as with the whole grammar."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli.parser import EVERY, SUBCOMMANDS, build_parser, chosen_command

ROOT = Path(__file__).parents[2]

READER_START = """
import json, sys
import tui.cli.reader
tui.cli.reader.run_reader = lambda context: 0
from tui.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "cli": sorted(m for m in sys.modules if m.startswith("tui.cli"))}))
"""


def test_the_reader_imports_no_subcommand_module(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DAILYPAPERS_CONFIG": str(tmp_path / "x.toml")}
    argv = ["--offline", "--data-dir", str(tmp_path / "data"), "--feed", "http://127.0.0.1:9/"]
    done = subprocess.run(
        [sys.executable, "-c", READER_START, *argv], capture_output=True, text=True, env=env,
        cwd=tmp_path, timeout=60, check=True,
    )  # fmt: skip
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    assert "tui.cli.reader" in report["cli"]
    assert [m for m in report["cli"] if m.endswith("commands")] == []


WORDS = [
    *(name for name, _, _ in SUBCOMMANDS),
    "--offline", "--demo", "--feed", "--fe", "--feed=x", "--date", "--date=2026-01-02",
    "2026-01-02", "--data-dir", "--data", "--d", "--config", "-h", "--", "--json", "--unread",
    "--version", "x", "-o", "add", "--bogus",
]  # fmt: skip


def _outcome(parser_command: str | None, argv: list[str]) -> object:
    """The options parsed, or how argparse stopped: exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return vars(build_parser(parser_command).parse_args(argv))
    except SystemExit as stop:
        return ("exit", stop.code, out.getvalue(), err.getvalue())


@settings(max_examples=300, deadline=None)
@given(argv=st.lists(st.sampled_from(WORDS), max_size=5))
def test_a_command_line_parses_as_with_every_subcommand_declared(argv: list[str]) -> None:
    assert _outcome(chosen_command(argv), argv) == _outcome(EVERY, argv)


@pytest.mark.parametrize(
    ("argv", "chosen"),
    [
        ([], None),
        (["--offline", "--data-dir", "list"], None),
        (["--feed", "list", "fetch", "--json"], "fetch"),
        (["--data", "d", "sync"], "sync"),
        (["--", "mark", "x"], "mark"),
        (["--d", "x", "list"], EVERY),
        (["nothing"], EVERY),
        (["--offline", "-h"], EVERY),
        (["--he"], EVERY),
    ],
)
def test_the_chosen_command_is_read_as_argparse_reads_it(
    argv: list[str], chosen: str | None
) -> None:
    assert chosen_command(argv) == chosen
