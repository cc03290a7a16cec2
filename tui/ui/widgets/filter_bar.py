"""FilterBar: the filter-as-you-type input above the list."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class FilterBar(Input):
    """Every keystroke posts `Input.Changed`; escape posts `Cleared`, enter `Done`."""

    # Priority: the focus leaves on these keys, and keys typed right after must follow it.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear", show=False, priority=True),
        Binding("enter", "submit", "Done", show=False, priority=True),
    ]

    class Cleared(Message):
        """The user left the filter with escape: clear it and go back to the list."""

    class Done(Message):
        """The user left the filter with enter: keep it and go back to the list."""

    def __init__(self) -> None:
        super().__init__(placeholder="/ filter: title, authors, abstract", id="filter")

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())

    async def action_submit(self) -> None:
        self.post_message(self.Done())
