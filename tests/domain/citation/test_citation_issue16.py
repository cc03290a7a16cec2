"""Citations a careful researcher would write: names with particles and suffixes in every
format (parsed back by bibtexparser 2 for BibTeX), keys stable and unique over a library, TeX
from feeds as text (bad-inputs row 50), arXiv's journal_ref/DOI as the published version, ids
as users paste them. Shapes from ../shared/reference/feeds.md (arXiv BibTeX, `<arxiv:doi>`)."""

from __future__ import annotations

import re

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.arxiv import paper_id_from_user
from tui.domain.citation import CitationFormat, KeyBook, bibtex_entry, format_citation
from tui.domain.citation.bibmerge import merge_bibtex
from tui.domain.citation.names import PersonName, split_name
from tui.domain.paper import Paper


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Adrian Del Maestro", PersonName("Adrian", "Del Maestro")),
        ("Johannes Diderik van der Waals", PersonName("Johannes Diderik", "van der Waals")),
        ("Maria De La Cruz", PersonName("Maria", "De La Cruz")),
        ("Paolo Di Lorenzo", PersonName("Paolo", "Di Lorenzo")),
        ("Martin Luther King Jr.", PersonName("Martin Luther", "King", "Jr.")),
        ("Van Jacobson", PersonName("Van", "Jacobson")),
        ("Quoc V. Le", PersonName("Quoc V.", "Le")),
        ("Juan Carlos De Los Santos", PersonName("Juan Carlos", "De Los Santos")),
        ("Charles-Jean de La Vallée Poussin", PersonName("Charles-Jean", "de La Vallée Poussin")),
        ("Santiago Ramón y Cajal", PersonName("Santiago Ramón", "y Cajal")),
        ("Research and Development Team", PersonName("Research and Development", "Team")),
        ("Robert W. Heath, Jr.", PersonName("Robert W.", "Heath", "Jr.")),
        ('Erwin Schr\\"odinger', PersonName("Erwin", "Schrödinger")),
        ('A. {\\"O}zt{\\"u}rk', PersonName("A.", "Öztürk")),
        ("Edward {Teller}", PersonName("Edward", "Teller")),
        ("李飞飞", PersonName("", "李飞飞")),
    ],
)
def test_particles_and_suffixes(name: str, parts: PersonName) -> None:
    assert split_name(name) == parts


def _parsed_names(entry: str) -> list[tuple[str, str, str]]:
    library = bibtexparser.parse_string(
        entry, append_middleware=[SeparateCoAuthors(), SplitNameParts()]
    )
    names = library.entries[0]["author"]
    return [
        (" ".join(n.first), " ".join([*n.von, *n.last]).strip("{}"), " ".join(n.jr)) for n in names
    ]


def test_bibtex_names_as_bibtex_expects() -> None:
    paper = Paper(
        id="2301.00001",
        title="T",
        authors=("Adrian Del Maestro", "J. D. van der Waals", "Martin Luther King Jr."),
    )
    entry = bibtex_entry(paper)
    assert (
        "author={{Del Maestro}, Adrian and van der Waals, J. D. and King, Jr., Martin Luther}"
        in entry
    )
    assert _parsed_names(entry) == [
        ("Adrian", "Del Maestro", ""),
        ("J. D.", "van der Waals", ""),
        ("Martin Luther", "King", "Jr."),
    ]
    apa = format_citation(paper, CitationFormat.APA)
    assert apa.startswith("Del Maestro, A., van der Waals, J. D., & King, M. L., Jr. (2023).")
    mla = format_citation(
        Paper(id="2301.00001", title="T", authors=paper.authors[:1]), CitationFormat.MLA
    )
    assert mla.startswith("Del Maestro, Adrian.")
    ris = format_citation(paper, CitationFormat.RIS)
    assert (
        "AU  - Del Maestro, Adrian\nAU  - van der Waals, J. D.\nAU  - King, Martin Luther, Jr."
        in ris
    )


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéøß", min_size=2, max_size=8)
_CAP = _WORD.map(str.capitalize)
_NAME = st.tuples(
    st.lists(_CAP, min_size=1, max_size=2),
    st.sampled_from(
        ["", "van", "van der", "de la", "Del", "Di", "De", "Da", "Le", "De Los", "de La"]
    ),
    st.lists(_CAP, min_size=1, max_size=2).map(" ".join),
    st.sampled_from(["", "Jr.", "III"]),
).map(lambda t: " ".join(part for part in (" ".join(t[0]), t[1], t[2], t[3]) if part))


