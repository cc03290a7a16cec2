"""The user's tags and note in every citation format that has a place for them: BibTeX
`keywords`/`note`, RIS `KW`/`N1`, CSL-JSON `keyword`/`note`; escaped for LaTeX, one line in RIS,
never a control character."""

from __future__ import annotations

import json

import bibtexparser
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import make_paper
from tui.domain.citation import CitationFormat, export_entries, format_citation
from tui.domain.paper import Marks

PAPER = make_paper("2405.00001", title="A Study of Things", authors=("Ada Lovelace",))
MARKS = Marks(tags=("to-cite", "x&y"), note="see §3 {and}\nthe appendix\x1b]0;t\x07")


def test_bibtex_carries_the_tags_and_the_note_escaped() -> None:
    entry = format_citation(PAPER, CitationFormat.BIBTEX, key="k", marks=MARKS)
    parsed = bibtexparser.parse_string(entry)
    fields = {f.key: f.value for f in parsed.entries[0].fields}
    assert fields["keywords"] == r"to-cite, x\&y"
    assert "appendix" in fields["note"] and "\x1b" not in entry and "\x07" not in entry


def test_ris_has_a_kw_line_per_tag_and_the_note_on_one_n1_line() -> None:
    record = format_citation(PAPER, CitationFormat.RIS, key="k", marks=MARKS)
    lines = record.splitlines()
    assert "KW  - to-cite" in lines and "KW  - x&y" in lines
    notes = [line for line in lines if line.startswith("N1  - ")]
    assert len(notes) == 1 and "appendix" in notes[0] and "\x1b" not in record
    assert lines[-1] == "ER  - "


def test_csl_json_has_keyword_and_note() -> None:
    item = json.loads(format_citation(PAPER, CitationFormat.CSL_JSON, key="k", marks=MARKS))
    assert item["keyword"] == "to-cite, x&y"
    assert item["note"].startswith("see §3 {and} the appendix") and "\x1b" not in item["note"]


def test_without_marks_nothing_is_added() -> None:
    for fmt in (CitationFormat.BIBTEX, CitationFormat.RIS, CitationFormat.CSL_JSON):
        plain = format_citation(PAPER, fmt, key="k")
        assert plain == format_citation(PAPER, fmt, key="k", marks=Marks())
        assert "to-cite" not in plain


def test_export_gives_each_paper_its_own_marks_in_ris_and_csl_json() -> None:
    other = make_paper("2405.00002", title="Another")
    marks = {PAPER.id: MARKS}
    ris = export_entries([PAPER, other], CitationFormat.RIS, marks=marks)
    assert ris.count("KW  - to-cite") == 1 and ris.count("N1  - ") == 1
    items = json.loads(export_entries([PAPER, other], CitationFormat.CSL_JSON, marks=marks))
    assert "note" in items[0] and "note" not in items[1] and "keyword" not in items[1]


@settings(max_examples=150, deadline=None)
@given(
    tags=st.lists(st.text(min_size=1, max_size=12), max_size=4),
    note=st.text(max_size=60),
)
def test_any_tags_and_note_give_a_bibtex_entry_that_parses_with_balanced_braces(
    tags: list[str], note: str
) -> None:
    marks = Marks(tags=tuple(tags), note=note)
    entry = format_citation(PAPER, CitationFormat.BIBTEX, key="k", marks=marks)
    depth = 0
    escaped = False
    for char in entry:
        if escaped:
            escaped = False
            continue
        escaped = char == "\\"
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, entry
    assert depth == 0, entry
    parsed = bibtexparser.parse_string(entry)
    assert len(parsed.entries) == 1 and not parsed.failed_blocks
    assert all(ord(c) >= 32 or c == "\n" for c in entry)
