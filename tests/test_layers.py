"""The import rule of DESIGN.md: only `tui.ui` loads Textual; `tui.domain` loads no I/O library."""

from __future__ import annotations

import subprocess
import sys

import pytest

NON_UI_MODULES = ["tui.domain", "tui.sources", "tui.store", "tui.library", "tui.settings"]
DOMAIN_MODULES = [
    "tui.domain.paper",
    "tui.domain.sanitise",
    "tui.domain.arxiv",
    "tui.domain.feeds",
    "tui.domain.paper_list",
    "tui.domain.citation",
    "tui.domain.links",
    "tui.domain.polling",
    "tui.domain.rules",
    "tui.domain.freshness",
    "tui.domain.opening",
]


def _loaded_after_import(module: str, candidates: list[str]) -> list[str]:
    probe = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        f"print(','.join(m for m in {candidates!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return [name for name in result.stdout.strip().split(",") if name]


@pytest.mark.parametrize("module", NON_UI_MODULES)
def test_non_ui_modules_do_not_load_textual(module: str) -> None:
    assert _loaded_after_import(module, ["textual"]) == []


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_loads_no_io_library(module: str) -> None:
    assert _loaded_after_import(module, ["textual", "httpx", "tinydb"]) == []
