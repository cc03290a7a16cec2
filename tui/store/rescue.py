"""Where changes go when the data folder will not take them: a private file in the temp folder.

Written at the end of a session (quit, SIGHUP, SIGTERM) when a write still fails, so what the
user did is not dropped without a word: the file is created by `mkstemp` (mode 0600, a fresh
name, never an existing file or link) and the caller tells the user its path.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_rescue_file(tables: dict[str, object], folder: Path | None = None) -> Path:
    """`tables` as JSON in a new private file (in `folder`, else the temp folder); its path."""
    payload = json.dumps(tables, indent=1, sort_keys=True).encode("utf-8") + b"\n"
    fd, name = tempfile.mkstemp(prefix="dailypapers-unsaved-", suffix=".json", dir=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name)
