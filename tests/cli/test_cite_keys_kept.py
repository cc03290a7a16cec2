"""A key, once given, is the paper's for good (issue 16: "one paper always gets the same key").

Before keys were kept, the earliest arXiv id kept the base key over the papers cached at the
time, so an older paper arriving later (a search, paging back) took ``vaswani2024attention``
from a paper whose key was already in someone's .bib. Now `cite`, `export` and `--merge` keep
what they hand out in ``cite_keys.json`` and the older paper takes the distinct key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ui.reader_pilot import hf_item
from tui.cli.main import main

OLDER, NEWER = "2405.09818", "2406.01234"


def _fetch(folder: Path, tmp_path: Path, items: list[dict[str, object]], name: str) -> None:
    feed = tmp_path / f"{name}.json"
    feed.write_text(json.dumps(items), encoding="utf-8")
    assert main(["--data-dir", str(folder), "--feed", str(feed), "fetch"]) == 0


def _keys(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    assert main(list(args)) == 0
    text = capsys.readouterr().out
    return [line.split("{", 1)[1].rstrip(",") for line in text.splitlines() if line[:1] == "@"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DAILYPAPERS_CONFIG", str(tmp_path / "none.toml"))
    data = tmp_path / "data"
    newer = hf_item(NEWER, "Attention Is All You Need, Again", "2024-06-03", authors=["A. Vaswani"])
    _fetch(data, tmp_path, [newer], "june")
    return data


def test_an_older_paper_arriving_later_does_not_take_a_key_already_given(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ("--data-dir", str(folder), "--offline")
    assert _keys(capsys, *common, "cite", NEWER) == ["vaswani2024attention"]
    older = hf_item(OLDER, "Attention Sinks Everywhere", "2024-05-16", authors=["Ashish Vaswani"])
    _fetch(folder, tmp_path, [older], "may")
    assert _keys(capsys, *common, "cite", NEWER) == ["vaswani2024attention"]
    assert _keys(capsys, *common, "cite", OLDER) == [f"vaswani2024attention-{OLDER}"]
    assert sorted(_keys(capsys, *common, "export", "--all")) == [
        "vaswani2024attention",
        f"vaswani2024attention-{OLDER}",
    ]
    bib = tmp_path / "refs.bib"
    assert main([*common, "export", "--all", "--merge", str(bib)]) == 0
    text = bib.read_text(encoding="utf-8")
    assert "{vaswani2024attention,\n" in text and f"{{vaswani2024attention-{OLDER}," in text
    kept = json.loads((folder / "cite_keys.json").read_text(encoding="utf-8"))
    assert kept == {NEWER: "vaswani2024attention", OLDER: f"vaswani2024attention-{OLDER}"}


def test_a_planted_key_file_never_reaches_the_citation(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    planted = {NEWER: "evil}\x1b[2J,@misc{x", "other": "vaswani2024attention"}
    (folder / "cite_keys.json").write_text(json.dumps(planted), encoding="utf-8")
    keys = _keys(capsys, "--data-dir", str(folder), "--offline", "cite", NEWER)
    # The bad entry is ignored; the key held by "other" stays that paper's.
    assert keys == [f"vaswani2024attention-{NEWER}"]


def test_a_key_file_that_is_not_json_is_set_aside_and_citing_still_works(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "cite_keys.json").write_bytes(b"\x00{not json")
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "--offline", "cite", NEWER]) == 0
    assert "@misc{vaswani2024attention," in capsys.readouterr().out
    assert list(folder.glob("cite_keys.json.corrupt-*"))
