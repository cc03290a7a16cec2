"""Opening a link: a local browser through `webbrowser` or the configured command list (never a
shell, never a console browser over the reader), else copy it and show it as an OSC 8 link."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence

from tui.domain.links import safe_url
from tui.domain.opening import has_display, is_console_browser


def _webbrowser_is_console() -> bool:
    import webbrowser  # loaded on the first link opened, not at start-up

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return True
    name = getattr(browser, "name", "") or ""
    return is_console_browser(name) or (
        type(browser).__name__ == "GenericBrowser"
        and (is_console_browser(" ".join(getattr(browser, "args", []) or [name])))
    )


def launch(url: str, command: Sequence[str]) -> bool:
    """Start a browser for a URL that already passed `safe_url`; True when one started."""
    if command:
        try:
            subprocess.Popen(
                [*command, url],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            return False
        return True
    if _webbrowser_is_console():
        return False
    import webbrowser

    try:
        return webbrowser.open(url, new=2)
    except webbrowser.Error:
        return False


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
