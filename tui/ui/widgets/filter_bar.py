"""FilterBar: the filter-as-you-type input above the list, and FilterHint, which stands in its
place until the filter is first used."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

PLACEHOLDER = "/ filter: title, authors, abstract"


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
        super().__init__(placeholder=PLACEHOLDER, id="filter")

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())

    async def action_submit(self) -> None:
        self.post_message(self.Done())


class FilterHint(Static):
    """The filter bar as it looks before its first use: the placeholder, one line. The real
    input (an `Input`, with its many styles) is built on the first `/`, after the first paint;
    a click here asks for it too."""

    def __init__(self) -> None:
        super().__init__(PLACEHOLDER, id="filter-hint", markup=False)

    async def on_click(self) -> None:
        await self.run_action("screen.filter")


async def filter_bar_of(screen: Screen[Any]) -> FilterBar:
    """The screen's FilterBar; the first time, it is mounted in place of its FilterHint. Keys
    typed meanwhile wait in the queue, since the action calling this is awaited before them."""
    bar = next(iter(screen.query(FilterBar)), None)
    if bar is None:
        bar = FilterBar()
        hint = screen.query_one(FilterHint)
        await screen.mount(bar, before=hint)
        await hint.remove()
    return bar
