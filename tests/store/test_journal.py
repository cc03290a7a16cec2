"""The journal beside the mark and saved-paper files: replay, cut-off lines, damaged lines,
compaction, and a write that costs what changed however big the file is."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.store.helpers import temp_files
from tui.demo.bench.marks import mark_write_ms, pin_ms
from tui.domain.paper import Marks
from tui.store.journal import MIN_COMPACT_BYTES, JournaledFile, read_with_journal
from tui.store.marks import MarkStore

READ = Marks(read=True)
SAVED = Marks(saved=True)

IDS = st.sampled_from([f"doi:10.1/{n}" for n in range(6)])
CHANGE = st.tuples(IDS, st.booleans(), st.booleans(), st.sampled_from(["", "a note"]))


@settings(max_examples=40, deadline=None)
@given(st.lists(CHANGE, max_size=25), st.integers(min_value=0, max_value=25))
def test_reading_back_after_any_prefix_equals_applying_it(
    tmp_path_factory: object, changes: list[tuple[str, bool, bool, str]], compact_every: int
) -> None:
    folder = Path(tmp_path_factory.mktemp("marks"))  # type: ignore[attr-defined]
    store = MarkStore(folder)
    expected: dict[str, Marks] = {}
    for n, (paper_id, read, saved, note) in enumerate(changes):
        mark = Marks(read=read, saved=saved, note=note)
        seen = expected.get(paper_id, Marks())
        if compact_every and n % compact_every == 0:
            JournaledFile._too_long = lambda _self: True  # type: ignore[method-assign]
        try:
            store.set_many({paper_id: mark}, {paper_id: seen})
        finally:
            JournaledFile._too_long = _TOO_LONG  # type: ignore[method-assign]
        expected[paper_id] = mark
        wanted = {pid: m for pid, m in expected.items() if m != Marks()}
        assert MarkStore(folder).load_all() == wanted
        assert store.load_all() == wanted


_TOO_LONG = JournaledFile._too_long


def test_a_write_appends_one_line_and_leaves_the_base_alone(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    store = MarkStore(folder)
    store.set_many({"doi:a": READ, "doi:b": READ})
    base = (folder / "other.json").read_bytes()
    store.set_many({"doi:a": SAVED, "doi:c": READ})
    assert (folder / "other.json").read_bytes() == base
    lines = (folder / "other.json.journal").read_bytes().splitlines()
    assert len(lines) == 1  # both changes in one line: kept whole or not at all
    assert set(read_with_journal(folder / "other.json")["marks"]) == {"doi:a", "doi:b", "doi:c"}


def test_a_cut_off_last_line_is_ignored_and_cut_away_by_the_next_write(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    MarkStore(folder).set("doi:a", READ)
    MarkStore(folder).set("doi:b", SAVED)
    journal = folder / "other.json.journal"
    good = journal.read_bytes()
    journal.write_bytes(good + b'{"d":{"marks":{"doi:c":{"sa')
    assert MarkStore(folder).load_all() == {"doi:a": READ, "doi:b": SAVED}
    store = MarkStore(folder)
    store.set("doi:d", READ)
    assert journal.read_bytes().startswith(good)
    assert b"doi:c" not in journal.read_bytes()
    assert MarkStore(folder).load_all() == {"doi:a": READ, "doi:b": SAVED, "doi:d": READ}
    assert store.take_notices() == []


def test_a_damaged_line_is_set_aside_with_a_notice_and_the_good_lines_kept(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "marks"
    MarkStore(folder).set("doi:a", READ)
    MarkStore(folder).set("doi:b", SAVED)
    journal = folder / "other.json.journal"
    journal.write_bytes(journal.read_bytes() + b"\x00garbage\n")
    writer = MarkStore(folder)
    writer.set("doi:e", READ)  # the write that finds the damaged line, under the lock
    assert MarkStore(folder).load_all() == {"doi:a": READ, "doi:b": SAVED, "doi:e": READ}
    [notice] = writer.take_notices()
    [aside] = folder.glob("other.json.journal.corrupt-*")
    assert notice == (
        f"marks/other.json.journal had a damaged line; set aside as marks/{aside.name}"
    )
    assert b"garbage" in aside.read_bytes()
    assert MarkStore(folder).load_all() == {"doi:a": READ, "doi:b": SAVED, "doi:e": READ}


def test_compaction_keeps_every_mark_and_empties_the_journal(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    store = MarkStore(folder)
    other = MarkStore(folder)  # a second session, reading along
    count = 0
    while (folder / "other.json.journal.bak").exists() is False:
        store.set(f"doi:{count}", READ if count % 2 else SAVED)
        count += 1
        assert count < 10_000, "the journal was never folded into the base"
    expected = {f"doi:{n}": READ if n % 2 else SAVED for n in range(count)}
    assert MarkStore(folder).load_all() == expected
    assert other.load_all() == expected
    assert not (folder / "other.json.journal").exists()
    assert (folder / "other.json.journal.bak").stat().st_size > MIN_COMPACT_BYTES
    store.set("doi:last", READ)
    assert other.load_all() == {**expected, "doi:last": READ}
    assert temp_files(tmp_path) == []


def test_a_mark_write_costs_the_same_with_50000_marks_in_one_file(tmp_path: Path) -> None:
    # best of 5; measured 0.4-4 ms (fsync included) at 100 and at 50,000 marks (was 146-192 ms)
    assert mark_write_ms(tmp_path / "big", 50_000) < 30


def test_a_save_costs_the_same_with_5000_saved_papers(tmp_path: Path) -> None:
    # best of 5; measured 0.5-4 ms at 100 and at 5,000 saved papers (was 137-153 ms)
    assert pin_ms(tmp_path / "big", 5_000) < 30


def test_a_journal_whose_base_is_gone_is_still_read(tmp_path: Path) -> None:
    folder = tmp_path / "marks"
    MarkStore(folder).set("doi:a", READ)  # the first write makes the base
    MarkStore(folder).set("doi:b", SAVED)  # this one is only in the journal
    (folder / "other.json").unlink()
    assert MarkStore(folder).load_all() == {"doi:b": SAVED}
