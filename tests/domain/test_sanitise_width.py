"""Characters whose width terminals disagree on are dropped; the emoji themselves stay."""

from __future__ import annotations

import pytest

from tui.domain.sanitise import sanitise_line, sanitise_text, strip_controls


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Love \u2764\ufe0f robots", "Love \u2764 robots"),
        ("Text \u2764\ufe0e style", "Text \u2764 style"),
        ("Thumbs \U0001f44d\U0001f3fd up", "Thumbs \U0001f44d up"),
        ("Keycap 1\ufe0f\u20e3", "Keycap 1\u20e3"),
        ("Flag \U0001f1eb\U0001f1f7 face \U0001f600", "Flag \U0001f1eb\U0001f1f7 face \U0001f600"),
    ],
)
def test_ambiguous_width_characters_go(raw: str, shown: str) -> None:
    assert sanitise_line(raw) == shown
    assert sanitise_text(raw) == shown
    assert strip_controls(raw) == shown
