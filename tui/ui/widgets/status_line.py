"""StatusLine: one line under the list: what is shown, counts, and how fresh it is.

What it says comes from the screen's state: the widget is bound to the screen's `status` (a
`Status`), and `watch_status` is the one place the line follows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from tui.domain.sanitise import sanitise_line


@dataclass(frozen=True)
class Status:
    """Left: the view and its counts. Right: updated / refreshing / offline (`warning`: bold)."""

    left: str = ""
    right: str = ""
    warning: bool = False


class StatusLine(Static):
    """The status line. Never markup: both sides quote outside text (a filter, a server's
    reason) and are sanitised here."""

    status: var[Status] = var(Status(), init=False)

    def watch_status(self) -> None:
        self._draw()

    def _draw(self) -> None:
        status = self.status
        left, right = sanitise_line(status.left), sanitise_line(status.right)
        width = max(0, self.size.width - 2)
        room = max(0, width - len(right) - 1) if right else width
        if width and len(left) > room:  # the summary gives way: freshness is always shown
            left = left[: max(0, room - 1)] + "…"
        gap = max(1, width - len(left) - len(right))
        text = Text(left, no_wrap=True, overflow="ellipsis")
        text.append(" " * gap)
        text.append(right, style="bold" if status.warning else "")
        self.set_class(status.warning, "-warning")
        self.update(text, layout=False)  # one line, always: no need to lay the screen out again

    def on_resize(self) -> None:
        self._draw()
