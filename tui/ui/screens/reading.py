"""Reading the preview by keyboard: while it has the focus (after enter), the list's moving
keys (j/k, space and page keys, g/G, whatever the keymap made them) scroll it instead."""

from __future__ import annotations

from textual.screen import Screen

from tui.ui.widgets.paper_preview import PaperPreview


def scroll_reading(screen: Screen[None], how: str, amount: int = 0) -> bool:
    """Scroll the focused preview by `amount` lines, pages, or to an end ("first"/"last");
    False (nothing done) when the preview does not have the focus."""
    preview = screen.focused
    if not isinstance(preview, PaperPreview):
        return False
    if how == "line":
        preview.scroll_relative(y=amount, animate=False, immediate=True)
    elif how == "page":
        (preview.scroll_page_down if amount > 0 else preview.scroll_page_up)(animate=False)
    else:
        end = preview.scroll_home if how == "first" else preview.scroll_end
        end(animate=False, immediate=True)
    return True
