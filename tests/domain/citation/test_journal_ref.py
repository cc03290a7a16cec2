"""arXiv's journal_ref as a careful researcher cites it: a usual shape ("Phys. Rev. B 108, 014505
(2023)", "Nature 620 (2024) 103-133") split into journal, volume and pages in every format; any
other kept whole as the journal (shapes from shared/reference/feeds.md and the arXiv API
fixture: `<arxiv:journal_ref>` is free text written by the authors)."""

from __future__ import annotations

import bibtexparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.citation import CitationFormat, bibtex_entry, format_citation
from tui.domain.citation.venue import Venue, arxiv_venue, split_journal_ref
from tui.domain.paper import Paper


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("Phys. Rev. B 108, 014505 (2023)", ("Phys. Rev. B", "108", "014505", 2023)),
        ("Phys. Rev. Lett. 130, 041601 (2023)", ("Phys. Rev. Lett.", "130", "041601", 2023)),
        ("Nature 620 (2024) 103-133", ("Nature", "620", "103-133", 2024)),
        ("Nucl. Phys. B 123 (1999) 45--67", ("Nucl. Phys. B", "123", "45-67", 1999)),
        ("J. Phys. A: Math. Theor. 56 (2023) 123", ("J. Phys. A: Math. Theor.", "56", "123", 2023)),
        ("TMLR (2018) 131-161", ("TMLR", "", "131-161", 2018)),
        ("Astrophys. J. 945:12 (2023)", ("Astrophys. J.", "945", "12", 2023)),
        ("Proceedings of ICML 2023", None),
        ("Accepted at NeurIPS 2023 (spotlight)", None),
        ("", None),
    ],
)
def test_usual_shapes_split_and_others_stay_whole(
    text: str, split: tuple[str, str, str, int] | None
) -> None:
    assert split_journal_ref(text) == split


@given(st.text(max_size=80))
def test_a_split_only_ever_takes_pieces_of_the_text(text: str) -> None:
    split = split_journal_ref(text)
    if split is not None:
        name, volume, pages, year = split
        assert name and not any(c.isdigit() for c in name) and name in text
        assert volume in text and str(year) in text
        assert all(piece in text for piece in pages.split("-"))


PAPER = Paper(
    id="2305.01234",
    title="Superconductivity in a Kagome Metal",
    authors=("Jane Doe",),
    doi="10.1103/PhysRevB.108.014505",
    journal_ref="Phys. Rev. B 108, 014505 (2023)",
)


def test_every_format_names_journal_volume_and_pages() -> None:
    entry = bibtex_entry(PAPER)
    fields = bibtexparser.parse_string(entry).entries[0].fields_dict
    assert fields["journal"].value == "Phys. Rev. B" and fields["volume"].value == "108"
    assert fields["pages"].value == "014505" and fields["year"].value == "2023"
    apa = format_citation(PAPER, CitationFormat.APA)
    assert "Phys. Rev. B, 108, 014505. https://doi.org/10.1103/PhysRevB.108.014505" in apa
    mla = format_citation(PAPER, CitationFormat.MLA)
    assert "Phys. Rev. B, vol. 108, 2023, p. 014505," in mla
    ris = format_citation(PAPER, CitationFormat.RIS)
    assert "T2  - Phys. Rev. B" in ris and "VL  - 108" in ris and "SP  - 014505" in ris
    venue = arxiv_venue(PAPER)
    assert venue is not None and venue.badge == "Phys. Rev. B 2023"


def test_an_unusual_journal_ref_is_the_journal_whole() -> None:
    paper = Paper(id="2305.01234", title="T", journal_ref="Accepted at NeurIPS 2023")
    venue = arxiv_venue(paper)
    assert venue is not None and venue.name == "Accepted at NeurIPS 2023"
    assert venue.year == 2023 and venue.badge == "NeurIPS 2023"


@pytest.mark.parametrize(
    ("name", "badge"),
    [
        ("Neural Information Processing Systems", "NeurIPS 2024"),
        ("North American Chapter of the Association for Computational Linguistics", "NAACL 2024"),
        ("Transactions of the Association for Computational Linguistics", "TACL 2024"),
        ("Annual Meeting of the Association for Computational Linguistics", "ACL 2024"),
        ("Transactions on Machine Learning Research", "TMLR 2024"),
        ("NeurIPS 2024 Workshop on Foundation Models", "NeurIPS 2024 Workshop on Foundation Mode"),
    ],
)
def test_badges_name_the_venue_as_people_say_it(name: str, badge: str) -> None:
    assert Venue("inproceedings", name, 2024).badge == badge
