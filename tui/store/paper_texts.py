"""The Markdown of papers read with `R`, kept for offline reading: one file per paper in
``<data>/papers/``, written atomically, read back only as a regular file (never through a
link) and at most `TEXT_CAP` bytes."""

from __future__ import annotations

from pathlib import Path

from tui.store.exports import write_text_atomic
from tui.store.locations import DataFiles
from tui.store.safe_files import read_regular

TEXT_CAP = 4 * 1024 * 1024


class PaperTexts:
    """Cached paper texts by arXiv id (the caller checks the id)."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = DataFiles(data_dir).paper_texts_dir

    def _path(self, paper_id: str) -> Path:
        return self._folder / (paper_id.replace("/", "_") + ".md")

    def load(self, paper_id: str) -> str | None:
        """The kept text, or None when there is none (or it cannot be read)."""
        try:
            data = read_regular(self._path(paper_id), limit=TEXT_CAP)
        except OSError:
            return None
        return data.decode("utf-8", errors="replace")

    def save(self, paper_id: str, text: str) -> bool:
        """Keep the text; False when the data folder refused it."""
        try:
            write_text_atomic(self._path(paper_id), text)
        except OSError:
            return False
        return True
