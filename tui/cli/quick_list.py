"""The quick path of plain `dailypapers list --offline`: print the kept listing
(`store/listing.py`) when none of its inputs has changed, before the rest of the command line
is even imported.

Only the plain form is taken: `list`, `--offline`, and the global options that do not change
what it prints (`--data-dir`, `--config`, `--feed`, each as `--x VALUE` or `--x=VALUE`), in
any order. Anything else, and any listing that is missing, stale or damaged, returns None and
the command line runs as usual (which keeps a fresh listing for next time). When only the marks
of its papers have changed, the lines are given fresh flags (`cli/reflag.py`). Imports `os`,
`sys`, `json` and `safe_files`, and `platformdirs` only when no option or environment
variable names the folders.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.store.listing import read_listing
from tui.store.names import APP_NAME, CONFIG_ENV, DATA_DIR_ENV, LISTING_FILE

_VALUED = ("--data-dir", "--config", "--feed")


def quick_list(argv: Sequence[str]) -> int | None:
    """Print the kept listing and return 0, or None when the full path must answer."""
    folders = _plain(argv)
    if folders is None:
        return None
    data_dir, config_file = _locations(*folders)
    kept = read_listing(data_dir / LISTING_FILE, config_file)
    if kept is None:
        return None
    text: str | None = kept.text
    if not kept.marks_fresh:  # a mark changed since: the same lines, fresh flags
        from tui.cli.reflag import reflagged

        text = reflagged(data_dir, config_file, kept)
    if text is None:
        return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `dailypapers list | head`: the reader of our output left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _plain(argv: Sequence[str]) -> tuple[str | None, str | None] | None:
    """(--data-dir, --config) of a plain `list --offline` (the last of each, as argparse
    keeps), or None for any other command line."""
    values: dict[str, str] = {}
    command = offline = False
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if arg == "list" and not command:
            command = True
        elif arg == "--offline":
            offline = True
        elif name in _VALUED and equals:
            values[name] = value
        elif arg in _VALUED:
            value = next(args, "-")
            if value.startswith("-"):
                return None  # argparse's business (a missing value, say)
            values[arg] = value
        else:
            return None
    if not (command and offline):
        return None
    return values.get("--data-dir"), values.get("--config")


def _locations(data_dir: str | None, config_file: str | None) -> tuple[Path, Path]:
    """As `store/locations.resolve_locations`: the option, else the environment, else the
    platform's user folders."""
    data = _from_env(DATA_DIR_ENV) if data_dir is None else data_dir
    config = _from_env(CONFIG_ENV) if config_file is None else config_file
    if data is None or config is None:
        from platformdirs import user_config_path, user_data_path

        data = str(user_data_path(APP_NAME)) if data is None else data
        config = str(user_config_path(APP_NAME) / "config.toml") if config is None else config
    return Path(data).expanduser(), Path(config).expanduser()


def _from_env(name: str) -> str | None:
    return os.environ.get(name, "").strip() or None
