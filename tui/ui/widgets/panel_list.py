"""PanelList: the option list of the panels (feeds, choosers): j/k move, and the ends are ends.

Textual's OptionList wraps from the last row to the first; in a list where `d` removes the row
under the cursor, a wrap moves the cursor somewhere the user did not look.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class PanelList(OptionList):
    """An OptionList that stops at its first and last rows, and moves with j/k too."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        """To the next enabled row this way; at the end, stay."""
        start = self.highlighted
        if start is None:
            super().action_cursor_down() if direction > 0 else super().action_cursor_up()
            return
        index = start + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction
