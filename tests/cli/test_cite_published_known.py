"""A published version already looked up (venues.json) is what `cite` and `export` give, with
the arXiv id kept as eprint, and nothing is asked on the network; `cite_published = false`
gives the preprint (issue 16: researchers cite the published version)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ui.reader_pilot import hf_item
from tui.cli.main import main
from tui.domain.citation.venue import PROCEEDINGS, Venue
from tui.store.venue_cache import VenueCache

PAPER = "2405.09818"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DAILYPAPERS_CONFIG", str(tmp_path / "none.toml"))
    feed = tmp_path / "hf.json"
    feed.write_text(json.dumps([hf_item(PAPER, "Chameleon", "2024-05-16")]), encoding="utf-8")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "--feed", str(feed), "fetch"]) == 0
    venue = Venue(PROCEEDINGS, "Advances in Neural Information Processing Systems", 2025)
    VenueCache(data / "venues.json").put(PAPER, venue, "2026-12-01T00:00:00+00:00")
    return data


def _out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_cite_and_export_give_the_known_published_version(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ("--data-dir", str(folder), "--offline")
    for text in (_out(capsys, *common, "cite", PAPER), _out(capsys, *common, "export", "--all")):
        assert text.startswith("@inproceedings{")
        assert "booktitle={Advances in Neural Information Processing Systems}" in text
        assert f"eprint={{{PAPER}}}" in text
    bib = folder.parent / "refs.bib"
    assert main([*common, "export", "--all", "--merge", str(bib)]) == 0
    assert bib.read_text(encoding="utf-8").startswith("@inproceedings{")
    csl = json.loads(_out(capsys, *common, "export", "--all", "--format", "csl-json"))
    assert csl[0]["type"] == "paper-conference"


def test_cite_published_false_gives_the_preprint(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("cite_published = false\n", encoding="utf-8")
    common = ("--config", str(config), "--data-dir", str(folder), "--offline")
    assert _out(capsys, *common, "cite", PAPER).startswith("@misc{")
    assert _out(capsys, *common, "export", "--all").startswith("@misc{")
