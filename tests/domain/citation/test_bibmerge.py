"""Merging papers into the user's .bib text: only missing entries, appended, bytes untouched."""

from __future__ import annotations

import re

import bibtexparser
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.citation import bibtex_entry, cite_key
from tui.domain.citation.bibmerge import MergeResult, merge_bibtex
from tui.domain.paper import Paper

DPO = Paper(id="2305.18290", title="Direct Preference Optimization", authors=("Rafael Rafailov",))
QFN = Paper(id="2404.12358", title="From $r$ to $Q^*$", authors=("Rafael Rafailov",))
BLOG = Paper(id="guid:b", title="A Blog Post", authors=("Plato",), link="https://b.example.com/p")

USER_BIB = """% my references
@string{ neurips = "Advances in Neural Information Processing Systems" }
@comment{ old stuff: @misc{ignored, eprint = {1111.11111}} }

@InProceedings{ rafailov2023direct ,
  title     = "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
  author    = {Rafailov, Rafael and others},
  booktitle = neurips,
  year      = 2023,
  eprint    = {2305.18290v3},
}
"""


def test_adds_only_what_is_missing_and_keeps_the_bytes() -> None:
    result = merge_bibtex(USER_BIB, [DPO, QFN])
    assert result.text.startswith(USER_BIB)
    assert result.added == ("rafailov2024",)
    assert result.skipped == ("2305.18290",)
    assert result.text == USER_BIB + "\n" + bibtex_entry(QFN, key="rafailov2024") + "\n"
    library = bibtexparser.parse_string(result.text)
    # bibtexparser, like this scan, also reads the entry inside the @comment.
    keys = [entry.key for entry in library.entries]
    assert keys == ["ignored", "rafailov2023direct", "rafailov2024"]


def test_merging_twice_is_merging_once() -> None:
    once = merge_bibtex(USER_BIB, [DPO, QFN, BLOG])
    twice = merge_bibtex(once.text, [DPO, QFN, BLOG])
    assert twice == MergeResult(once.text, (), ("2305.18290", "2404.12358", "guid:b"))


def test_matches_google_scholar_arxiv_mentions_and_dois() -> None:
    scholar = "@article{rafailov2023direct,\n  journal={arXiv preprint arXiv:2305.18290},\n}\n"
    assert merge_bibtex(scholar, [DPO]).added == ()
    by_doi = "@misc{x, doi = {10.48550/ARXIV.2404.12358}}"
    assert merge_bibtex(by_doi, [QFN]).added == ()
    by_url = '@misc{x, url = "https://arxiv.org/abs/2404.12358v2"}'
    assert merge_bibtex(by_url, [QFN]).added == ()
    by_id_key = "@misc{2404.12358, title={whatever}}"
    assert merge_bibtex(by_id_key, [QFN]).added == ()
    journal_doi = Paper(id="guid:j", title="J", doi="10.1000/ABC", link="https://j.example.com")
    assert merge_bibtex("@article{j, doi={https://doi.org/10.1000/abc}}", [journal_doi]).added == ()
    assert merge_bibtex("@misc{b, url={https://B.example.com/p/}}", [BLOG]).added == ()


def test_commented_string_and_preamble_blocks_are_not_entries() -> None:
    text = '@string{rafailov2024 = "x"}\n@preamble{"\\newcommand{\\x}{y}"}\n'
    assert merge_bibtex(text, [QFN]).added == ("rafailov2024",)


def test_same_key_for_another_paper_gets_a_suffix() -> None:
    other = "@misc{Rafailov2024, eprint={2401.00001}, title={Another}}\n"
    result = merge_bibtex(other, [QFN])
    assert result.added == ("rafailov2024-2404.12358",)
    assert result.renamed == (("rafailov2024", "rafailov2024-2404.12358"),)
    hand_made = "@misc{rafailov2024, title={From r to Q*}}\n"
    assert merge_bibtex(hand_made, [QFN]).skipped == ("2404.12358",)


def test_keys_are_unique_across_the_batch() -> None:
    twin = Paper(id="2404.99999", title="From $x$ to $y$", authors=("Rafael Rafailov",))
    result = merge_bibtex("", [QFN, twin, QFN])
    # the earlier arXiv id keeps the plain key, whatever the order
    assert result.added == ("rafailov2024", "rafailov2024-2404.99999")
    assert result.skipped == ("2404.12358",)
    assert merge_bibtex("", [twin, QFN]).added == ("rafailov2024-2404.99999", "rafailov2024")
    twin_entry = bibtex_entry(twin, key="rafailov2024-2404.99999")
    assert result.text == bibtex_entry(QFN) + "\n\n" + twin_entry + "\n"


def test_separators_and_line_endings() -> None:
    assert merge_bibtex("@misc{a, title={x}}", [QFN]).text.startswith(
        "@misc{a, title={x}}\n\n@misc"
    )
    crlf = merge_bibtex("@misc{a,\r\n title={x}}\r\n", [QFN, DPO]).text
    assert "\n" not in crlf.replace("\r\n", "")
    assert crlf.startswith("@misc{a,\r\n title={x}}\r\n\r\n@misc{rafailov2024,\r\n")
    assert merge_bibtex("   \n", [QFN]).text.startswith("   \n@misc{")
    assert merge_bibtex("", []).text == ""


def test_untitled_papers_without_identifiers_merge_once() -> None:
    bare = Paper(id="guid:n", title="∑")
    clash = "@misc{anonnd, eprint={2401.00001}}\n"
    once = merge_bibtex(clash, [bare])
    assert once.added == ("anonnd-" + cite_key(bare, ["anonnd"]).split("-")[1],)
    assert merge_bibtex(once.text, [bare]).text == once.text


_FRAGMENTS = st.sampled_from(
    [
        "@misc{",
        "@string{x = {y}}",
        "@comment{",
        "@article{rafailov2024,",
        "@misc{k, eprint={2404.12358}}",
        "title = {",
        'title = "',
        "doi = {10.48550/arXiv.2305.18290}",
        "url={https://b.example.com/p}",
        "arXiv:",
        "}",
        "{",
        "\n",
        "\r\n",
        ",",
        "%",
    ]
)
_EXISTING = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=20)), max_size=12).map("".join)
_PAPERS = st.lists(
    st.builds(
        Paper,
        id=st.one_of(
            st.sampled_from(["2404.12358", "2305.18290", "hep-th/9901001"]), st.just("guid:z")
        ),
        title=st.one_of(st.sampled_from(["", "∑", "T", "From $r$ to $Q^*$"]), st.text(max_size=20)),
        authors=st.lists(
            st.sampled_from(["Rafael Rafailov", "Plato", "Zoë Ødegaard"]), max_size=2
        ).map(tuple),
        link=st.one_of(
            st.none(), st.just("https://b.example.com/p"), st.just("https://c.example.com")
        ),
        doi=st.one_of(st.none(), st.just("10.1000/abc")),
    ),
    max_size=5,
)


@given(_EXISTING, _PAPERS)
def test_merge_keeps_bytes_and_is_idempotent(existing: str, papers: list[Paper]) -> None:
    once = merge_bibtex(existing, papers)
    assert once.text.startswith(existing)
    assert len(once.added) + len(once.skipped) == len(papers)
    assert len({key.lower() for key in once.added}) == len(once.added)
    existing_keys = {
        k.lower() for k in re.findall(r"@\s*[A-Za-z]+\s*[{(]\s*([^\s,{}()]+)\s*,", existing)
    }
    assert not existing_keys & {key.lower() for key in once.added}
    twice = merge_bibtex(once.text, papers)
    assert twice.text == once.text and twice.added == ()
