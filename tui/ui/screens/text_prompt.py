"""A one-line editor in a modal: the tags of a paper (`#`) and its note (`N`).

Enter keeps the text, escape leaves everything as it was. A note is one paragraph, so one
line that wraps is the whole editor; what comes back is sanitised by the caller. The text
opens with the cursor at its end and nothing selected: typing adds to the tags or the note a
paper has, never replaces them (a selected value went at the first key, and with it every tag).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; dismissed with the text, or None when cancelled."""

    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 80%; max-width: 100; height: auto; padding: 1 2;
        border: round $accent; background: $surface;
    }
    TextPrompt Static { margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str, hint: str) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self._title), id="prompt-title")
            yield Input(
                value=self._value, placeholder=self._hint, id="prompt-input", select_on_focus=False
            )
            yield Static(Content("enter keeps · escape cancels"), classes="dim")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
