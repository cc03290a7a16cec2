"""Reading many documents at once with the garbage collector paused.

A day of 5,000 papers makes some 150,000 objects (the parsed JSON, then the papers), none of
them garbage; with collection on, the young passes that so many allocations set off (and the
older ones they lead to, which walk the whole heap) cost ~10% of the read. Collection is only
paused where it was running and resumed after, so the launcher's own start-up pause is kept.

A block that loads what the reader then keeps (a day's papers) can also leave what it made
out of later young passes (`gc.freeze`), when it made many objects (`FREEZE_FROM`: a big day;
an ordinary day of a hundred papers is left to the collector as before). The first passes
after a big load would otherwise walk its 150,000 objects, 5-30 ms at random points of the
next steps (the spread of the day load's benchmark, 80-120 ms, was that). The next keeping
block first hands the frozen objects back to the oldest generation (`gc.unfreeze`), and every
16th that does so begins with a full pass (~10-20 ms in the reader, in the loading thread), so
cyclic garbage frozen with a load is never held for good, however quickly days are paged.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_FROM = 20_000  # tracked objects the block leaves alive (a day of ~2,500 papers and more)
FULL_PASS_EVERY = 16
_thaws = [0, 0]  # [frozen by a block and not yet handed back (0 or 1), hand-backs so far]


@contextmanager
def collection_paused(*, keep_what_it_made: bool = False) -> Iterator[None]:
    """No automatic garbage collection while the block runs (if there was any before); with
    `keep_what_it_made`, when the block made many objects, every object alive at the end is
    left out of later passes until the next such block (see the module's docstring)."""
    was_on = gc.isenabled()
    if was_on and keep_what_it_made and _thaws[0]:
        gc.unfreeze()
        _thaws[0] = 0
        _thaws[1] += 1
        if _thaws[1] % FULL_PASS_EVERY == 0:
            gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if keep_what_it_made and gc.get_count()[0] >= FREEZE_FROM:
                gc.freeze()
                _thaws[0] = 1
            gc.enable()
