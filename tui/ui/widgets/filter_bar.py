"""FilterBar: the filter-as-you-type input above the list, and FilterHint, which stands in its
place until the filter is first used."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

PLACEHOLDER = "/ filter: title, authors, abstract"


class FilterBar(Input):
    """Every keystroke posts `Input.Changed` and, first, calls `on_change` with the text (in
    the keystroke's own handling, so what follows it is drawn in the same frame as the typed
    character: through the message it came one frame, 1/60 s, later). Escape posts `Cleared`,
    enter `Done`."""

    # Priority: the focus leaves on these keys, and keys typed right after must follow it.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_filter", "Clear", show=False, priority=True),
        Binding("enter", "submit", "Done", show=False, priority=True),
    ]

    class Cleared(Message):
        """The user left the filter with escape: clear it and go back to the list."""

    class Done(Message):
        """The user left the filter with enter: keep it and go back to the list."""

    def __init__(self, on_change: Callable[[str], None] = lambda value: None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id="filter")
        self._on_change = on_change

    def action_clear_filter(self) -> None:
        self.value = ""
        self.post_message(self.Cleared())

    async def action_submit(self) -> None:
        self.post_message(self.Done())

    def _watch_value(self, value: str) -> None:
        """Input sets its virtual size (the text's width) on every keystroke, and a virtual
        size change lays the whole screen out again: a layout per keystroke. The bar is one
        line of fixed size without scrollbars, so the size is set here without one (Input's
        own watcher then finds it unchanged)."""
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
        self._on_change(value)


class FilterHint(Static):
    """The filter bar as it looks before its first use: the placeholder, one line. The real
    input (an `Input`, with its many styles) is built on the first `/`, after the first paint;
    a click here asks for it too."""

    def __init__(self) -> None:
        super().__init__(PLACEHOLDER, id="filter-hint", markup=False)

    async def on_click(self) -> None:
        await self.run_action("screen.filter")


async def filter_bar_of(
    screen: Screen[Any], on_change: Callable[[str], None] = lambda value: None
) -> FilterBar:
    """The screen's FilterBar; the first time, it is mounted in place of its FilterHint (with
    `on_change`). Keys typed meanwhile wait in the queue, since the action calling this is
    awaited before them."""
    bar = next(iter(screen.query(FilterBar)), None)
    if bar is None:
        bar = FilterBar(on_change)
        hint = screen.query_one(FilterHint)
        await screen.mount(bar, before=hint)
        await hint.remove()
    return bar
