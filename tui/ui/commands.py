"""Textual bindings made from the command table (`tui.ui.command_table`), with ids for keymaps."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType

from tui.ui.command_table import (
    COMMAND_IDS,
    COMMANDS,
    PALETTE_KEY,
    Command,
    by_id,
    display_keys,
    keys_for,
    keys_markdown,
)

__all__ = [
    "COMMANDS",
    "COMMAND_IDS",
    "PALETTE_KEY",
    "Command",
    "bindings",
    "by_id",
    "display_keys",
    "keys_for",
    "keys_markdown",
]


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
