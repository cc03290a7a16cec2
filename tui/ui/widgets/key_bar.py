"""KeyBar: the line of key hints at the bottom of the reader, drawn as one widget.

It shows what Textual's `Footer` shows: the screen's bindings marked for the footer, with their
keys as the keymap set them, and the command palette key on the right; a click on a hint presses
its key. `Footer` builds a widget for every key and rebuilds them whenever the focus moves, which
at start-up cost about a fifth of the reader's own time to first paint; this bar is one line of
text, recomputed only when the screen's bindings change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget


@dataclass(frozen=True)
class KeyHint:
    """One hint: the key to press, how it is shown, its label and its action."""

    key: str
    display: str
    description: str
    action: str


class KeyBar(Widget):
    """Key hints on the left, the command palette key on the right; never markup."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    # Hints kept at any width (the others give way first): the way to every other key.
    KEEP: ClassVar[frozenset[str]] = frozenset({"app.help"})

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hints: tuple[KeyHint, ...] | None = None
        self._palette: KeyHint | None = None
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each drawn hint

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        before = (self._hints, self._palette)
        self._collect()
        if (self._hints, self._palette) != before:
            self.refresh()

    def _collect(self) -> None:
        """The shown bindings of the screen, one hint per action, in binding order."""
        hints: dict[str, KeyHint] = {}
        palette: KeyHint | None = None
        palette_key = self.app.COMMAND_PALETTE_BINDING
        labels: dict[str, str] = getattr(self.app, "hint_labels", {})  # set by the settings
        for key, (_node, binding, enabled, _tip) in self.screen.active_bindings.items():
            display = self.app.get_key_display(binding)
            description = labels.get(binding.action, binding.description)
            shown = KeyHint(key, display, description, binding.action)
            if key == palette_key and self.app.ENABLE_COMMAND_PALETTE:
                palette = KeyHint(key, display, "palette", binding.action)
            elif binding.show and enabled and binding.action not in hints:
                hints[binding.action] = shown
        # In the order the screen declares them, whatever keys a keymap moved them to.
        declared = [getattr(b, "action", None) for b in self.screen.BINDINGS]
        order = {action: n for n, action in reversed(list(enumerate(declared)))}
        self._hints = tuple(sorted(hints.values(), key=lambda h: order.get(h.action, len(order))))
        self._palette = palette

    def hints(self) -> tuple[KeyHint, ...]:
        """The hints as they stand, in the order the screen declares them."""
        if self._hints is None:
            self._collect()
        return self._hints or ()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        width = self.size.width
        right = self._hint_text(self._palette, key_style, description_style)
        room = width - (right.cell_len + 1 if self._palette else 0)
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        hints = self.hints()
        kept = [
            self._hint_text(h, key_style, description_style) for h in hints if h.action in self.KEEP
        ]
        room -= sum(piece.cell_len for piece in kept)
        full = False
        for hint in hints:
            piece = self._hint_text(hint, key_style, description_style)
            if hint.action in self.KEEP:
                room += piece.cell_len  # its room was kept for it
            elif full or text.cell_len + piece.cell_len > room:
                full = True  # the rest give way, but a kept hint after them still shows
                continue
            self._spans.append((text.cell_len, text.cell_len + piece.cell_len, hint.key))
            text.append_text(piece)
        if self._palette is not None and right.cell_len < width:
            start = width - right.cell_len
            text.append(" " * (start - 1 - text.cell_len))
            text.append("▏", style=Style(dim=True))
            self._spans.append((start, width, self._palette.key))
            text.append_text(right)
        return text

    @staticmethod
    def _hint_text(hint: KeyHint | None, key_style: Style, description_style: Style) -> Text:
        if hint is None:
            return Text()
        return Text.assemble(
            (f" {hint.display} ", key_style), (f"{hint.description} ", description_style)
        )

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
