"""The screenshots of the docs: which states of the demo reader, at which sizes, as SVG text.

`tui.demo.screenshots` writes them to `screenshots/`; a test checks the committed files still
match what this makes. Everything runs headless on the bundled demo with a fixed clock.
"""

from __future__ import annotations

import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from tui.demo.app import build_demo_app
from tui.demo.settling import settle
from tui.settings.settings import Settings
from tui.ui.app import DailyPapersApp


@dataclass(frozen=True)
class Shot:
    """One screenshot: a file name, a terminal size, the keys pressed, the settings used."""

    name: str
    size: tuple[int, int]
    keys: tuple[str, ...] = ()
    theme: str = "textual-dark"


SHOTS: tuple[Shot, ...] = (
    Shot("main", (120, 34)),
    Shot("preview-code-links", (120, 34), ("j", "enter")),
    Shot("help", (120, 34), ("question_mark",)),
    Shot("saved", (120, 34), ("s", "j", "j", "s", "j", "s", "S")),
    Shot("filter", (120, 34), ("slash", *"diffusion", "enter")),
    Shot("narrow-80x24", (80, 24), ("j",)),
    Shot("light-theme", (120, 34), ("j",), theme="textual-light"),
    Shot("library", (120, 34), ("L",)),
    Shot("tldr", (120, 34), ("T", "j")),
)


async def render_shot(shot: Shot, data_dir: Path) -> str:
    """The SVG of one shot, from a fresh demo data folder."""
    settings = Settings(mark_read_after=-1, theme=shot.theme)
    app: DailyPapersApp = build_demo_app(data_dir, settings=settings)
    async with app.run_test(size=shot.size) as pilot:
        await settle(pilot)
        if shot.keys:
            await pilot.press(*shot.keys)
            await settle(pilot)
        return app.export_screenshot(title=f"dailypapers — {shot.name}")


async def render_all(
    shots: tuple[Shot, ...] = SHOTS, on_done: Callable[[Shot, str], Awaitable[None]] | None = None
) -> dict[str, str]:
    """Every shot, each in its own throwaway data folder."""
    results: dict[str, str] = {}
    for shot in shots:
        with tempfile.TemporaryDirectory(prefix="dailypapers-shot-") as folder:
            svg = await render_shot(shot, Path(folder))
        results[shot.name] = svg
        if on_done is not None:
            await on_done(shot, svg)
    return results
