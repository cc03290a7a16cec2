"""PanelScreen: a modal screen showing one bordered panel in the middle of the reader (help,
feeds, the chooser). Its styles are parsed when the first such screen opens, not at start-up."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class PanelScreen(ModalScreen[ResultT]):
    """Put `classes="panel"` on the body, and panel-title / panel-list / panel-help inside."""

    DEFAULT_CSS = """
    PanelScreen {
        align: center middle;
        & .panel {
            width: 100;
            max-width: 95%;
            height: auto;
            max-height: 85%;
            padding: 1 2;
            background: $surface;
            border: round $accent;
        }
        & .panel-title { margin-bottom: 1; }
        & .panel-list { height: auto; max-height: 20; }
        & .panel-help { color: $text-muted; margin-top: 1; }
    }
    """
