"""`--demo` in a temporary folder another user got to first (bad-inputs row 53).

The old fixed folder name is planted, owned by another user (`nobody`), with a symbolic link
where the marks go. The reader runs for real in tmux, a paper is saved, and nothing reaches
the planted folder or the place its link points to.
"""

from __future__ import annotations

import getpass
import os
import stat
from pathlib import Path

from tests.e2e.conftest import Tmux, wait_until
from tests.e2e.processes import app_command, run_cli
from tui.cli.wiring import demo_data_dir

NOBODY = 65534


def plant(tmp: Path) -> tuple[Path, Path]:
    """The old fixed demo folder, owned by another user, its marks linked outside."""
    outside = tmp / "victim"
    outside.mkdir()
    planted = tmp / f"dailypapers-demo-{getpass.getuser()}"
    planted.mkdir()
    (planted / "marks").symlink_to(outside, target_is_directory=True)
    os.chown(planted, NOBODY, NOBODY)
    planted.chmod(0o777)
    return planted, outside


def test_every_demo_run_gets_a_fresh_private_folder() -> None:
    first, second = demo_data_dir(), demo_data_dir()
    assert first != second
    for folder in (first, second):
        info = folder.lstat()
        assert stat.S_ISDIR(info.st_mode) and not stat.S_ISLNK(info.st_mode)
        assert stat.S_IMODE(info.st_mode) == 0o700
        assert info.st_uid == os.getuid()


def test_a_planted_demo_folder_is_never_used(tmux: Tmux, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    planted, outside = plant(tmp)
    target = tmux.start("reader", app_command("--demo"), env={"TMPDIR": str(tmp)})
    tmux.wait_for(target, "papers", timeout=30)
    tmux.send(target, "s")
    tmux.wait_for(target, "★")
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0
    assert list(outside.iterdir()) == [], "marks were written through the planted link"
    assert sorted(p.name for p in planted.iterdir()) == ["marks"]
    wait_until(
        lambda: sorted(p.name for p in tmp.iterdir()) == sorted([planted.name, "victim"]),
        10,
        "the demo's own folder was left behind",
    )


def test_demo_subcommands_leave_nothing_behind(tmp_path: Path) -> None:
    result = run_cli("--demo", "list", env={"TMPDIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
