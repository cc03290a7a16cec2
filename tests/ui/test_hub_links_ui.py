"""Pilot tests over a loopback Hugging Face API: the paper shown has its linked models,
datasets and Spaces asked in the background (`/api/papers/{id}`, once), shown in the preview,
and `H` opens a chooser of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hf_api_server import HfApi
from tests.ui.reader_pilot import SIZE, opened, papers, preview, record_notices, settled
from tests.ui.test_spans_ui import NOW, online_app
from tui.cli.wiring import build_library
from tui.domain.feeds.hub_artifacts import parse_artifacts
from tui.ui.app import DailyPapersApp
from tui.ui.screens.chooser_screen import ChooserScreen

PAPER = "2511.12495"  # hf_paper_object.json: 3 models (1 named), 1 dataset, 2 Spaces


async def _on_paper(pilot: object, app: object, paper_id: str) -> None:
    ids = [p.id for p in papers(app).papers]  # type: ignore[arg-type]
    papers(app).go(ids.index(paper_id))  # type: ignore[arg-type]


async def test_the_preview_shows_linked_artifacts_and_H_chooses_one(
    hf_api: HfApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAILYPAPERS_HF_API", hf_api.url)
    app = online_app(hf_api, tmp_path / "data")
    async with opened(app, SIZE, until_idle=True) as pilot:
        await _on_paper(pilot, app, PAPER)
        await pilot.pause(0.8)
        await settled(pilot)
        hub = preview(app, "hub")
        assert hub.startswith("Hugging Face: 3 models (sato-lab/Model-7B-Instruct")
        assert "1 dataset (sato-lab/train-mix)" in hub and "2 Spaces" in hub
        asked = [r for r, _ in hf_api.requests if r.startswith(f"/api/papers/{PAPER}")]
        assert len(asked) == 1
        await pilot.press("H")
        await settled(pilot)
        assert isinstance(app.screen, ChooserScreen)
        assert len([r for r, _ in hf_api.requests if r.startswith(f"/api/papers/{PAPER}")]) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChooserScreen)


async def test_H_offline_says_so(tmp_path: Path) -> None:
    from tests.ui.conftest import STILL
    from tui.demo.app import build_demo_app

    app = build_demo_app(tmp_path / "data", settings=STILL)
    async with opened(app, SIZE, until_idle=True) as pilot:
        notices = record_notices(app)
        await pilot.press("H")
        await settled(pilot)
        assert notices == ["Offline: linked models and datasets need the network"]
        assert preview(app, "hub") == ""


async def test_linked_artifacts_seen_once_show_offline_without_a_request(
    hf_api: HfApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAILYPAPERS_HF_API", hf_api.url)
    data = tmp_path / "data"
    app = online_app(hf_api, data)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await _on_paper(pilot, app, PAPER)
        await pilot.pause(0.8)
        await settled(pilot)
        assert preview(app, "hub").startswith("Hugging Face: 3 models")
    assert (data / "hub_links.json").is_file()
    hf_api.clear_requests()
    offline = DailyPapersApp(
        build_library(data, app.settings.feeds, offline=True, clock=lambda: NOW),
        app.settings,
        clock=lambda: NOW,
        offline_mode=True,
    )
    async with offline.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await _on_paper(pilot, offline, PAPER)
        await pilot.pause(0.8)
        await settled(pilot)
        hub = preview(offline, "hub")
        assert hub.startswith("Hugging Face: 3 models (sato-lab/Model-7B-Instruct")
        await pilot.press("H")
        await settled(pilot)
        assert isinstance(offline.screen, ChooserScreen)
    assert hf_api.requests == []


def test_kept_artifacts_are_checked_again_when_read(tmp_path: Path) -> None:
    import json

    from tui.domain.feeds.hub_artifacts import artifacts_doc
    from tui.store.hub_links import CAP, HubLinksStore

    store = HubLinksStore(tmp_path / "hub_links.json")
    good = parse_artifacts({"id": PAPER, "linkedModels": [{"id": "a/b"}], "numTotalModels": 4})
    assert good is not None
    store.put(PAPER, artifacts_doc(PAPER, good), "2025-11-18T12:00:00+00:00")
    kept = store.load_all()[PAPER]
    assert parse_artifacts(kept) == good
    raw = json.loads(store.path.read_text())
    raw["2511.00002"] = {"id": "2511.00002", "linkedModels": [{"id": "\x1b]8;;evil/x"}]}
    store.path.write_text(json.dumps(raw))
    edited = parse_artifacts(store.load_all()["2511.00002"])
    assert edited is not None and edited.choices() == []
    many = {f"2511.{k:05d}": {"id": "x", "at": f"2025-11-{k % 28 + 1:02d}"} for k in range(CAP)}
    store.path.write_text(json.dumps(many))
    store.put(PAPER, artifacts_doc(PAPER, good), "2025-12-01T00:00:00+00:00")
    kept_ids = store.load_all()
    assert len(kept_ids) == CAP and PAPER in kept_ids  # the oldest answer made room
    assert "2511.00000" not in kept_ids


def test_artifacts_are_read_tolerantly() -> None:
    data = {
        "id": "2511.00001",
        "linkedModels": [{"id": "a/b"}, {"id": "../etc/passwd"}, "x", {"id": "a/b"}],
        "numTotalModels": "lots",
        "linkedDatasets": None,
    }
    artifacts = parse_artifacts(data)
    assert artifacts is not None
    models, datasets, spaces = artifacts.linked
    assert models.names == ("a/b",) and models.total is None
    assert datasets.names == () and spaces.total is None
    assert artifacts.describe() == "1 model (a/b)"
    assert artifacts.choices() == [("model: a/b", "https://huggingface.co/a/b")]
    assert parse_artifacts([1]) is None
