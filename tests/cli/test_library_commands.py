"""The library subcommands, run in-process: cite, export (and --merge), opml, config; and the
config keys that shape them (citation_format, bibtex_ascii, bibtex_key_style)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.settings.settings import parse_settings

FIXTURE = Path(__file__).parents[1] / "fixtures" / "hf_daily.json"
FIRST = json.loads(FIXTURE.read_text(encoding="utf-8"))[0]["paper"]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with the fixture feed fetched once, and no config file."""
    monkeypatch.setenv("DAILYPAPERS_CONFIG", str(tmp_path / "config.toml"))
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "--feed", str(FIXTURE), "fetch"]) == 0
    return folder


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cite_prints_bibtex_from_local_data(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "--data-dir", str(data), "--offline", "cite", f"arXiv:{FIRST['id']}v3"
    )
    assert code == 0
    assert out.startswith("@misc{") and f"eprint={{{FIRST['id']}}}" in out
    code, out, _ = _run(capsys, "--data-dir", str(data), "cite", FIRST["id"], "--format", "apa")
    assert code == 0 and "https://doi.org/10.48550/arXiv." + FIRST["id"] in out


def test_cite_of_an_unknown_paper_fails_in_one_line(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "--data-dir", str(data), "cite", "2401.99999")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1


def test_citation_settings_shape_cite(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'citation_format = "markdown"\nbibtex_key_style = "arxiv-id"\nbibtex_ascii = true\n',
        encoding="utf-8",
    )
    code, out, _ = _run(
        capsys, "--config", str(config), "--data-dir", str(data), "cite", FIRST["id"]
    )
    assert code == 0 and out.startswith("[") and "](" in out
    code, out, _ = _run(
        capsys,
        "--config",
        str(config),
        "--data-dir",
        str(data),
        "cite",
        FIRST["id"],
        "--format",
        "bibtex",
    )
    assert out.startswith(f"@misc{{{FIRST['id']},")
    assert out.isascii()


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("bibtex", "@misc{"), ("ris", "TY  - "), ("csl-json", '"type"'), ("markdown", "](http")],
)
def test_export_formats(
    data: Path, capsys: pytest.CaptureFixture[str], fmt: str, marker: str
) -> None:
    code, out, _ = _run(capsys, "--data-dir", str(data), "export", "--format", fmt)
    assert code == 0 and marker in out
    if fmt == "csl-json":
        assert isinstance(json.loads(out), list)


def test_export_to_a_file(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "papers.bib"
    target.parent.mkdir()  # a missing folder is refused (tests/cli/test_daily_use.py)
    code, out, _ = _run(capsys, "--data-dir", str(data), "export", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").count("@misc{") >= 1


def test_merge_adds_only_new_entries_keeps_the_users_bytes_and_is_idempotent(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "refs.bib"
    mine = "% my notes\n@article{mine2020,\n  title = {Mine},\n  eprint = {ID}\n}\n"
    mine = mine.replace("ID", FIRST["id"])
    bib.write_text(mine, encoding="utf-8")
    code, _, err = _run(capsys, "--data-dir", str(data), "export", "--merge", str(bib))
    assert code == 0 and "added" in err
    once = bib.read_text(encoding="utf-8")
    assert once.startswith(mine)
    assert f"eprint={{{FIRST['id']}}}" not in once  # already there as the user's entry
    assert list(tmp_path.glob("refs.bib.bak-*"))
    code, _, err = _run(capsys, "--data-dir", str(data), "export", "--merge", str(bib))
    assert code == 0 and "nothing new" in err
    assert bib.read_text(encoding="utf-8") == once


def test_opml_export_then_import_gives_the_same_feeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[[feeds]]\nname = "arXiv cs.LG"\nurl = "https://rss.arxiv.org/rss/cs.LG"\nkind = "rss"\n'
        '[[feeds]]\nname = "HF"\nurl = "https://huggingface.co/api/daily_papers"\n'
        'kind = "hf-json"\n',
        encoding="utf-8",
    )
    code, exported, _ = _run(
        capsys, "--config", str(config), "--data-dir", str(tmp_path / "a"), "opml", "export"
    )
    assert code == 0
    opml = tmp_path / "feeds.opml"
    opml.write_text(exported, encoding="utf-8")
    empty = tmp_path / "empty.toml"
    empty.write_text("feeds = []\n", encoding="utf-8")
    other = tmp_path / "b"
    _run(capsys, "--config", str(empty), "--data-dir", str(other), "opml", "import", str(opml))
    code, again, _ = _run(
        capsys, "--config", str(empty), "--data-dir", str(other), "opml", "export"
    )
    urls = sorted(
        line.split('xmlUrl="')[1].split('"')[0] for line in again.splitlines() if "xmlUrl" in line
    )
    assert "https://rss.arxiv.org/rss/cs.LG" in urls
    assert "https://huggingface.co/api/daily_papers" in urls


def test_config_example_is_valid_and_config_says_where_things_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, example, _ = _run(capsys, "config", "--example")
    assert code == 0 and parse_settings(example).notices == ()
    code, out, _ = _run(
        capsys, "--data-dir", str(tmp_path / "d"), "--config", str(tmp_path / "c.toml"), "config"
    )
    assert code == 0 and str(tmp_path / "d") in out and str(tmp_path / "c.toml") in out


def test_cite_carries_the_tags_and_note_given_by_mark(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paper = FIRST["id"]
    marked = ["--data-dir", str(data), "mark", paper, "--tag", "to-cite", "--note", "pp. 3-4"]
    assert _run(capsys, *marked)[0] == 0
    code, out, _ = _run(capsys, "--data-dir", str(data), "cite", paper)
    assert code == 0 and "keywords={to-cite}," in out and "note={pp. 3-4}," in out
    export = ["--data-dir", str(data), "export", "--saved", "--format", "ris"]
    assert _run(capsys, "--data-dir", str(data), "mark", paper, "--save")[0] == 0
    code, out, _ = _run(capsys, *export)
    assert code == 0 and "KW  - to-cite" in out.splitlines() and "N1  - pp. 3-4" in out
