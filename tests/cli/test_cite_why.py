"""The "Why" of issue 16, end to end through the command line: two papers that would share a
key keep distinct keys that do not depend on what else is exported (`cite`, `export --all`, a
day's export, `--merge`), and `--merge` never drops a paper under an unrelated entry's key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ui.reader_pilot import hf_item
from tui.cli.main import main

EARLY, LATE = "2405.09818", "2406.01234"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DAILYPAPERS_CONFIG", str(tmp_path / "none.toml"))
    feed = tmp_path / "hf.json"
    items = [
        hf_item(LATE, "Attention Is All You Need, Again", "2024-06-03", authors=["A. Vaswani"]),
        hf_item(EARLY, "Attention Sinks Everywhere", "2024-05-16", authors=["Ashish Vaswani"]),
    ]
    feed.write_text(json.dumps(items), encoding="utf-8")
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "--feed", str(feed), "fetch"]) == 0
    return folder


def _out(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


def _keys(text: str) -> list[str]:
    return [line.split("{", 1)[1].rstrip(",") for line in text.splitlines() if line[:1] == "@"]


def test_keys_are_the_papers_own_whatever_is_exported(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ("--data-dir", str(data), "--offline")
    late = _keys(_out(capsys, *common, "cite", LATE))
    early = _keys(_out(capsys, *common, "cite", f"https://arxiv.org/abs/{EARLY}v2"))
    assert early == ["vaswani2024attention"] and late == [f"vaswani2024attention-{LATE}"]
    everything = _keys(_out(capsys, *common, "export", "--all"))
    assert sorted(everything) == sorted(early + late)
    one_day = _keys(_out(capsys, *common, "export", "--date", "2024-06-03"))
    assert one_day == late, "exported alone, the later paper keeps its key"


def test_merge_gives_a_distinct_key_and_says_so(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    mine = "@article{vaswani2024attention,\n  title={Something Unrelated},\n  year={2024},\n}\n"
    bib.write_text(mine, encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", str(data), "export", "--all", "--merge", str(bib)]) == 0
    said = capsys.readouterr()
    text = bib.read_text(encoding="utf-8")
    assert text.startswith(mine)
    added = _keys(text)[1:]
    assert sorted(added) == [f"vaswani2024attention-{EARLY}", f"vaswani2024attention-{LATE}"]
    assert f"vaswani2024attention-{EARLY} (not vaswani2024attention" in said.out + said.err


def test_the_arxiv_id_key_style_holds_in_cite_export_and_merge(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('bibtex_key_style = "arxiv-id"\n', encoding="utf-8")
    common = ("--config", str(config), "--data-dir", str(data), "--offline")
    assert _keys(_out(capsys, *common, "cite", LATE)) == [LATE]
    assert sorted(_keys(_out(capsys, *common, "export", "--all"))) == [EARLY, LATE]
    bib = tmp_path / "refs.bib"
    bib.write_text("", encoding="utf-8")
    _out(capsys, *common, "export", "--all", "--merge", str(bib))
    assert sorted(_keys(bib.read_text(encoding="utf-8"))) == [EARLY, LATE]


def test_merge_into_a_latin1_file_keeps_its_bytes_and_adds_ascii(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    mine = "@book{goedel,\n  author={G\xf6del, Kurt},\n  title={\xdcber formal},\n}\n"
    bib.write_bytes(mine.encode("latin-1"))
    capsys.readouterr()
    assert main(["--data-dir", str(data), "export", "--all", "--merge", str(bib)]) == 0
    assert "not UTF-8: new entries in ASCII" in capsys.readouterr().err
    written = bib.read_bytes()
    assert written.startswith(mine.encode("latin-1"))
    added = written[len(mine.encode("latin-1")) :]
    assert added.isascii() and added.count(b"@misc{") == 2


def test_bibtex_ascii_holds_in_export_and_merge_as_in_cite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("bibtex_ascii = true\n", encoding="utf-8")
    monkeypatch.setenv("DAILYPAPERS_CONFIG", str(config))
    feed = tmp_path / "hf.json"
    item = hf_item(EARLY, "Über Schrödinger", "2024-05-16", authors=["Zoë Ødegaard"])
    feed.write_text(json.dumps([item]), encoding="utf-8")
    common = ("--data-dir", str(tmp_path / "data"))
    assert main([*common, "--feed", str(feed), "fetch"]) == 0
    cited = _out(capsys, *common, "--offline", "cite", EARLY)
    exported = _out(capsys, *common, "--offline", "export", "--all")
    assert cited.isascii() and exported.isascii() and "{\\O}degaard" in exported
    bib = tmp_path / "refs.bib"
    bib.write_text("% ü\n", encoding="utf-8")
    _out(capsys, *common, "export", "--all", "--merge", str(bib))
    assert bib.read_text(encoding="utf-8")[len("% ü\n") :].isascii()


def test_merge_into_a_symlinked_bib_keeps_the_link(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    synced = tmp_path / "overleaf"
    synced.mkdir()
    (synced / "refs.bib").write_text("% mine\n", encoding="utf-8")
    link = tmp_path / "refs.bib"
    link.symlink_to(synced / "refs.bib")
    _out(capsys, "--data-dir", str(data), "export", "--all", "--merge", str(link))
    assert link.is_symlink()
    assert (synced / "refs.bib").read_text(encoding="utf-8").count("@misc{") == 2
