"""Users' .bib files as they really are: comments between entries, abstracts that name other
papers, broken braces, CRLF, biblatex fields. `--merge` never drops a paper for text that is not
an entry's identity, and `bib upgrade` never touches an entry whose end it cannot see."""

from __future__ import annotations

import bibtexparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.citation.bibmerge import merge_bibtex
from tui.domain.citation.bibscan import entries, fields
from tui.domain.citation.upgrade import apply_upgrades, arxiv_entries, upgrade_entry
from tui.domain.citation.venue import Venue
from tui.domain.paper import Paper

QFN = Paper(id="2404.12358", title="From $r$ to $Q^*$", authors=("Rafael Rafailov",))
NEURIPS = Venue("inproceedings", "NeurIPS", 2023, "10.5555/x", pages="1-10")


@pytest.mark.parametrize(
    "existing",
    [
        "@misc{d, title={D}, eprint={2304.00004}}\n% TODO: add arXiv:2404.12358\n",
        "@misc{d, title={D}, eprint={2304.00004}}\nto read: https://arxiv.org/abs/2404.12358\n",
        "@misc{d, title={D}, abstract={We extend arXiv:2404.12358 to more}, eprint={2304.00004}}",
        "@misc{d, title={On arXiv:2404.12358}, eprint={2304.00004}}",
        "@misc{d, eprint={2404.123581}}",
        "@misc{d, eprint={2304.00004}, note={Follow-up to https://arxiv.org/abs/2404.12358}}",
        "@misc{d, eprint={2304.00004}, note={Extends arXiv:2404.12358}}",
    ],
)
def test_a_mention_outside_the_identity_drops_nothing(existing: str) -> None:
    result = merge_bibtex(existing, [QFN])
    assert result.added == ("rafailov2024",) and result.text.startswith(existing)


@pytest.mark.parametrize(
    "existing",
    [
        "@misc{d, title={D}, url={https://huggingface.co/papers/2404.12358}}",
        "@article{d, title={D}, arxivId={2404.12358}}",
        "@article{d, journal={arXiv preprint arXiv:2404.12358}}",
        "@misc{d, note = {arXiv:} # {2404.12358}}",
        "@article{d, doi={10.1000/journal}, note={arXiv:2404.12358}}",
        "@misc{d, eprint={2304.00004}, url={https://arxiv.org/abs/2404.12358}}",
        "@misc(d, eprint = 2404.12358v2)",
        "@misc{broken, title={Unclosed {x}\n\n@misc{d, eprint={2404.12358}}\n",
    ],
)
def test_the_paper_is_found_however_the_entry_names_it(existing: str) -> None:
    assert merge_bibtex(existing, [QFN]).skipped == (QFN.id,)


def test_fields_read_braces_quotes_bare_values_and_concatenation() -> None:
    body = 'k, title = "A {"} B", year = 2024, note = {x} # "y" # z, bad = , url={u}}'
    assert fields(body) == {"title": 'A {"} B', "year": "2024", "note": "xyz", "url": "u"}


def test_a_broken_entry_is_cut_where_the_next_one_starts() -> None:
    text = "@misc{a, title={Unclosed {x}\n% c\n@misc{b, title={B}}\ntrailing"
    spans = list(entries(text))
    assert [(s.kind, s.closed) for s in spans] == [("misc", False), ("misc", True)]
    assert text[spans[0].start : spans[0].end] == "@misc{a, title={Unclosed {x}\n% c\n"
    assert text[spans[1].start : spans[1].end] == "@misc{b, title={B}}"


def _upgrade(text: str) -> str:
    found = arxiv_entries(text)
    return apply_upgrades(
        text, [(e, upgrade_entry(text[e.start : e.end], NEURIPS)[0]) for e in found]
    )


def test_upgrade_leaves_a_broken_entry_alone_and_never_repeats_the_next() -> None:
    broken = "@misc{a, title={Unbalanced {x}, eprint={2301.00001}\n\n"
    text = broken + "@misc{b, title={B}, eprint={2302.00002}}\n"
    new = _upgrade(text)
    assert new.startswith(broken)
    assert new.count("@") == 2 and new.count("booktitle") == 1
    assert "@inproceedings{b, title={B}, eprint={2302.00002}," in new


