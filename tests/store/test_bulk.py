"""The collector's pause around bulk reads: paused only where it ran, what a keeping block
made left out of later passes, and cyclic garbage frozen with it collected after the next."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from tui.store import bulk
from tui.store.bulk import collection_paused


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    # Left on after, whatever it was before: a day load on a thread another test left
    # running may have had it paused for a moment, and restoring that pause would make it last.
    gc.enable()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_paused_in_the_block_and_running_after() -> None:
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_pause_begun_elsewhere_is_kept() -> None:
    gc.disable()
    with collection_paused(keep_what_it_made=True):
        kept = [object() for _ in range(10)]
    assert not gc.isenabled() and gc.get_freeze_count() == 0  # nothing frozen either
    assert kept


def test_what_a_keeping_block_made_is_out_of_later_passes() -> None:
    with collection_paused(keep_what_it_made=True):
        papers = [[n] for n in range(bulk.FREEZE_FROM + 1_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(papers)
    assert all(not gc.is_finalized(p) for p in papers[:3])


def test_a_small_load_is_left_to_the_collector() -> None:
    with collection_paused(keep_what_it_made=True):
        papers = [{"id": n} for n in range(100)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert papers


def test_garbage_frozen_with_a_load_is_handed_back_at_the_next_load() -> None:
    watch = _garbage()
    with collection_paused(keep_what_it_made=True):
        day = _big_day()  # the garbage is frozen with everything else alive
    gc.collect()
    assert watch() is not None  # held while frozen
    with collection_paused(keep_what_it_made=True):
        pass
    gc.collect()  # any full pass now finds it
    assert watch() is None
    assert day


def test_while_big_days_keep_coming_a_full_pass_runs_every_sixteenth_load() -> None:
    watch = _garbage()
    days = []
    for _ in range(bulk.FULL_PASS_EVERY + 1):
        with collection_paused(keep_what_it_made=True):
            days.append(_big_day())  # each load freezes, and hands the last one's back
    assert watch() is None  # no gc.collect() here: the loads' own full pass freed it


def _garbage() -> weakref.ref[_Node]:
    garbage = _Node()
    watch = weakref.ref(garbage)
    del garbage  # unreachable, but only the collector can free a cycle
    return watch


def _big_day() -> list[list[int]]:  # lists: always tracked by the collector
    return [[n] for n in range(bulk.FREEZE_FROM + 1_000)]
