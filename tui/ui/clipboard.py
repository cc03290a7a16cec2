"""Copying text: OSC 52 through Textual always (works over SSH), pyperclip where a local
clipboard exists, and a file for text too long for OSC 52. Never raises."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from textual.app import App

from tui.domain.opening import OSC52_LIMIT_BYTES, clipboard_hint, has_display

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _pyperclip_copy(text: str) -> bool:
    """Copy with pyperclip; False when there is no working local clipboard."""
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # PyperclipException, or a backend that fails in its own way
        return False
    return True


def copy_text(
    app: App[None],
    text: str,
    what: str,
    *,
    overflow: Callable[[str], Path | None],
    env: Mapping[str, str] | None = None,
    local_copy: Callable[[str], bool] = _pyperclip_copy,
) -> str:
    """Copy `text`; returns the one-line notice that says what was copied and how."""
    env = os.environ if env is None else env
    safe = _LONE_SURROGATE.sub("\ufffd", text)
    if len(safe.encode("utf-8")) > OSC52_LIMIT_BYTES:
        path = overflow(safe)
        if path is None:
            return f"{what} is too long for the clipboard and could not be written to a file"
        return f"{what} is too long for the terminal clipboard; written to {path}"
    app.copy_to_clipboard(safe)
    local = has_display(env, sys.platform) and local_copy(safe)
    how = "clipboard" if local else "terminal clipboard (OSC 52)"
    hint = "" if local else clipboard_hint(env)
    return f"Copied {what} to the {how}" + (f" — {hint}" if hint else "")
