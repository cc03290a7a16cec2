"""ChooserScreen: a small modal list to pick one of several things (code links, copy formats)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.ui.screens.panel_screen import PanelScreen
from tui.ui.widgets.panel_list import PanelList


class ChooserScreen(PanelScreen[str | None]):
    """Dismisses with the chosen value, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss_none", "Cancel", show=True)
    ]

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser-body", classes="panel"):
            yield Static(
                Text(self.heading, style="bold"), id="chooser-title", classes="panel-title"
            )
            yield PanelList(
                *(Option(Text(label), id=str(i)) for i, (label, _) in enumerate(self.choices)),
                id="chooser-options",
                classes="panel-list",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 0)
        self.dismiss(self.choices[index][1])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
