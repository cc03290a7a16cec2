"""docs/keys.md is generated from the command table; this fails when it is stale."""

from __future__ import annotations

from pathlib import Path

from tui.ui.command_table import COMMANDS, keys_markdown

KEYS_DOC = Path(__file__).resolve().parents[2] / "docs" / "keys.md"


def test_keys_doc_matches_the_command_table() -> None:
    assert KEYS_DOC.read_text(encoding="utf-8") == keys_markdown(), (
        "regenerate with `python -m tui.ui.command_table > docs/keys.md`"
    )


def test_every_command_has_an_id_keys_and_help() -> None:
    ids = [c.id for c in COMMANDS]
    assert len(ids) == len(set(ids))
    assert all(c.keys and c.help and c.label for c in COMMANDS)
