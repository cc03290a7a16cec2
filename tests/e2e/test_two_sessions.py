"""Two readers on one data folder (two SSH logins): neither loses the other's marks.

Two tmux windows run the reader on the same `--data-dir`. A saves one paper, B saves another and
refreshes: B's view shows A's mark. Both quit; a third process sees both marks.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Tmux, wait_until
from tests.e2e.processes import HF_FIXTURE, app_command, run_cli

# The 2024-05-13 list by upvotes: 2405.10012 (34) first, 2405.10004 (28) second.
FIRST = ("2405.10012", "Towards Characterizing Domain")
SECOND = ("2405.10004", "Scalable and Interpretable")


def row_of(screen: str, title: str) -> str:
    """The list row (the part left of the preview's border) that shows `title`."""
    rows = (line.split("▏")[0] for line in screen.splitlines())
    return next(row for row in rows if title in row)


def test_two_sessions_share_marks(tmux: Tmux, tmp_path: Path) -> None:
    data = tmp_path / "data"
    command = app_command(
        "--data-dir", str(data), "--feed", str(HF_FIXTURE), "--date", "2024-05-13"
    )  # fmt: skip
    a = tmux.start("logins", command, window="A")
    tmux.wait_for(a, "updated just now")  # the start-up refresh is over
    b = tmux.new_window("logins", "B", command)
    tmux.wait_for(b, "updated just now")

    tmux.send(a, "s")
    wait_until(lambda: "★" in row_of(tmux.capture(a), FIRST[1]), 10, "A did not save")
    tmux.send(b, "j", "s")
    wait_until(lambda: "★" in row_of(tmux.capture(b), SECOND[1]), 10, "B did not save")
    assert "★" not in row_of(tmux.capture(b), FIRST[1])

    tmux.send(b, "r")
    wait_until(lambda: "★" in row_of(tmux.capture(b), FIRST[1]), 10, "B's refresh missed A's mark")
    assert "★" in row_of(tmux.capture(b), SECOND[1])

    tmux.send(a, "q")
    tmux.send(b, "q")
    assert tmux.exit_status(a) == 0
    assert tmux.exit_status(b) == 0
    listed = run_cli("--data-dir", str(data), "list", "--saved", "--json")
    assert listed.returncode == 0, listed.stderr
    assert sorted(p["id"] for p in json.loads(listed.stdout)) == sorted([FIRST[0], SECOND[0]])
