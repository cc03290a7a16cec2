"""Two readers on one data folder: a stale reader's mark never undoes the other's save.

Bad-inputs row 45. Reader A is a real second process that saves a paper on disk; reader B has
been open since before and marks the same paper read, by key and by resting its cursor on it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.processes import REPO
from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import current_id, main_screen, opened
from tui.demo.settling import settle
from tui.store.marks import MarkStore

SAVE_IN_ANOTHER_PROCESS = """
import sys
from pathlib import Path
from tui.domain.paper import Marks
from tui.store.marks import MarkStore
marks = Marks(saved=True, saved_at="2026-10-01T00:00:00+00:00")
MarkStore(Path(sys.argv[1])).set(sys.argv[2], marks)
"""


def save_elsewhere(marks_dir: Path, paper_id: str) -> None:
    subprocess.run(
        [sys.executable, "-c", SAVE_IN_ANOTHER_PROCESS, str(marks_dir), paper_id],
        check=True,
        timeout=60,
        env={"PYTHONPATH": str(REPO)},
    )


@pytest.mark.parametrize("how", ["key m", "cursor rests"])
async def test_a_stale_reader_marking_read_keeps_the_other_readers_save(
    make_app: AppFactory, tmp_path: Path, how: str
) -> None:
    marks_dir = tmp_path / "data" / "marks"
    app = make_app(offline_mode=True, mark_read_after=0.3 if how == "cursor rests" else -1)
    async with opened(app) as pilot:
        await pilot.press("j")
        await pilot.press("k")  # the first paper, with the cursor arriving on it
        paper = current_id(app)
        save_elsewhere(marks_dir, paper)  # reader B's copy of this paper is now stale
        if how == "key m":
            await pilot.press("m")
        else:
            await pilot.press("j", "k")
            await pilot.pause(0.6)
            for _ in range(50):  # a loaded machine may run the 0.3 s timer late
                if main_screen(app).state.visible.marks_for(paper).read:
                    break
                await pilot.pause(0.1)
        await settle(pilot)
        app.library.flush()
    on_disk = MarkStore(marks_dir).load_all()[paper]
    assert on_disk.read, "B's mark-read was written"
    assert on_disk.saved, "A's save survived B's write"
