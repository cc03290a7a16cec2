"""Cite keys, BibTeX in arXiv's style, and every other citation and export format."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import bibtexparser
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.domain.citation.test_citation_text import latex_problems
from tui.domain.citation import (
    CitationFormat,
    bibtex_entry,
    cite_key,
    export_entries,
    format_citation,
)
from tui.domain.citation.names import split_name
from tui.domain.paper import Paper

CORPUS = Path(__file__).parents[2] / "fixtures" / "papers_corpus.json"
GIVEN = ["Jean-Pierre", "José", "Ana", "Wei", "Søren", "Zoë", "Mary Ann", "Łukasz", "Sean"]
FAMILY = [
    "van der Berg",
    "Müller",
    "García",
    "de la Cruz",
    "O'Brien",
    "Smith",
    "Nguyễn",
    "Ødegaard",
]

PAPER = Paper(
    id="2405.09818",
    title="From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function",
    authors=("Rafael Rafailov", "Joey Hejna", "Ryan Park", "Chelsea Finn"),
    abstract="We show things.\nOn two lines.",
    published=datetime(2024, 4, 18, 17, 58),
    primary_category="cs.LG",
    categories=("cs.LG", "cs.AI"),
)
BLOG = Paper(
    id="guid:abc",
    title="Notes on 100% of Things",
    authors=("Plato",),
    link="https://blog.example.com/post",
    published=datetime(2023, 1, 2),
)


def corpus_papers() -> list[Paper]:
    """The corpus as Papers, with deterministic arXiv ids and author names."""
    records = json.loads(CORPUS.read_text(encoding="utf-8"))
    papers = []
    for index, record in enumerate(records):
        count = max(1, int(record.get("n_authors") or 1))
        authors = tuple(
            f"{GIVEN[(index + n) % len(GIVEN)]} {FAMILY[(index * 3 + n) % len(FAMILY)]}"
            for n in range(count)
        )
        arxiv_id = f"{21 + index % 5:02d}{1 + index % 12:02d}.{index:05d}"
        papers.append(Paper(id=arxiv_id, title=record["title"], authors=authors))
    return papers


def undo_escapes(value: str) -> str:
    """The text a BibTeX value stands for, undoing what `escape_latex` writes outside math."""
    commands = {
        "textbackslash": "\\",
        "textbraceleft": "{",
        "textbraceright": "}",
        "textasciitilde": "~",
        "textasciicircum": "^",
    }
    value = re.sub(r"\\(text[a-z]+)\{\}", lambda m: commands[m.group(1)], value)
    value = value.replace("{@}", "@")
    return re.sub(r"\\([#$%&_])", r"\1", value)


# --- keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paper", "key"),
    [
        (PAPER, "rafailov2024your"),
        (Paper(id="2301.00001", title="The Art of War", authors=("José Müller",)), "muller2023art"),
        (
            Paper(id="2301.00001", title="On A Thing", authors=("Jan van der Berg",)),
            "vanderberg2023thing",
        ),
        (Paper(id="hep-th/9901001", title="Strings", authors=("Ed Witten",)), "witten1999strings"),
        (
            Paper(
                id="guid:x",
                title="Self-Supervised",
                authors=("A B",),
                published=datetime(2020, 1, 1),
            ),
            "b2020self",
        ),
        (Paper(id="guid:x", title="$\\alpha$-Nets", authors=()), "anonndnets"),
        (Paper(id="guid:x", title="", authors=("山田 太郎",)), "anonnd"),
        (
            Paper(id="2405.00001", title="{\\'E}t{\\'e} 3D", authors=("Zoë Ødegaard",)),
            "odegaard2024ete",
        ),
    ],
)
def test_cite_key(paper: Paper, key: str) -> None:
    assert cite_key(paper) == key


def test_cite_key_is_unique_against_taken() -> None:
    # A taken key is settled by the paper itself (its arXiv id), not by a letter.
    assert cite_key(PAPER, ["rafailov2024your"]) == "rafailov2024your-2405.09818"
    taken = ["RAFAILOV2024YOUR", "rafailov2024your-2405.09818"]
    assert cite_key(PAPER, taken) == "rafailov2024your-2405.09818a"


# --- BibTeX ----------------------------------------------------------------------------------


def test_bibtex_entry_in_arxiv_style() -> None:
    assert bibtex_entry(PAPER) == (
        "@misc{rafailov2024your,\n"
        "      title={From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function},\n"
        "      author={Rafailov, Rafael and Hejna, Joey and Park, Ryan and Finn, Chelsea},\n"
        "      year={2024},\n"
        "      eprint={2405.09818},\n"
        "      archivePrefix={arXiv},\n"
        "      primaryClass={cs.LG},\n"
        "      url={https://arxiv.org/abs/2405.09818},\n"
        "      doi={10.48550/arXiv.2405.09818},\n"
        "}"
    )


def test_bibtex_entry_escapes_and_keeps_utf8() -> None:
    paper = Paper(
        id="hep-th/9901001",
        title="50% of R&D_x: {Braces} #1",
        authors=("Jean-Pierre van der Berg", "José Müller", "Research and Development Team"),
    )
    entry = bibtex_entry(paper, key="my key,{x}")
    assert entry.startswith("@misc{mykeyx,\n")
    assert r"title={50\% of R\&D\_x: \textbraceleft{}Braces\textbraceright{} \#1}," in entry
    assert (
        "author={van der Berg, Jean-Pierre and Müller, José and Team, {Research and Development}}"
        in entry
    )
    assert "primaryClass={hep-th}," in entry and "year={1999}," in entry


def test_bibtex_entry_ascii_only() -> None:
    paper = Paper(id="2405.00001", title="Über café ☃", authors=("Łukasz Straßmann", "Zoë Čech"))
    entry = bibtex_entry(paper, ascii_only=True)
    assert entry.isascii()
    assert r"title={{\"U}ber caf{\'e} ?}," in entry
    assert r"author={Stra{\ss}mann, {\L}ukasz and {\v{C}}ech, Zo{\"e}}," in entry


def test_bibtex_entry_of_a_non_arxiv_paper() -> None:
    assert bibtex_entry(BLOG) == (
        "@misc{plato2023notes,\n"
        r"      title={Notes on 100\% of Things},"
        "\n"
        "      author={Plato},\n"
        "      year={2023},\n"
        r"      howpublished={\url{https://blog.example.com/post}},"
        "\n"
        "      url={https://blog.example.com/post},\n"
        "}"
    )


def test_at_signs_never_start_an_entry() -> None:
    paper = Paper(
        id="guid:m",
        title="Reply @misc{evil, title={x}}",
        authors=("@article{a,",),
        link="https://medium.example.com/@misc(x)",
    )
    entry = bibtex_entry(paper)
    assert "url={https://medium.example.com/%40misc(x)}," in entry
    library = bibtexparser.parse_string(entry)
    assert library.failed_blocks == [] and len(library.entries) == 1
    assert undo_escapes(library.entries[0]["title"]) == "Reply @misc{evil, title={x}}"


def test_corpus_entries_parse_and_round_trip() -> None:
    for ascii_only in (False, True):
        papers = corpus_papers()
        text = "\n\n".join(bibtex_entry(paper, ascii_only=ascii_only) for paper in papers)
        library = bibtexparser.parse_string(text)
        assert library.failed_blocks == []
        assert len(library.entries) == len(papers)
        for paper, entry in zip(papers, library.entries, strict=True):
            assert entry["eprint"] == paper.id
            assert latex_problems(entry["title"]) == []
            if ascii_only:
                continue
            assert undo_escapes(entry["title"]) == " ".join(paper.title.split())
            authors = [split_name(name) for name in entry["author"].split(" and ")]
            assert [f"{a.given} {a.family}" for a in authors] == list(paper.authors)


_NAME = st.text(
    alphabet=st.one_of(st.sampled_from(list("#$%&_{}~^\\ ,aZé@")), st.characters()), max_size=30
)


@given(
    title=st.text(alphabet=st.one_of(st.sampled_from(list("#$%&_{}~^\\ x@(")), st.characters())),
    authors=st.lists(_NAME, max_size=4),
    ascii_only=st.booleans(),
)
def test_any_title_and_names_make_a_safe_parseable_entry(
    title: str, authors: list[str], ascii_only: bool
) -> None:
    paper = Paper(id="2405.01234", title=title, authors=tuple(authors))
    entry = bibtex_entry(paper, ascii_only=ascii_only)
    entry.encode("utf-8")
    if ascii_only:
        assert entry.isascii()
    fields = dict(re.findall(r"^      (\w+)=\{(.*)\},$", entry, flags=re.MULTILINE))
    assert latex_problems(fields["title"]) == []
    assert latex_problems(fields.get("author", "")) == []
    assert "$" not in fields.get("author", "").replace("\\$", "")
    library = bibtexparser.parse_string(entry)
    assert library.failed_blocks == [] and len(library.entries) == 1
    assert library.entries[0]["eprint"] == "2405.01234"


# --- the other formats -----------------------------------------------------------------------


def test_apa() -> None:
    assert format_citation(PAPER, CitationFormat.APA) == (
        "Rafailov, R., Hejna, J., Park, R., & Finn, C. (2024). From r to Q^*: Your Language "
        "Model is Secretly a Q-Function. arXiv. https://doi.org/10.48550/arXiv.2405.09818"
    )
    two = Paper(
        id="2401.00001", title="Why?", authors=("Jean-Pierre van der Berg", "Mary Ann Evans")
    )
    assert format_citation(two, CitationFormat.APA) == (
        "van der Berg, J.-P., & Evans, M. A. (2024). Why? arXiv. "
        "https://doi.org/10.48550/arXiv.2401.00001"
    )
    assert format_citation(BLOG, CitationFormat.APA) == (
        "Plato. (2023). Notes on 100% of Things. https://blog.example.com/post"
    )
    many = Paper(id="2401.00001", title="T", authors=tuple(f"A B{n}" for n in range(25)))
    assert ", B18, A., . . . B24, A. (2024)." in format_citation(many, CitationFormat.APA)
    nobody = Paper(id="guid:z", title="Untitled note")
    assert format_citation(nobody, CitationFormat.APA) == "Untitled note. (n.d.)."


def test_mla() -> None:
    assert format_citation(PAPER, CitationFormat.MLA) == (
        'Rafailov, Rafael, et al. "From r to Q^*: Your Language Model is Secretly a Q-Function." '
        "arXiv, 2024, https://doi.org/10.48550/arXiv.2405.09818."
    )
    two = Paper(id="2401.00001", title="Why?", authors=("Ana Smith", "Wei Chen"))
    assert format_citation(two, CitationFormat.MLA) == (
        'Smith, Ana, and Wei Chen. "Why?" arXiv, 2024, https://doi.org/10.48550/arXiv.2401.00001.'
    )
    assert format_citation(BLOG, CitationFormat.MLA) == (
        'Plato. "Notes on 100% of Things." 2023, https://blog.example.com/post.'
    )


def test_plain_markdown_url_and_id() -> None:
    assert format_citation(PAPER, CitationFormat.PLAIN) == (
        "Rafael Rafailov, Joey Hejna, Ryan Park, and Chelsea Finn. From r to Q^*: Your Language "
        "Model is Secretly a Q-Function. arXiv:2405.09818, 2024. https://arxiv.org/abs/2405.09818"
    )
    assert format_citation(PAPER, CitationFormat.MARKDOWN) == (
        "[From r to Q^\\*: Your Language Model is Secretly a Q-Function]"
        "(https://arxiv.org/abs/2405.09818)"
    )
    odd = Paper(id="guid:1", title="[Brackets] and *stars*", link="https://x.example.com/a_(b)")
    assert format_citation(odd, CitationFormat.MARKDOWN) == (
        r"[\[Brackets\] and \*stars\*](https://x.example.com/a_%28b%29)"
    )
    assert format_citation(PAPER, CitationFormat.URL) == "https://arxiv.org/abs/2405.09818"
    assert format_citation(BLOG, CitationFormat.URL) == "https://blog.example.com/post"
    assert format_citation(PAPER, CitationFormat.ARXIV_ID) == "2405.09818"
    assert format_citation(BLOG, CitationFormat.ARXIV_ID) == ""


def test_ris() -> None:
    assert format_citation(PAPER, CitationFormat.RIS) == "\n".join(
        [
            "TY  - GEN",
            "ID  - rafailov2024your",
            "TI  - From r to Q^*: Your Language Model is Secretly a Q-Function",
            "AU  - Rafailov, Rafael",
            "AU  - Hejna, Joey",
            "AU  - Park, Ryan",
            "AU  - Finn, Chelsea",
            "PY  - 2024",
            "DA  - 2024/04/18",
            "AB  - We show things. On two lines.",
            "PB  - arXiv",
            "AN  - arXiv:2405.09818",
            "KW  - cs.LG",
            "KW  - cs.AI",
            "DO  - 10.48550/arXiv.2405.09818",
            "UR  - https://arxiv.org/abs/2405.09818",
            "ER  - ",
        ]
    )


def test_csl_json() -> None:
    item = json.loads(format_citation(PAPER, CitationFormat.CSL_JSON, key="k1"))
    assert item == {
        "id": "k1",
        "type": "article",
        "title": "From r to Q^*: Your Language Model is Secretly a Q-Function",
        "author": [
            {"family": "Rafailov", "given": "Rafael"},
            {"family": "Hejna", "given": "Joey"},
            {"family": "Park", "given": "Ryan"},
            {"family": "Finn", "given": "Chelsea"},
        ],
        "issued": {"date-parts": [[2024, 4, 18]]},
        "publisher": "arXiv",
        "number": "arXiv:2405.09818",
        "DOI": "10.48550/arXiv.2405.09818",
        "URL": "https://arxiv.org/abs/2405.09818",
        "abstract": "We show things. On two lines.",
    }
    blog = json.loads(format_citation(BLOG, CitationFormat.CSL_JSON))
    assert blog["author"] == [{"literal": "Plato"}] and "DOI" not in blog


@pytest.mark.parametrize("fmt", list(CitationFormat))
def test_every_format_survives_hostile_text(fmt: CitationFormat) -> None:
    paper = Paper(
        id="2405.01234",
        title="\ud83d bad \x1b[31m title\n",
        authors=("\ud83d Name", "", ","),
        abstract="\x00",
    )
    text = format_citation(paper, fmt)
    text.encode("utf-8")
    assert "\x1b" not in text and "\x00" not in text


# --- export ----------------------------------------------------------------------------------


def test_export_bibtex_has_unique_keys() -> None:
    twin = Paper(id="2406.00001", title="Your Other Paper", authors=("Rafael Rafailov",))
    text = export_entries([twin, PAPER, PAPER, BLOG], CitationFormat.BIBTEX)
    library = bibtexparser.parse_string(text)
    assert [entry.key for entry in library.entries] == [
        "rafailov2024your-2406.00001",
        "rafailov2024your",
        "plato2023notes",
    ]
    assert text.endswith("}\n") and "}\n\n@misc" in text


def test_export_csl_json_is_one_array() -> None:
    twin = Paper(id="2406.00001", title="Your Other Paper", authors=("Rafael Rafailov",))
    items = json.loads(export_entries([PAPER, twin, PAPER], CitationFormat.CSL_JSON))
    assert [item["id"] for item in items] == ["rafailov2024your", "rafailov2024your-2406.00001"]


def test_export_markdown_ris_and_lines() -> None:
    assert export_entries([PAPER, BLOG], CitationFormat.MARKDOWN) == (
        "- [From r to Q^\\*: Your Language Model is Secretly a Q-Function]"
        "(https://arxiv.org/abs/2405.09818)\n"
        "- [Notes on 100% of Things](https://blog.example.com/post)\n"
    )
    ris = export_entries([PAPER, BLOG], CitationFormat.RIS)
    assert ris.count("TY  - GEN") == 2 and ris.count("ER  - ") == 2
    assert export_entries([PAPER, BLOG], CitationFormat.ARXIV_ID) == "2405.09818\n"
    assert export_entries([], CitationFormat.BIBTEX) == ""
    assert json.loads(export_entries([], CitationFormat.CSL_JSON)) == []
