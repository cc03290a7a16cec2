"""TinyDB over the atomic writes of `store/atomic_storage.py`: a storage that never leaves a torn
file and a table keyed by strings. Kept apart so that the reader's start never loads TinyDB.
"""

from __future__ import annotations

import os
from pathlib import Path

from tinydb.storages import Storage
from tinydb.table import Table

from tui.store.atomic_storage import Tables, encode_tables, parse_tables, write_atomically
from tui.store.safe_files import read_regular


class AtomicJSONStorage(Storage):
    """TinyDB storage: reads the whole file, writes it atomically. Never creates on open.

    `read` raises `UnreadableFileError` for a file that is there but is not a database (the
    caller sets it aside); a missing file reads as an empty database.
    """

    def __init__(self, path: str | os.PathLike[str], **_: object) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> Tables | None:
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return None
        return parse_tables(raw)

    def write(self, data: Tables) -> None:
        write_atomically(self.path, encode_tables(data), keep_backup=True)


class KeyedTable(Table):
    """A TinyDB table whose document ids are strings (paper ids, feed URLs), as stored."""

    document_id_class = str  # type: ignore[assignment]  # tinydb assumes int ids
