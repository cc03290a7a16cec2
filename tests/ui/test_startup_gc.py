"""The collector pause of the reader's start-up: paused at launch, resumed after the first paint."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.ui.conftest import AppFactory
from tui.startup_gc import pause_for_startup, resume_after_first_paint
from tui.ui.settling import settle


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    yield
    resume_after_first_paint()
    gc.unfreeze()  # frozen objects would otherwise never be collected in this test process
    gc.enable()


def test_pause_stops_collection_and_resume_freezes_and_restarts_it() -> None:
    pause_for_startup()
    assert not gc.isenabled()
    resume_after_first_paint()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resume_leaves_a_collector_it_did_not_pause_alone() -> None:
    gc.disable()  # someone else's choice, e.g. an embedding program
    pause_for_startup()
    resume_after_first_paint()
    assert not gc.isenabled()


async def test_the_reader_resumes_collection_once_it_has_painted(make_app: AppFactory) -> None:
    pause_for_startup()
    app = make_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert gc.isenabled()
