"""`dailypapers mark` and `dailypapers sync DIR` as a user runs them: real child processes,
two and three data folders in tmp_path exchanging logs through one shared folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.processes import HF_FIXTURE, run_cli
from tui.domain.changes import Change, Stamp
from tui.store.changelog import encode
from tui.store.journal import read_with_journal

A, B = "2405.00001", "2405.00002"


def cli(data: Path, *args: str) -> str:
    done = run_cli("--data-dir", str(data), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def marks_of(data: Path) -> dict[str, Any]:
    docs: dict[str, Any] = {}
    for path in sorted((data / "marks").glob("*.json")):
        docs.update(read_with_journal(path)["marks"])
    return {
        pid: {k: v for k, v in doc.items() if not k.endswith("_at") and v is not False}
        for pid, doc in docs.items()
    }


def test_a_star_on_one_machine_and_a_tag_on_the_other_reach_both(tmp_path: Path) -> None:
    shared, one, two = tmp_path / "shared", tmp_path / "laptop", tmp_path / "cluster"
    shared.mkdir()
    cli(one, "mark", A, "--save")
    cli(two, "mark", B, "--tag", "to-cite", "--note", "see §3")
    cli(one, "sync", str(shared))
    assert "marks of 1 paper taken" in cli(two, "sync", str(shared))  # the star
    assert "marks of 1 paper taken" in cli(one, "sync", str(shared))  # the tag and the note
    expected = {A: {"saved": True}, B: {"tag:to-cite": True, "note": "see §3"}}
    assert marks_of(one) == marks_of(two) == expected
    for data in (one, two):  # again: nothing changes
        assert "nothing new from 1 other machine" in cli(data, "sync", str(shared))
    assert marks_of(one) == marks_of(two) == expected


def test_a_later_unstar_wins_on_both_sides(tmp_path: Path) -> None:
    shared, one, two = tmp_path / "shared", tmp_path / "a", tmp_path / "b"
    shared.mkdir()
    cli(one, "mark", A, "--save", "--read")
    cli(one, "sync", str(shared))
    cli(two, "sync", str(shared))
    cli(one, "mark", A, "--tag", "x")  # a change of another field meanwhile, on A
    cli(two, "mark", A, "--unsave")  # made later, on B
    for data in (one, two, one):
        cli(data, "sync", str(shared))
    assert marks_of(one) == marks_of(two) == {A: {"read": True, "tag:x": True}}


def test_three_machines_with_interleaved_conflicting_changes_converge(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    machines = [tmp_path / name for name in ("a", "b", "c")]
    for n, data in enumerate(machines):
        cli(data, "mark", A, "--note", f"note {n}", "--tag", f"t{n}")
        cli(data, "sync", str(shared))
    cli(machines[1], "mark", A, "--untag", "t0", "--queue")
    for data in machines + machines:
        cli(data, "sync", str(shared))
    seen = [marks_of(data) for data in machines]
    assert seen[0] == seen[1] == seen[2]
    assert seen[0][A] == {"note": "note 2", "tag:t1": True, "tag:t2": True, "state": "queued"}


def test_a_machine_whose_clock_runs_ahead_does_not_outlive_later_changes(tmp_path: Path) -> None:
    shared, one = tmp_path / "shared", tmp_path / "a"
    shared.mkdir()
    year_ahead = 1_000 * 3600 * 24 * 365 * 60  # 2030 and more: a clock badly set
    (shared / "fastclock.jsonl").write_bytes(
        encode(Change(A, "saved", True, Stamp(year_ahead, 0, "fastclock")))
    )
    cli(one, "sync", str(shared))
    assert marks_of(one)[A] == {"saved": True}
    cli(one, "mark", A, "--unsave")  # made after the sync saw the fast clock's change
    cli(one, "sync", str(shared))
    assert A not in marks_of(one)
    log = (shared / (one / "machine_id").read_text().strip()).with_suffix(".jsonl")
    last = [json.loads(line) for line in log.read_text().splitlines() if '"f"' in line][-1]
    assert last["x"] is False and last["t"][0] >= year_ahead


def test_a_half_written_or_newer_log_is_told_in_a_line_and_loses_nothing(tmp_path: Path) -> None:
    shared, one = tmp_path / "shared", tmp_path / "a"
    shared.mkdir()
    good = encode(Change(A, "saved", True, Stamp(1000, 0, "other")))
    newer = b'{"v":9,"t":[2000,0,"other"],"id":"2405.00001","f":"stars","x":3}\n'
    torn = b'{"v":1,"t":[3000,0,"other"],"id":"24'
    (shared / "other.jsonl").write_bytes(good + newer + torn)
    (shared / "evil.jsonl").write_bytes(
        encode(Change(B, "note", "ok", Stamp(1, 0, "evil")))[:-2] + b'\\u001b]52;c;aGk=\\u0007"}\n'
    )
    out = cli(one, "sync", str(shared))
    assert "1 change(s) from a newer dailypapers" in out and "cut short" in out
    assert "\x1b" not in out
    assert marks_of(one)[A] == {"saved": True}
    assert "\x1b" not in json.dumps(marks_of(one), ensure_ascii=False)
    assert (shared / "other.jsonl").read_bytes() == good + newer + torn  # left as it was


def test_an_unreachable_folder_is_one_line_and_exit_1(tmp_path: Path) -> None:
    done = run_cli("--data-dir", str(tmp_path / "a"), "sync", str(tmp_path / "nowhere/"))
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "not a folder" in done.stderr


def test_list_json_shows_state_tags_and_note_and_filters_by_tag(tmp_path: Path) -> None:
    data = tmp_path / "data"
    feed = ("--feed", str(HF_FIXTURE))
    papers = json.loads(cli(data, *feed, "list", "--json"))
    first = papers[0]["id"]
    assert papers[0]["state"] == "inbox" and papers[0]["tags"] == [] and papers[0]["note"] == ""
    cli(data, "mark", first, "--queue", "--tag", "ml", "--note", "read §2")
    tagged = json.loads(cli(data, *feed, "list", "--json", "--tag", "ML"))
    assert [p["id"] for p in tagged] == [first]
    assert tagged[0]["state"] == "queued" and tagged[0]["tags"] == ["ml"]
    assert tagged[0]["note"] == "read §2"


def test_export_carries_tags_as_keywords_and_the_note(tmp_path: Path) -> None:
    data = tmp_path / "data"
    feed = ("--feed", str(HF_FIXTURE))
    first = json.loads(cli(data, *feed, "list", "--json"))[0]["id"]
    cli(data, "mark", first, "--save", "--tag", "to-cite", "--tag", "ml", "--note", "50% better")
    bib = cli(data, *feed, "export", "--saved")
    assert "keywords={ml, to-cite}," in bib and "note={50\\% better}," in bib
    done = run_cli("--data-dir", str(data), *feed, "export", "--saved", "--format", "csl-json")
    csl = json.loads(done.stdout)
    assert csl[0]["note"] == "50% better"


def test_a_copied_data_folder_sharing_the_machine_id_still_loses_nothing(tmp_path: Path) -> None:
    import shutil

    shared, one, two = tmp_path / "shared", tmp_path / "a", tmp_path / "b"
    shared.mkdir()
    cli(one, "mark", A, "--read")
    shutil.copytree(one, two)  # the user copied the folder over to start the second machine
    cli(one, "mark", A, "--save")
    cli(two, "mark", B, "--tag", "ml")
    for data in (one, two, one):
        cli(data, "sync", str(shared))
    assert marks_of(one) == marks_of(two) == {A: {"read": True, "saved": True}, B: {"tag:ml": True}}
