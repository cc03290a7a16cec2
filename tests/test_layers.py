"""The import rule of docs/architecture.md, as import contracts (import-linter, pyproject.toml).

`lint-imports` checks every module of `tui` against the layers and the forbidden imports. These
tests run it, check that the contract names every top-level package (so a new one cannot slip
in unlayered), and that, at run time too, nothing outside `ui/` loads Textual.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_import_contracts_hold() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_layers_name_every_package_at_the_top() -> None:
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    named = {part.strip() for layer in layers["layers"] for part in str(layer).split("|")}  # type: ignore[attr-defined]
    present = {
        p.name for p in (ROOT / "tui").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    present |= {p.stem for p in (ROOT / "tui").glob("*.py") if p.name != "__init__.py"}
    assert present == named, "every module at the top of tui/ belongs to a layer"


@pytest.mark.parametrize(
    "module",
    [
        "tui.domain.days",
        "tui.domain.feeds.parse",
        "tui.store.cache",
        "tui.library.library",
        "tui.settings.settings",
        "tui.sources.fetcher",
        "tui.cli.commands",
    ],
)
def test_only_the_ui_loads_textual(module: str) -> None:
    probe = f"import importlib, sys; importlib.import_module({module!r}); "
    probe += "print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
