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


def test_every_command_runs_a_real_action_method() -> None:
    """Each command names an `action_…` of the main screen (or `app.…` of the app), with at
    most literal arguments: no action that picks its method by a name given as a string."""
    import ast

    from tui.ui.app import DailyPapersApp
    from tui.ui.screens.main_screen import MainScreen

    for command in COMMANDS:
        target, _, call = command.action.rpartition(".")
        name, _, arguments = call.partition("(")
        owner = DailyPapersApp if target == "app" else MainScreen
        assert target in ("", "app"), command
        assert callable(getattr(owner, f"action_{name}", None)), command
        if arguments:
            values = ast.literal_eval(f"({arguments.rstrip(')')},)")
            assert all(isinstance(v, int) or v in ("first", "last") for v in values), command
