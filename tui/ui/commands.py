"""Textual bindings made from the command table (`tui.ui.command_table`), with ids for keymaps."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType

from tui.ui.command_table import COMMANDS, Command


def bindings(commands: Iterable[Command] = COMMANDS) -> list[BindingType]:
    """Textual bindings with ids, so `App.set_keymap` can rebind them."""
    return [
        Binding(
            c.keys,
            c.action,
            c.label,
            show=c.footer,
            id=c.id,
            tooltip=c.help,
            priority=c.priority,
        )
        for c in commands
    ]
