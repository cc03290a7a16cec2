"""Opening a link: a local browser through `webbrowser` or the configured command list (never a
shell, never a console browser over the reader), else copy it and show it as an OSC 8 link."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence

from tui.domain.links import safe_url
from tui.domain.opening import has_display, is_console_browser

# A browser command that exits within this time with a failure did not open the link (a stale
# DISPLAY, say): the link is copied and shown instead.
_FAILS_WITHIN_S = 2.0


def _run_browser(cmdline: Sequence[str]) -> bool:
    """Start a browser command (no shell, no terminal); False when it fails at once."""
    try:
        child = subprocess.Popen(
            list(cmdline),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    try:
        return child.wait(timeout=_FAILS_WITHIN_S) == 0
    except subprocess.TimeoutExpired:
        return True  # still running: a browser that stays open


def _system_browser(url: str) -> bool:
    """The one browser `webbrowser` would pick first, if it is graphical; never the next one.

    `webbrowser.open` tries every browser it knows in turn, console ones (w3m, lynx) too, so a
    graphical browser that fails would hand the link to one that draws over the reader. Here a
    failure is a failure: the caller copies and shows the link.
    """
    import webbrowser  # loaded on the first link opened, not at start-up

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    name = getattr(browser, "name", "") or ""
    if is_console_browser(name):
        return False
    if isinstance(browser, webbrowser.GenericBrowser):  # BROWSER=..., or a plain command
        args = [arg.replace("%s", url) for arg in getattr(browser, "args", ["%s"])]
        return _run_browser([name, *args])
    if isinstance(browser, webbrowser.UnixBrowser):  # firefox, chromium, ...: run it ourselves,
        return _run_browser([name, url])  # so its output is not ours and a failure is seen
    try:
        return bool(browser.open(url, new=2))
    except webbrowser.Error:
        return False


def launch(url: str, command: Sequence[str]) -> bool:
    """Start a browser for a URL that already passed `safe_url`; True when one started."""
    if command:
        return _run_browser([*command, url])
    return _system_browser(url)


def open_link(
    url: str,
    *,
    command: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    launcher: Callable[[str, Sequence[str]], bool] | None = None,
) -> tuple[str | None, bool]:
    """Validate and open: returns (the safe URL or None, whether a browser was started)."""
    safe = safe_url(url)
    if safe is None:
        return None, False
    env = os.environ if env is None else env
    if not has_display(env, sys.platform) or (command and is_console_browser(command[0])):
        return safe, False
    start = launch if launcher is None else launcher
    return safe, start(safe, command)
