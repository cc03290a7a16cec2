"""HelpScreen: every key, generated from the command table and the user's keymap."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.ui.command_table import COMMANDS, PALETTE_KEY, display_keys, keys_for
from tui.ui.screens.panel_screen import PanelScreen


def help_table(keymap: Mapping[str, str]) -> Table:
    """The keys grouped as in the command table, with the keys in effect."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column("keys", style="bold", no_wrap=True)
    table.add_column("does", ratio=1)
    group = None
    for command in COMMANDS:
        if command.group != group:
            group = command.group
            table.add_row(Text(group, style="bold underline"), "")
        table.add_row(display_keys(keys_for(command, keymap)), Text(command.help))
    table.add_row(PALETTE_KEY, "Every command by name (the command palette)")
    return table


class HelpScreen(PanelScreen[None]):
    """A modal list of keys; escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen #help-body {
        width: 80;
        height: 85%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("g,home", "ends('home')", "Top", show=False),
        Binding("G,end", "ends('end')", "Bottom", show=False),
    ]

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", classes="panel"):
            yield Static(
                Text("dailypapers — keys", style="bold"), id="help-title", classes="panel-title"
            )
            yield Static(help_table(self.keymap), id="help-table")
            yield Static(
                Text("Escape closes. Keys are rebound in config.toml [keymap] by id."),
                id="help-footer",
                classes="panel-help",
            )

    @property
    def _body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        self._body.scroll_relative(y=lines, animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        body = self._body
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_ends(self, where: str) -> None:
        body = self._body
        (body.scroll_home if where == "home" else body.scroll_end)(animate=False, immediate=True)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
