"""What this machine last took from each shared sync folder (`sync_seen.json` in the data
folder): every log's size, modification time and inode when it was read, and this machine's
own log when it was published. A sync skips the logs unchanged since (their changes are in
this machine's log already) and does not publish an unchanged log again. It is written only
after a sync finished, so a kill before leaves the old record and the next sync reads those
logs again; a damaged record is ignored (everything is read, as the first time).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tui.store.atomic_storage import write_atomically
from tui.store.safe_files import read_regular

SEEN_FILE = "sync_seen.json"
MINE = "."  # this machine's own log (never a log's name: those end in .jsonl)
_FOLDERS_KEPT = 16
Signature = tuple[int, int, int]


def signature(path: Path) -> Signature | None:
    """A regular file's size, modification time (ns) and inode; None when it is not one."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


class SeenLogs:
    """The record of one shared folder, kept in one data folder."""

    def __init__(self, data_dir: Path, folder: Path) -> None:
        self._path = data_dir / SEEN_FILE
        self._key = str(folder.absolute())

    def load(self) -> dict[str, Signature]:
        """The signatures last recorded for this folder (none when unknown or damaged)."""
        folder = self._all().get(self._key)
        if not isinstance(folder, dict):
            return {}
        seen: dict[str, Signature] = {}
        for name, mark in folder.items():
            if isinstance(mark, list) and len(mark) == 3 and all(type(n) is int for n in mark):
                seen[name] = (mark[0], mark[1], mark[2])
        return seen

    def save(self, seen: dict[str, Signature]) -> None:
        """Record these signatures for this folder (OSError when the data folder refuses)."""
        folders = {k: v for k, v in self._all().items() if k != self._key}
        kept = dict(list(folders.items())[-(_FOLDERS_KEPT - 1) :])
        kept[self._key] = {name: list(mark) for name, mark in seen.items()}
        write_atomically(self._path, json.dumps({"v": 1, "folders": kept}).encode())

    def _all(self) -> dict[str, object]:
        try:
            document = json.loads(read_regular(self._path, limit=16 * 1024 * 1024))
        except (OSError, ValueError, UnicodeDecodeError):
            return {}
        folders = document.get("folders") if isinstance(document, dict) else None
        return folders if isinstance(folders, dict) else {}
