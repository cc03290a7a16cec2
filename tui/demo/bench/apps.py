"""The Textual side of the benchmark: an in-process harness that times key presses in the reader
up to the frame they cause, and the bare app's Pilot round trips to compare against (the bare
app itself is `tui.demo.bench.bare_app`, which the pty runs of `tui.demo.bench.startup` spawn).

How a key is timed: the key event is posted to the app, the clock stops at the last frame
composed and rendered to terminal bytes before the app is idle again. Frames are seen by
wrapping `App._display` (the one place Textual hands a frame to the driver); the headless driver
skips turning a frame into escape sequences, so the wrapper does that, to count its cost too.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.console import RenderableType
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Input

from tui.demo.bench.bare_app import BareApp
from tui.demo.settling import settle
from tui.ui.app import DailyPapersApp
from tui.ui.screens.main_screen import MainScreen
from tui.ui.widgets.paper_list_view import PaperListView

SIZE = (120, 34)


class FrameClock:
    """Records when frames leave the app (rendered to terminal bytes) and when the paper list
    drew a row, so a key's "list updated" frame can be told from later ones (the preview)."""

    def __init__(self, app: App[Any], paper_list: PaperListView) -> None:
        self.frames: list[float] = []
        self.list_draws: list[float] = []
        original_display = app._display
        original_line = paper_list.render_line

        def display(screen: Screen[Any], renderable: RenderableType | None) -> None:
            original_display(screen, renderable)
            render_segments = getattr(renderable, "render_segments", None)
            if render_segments is not None:
                render_segments(app.console)
                self.frames.append(time.perf_counter())

        def render_line(y: int) -> Strip:
            self.list_draws.append(time.perf_counter())
            return original_line(y)

        app._display = display  # type: ignore[method-assign]
        paper_list.render_line = render_line  # type: ignore[method-assign]

    def since(self, start: float) -> tuple[float | None, float | None]:
        """The first frame with the list redrawn after `start`, and the last frame."""
        drawn = next((t for t in self.list_draws if t >= start), None)
        frames = [t for t in self.frames if t >= start]
        list_frame = next((t for t in frames if drawn is not None and t >= drawn), None)
        return list_frame, (frames[-1] if frames else None)


@dataclass
class KeyTimes:
    """Milliseconds per key press, from the key event to its last frame."""

    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def p95(self) -> float:
        if len(self.samples) < 2:
            return self.median
        return statistics.quantiles(self.samples, n=20, method="inclusive")[-1]


async def timed_key(
    pilot: Pilot[Any], frames: FrameClock, key: str, char: str | None, check: Callable[[], bool]
) -> tuple[float, float]:
    """Post one key, wait until the app is idle; ms to the frame that showed the list changed,
    and ms to the key's last frame (everything settled, the preview included).

    `check` must say the key took effect (the benchmark refuses to time a key that did nothing).
    """
    app = pilot.app
    start = time.perf_counter()
    app.post_message(events.Key(key, char))
    await pilot.pause()
    await pilot.pause()
    if not check():
        raise RuntimeError(f"the key {key!r} did not take effect")
    list_frame, last_frame = frames.since(start)
    if list_frame is None or last_frame is None:
        raise RuntimeError(f"the key {key!r} did not redraw the paper list")
    return (list_frame - start) * 1000, (last_frame - start) * 1000


def _screen(app: DailyPapersApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), "the reader is not on its main screen"
    return screen


@dataclass
class Timed:
    """Per key: ms to the frame showing the list changed, and ms until everything settled."""

    shown: KeyTimes = field(default_factory=KeyTimes)
    settled: KeyTimes = field(default_factory=KeyTimes)

    def add(self, pair: tuple[float, float]) -> None:
        self.shown.samples.append(pair[0])
        self.settled.samples.append(pair[1])


async def time_cursor_moves(pilot: Pilot[Any], frames: FrameClock, moves: int) -> Timed:
    """`j` pressed `moves` times from the top of the list."""
    screen = _screen(pilot.app)  # type: ignore[arg-type]
    view = screen.papers_view
    if len(view.papers) <= moves:
        raise RuntimeError(f"need more than {moves} papers in view, have {len(view.papers)}")
    timed = Timed()
    for n in range(moves):

        def moved(expected: int = n + 1) -> bool:
            return view.cursor == expected

        timed.add(await timed_key(pilot, frames, "j", "j", moved))
    return timed


async def time_filter_typing(
    pilot: Pilot[Any], frames: FrameClock, query: str, rounds: int
) -> Timed:
    """Type `query` into the filter, one timed keystroke at a time, `rounds` times over."""
    screen = _screen(pilot.app)  # type: ignore[arg-type]
    timed = Timed()
    for _ in range(rounds):
        await pilot.press("slash")
        screen.query_one(Input).cursor_blink = False
        await settle(pilot)
        for end in range(1, len(query) + 1):
            typed = query[:end]
            char = typed[-1]
            if char == " ":  # the same words: the list is rightly not drawn again, so untimed
                await pilot.press("space")
                await settle(pilot)
                continue

            def filtered(typed: str = typed) -> bool:
                state = screen.state
                return state.query == typed and screen.papers_view.papers is state.visible

            timed.add(await timed_key(pilot, frames, char, char, filtered))
        await pilot.press("escape")
        await settle(pilot)
    return timed


async def reader_latencies(
    app: DailyPapersApp, *, moves: int, query: str, rounds: int, presses: int
) -> dict[str, KeyTimes]:
    """Cursor moves, filter keystrokes and raw `pilot.press` round trips in the reader."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = _screen(app)
        frames = FrameClock(app, screen.papers_view)
        cursor = await time_cursor_moves(pilot, frames, moves)
        await pilot.press("g")
        typing = await time_filter_typing(pilot, frames, query, rounds)
        await settle(pilot)
        pilot_press = await _pilot_presses(pilot, presses)
        await app.library.aclose()
    return {
        "cursor": cursor.shown,
        "cursor_settled": cursor.settled,
        "filter": typing.shown,
        "filter_settled": typing.settled,
        "pilot_press": pilot_press,
    }


async def bare_pilot_presses(presses: int) -> KeyTimes:
    """`pilot.press` round trips in the bare app: the harness's own floor."""
    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return await _pilot_presses(pilot, presses)


async def _pilot_presses(pilot: Pilot[Any], presses: int, keys: Sequence[str] = "jk") -> KeyTimes:
    times = KeyTimes()
    for n in range(presses):
        start = time.perf_counter()
        await pilot.press(keys[n % len(keys)])
        await pilot.pause()
        times.samples.append((time.perf_counter() - start) * 1000)
    return times
