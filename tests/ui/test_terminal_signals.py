"""SIGHUP and SIGTERM stop the reader once; a SIGCONT after them never restarts the terminal."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from types import FrameType

import pytest

from tui.ui.terminal_signals import TerminalSignals


@pytest.fixture
def resumes() -> Iterator[list[int]]:
    """A stand-in for Textual's SIGCONT handler (which re-enters application mode)."""
    seen: list[int] = []

    def resume(signum: int, frame: FrameType | None) -> None:
        seen.append(signum)

    before = {sig: signal.getsignal(sig) for sig in (signal.SIGHUP, signal.SIGTERM, signal.SIGCONT)}
    signal.signal(signal.SIGCONT, resume)
    yield seen
    for sig, handler in before.items():
        signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


async def _until_stopped(stops: list[str]) -> None:
    for _ in range(100):
        await asyncio.sleep(0.01)
        if stops:
            return


async def test_sigcont_resumes_as_before_until_a_hangup(resumes: list[int]) -> None:
    stops: list[str] = []
    signals = TerminalSignals(asyncio.get_running_loop(), lambda: stops.append("stop"))
    signals.install()
    try:
        os.kill(os.getpid(), signal.SIGCONT)  # `fg` after Ctrl+Z: Textual resumes
        await asyncio.sleep(0.05)
        assert resumes == [signal.SIGCONT]
        os.kill(os.getpid(), signal.SIGHUP)
        os.kill(os.getpid(), signal.SIGCONT)  # what Linux sends after a hangup
        await _until_stopped(stops)
        await asyncio.sleep(0.05)
        assert stops == ["stop"], "stopped once, on the event loop"
        assert resumes == [signal.SIGCONT], "no second resume after the hangup"
    finally:
        signals.uninstall()
    assert signal.getsignal(signal.SIGCONT) == signal.SIG_DFL
    assert getattr(signal.getsignal(signal.SIGHUP), "__self__", None) is not signals


async def test_sigterm_twice_stops_once(resumes: list[int]) -> None:
    stops: list[str] = []
    signals = TerminalSignals(asyncio.get_running_loop(), lambda: stops.append("stop"))
    signals.install()
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGTERM)
        await _until_stopped(stops)
        await asyncio.sleep(0.05)
        assert stops == ["stop"]
    finally:
        signals.uninstall()
    assert signal.getsignal(signal.SIGCONT) == signal.SIG_DFL


async def test_uninstall_without_a_stop_gives_sigcont_back(resumes: list[int]) -> None:
    handler = signal.getsignal(signal.SIGCONT)
    signals = TerminalSignals(asyncio.get_running_loop(), lambda: None)
    signals.install()
    signals.uninstall()
    assert signal.getsignal(signal.SIGCONT) is handler