@settings(max_examples=60, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=4))
def test_every_format_gives_back_the_same_names(authors: list[str]) -> None:
    paper = Paper(id="2405.01234", title="A Title", authors=tuple(authors))
    wanted = [split_name(a) for a in authors]
    parsed = _parsed_names(bibtex_entry(paper))
    assert parsed == [(n.given, n.family, n.suffix) for n in wanted]
    ris = format_citation(paper, CitationFormat.RIS)
    back = [split_name(line[6:]) for line in ris.splitlines() if line.startswith("AU  - ")]
    assert back == wanted
    csl = format_citation(paper, CitationFormat.CSL_JSON)
    for name in wanted:
        assert f'"family": "{name.family}"' in csl
    apa = format_citation(paper, CitationFormat.APA)
    assert apa.startswith(_apa_family_first(wanted[0]))


def _apa_family_first(name: PersonName) -> str:
    return f"{name.family}, {name.given[0]}."


def test_tex_accents_in_a_name_are_letters_in_every_format() -> None:
    paper = Paper(id="2405.01234", title="T", authors=('Erwin Schr\\"odinger',))
    for fmt in (CitationFormat.APA, CitationFormat.MLA, CitationFormat.RIS):
        text = format_citation(paper, fmt)
        assert "Schrödinger, E" in text and "\\" not in text, fmt


def test_keys_do_not_depend_on_what_else_is_exported() -> None:
    first = Paper(id="1706.03762", title="Attention Is All You Need", authors=("Ashish Vaswani",))
    a = Paper(id="2401.00001", title="Attention Sinks", authors=("Ann Vaswani",))
    b = Paper(id="2402.00002", title="Attention Heads", authors=("Bo Vaswani",))
    book = KeyBook([b, a, first])
    assert book.key(a) == "vaswani2024attention"
    assert book.key(b) == "vaswani2024attention-2402.00002"
    assert KeyBook([a, b]).key(b) == KeyBook([b, a]).key(b)
    assert KeyBook([b]).key(b) == "vaswani2024attention"  # alone, the plain key


@given(st.permutations(list(range(6))))
def test_keys_unique_over_a_library_and_order_free(order: list[int]) -> None:
    papers = [
        Paper(id=f"2405.0{n:04d}", title="Same Words", authors=("Jo Smith",)) for n in range(5)
    ] + [Paper(id="guid:x", title="Same Words", authors=("Jo Smith",))]
    shuffled = [papers[i] for i in order]
    keys = KeyBook(shuffled).keys(papers)
    assert len(set(keys)) == len(keys)
    assert keys == KeyBook(papers).keys(papers)


def test_merge_never_drops_a_paper_and_says_so() -> None:
    unrelated = "@article{vaswani2024attention, title={Something Else}, author={X}}\n"
    paper = Paper(id="2401.00001", title="Attention Sinks", authors=("Ann Vaswani",))
    result = merge_bibtex(unrelated, [paper])
    assert result.added == ("vaswani2024attention-2401.00001",)
    assert result.renamed == (("vaswani2024attention", "vaswani2024attention-2401.00001"),)
    assert merge_bibtex(result.text, [paper]).added == ()


HOSTILE = [
    r"\input{/etc/passwd}",
    r"\iffalse",
    r"\immediate\write18{rm -rf ~}\immediate\openout",
    r"\def\x{y}",
    r"\end{document}",
    r"$\input{/etc/passwd}$",
    r"$\immediate\openout5=x$",
    r"$x^^5cinput{/etc/passwd}$",
    r"\csname input\endcsname",
]
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_WRITTEN = {"textbackslash", "textbraceleft", "textbraceright", "textasciitilde"}
_WRITTEN |= {"textasciicircum", "ensuremath", "alpha", "url"}


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("ascii_only", [False, True])
def test_tex_from_a_feed_is_text_in_every_field(hostile: str, ascii_only: bool) -> None:
    paper = Paper(
        id="2405.01234",
        title=f"Title {hostile}",
        authors=(f"Eve {hostile}",),
        doi=f"10.1000/{hostile}",
        journal_ref=f"J. {hostile} 1 (2024)",
    )
    entry = bibtex_entry(paper, ascii_only=ascii_only)
    assert set(_COMMAND.findall(entry)) <= _WRITTEN, entry
    assert "^^" not in entry
    assert bibtexparser.parse_string(entry).failed_blocks == []


