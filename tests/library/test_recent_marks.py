"""A mark given while a view is read from disk stays on that view when it arrives.

The reader reads a day on a worker thread while mark writes queue on the writer thread; a star
given in between must not vanish from the screen (it did, under load, in the tmux tests).
"""

from __future__ import annotations

import threading
from pathlib import Path

from tui.cli.wiring import build_library
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.domain.paper import Marks
from tui.library.library import Library

HF_FIXTURE = Path(__file__).parents[1] / "fixtures" / "hf_daily.json"


async def _library_with_a_day(tmp_path: Path) -> Library:
    feed = FeedSpec("HF", str(HF_FIXTURE), FeedKind.HF_JSON)
    library = build_library(tmp_path / "data", [feed], offline=False)
    await library.refresh()
    return library


async def test_a_star_queued_behind_a_slow_write_shows_on_the_day_loaded_meanwhile(
    tmp_path: Path,
) -> None:
    library = await _library_with_a_day(tmp_path)
    first = (await library.load_day()).papers[0]
    gate = threading.Event()
    library._writer.submit(gate.wait)  # the writer is busy: the star is queued, not on disk
    try:
        library.submit_marks({first.id: Marks(saved=True)}, [first], {first.id: Marks()})
        assert not library.load_day_sync().papers.marks_for(first.id).saved  # disk: not yet
        for view in (await library.load_day(), await library.load_library()):
            assert first.id in view.papers.ids()
            assert view.papers.marks_for(first.id).saved
        assert (await library.load_marks())[first.id].saved  # every mark, as the sync shows
    finally:
        gate.set()
    await library.writes_done()
    assert library.load_day_sync().papers.marks_for(first.id).saved  # and then on disk
    await library.aclose()


async def test_a_view_read_after_the_write_is_not_overlaid_with_older_changes(
    tmp_path: Path,
) -> None:
    library = await _library_with_a_day(tmp_path)
    first = (await library.load_day()).papers[0]
    library.submit_marks({first.id: Marks(saved=True)}, [first], {first.id: Marks()})
    await library.writes_done()
    # Another session unstars it on disk; a view read after our write shows the disk's word.
    library.set_marks_sync({first.id: Marks()}, [first], {first.id: Marks(saved=True)})
    view = await library.load_day()
    assert view.marks_written >= 1
    assert not view.papers.marks_for(first.id).saved
    await library.aclose()
