"""The search box of `f`: one line over the reader. As you type, the search runs once you stop
for a moment (debounced); enter runs it at once and goes back to the list; escape closes the
box. The screen behind runs the searches (one at a time: a new one cancels the last)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input

DEBOUNCE_SECONDS = 0.6
PLACEHOLDER = "Search every paper on Hugging Face (enter: search, escape: close)"


class HubSearchScreen(ModalScreen[None]):
    """Asks `search(query)` of the screen behind, debounced while typing."""

    DEFAULT_CSS = """
    HubSearchScreen { align: center top; }
    HubSearchScreen > Input { width: 90%; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False, priority=True)
    ]

    def __init__(self, query: str, search: Callable[[str], None]) -> None:
        super().__init__()
        self._query = query
        self._search = search
        self._timer: Timer | None = None
        self._asked = query

    def compose(self) -> ComposeResult:
        yield Input(value=self._query, placeholder=PLACEHOLDER, id="hub-search")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._ask(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._ask(event.value, again=True)
        self.dismiss()

    def _ask(self, query: str, *, again: bool = False) -> None:
        text = " ".join(query.split())
        if text and (again or text != self._asked):
            self._asked = text
            self._search(text)

    def action_close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.dismiss()