def test_drawing_math_stays_and_unicode_math_stays_readable() -> None:
    paper = Paper(id="2405.01234", title=r"$\mathcal{O}(n \log n)$ and α-Nets ≤ 2")
    assert r"title={$\mathcal{O}(n \log n)$ and α-Nets ≤ 2}" in bibtex_entry(paper)
    ascii_entry = bibtex_entry(paper, ascii_only=True)
    assert r"\ensuremath{\alpha}-Nets \ensuremath{\leq} 2" in ascii_entry


def test_arxiv_journal_ref_and_doi_make_it_an_article() -> None:
    paper = Paper(
        id="2301.00001",
        title="Superfluid Helium",
        authors=("Adrian Del Maestro",),
        doi="10.1103/PhysRevB.108.014505",
        journal_ref="Phys. Rev. B 108, 014505 (2023)",
        primary_category="cond-mat.other",
    )
    entry = bibtex_entry(paper)
    assert entry.startswith("@article{delmaestro2023superfluid,")
    assert "journal={Phys. Rev. B},\n      volume={108},\n      pages={014505}," in entry
    assert "doi={10.1103/PhysRevB.108.014505}" in entry and "eprint={2301.00001}" in entry
    assert "https://doi.org/10.1103/PhysRevB.108.014505" in format_citation(
        paper, CitationFormat.APA
    )
    assert "10.48550" not in format_citation(paper, CitationFormat.RIS)


@pytest.mark.parametrize(
    "pasted",
    [
        "2405.09818v2",
        "arXiv:2405.09818",
        "https://arxiv.org/abs/2405.09818v1",
        "https://arxiv.org/pdf/2405.09818v2.pdf",
        "https://huggingface.co/papers/2405.09818",
        " 2405.09818 ",
        "ARXIV:2405.09818v3",
        "https://arxiv.org/abs/2405.09818/",
        "https://arxiv.org/abs/2405.09818?context=cs",
        "http://export.arxiv.org/abs/2405.09818v1",
        "https://huggingface.co/papers/2405.09818?foo=1#community",
        "10.48550/arXiv.2405.09818",
        "https://doi.org/10.48550/arXiv.2405.09818",
    ],
)
def test_ids_as_users_paste_them(pasted: str) -> None:
    assert paper_id_from_user(pasted) == "2405.09818"


def test_old_style_ids() -> None:
    assert paper_id_from_user("hep-th/9901001") == "hep-th/9901001"
    assert paper_id_from_user("arXiv:hep-th/9901001v2") == "hep-th/9901001"
    assert paper_id_from_user("https://export.arxiv.org/pdf/hep-th/9901001v1") == "hep-th/9901001"
    assert paper_id_from_user("https://arxiv.org/abs/math.GT/0309136v2") == "math.GT/0309136"


def test_the_arxiv_api_journal_ref_reaches_the_citation() -> None:
    from pathlib import Path

    from tui.domain.feeds.parse import parse_feed

    body = (Path(__file__).parents[2] / "fixtures" / "arxiv_api.atom").read_bytes()
    paper = next(p for p in parse_feed(body, feed_name="api").papers if p.id == "2405.10081")
    assert paper.journal_ref == "Fixture J. 1 (2024) 1-2"
    entry = bibtex_entry(paper)
    assert entry.startswith("@article{") and "journal={Fixture J.},\n      volume={1}," in entry
    assert "pages={1--2}" in entry
    assert "doi={10.1000/fixture.81}" in entry and "eprint={2405.10081}" in entry


def test_a_published_paper_without_a_journal_doi_never_gives_the_preprints() -> None:
    paper = Paper(
        id="2510.11452",
        title="Pursuing Minimal Sufficiency",
        authors=("Tobias Tanaka",),
        journal_ref="Trans. Mach. Learn. Res. (2026) 173-203",
    )
    entry = bibtex_entry(paper)
    assert entry.startswith("@article{") and "eprint={2510.11452}" in entry
    assert "10.48550" not in entry
    for fmt in (
        CitationFormat.APA,
        CitationFormat.MLA,
        CitationFormat.RIS,
        CitationFormat.CSL_JSON,
    ):
        text = format_citation(paper, fmt)
        assert "10.48550" not in text and "arxiv.org/abs/2510.11452" in text, fmt
    preprint = Paper(id="2510.11452", title="Pursuing Minimal Sufficiency")
    assert "doi={10.48550/arXiv.2510.11452}" in bibtex_entry(preprint)
