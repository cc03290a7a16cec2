"""Rows with emoji line up in a real terminal: what the reader measures is what tmux draws.

Variation selectors (U+FE0F) and skin-tone modifiers are measured differently by Rich and by
terminals (tmux draws U+2764 U+FE0F in one cell, Rich counts two), which shifted such a row's
right edge by a cell. Every row's preview border must be in the same column.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from tests.e2e.conftest import Tmux
from tests.e2e.processes import app_command

TITLES = [
    "Plain title without emoji",
    "Love \u2764\ufe0f for robots",
    "Thumbs \U0001f44d\U0001f3fd up for agents",
    "Keycap 1\ufe0f\u20e3 first place",
    "Warning \u26a0\ufe0f and check \u2714\ufe0f marks",
    "Flag \U0001f1eb\U0001f1f7 and face \U0001f600 only",
]
BORDER = "\u258f"


def cells(text: str) -> int:
    """Cells as tmux 3.3 draws them (wide: 2; combining and format characters, variation
    selectors among them: 0; else 1), measured on this tmux for the characters used here."""
    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) == "Me"
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def emoji_feed(path: Path) -> Path:
    items = [
        {
            "paper": {
                "id": f"2405.300{index:02d}",
                "title": title,
                "summary": "An abstract.",
                "authors": [{"name": "Ada Lovelace"}],
                "upvotes": 90 - index,
                "submittedOnDailyAt": "2024-05-13T00:00:00.000Z",
            }
        }
        for index, title in enumerate(TITLES)
    ]
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def test_rows_with_emoji_keep_the_preview_border_in_one_column(tmux: Tmux, tmp_path: Path) -> None:
    feed = emoji_feed(tmp_path / "emoji.json")
    command = app_command("--data-dir", str(tmp_path / "data"), "--feed", str(feed))
    target = tmux.start("reader", command, width=120, height=30)
    tmux.wait_for(target, "Plain title without emoji")
    rows = [
        line
        for line in tmux.capture(target).splitlines()
        if any(word in line for word in ("Plain", "Love", "Thumbs", "Keycap", "Warning", "Flag"))
        and BORDER in line
    ]
    assert len(rows) == len(TITLES), rows
    columns = {cells(row[: row.index(BORDER)]) for row in rows}
    assert len(columns) == 1, "\n".join(rows)
