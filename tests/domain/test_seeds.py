"""Seed files: BibTeX, CSL-JSON, RIS and Markdown read simply and safely."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.seeds import Seed, parse_seeds

BIB = r"""@string{foo = "bar"}
@misc{vaswani2017,
  title = {Attention Is {All} You Need},
  author = "Vaswani, A.",
  eprint = {1706.03762}, year = 2017,
  abstract = {The dominant sequence {transduction} models \"u}
}
@article{x, title="No id paper", doi = {10.1000/ABC}}
@article{y, author={nobody}}
"""


def test_bibtex_entries_with_their_arxiv_id_doi_or_title() -> None:
    found = parse_seeds(BIB)
    assert found.kind == "BibTeX" and found.skipped == 1
    assert found.seeds == (
        Seed(
            "1706.03762", "Attention Is All You Need", "The dominant sequence transduction models ü"
        ),
        Seed("doi:10.1000/abc", "No id paper"),
    )


def test_csl_json_ris_and_markdown() -> None:
    csl = '[{"id":"k","title":"A CSL paper","URL":"https://arxiv.org/abs/2405.01234v2"}]'
    assert parse_seeds(csl).seeds == (Seed("2405.01234", "A CSL paper"),)
    ris = "TY  - JOUR\nTI  - RIS title\nAB  - abs\nER  - \n"
    assert parse_seeds(ris).seeds == (Seed("title:ris title", "RIS title", "abs"),)
    md = "- [Md paper title](https://arxiv.org/abs/2401.00001)"
    assert parse_seeds(md).seeds == (Seed("2401.00001", "Md paper title"),)


def test_terminal_controls_never_survive() -> None:
    found = parse_seeds("@misc{k, title = {Evil \x1b]52;c;aGk=\x07 title}}")
    assert found.seeds and "\x1b" not in found.seeds[0].title


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from('@{}()=,"\\ab \n[]TY-:'), max_size=200))
def test_any_text_parses_without_an_error(text: str) -> None:
    found = parse_seeds(text)
    assert all(seed.title and "\x1b" not in seed.title for seed in found.seeds)
