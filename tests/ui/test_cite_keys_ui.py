"""`y` gives the key kept for a paper and keeps the key it hands out (issue 16: a key never
changes once given; tests/cli/test_cite_keys_kept.py for the command line), and cites a paper
as published once its venue is known (`cite_published`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory
from tests.ui.reader_pilot import current_id, opened
from tui.demo.settling import settle
from tui.domain.citation.venue import PROCEEDINGS, Venue
from tui.store.venue_cache import VenueCache


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "TMUX"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")


async def test_y_keeps_the_key_it_copies(
    make_app: AppFactory, tmp_path: Path, no_display: None
) -> None:
    app = make_app()
    async with opened(app) as pilot:
        paper = current_id(app)
        await pilot.press("y")
        await settle(pilot)
        copied = app.clipboard.split("{", 1)[1].split(",", 1)[0]
    kept = json.loads((tmp_path / "data" / "cite_keys.json").read_text(encoding="utf-8"))
    assert kept == {paper: copied}


async def test_y_copies_the_key_given_before(
    make_app: AppFactory, tmp_path: Path, no_display: None
) -> None:
    app = make_app()
    async with opened(app) as pilot:
        paper = current_id(app)
        (tmp_path / "data" / "cite_keys.json").write_text(
            json.dumps({paper: "given2023before"}), encoding="utf-8"
        )
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard.startswith("@misc{given2023before,")


@pytest.mark.parametrize("published", [True, False])
async def test_y_cites_a_known_published_version(
    make_app: AppFactory, tmp_path: Path, no_display: None, published: bool
) -> None:
    app = make_app(cite_published=published)
    async with opened(app) as pilot:
        paper = current_id(app)
        venue = Venue(PROCEEDINGS, "Advances in Neural Information Processing Systems", 2025)
        VenueCache(tmp_path / "data" / "venues.json").put(paper, venue, "2026-12-01T00:00:00")
    app = make_app(cite_published=published)
    async with opened(app) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        if published:
            assert app.clipboard.startswith("@inproceedings{")
            assert "booktitle={Advances in Neural Information Processing Systems}" in app.clipboard
            assert f"eprint={{{paper}}}" in app.clipboard
        else:
            assert app.clipboard.startswith("@misc{")
