"""zotero.json read back: a planted or hand-edited file puts nothing but known words on screen."""

from __future__ import annotations

import json
from pathlib import Path

from tui.library.zotero_marks import read_marks
from tui.store.zotero_sent import SENT, SendRecord, ZoteroSentStore


def test_a_planted_route_never_reaches_the_mark(tmp_path: Path) -> None:
    (tmp_path / "zotero.json").write_text(
        json.dumps(
            {
                "2405.09818": {"state": "sent", "token": "t", "route": "\x1b[2Jpwned", "at": "x"},
                "2405.00001": {"state": "sent", "token": "u", "route": "web API", "at": ""},
            }
        ),
        encoding="utf-8",
    )
    store = ZoteroSentStore(tmp_path / "zotero.json")
    assert store.get("2405.09818") == SendRecord(SENT, "t", "", "x")
    marks = read_marks(tmp_path)
    assert marks["2405.09818"].describe() == "in Zotero"
    assert marks["2405.00001"].describe() == "in Zotero (by the web API)"
