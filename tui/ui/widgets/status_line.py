"""StatusLine: one line under the list: what is shown, counts, and how fresh it is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.domain.sanitise import sanitise_line


class StatusLine(Static):
    """Left: the view and its counts. Right: updated / refreshing / offline. Never markup."""

    _shown: tuple[str, str, bool] = ("", "", False)

    def show(self, left: str, right: str, *, warning: bool = False) -> None:
        """Both sides quote outside text (a filter, a server's reason): sanitised here."""
        left, right = sanitise_line(left), sanitise_line(right)
        self._shown = (left, right, warning)
        width = max(0, self.size.width - 2)
        room = max(0, width - len(right) - 1) if right else width
        if width and len(left) > room:  # the summary gives way: freshness is always shown
            left = left[: max(0, room - 1)] + "…"
        gap = max(1, width - len(left) - len(right))
        text = Text(left, no_wrap=True, overflow="ellipsis")
        text.append(" " * gap)
        text.append(right, style="bold" if warning else "")
        self.set_class(warning, "-warning")
        self.update(text, layout=False)  # one line, always: no need to lay the screen out again

    def on_resize(self) -> None:
        left, right, warning = self._shown
        self.show(left, right, warning=warning)
