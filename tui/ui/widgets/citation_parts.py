"""The citation line of the preview: where the paper was published (a badge such as
``NeurIPS 2025``, and who said so) and whether it is in Zotero. Empty when neither is known."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from tui.ui.widgets.paper_list_view import ZOTERO_GLYPH

if TYPE_CHECKING:
    from tui.domain.citation.venue import Venue


def cited_text(venue: Venue | None, zotero: str | None) -> Text:
    """``Published: NeurIPS 2023 (Semantic Scholar)  ·  Z✓ in Zotero (sent 2 Dec 2026 …)``."""
    text = Text()
    if venue is not None:
        text.append("Published: ", style="bold")
        text.append(venue.badge, style="bold reverse")
        if venue.source:
            text.append(f" ({venue.source})")
    if zotero:
        if text.plain:
            text.append("  ·  ")
        text.append(f"{ZOTERO_GLYPH} {zotero}")
    return text
