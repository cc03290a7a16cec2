"""The fields that mirrors of the Hugging Face list put into an item's HTML description
(``<b>Authors:</b> …``, ``<b>Upvotes:</b> N``, ``<b>Summary:</b> …``): read out as authors,
upvotes and a TL;DR, and cut from the abstract rather than glued into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.domain.feeds.fields import clean_line, clean_names, coerce_count, html_to_text

_FIELD = re.compile(
    r"<p>\s*<b>\s*(Authors|Upvotes|Summary)\s*:\s*</b>(.*?)</p>", re.IGNORECASE | re.DOTALL
)
RAW_CAP = 200_000


@dataclass(frozen=True, slots=True)
class MirrorFields:
    """What a mirror's description says besides the abstract."""

    authors: tuple[str, ...]
    upvotes: int | None
    tldr: str | None
    rest: str  # the HTML left: the abstract


def mirror_fields(markup: str) -> MirrorFields | None:
    """The labelled fields of a mirror description; None when it has none (not a mirror)."""
    markup = markup[:RAW_CAP]
    found = {m[1].lower(): m[2] for m in _FIELD.finditer(markup)}
    if not found:
        return None
    authors = html_to_text(found.get("authors", ""))
    upvotes = coerce_count(html_to_text(found.get("upvotes", "")).strip() or None)
    tldr = clean_line(found.get("summary", ""), 600, is_html=True) or None
    parts: list[object] = [name for name in authors.split(",") if name.strip()]
    names = clean_names(parts)
    return MirrorFields(names, upvotes, tldr, _FIELD.sub("", markup))