def test_upgrade_writes_the_entrys_own_line_ends() -> None:
    text = "@misc{a,\r\n  title={A},\r\n  eprint={2301.00001}\r\n}\r\n"
    new = _upgrade(text)
    assert "booktitle={NeurIPS}" in new and "\n" not in new.replace("\r\n", "")


def test_a_biblatex_journaltitle_is_a_venue() -> None:
    text = "@article{c, journaltitle={Nature}, eprint={2303.00003}, eprinttype={arxiv}}\n"
    assert arxiv_entries(text) == []


def test_upgrade_in_ascii_for_a_file_that_is_not_utf8() -> None:
    venue = Venue("article", "Zeitschrift für Physik", 1927, "10.1007/BF01397280")
    chunk, _ = upgrade_entry("@misc{h, eprint={2301.00001}}", venue, ascii_only=True)
    assert chunk.isascii() and 'journal={Zeitschrift f{\\"u}r Physik}' in chunk


_PIECES = st.sampled_from(
    ["@misc{", "@misc(", "@string{", "}", "{", ")", "(", '"', ",", "=", "#", "\n", "\r\n",
     "title", "eprint={2404.12358}", "% ", "@", "x"]
)  # fmt: skip


@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=25).map("".join))
def test_scanning_any_text_keeps_spans_in_order_and_inside_it(text: str) -> None:
    previous_end = 0
    for span in entries(text):
        assert previous_end <= span.start < span.body <= span.end <= len(text)
        previous_end = span.end
        fields(text[span.body : span.end])  # never raises
    upgraded = _upgrade(text)
    assert upgraded.count("@") >= text.count("@")  # nothing lost, nothing doubled below
    assert len(upgraded) - len(text) <= 200 * len(arxiv_entries(text))


def test_what_merge_appends_parses_after_a_broken_entry() -> None:
    text = "@misc{broken, title={Unclosed\n"
    result = merge_bibtex(text, [QFN])
    library = bibtexparser.parse_string(result.text[len(text) :])
    assert [entry.key for entry in library.entries] == ["rafailov2024"]


DBLP_CORR = """@article{DBLP:journals/corr/abs-2305-18290,
  author       = {Rafael Rafailov and
                  Archit Sharma},
  title        = {Direct Preference Optimization},
  journal      = {CoRR},
  volume       = {abs/2305.18290},
  year         = {2023},
  doi          = {10.48550/ARXIV.2305.18290},
  eprinttype    = {arXiv},
  eprint       = {2305.18290},
  bibsource    = {dblp computer science bibliography, https://dblp.org}
}"""


def test_a_dblp_corr_entry_takes_the_journals_volume_and_doi() -> None:
    (entry,) = arxiv_entries(DBLP_CORR)
    venue = Venue("article", "J. Mach. Learn. Res.", 2024, "10.5555/jmlr.1", "25", "1-40")
    chunk, changes = upgrade_entry(DBLP_CORR[entry.start : entry.end], venue)
    assert "volume       = {25}," in chunk and "abs/2305" not in chunk
    assert "journal      = {J. Mach. Learn. Res.}," in chunk and "{10.5555/jmlr.1}" in chunk
    assert "bibsource    = {dblp computer science bibliography, https://dblp.org}" in chunk
    assert chunk.startswith("@article{DBLP:journals/corr/abs-2305-18290,\n  author       =")
    assert changes[0] == "journal J. Mach. Learn. Res."


def test_upgrade_never_takes_an_id_from_an_abstract() -> None:
    book = "@book{k, title={Deep Learning}, publisher={MIT}, abstract={see arXiv:2404.12358}}"
    assert arxiv_entries(book) == []
    scholar = "@article{s, title={X}, journal={arXiv preprint arXiv:2404.12358}}"
    assert [e.arxiv_id for e in arxiv_entries(scholar)] == ["2404.12358"]
