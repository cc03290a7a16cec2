"""The garbage-collector policy of the reader's start-up: paused until the first screen is painted.

Start-up allocates hundreds of thousands of long-lived objects (Textual's modules, classes and
styles, the first screen's papers) and no garbage worth collecting. Left on, the collector scans
them over and over: about 15 ms of young-generation passes while Textual is imported, and one
full pass of about 30 ms just before the first frame, a fifth of the time to first paint. So the
command pauses it at launch (`launch.py`, before the command line is even imported); a
subcommand resumes it as soon as the arguments are parsed, the reader once its first screen is
on the terminal. Resuming freezes what start-up made (those objects live as long as the
process) and collects normally from then on.
"""

from __future__ import annotations

import gc

_paused = False


def pause_for_startup() -> None:
    """Stop automatic collection until `resume_collection` (only if it was running)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Freeze the start-up objects and collect automatically again (only if
    `pause_for_startup` stopped it); safe to call twice."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
