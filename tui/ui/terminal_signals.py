"""Signals about the terminal: SIGHUP (the SSH connection or the tmux pane went away) and SIGTERM
stop the reader cleanly, and a SIGCONT that follows them is ignored.

Why SIGCONT matters: when a terminal hangs up, Linux sends SIGHUP and then SIGCONT. Textual's
driver answers SIGCONT by entering application mode again, with a new output thread. On a dead
terminal that thread dies on its first write, its queue fills up, and the exit SIGHUP asked for
blocks for ever on that queue: a reader left running without a terminal. This was seen in tmux
when the pane was killed during start-up on a busy machine (6 times in 25).

CPython runs pending signal handlers in signal-number order, so when both arrive together the
SIGHUP handler (1) has marked the reader as stopping before the SIGCONT handler (18) runs.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from types import FrameType
from typing import Any

STOP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


class TerminalSignals:
    """Installs the handlers in the main thread; `on_stop` then runs once, on the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, on_stop: Callable[[], None]) -> None:
        self._loop = loop
        self._on_stop = on_stop
        self.stopping = False
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        """Take over SIGHUP and SIGTERM, and wrap the SIGCONT handler already installed."""
        for sig in (*STOP_SIGNALS, signal.SIGCONT):
            self._previous[sig] = signal.getsignal(sig)
        for sig in STOP_SIGNALS:
            signal.signal(sig, self._stop)
        signal.signal(signal.SIGCONT, self._continued)

    def uninstall(self) -> None:
        """Give the signals back; after a stop, SIGCONT gets no handler (nothing to resume)."""
        for sig, handler in self._previous.items():
            if sig == signal.SIGCONT and self.stopping:
                handler = signal.SIG_DFL
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        self._previous = {}

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            return
        self.stopping = True
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._on_stop)

    def _continued(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            return  # the terminal is going away: never start application mode again
        handler = self._previous.get(signal.SIGCONT)
        if callable(handler):
            handler(signum, frame)
