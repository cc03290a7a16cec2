"""The cite keys already handed out (``cite_keys.json``: paper id -> key).

A key that went into someone's `.bib` must never change, even when an older paper with the
same base key joins the library later (from a search, or paging back). Every key `cite`, `y`,
`Y` and `export` give out is kept here; the library's `KeyBook` gives a kept key first and
never gives it to another paper. Read through the safe JSON reader; an entry that is not a
plain key (a hand-edited or planted file) is ignored, so nothing but a key's own characters
reaches a `.bib` or the clipboard. Changes are merged under the file's lock: a paper's first
key wins, and no key is kept for two papers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tui.domain.citation.keys import is_plain_key
from tui.store.json_file import JsonDocument

ID_LIMIT = 200


class CiteKeyStore(JsonDocument):
    """The ``cite_keys.json`` of a data folder."""

    def kept(self) -> dict[str, str]:
        """Every key kept, by paper id (entries that are not plain keys left out, and a key
        claimed twice kept for the first paper in id order only)."""
        keys: dict[str, str] = {}
        holders: set[str] = set()
        for paper_id, key in sorted(self.read().items()):
            if not (isinstance(key, str) and is_plain_key(key)):
                continue
            if not paper_id or len(paper_id) > ID_LIMIT or not paper_id.isprintable():
                continue
            if key.lower() not in holders:
                holders.add(key.lower())
                keys[paper_id] = key
        return keys

    def keep(self, fresh: Mapping[str, str]) -> None:
        """Add keys just handed out (a paper already holding one, or a key another paper
        holds, is left as it is on disk)."""
        if not fresh:
            return

        def change(data: dict[str, Any]) -> None:
            held = {key.lower() for key in data.values() if isinstance(key, str)}
            for paper_id, key in fresh.items():
                if paper_id not in data and key.lower() not in held and is_plain_key(key):
                    data[paper_id] = key
                    held.add(key.lower())

        self.update(change)
