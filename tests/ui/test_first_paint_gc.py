"""The reader ends the launcher's start-up policy once its first screen is painted."""

from __future__ import annotations

import gc

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import opened
from tui.__main__ import pause_for_startup, resume_collection


async def test_the_reader_resumes_collection_once_it_has_painted(make_app: AppFactory) -> None:
    gc.enable()  # as in a new process (a test before may have left a thread pausing it)
    pause_for_startup()
    assert not gc.isenabled()
    app = make_app()
    app.after_first_paint = resume_collection  # as the launcher hands it through the CLI
    # until_idle: a day load still running on its thread pauses collection while it reads
    async with opened(app, (120, 34), until_idle=True):
        assert gc.isenabled()
