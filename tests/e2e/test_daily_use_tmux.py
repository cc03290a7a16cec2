"""The rough edges of daily use (issue 18), tried in a real terminal as a user would: at 120x40
and 80x24, under NO_COLOR=1. Reading the abstract by keyboard, the key bar's `? Help`, and the
new-paper glyph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import Tmux, wait_until
from tests.e2e.processes import HF_FIXTURE, app_command
from tests.ui.reader_pilot import hf_item
from tui.ui.widgets.paper_list_view import NEW_GLYPH

TOP_TITLE = "Canonical Cortical Field Theories"
# The last words of every abstract in the fixture: the one under the cursor must come into view.
ENDS = [item["paper"]["summary"].split()[-3:] for item in json.loads(HF_FIXTURE.read_text())]


def abstract_end_shown(screen: str) -> bool:
    words = screen.split()
    return any(words[i : i + 3] == end for end in ENDS for i in range(len(words)))


NO_COLOR = {"NO_COLOR": "1"}


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_the_abstract_reads_to_its_end_by_keyboard(
    tmux: Tmux, tmp_path: Path, size: tuple[int, int]
) -> None:
    width, height = size
    command = app_command("--data-dir", str(tmp_path / "d"), "--feed", str(HF_FIXTURE))
    target = tmux.start("reader", command, width=width, height=height, env=NO_COLOR)
    tmux.wait_for(target, TOP_TITLE)
    screen = tmux.wait_for(target, "updated")  # the refresh is done: the list stays put
    assert "? Help" in screen.splitlines()[-1], "the key bar keeps ? Help"
    if height < 40:
        assert not abstract_end_shown(screen), "the stacked preview shows only its top"
    tmux.send(target, "Enter")
    tmux.send(target, "G")
    wait_until(lambda: abstract_end_shown(tmux.capture(target)), 5, "G: the abstract's end")
    if height < 40:
        tmux.send(target, "g")
        wait_until(lambda: not abstract_end_shown(tmux.capture(target)), 5, "g: back to the top")
    top_row = next(line for line in tmux.capture(target).splitlines() if TOP_TITLE[:20] in line)
    tmux.send(target, "Escape")
    tmux.send(target, "j")
    wait_until(
        lambda: top_row not in tmux.capture(target),
        5,
        "after escape, j moves the list's cursor (the first row is marked read and changes)",
    )


def test_a_new_paper_is_marked_without_colour(tmux: Tmux, tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    day = "2026-11-26"
    items = [
        hf_item(f"2611.0000{i}", f"Paper {n}", day, upvotes=9 - i) for i, n in enumerate("ABC")
    ]
    data = str(tmp_path / "d")
    for session, shown in (("first", items[:2]), ("second", items)):
        feed.write_text(json.dumps(shown), encoding="utf-8")
        command = app_command("--data-dir", data, "--feed", str(feed))
        target = tmux.start(session, command, width=80, height=24, env=NO_COLOR)
        screen = tmux.wait_for(target, "Paper B")
        if session == "second":
            screen = tmux.wait_for(target, "1 new")
            row = next(line for line in screen.splitlines() if "Paper C" in line)
            assert row.lstrip().startswith(NEW_GLYPH), row
            assert NEW_GLYPH not in next(ln for ln in screen.splitlines() if "Paper B" in ln)
        else:
            assert NEW_GLYPH not in screen
        tmux.send(target, "q")
        assert tmux.exit_status(target) == 0
