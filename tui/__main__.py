"""The launcher: the `dailypapers` command and `python -m tui`. Start-up policy lives here, only.

The garbage collector is paused before anything else is imported. Start-up allocates hundreds of
thousands of long-lived objects (Textual's modules, classes and styles, the first screen's
papers) and no garbage worth collecting; left on, the collector scans them over and over (about
15 ms of young passes while Textual loads and one full pass of about 30 ms before the first
frame). The command line is handed `resume_collection`: a subcommand calls it as soon as its
arguments are parsed, the reader once its first screen is on the terminal. Resuming freezes what
start-up made (it lives as long as the process) and collects normally from then on.

The methods that `dataclasses` and `namedtuple` generate are compiled once and kept
(`code_cache`): installed once the command line knows it is not the quick `list` (which never
imports `dataclasses`), before Textual and the reader are imported; saved once start-up is
over (the first paint, or the exit of a subcommand) when something was compiled anew.
"""

from __future__ import annotations

import atexit
import gc

from tui import code_cache

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
        code_cache.save()


def _install_cache(program: str) -> None:
    code_cache.install(program=program)


def main() -> int:
    pause_for_startup()
    atexit.register(code_cache.save)  # what a subcommand or a later screen compiled
    from tui.cli.main import main as run_command_line

    return run_command_line(resume_startup=resume_collection, prepare_imports=_install_cache)


if __name__ == "__main__":
    raise SystemExit(main())
