"""The committed screenshots are what `python -m tui.demo.screenshots` makes now."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tui.demo.shots import SHOTS, render_all

COMMITTED = Path(__file__).resolve().parents[2] / "screenshots"


def test_every_shot_is_committed() -> None:
    missing = [s.name for s in SHOTS if not (COMMITTED / f"{s.name}.svg").is_file()]
    assert missing == []


@pytest.mark.slow
def test_committed_screenshots_match_the_script() -> None:
    fresh = asyncio.run(render_all(SHOTS))
    stale = [
        name
        for name, svg in fresh.items()
        if (COMMITTED / f"{name}.svg").read_text(encoding="utf-8") != svg
    ]
    assert stale == [], f"regenerate with `python -m tui.demo.screenshots`: {stale}"
