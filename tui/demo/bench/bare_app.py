"""The benchmark's baseline: the smallest Textual app that paints something, one line of text.

`python -m tui.demo.bench.bare_app` runs it. It imports Textual and nothing of the reader, so
that the first-paint comparison charges the reader for its own imports.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label

BARE_LINE = "Bareappmarker: a bare Textual app showing one line"
BARE_MARKER = "Bareappmarker"


class BareApp(App[None]):
    """One line of text."""

    def compose(self) -> ComposeResult:
        yield Label(BARE_LINE)


if __name__ == "__main__":
    BareApp().run()
