"""Where a link should go: a local browser, or (over SSH / without a display) the clipboard.

Pure decisions over an environment mapping passed in; the UI acts on them.
"""

from __future__ import annotations

from collections.abc import Mapping

# Browsers that draw in the terminal: never started over the reader.
CONSOLE_BROWSERS = frozenset({"lynx", "links", "links2", "elinks", "w3m", "www-browser", "browsh"})
# Terminals that (may) drop OSC 52 over this size; past it, the text goes to a file.
OSC52_LIMIT_BYTES = 74 * 1024


def is_remote(env: Mapping[str, str]) -> bool:
    """True inside an SSH session."""
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_CLIENT") or env.get("SSH_TTY"))


def has_display(env: Mapping[str, str], platform: str) -> bool:
    """True when a graphical browser could show up for the user."""
    if is_remote(env):
        return False
    if platform in ("darwin", "win32"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def is_console_browser(command: str) -> bool:
    """True for a browser that would take over the terminal."""
    name = command.strip().split()[0].rsplit("/", 1)[-1] if command.strip() else ""
    return name in CONSOLE_BROWSERS


def in_tmux(env: Mapping[str, str]) -> bool:
    return bool(env.get("TMUX"))


def clipboard_hint(env: Mapping[str, str]) -> str:
    """What the user may need to do for OSC 52 to reach their clipboard."""
    if in_tmux(env):
        return "in tmux this needs `set -g set-clipboard on`"
    if is_remote(env):
        return "over SSH your terminal must allow OSC 52"
    return ""
