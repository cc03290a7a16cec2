"""Run the Textual reader from a built `Context`: the app receives plain values only."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli.wiring import Context


def run_reader(context: Context) -> int:
    """The reader, until it quits; pending writes are flushed before returning."""
    from tui.ui.app import DailyPapersApp  # Textual loads here, not for a subcommand

    options = context.options

    def after_first_paint() -> None:
        context.after_first_paint()
        context.library.sync_soon()  # sync_dir: merge once painted, on the writer thread

    app = DailyPapersApp(
        context.library,
        context.settings,
        day=getattr(options, "date", None),
        offline_mode=bool(options.offline),
        startup_notices=context.notices,
        after_first_paint=after_first_paint,
    )
    _tolerate_narrow_locale()
    app.run()
    context.library.flush()
    rescued = context.library.rescue_unsaved()
    if rescued:  # the reader is gone: the terminal's own lines are where the user looks now
        print(f"dailypapers: {rescued}", file=sys.stderr)
        return 1
    return 0


def _tolerate_narrow_locale() -> None:
    """In a non-UTF-8 locale, draw "?" for what the terminal cannot show, not escape codes.

    Textual writes to sys.__stderr__, whose error handler is `backslashreplace` there.
    """
    stream = sys.__stderr__
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
        with contextlib.suppress(ValueError, OSError):
            stream.reconfigure(errors="replace")
