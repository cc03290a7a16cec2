"""`cite_keys.json`: keys handed out are kept, a planted file cannot put text into a citation,
and two processes keeping keys at once lose neither's (real processes)."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from tui.store.cite_keys import CiteKeyStore


def test_keep_adds_new_keys_and_never_moves_one(tmp_path: Path) -> None:
    store = CiteKeyStore(tmp_path / "cite_keys.json")
    store.keep({"p1": "smith2024same"})
    store.keep({"p1": "other2024", "p2": "smith2024same", "p3": "smith2024same-p3"})
    assert store.kept() == {"p1": "smith2024same", "p3": "smith2024same-p3"}


def test_planted_entries_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "cite_keys.json"
    planted = {
        "a": "ok2024key",
        "b": "x}\x1b]52;c;AAAA\x07",
        "c": 7,
        "\x1b[2J": "fine2024",
        "d": "OK2024KEY",
    }
    path.write_text(json.dumps(planted), encoding="utf-8")
    assert CiteKeyStore(path).kept() == {"a": "ok2024key"}


def _keep_many(path: str, start: int) -> None:
    store = CiteKeyStore(Path(path))
    for n in range(start, start + 40):
        store.keep({f"paper{n}": f"key{n}"})


def test_two_processes_keep_every_key(tmp_path: Path) -> None:
    path = tmp_path / "cite_keys.json"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_keep_many, args=(str(path), s)) for s in (0, 40)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert CiteKeyStore(path).kept() == {f"paper{n}": f"key{n}" for n in range(80)}
