"""The entry point of the `dailypapers` command and of `python -m tui`.

It pauses the garbage collector before anything else is imported (see `startup_gc.py`): loading
the command line and Textual makes hundreds of thousands of long-lived objects, and full
collections over them cost more than the reader's own start-up work. The command line resumes
collection at once for a subcommand, and the reader after its first frame.
"""

from __future__ import annotations

from tui.startup_gc import pause_for_startup


def main() -> int:
    pause_for_startup()
    from tui.cli import main as run_command_line

    return run_command_line()
