"""The collector pause of the reader's start-up: paused at launch, resumed after the first paint."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.__main__ import pause_for_startup, resume_collection


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    yield
    resume_collection()
    gc.unfreeze()  # frozen objects would otherwise never be collected in this test process
    gc.enable()


def test_pause_stops_collection_and_resume_freezes_and_restarts_it() -> None:
    pause_for_startup()
    assert not gc.isenabled()
    resume_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resume_leaves_a_collector_it_did_not_pause_alone() -> None:
    gc.disable()  # someone else's choice, e.g. an embedding program
    pause_for_startup()
    resume_collection()
    assert not gc.isenabled()


def test_a_subcommand_runs_with_the_collector_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`dailypapers list` after the launcher paused collection: on again before `list` runs."""
    import tui.cli.commands
    from tui.cli.main import main

    seen: list[bool] = []

    def run_list(context: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(tui.cli.commands, "run_list", run_list)
    pause_for_startup()
    assert (
        main(["--data-dir", str(tmp_path), "--offline", "list"], resume_startup=resume_collection)
        == 0
    )
    assert seen == [True]


def test_the_launcher_pauses_before_the_command_line_is_imported() -> None:
    """In a fresh interpreter: `tui.__main__` itself loads neither the command line nor Textual."""
    probe = "import sys, tui.__main__; print('tui.cli' in sys.modules, 'textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False"]
