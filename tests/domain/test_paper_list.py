"""PaperList: the reader's immutable list of papers with their marks, and its views."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import make_paper
from tui.domain import paper_list as paper_list_module
from tui.domain.latex import latex_to_unicode
from tui.domain.paper import NO_MARKS, Marks, Paper
from tui.domain.paper_list import PaperList, SortKey, fold, next_sort

READ = Marks(read=True, read_at="2024-05-01T10:00:00Z")
SAVED = Marks(saved=True, saved_at="2024-05-01T10:00:00Z")


def ids(papers: PaperList) -> list[str]:
    return list(papers.ids())


@pytest.fixture
def library() -> PaperList:
    return PaperList.of(
        [
            make_paper(
                "2405.00001",
                "Schrödinger Bridges for $\\alpha$-Divergences",
                authors=("Ada Lovelace", "Émile Borel"),
                abstract="We study diffusion models.",
                upvotes=10,
                day=date(2024, 5, 2),
            ),
            make_paper(
                "2405.00002",
                "From $r$ to $Q^*$: Your Language Model is Secretly a Q-Function",
                authors=("Grace Hopper",),
                abstract="Direct preference optimisation and token-level rewards.",
                upvotes=30,
                day=date(2024, 5, 1),
            ),
            make_paper(
                "2405.00003",
                "Sparse Attention at Scale",
                authors=("Alan Turing",),
                abstract="Attention with linear cost for long-context language models.",
                upvotes=None,
                day=date(2024, 5, 2),
            ),
        ],
        {"2405.00002": READ, "2405.00003": SAVED},
    )


def test_sort_keys_cycle_in_order() -> None:
    assert [key.value for key in SortKey] == [
        "upvotes", "newest", "stars", "title", "trending", "for-you"
    ]  # fmt: skip
    assert next_sort(SortKey.UPVOTES) is SortKey.NEWEST
    assert next_sort(SortKey.NEWEST) is SortKey.STARS
    assert next_sort(SortKey.STARS) is SortKey.TITLE
    assert next_sort(SortKey.TITLE) is SortKey.TRENDING
    assert next_sort(SortKey.TRENDING) is SortKey.FOR_YOU
    assert next_sort(SortKey.FOR_YOU) is SortKey.UPVOTES


def test_empty_list() -> None:
    empty = PaperList.empty()
    assert len(empty) == 0 and not empty and empty.papers == () and list(empty) == []
    assert empty.days() == () and empty.ids() == () and empty.unread_count() == 0
    assert empty.matching("x").papers == () and empty.sorted_by(SortKey.TITLE).papers == ()
    assert empty.index_of("x") is None


def test_sequence_protocol(library: PaperList) -> None:
    assert len(library) == 3 and bool(library)
    assert library[0].id == "2405.00001" and library[-1].id == "2405.00003"
    assert [p.id for p in library] == ids(library) == ["2405.00001", "2405.00002", "2405.00003"]
    assert library.papers == tuple(library)
    with pytest.raises(IndexError):
        library[3]


def test_of_merges_papers_sharing_an_id_where_the_first_stood() -> None:
    papers = PaperList.of(
        [
            make_paper("a", "A", upvotes=1, feeds=("hf",)),
            make_paper("b", "B"),
            make_paper("a", "A", abstract="longer text", upvotes=5, feeds=("arxiv",)),
        ]
    )
    assert ids(papers) == ["a", "b"]
    assert papers[0].abstract == "longer text" and papers[0].upvotes == 5
    assert papers[0].feeds == ("hf", "arxiv")


def test_marks_default_to_no_marks(library: PaperList) -> None:
    assert library.marks_for("2405.00001") is NO_MARKS
    assert library.marks_for("not-here") is NO_MARKS
    assert library.marks_for("2405.00002") == READ


def test_with_marks_returns_a_new_list_and_leaves_the_old_one(library: PaperList) -> None:
    marked = library.with_marks("2405.00001", SAVED)
    assert marked.marks_for("2405.00001") == SAVED
    assert library.marks_for("2405.00001") is NO_MARKS
    assert marked.papers is library.papers  # no re-merging, no copying of papers
    assert marked.marks_for("2405.00002") == READ


def test_with_many_marks(library: PaperList) -> None:
    marked = library.with_many_marks({"2405.00001": READ, "2405.00002": NO_MARKS})
    assert marked.marks_for("2405.00001") == READ
    assert marked.marks_for("2405.00002") == NO_MARKS
    assert ids(marked.unread_only()) == ["2405.00002", "2405.00003"]
    assert ids(library.unread_only()) == ["2405.00001", "2405.00003"]


def test_marks_survive_filters_for_papers_filtered_out(library: PaperList) -> None:
    saved = library.saved_only()
    assert ids(saved) == ["2405.00003"]
    assert saved.with_marks("2405.00003", NO_MARKS).marks_for("2405.00002") == READ


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("schrodinger", ["2405.00001"]),  # accent-insensitive
        ("SCHRÖDINGER bridges", ["2405.00001"]),  # case-insensitive, every word
        ("α", ["2405.00001"]),  # the rendered title
        ("alpha", ["2405.00001"]),  # the raw title
        ("Q*", ["2405.00002"]),
        ("emile", ["2405.00001"]),  # authors
        ("hopper", ["2405.00002"]),
        ("language", ["2405.00002", "2405.00003"]),  # title and abstract
        ("language attention", ["2405.00003"]),
        ("language diffusion", []),
        ("nothing-like-this", []),
    ],
)
def test_matching(library: PaperList, query: str, expected: list[str]) -> None:
    assert ids(library.matching(query)) == expected


def test_an_empty_query_is_the_list_itself(library: PaperList) -> None:
    assert library.matching("") is library
    assert library.matching("   \t") is library


def test_matching_keeps_marks(library: PaperList) -> None:
    assert library.matching("language").marks_for("2405.00002") == READ


def test_unread_and_saved(library: PaperList) -> None:
    assert ids(library.unread_only()) == ["2405.00001", "2405.00003"]
    assert ids(library.saved_only()) == ["2405.00003"]
    assert library.unread_count() == 2 and library.saved_count() == 1


def test_days_newest_first_and_on_day(library: PaperList) -> None:
    undated = library.extend([make_paper("x", day=None)])
    assert undated.days() == (date(2024, 5, 2), date(2024, 5, 1))
    assert ids(undated.on_day(date(2024, 5, 2))) == ["2405.00001", "2405.00003"]
    assert ids(undated.on_day(date(2024, 4, 1))) == []


def test_index_of(library: PaperList) -> None:
    assert library.index_of("2405.00002") == 1
    assert library.index_of("missing") is None
    assert library.sorted_by(SortKey.UPVOTES).index_of("2405.00002") == 0


def test_sort_by_upvotes_most_first_none_last_ties_by_title() -> None:
    papers = PaperList.of(
        [
            make_paper("1", "Zeta", upvotes=5),
            make_paper("2", "Beta", upvotes=None),
            make_paper("3", "alpha", upvotes=5),
            make_paper("4", "Gamma", upvotes=9),
            make_paper("5", "Alpha", upvotes=None),
        ]
    )
    assert ids(papers.sorted_by(SortKey.UPVOTES)) == ["4", "3", "1", "5", "2"]


def test_sort_by_newest_uses_published_then_day_none_last() -> None:
    papers = PaperList.of(
        [
            make_paper("old", published=datetime(2024, 1, 1, tzinfo=UTC)),
            make_paper("none", upvotes=50),
            make_paper("day", day=date(2024, 3, 1)),
            make_paper("naive", published=datetime(2024, 2, 1)),  # naive: taken as UTC
            make_paper(
                "east", published=datetime(2024, 2, 1, 3, tzinfo=timezone(timedelta(hours=5)))
            ),
        ]
    )
    assert ids(papers.sorted_by(SortKey.NEWEST)) == ["day", "naive", "east", "old", "none"]


def test_sort_by_stars_ties_by_upvotes_then_title() -> None:
    papers = PaperList.of(
        [
            make_paper("a", "B", github_stars=10, upvotes=1),
            make_paper("b", "A", github_stars=10, upvotes=1),
            make_paper("c", "C", github_stars=10, upvotes=7),
            make_paper("d", "D", github_stars=None, upvotes=100),
            make_paper("e", "E", github_stars=500),
        ]
    )
    assert ids(papers.sorted_by(SortKey.STARS)) == ["e", "c", "b", "a", "d"]


def test_sort_by_title_ignores_case_accents_and_latex() -> None:
    papers = PaperList.of(
        [
            make_paper("1", "beta"),
            make_paper("2", "$\\alpha$-nets"),
            make_paper("3", "Élan"),
            make_paper("4", "Alpha"),
            make_paper("5", "delta", upvotes=3),
            make_paper("6", "delta", upvotes=4),
        ]
    )
    assert ids(papers.sorted_by(SortKey.TITLE)) == ["4", "1", "6", "5", "3", "2"]


def test_sort_is_stable_and_keeps_marks(library: PaperList) -> None:
    same = PaperList.of([make_paper(str(n), "Same", upvotes=1) for n in range(6)], {"3": READ})
    for key in SortKey:
        assert ids(same.sorted_by(key)) == ["0", "1", "2", "3", "4", "5"]
        assert same.sorted_by(key).marks_for("3") == READ


def test_extend_merges_known_papers_in_place_and_appends_new_ones(library: PaperList) -> None:
    updated = library.extend(
        [
            make_paper("new", "A new paper"),
            make_paper(
                "2405.00002", "From $r$ to $Q^*$", upvotes=31, github="https://github.com/x/y"
            ),
        ]
    )
    assert ids(updated) == ["2405.00001", "2405.00002", "2405.00003", "new"]
    assert updated[1].upvotes == 31 and updated[1].github == "https://github.com/x/y"
    assert updated[1].abstract.startswith("Direct preference")  # the richer field is kept
    assert updated.marks_for("2405.00002") == READ
    assert len(library) == 3


def test_search_text_is_built_once_and_shared_by_derived_lists(
    library: PaperList, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    original = paper_list_module._Entry

    class CountingEntry(original):  # type: ignore[misc, valid-type]
        def __init__(self, paper: Paper) -> None:
            built.append(paper.id)
            super().__init__(paper)

    monkeypatch.setattr(paper_list_module, "_Entry", CountingEntry)
    assert ids(library.matching("language")) == ["2405.00002", "2405.00003"]
    assert sorted(built) == ["2405.00001", "2405.00002", "2405.00003"]

    built.clear()
    derived = [
        library.with_marks("2405.00001", READ),
        library.with_many_marks({"2405.00003": READ}),
        library.sorted_by(SortKey.UPVOTES),
        library.unread_only(),
        library.matching("language"),
        library.extend([]),
    ]
    for view in derived:
        view.matching("attention")
        view.sorted_by(SortKey.TITLE)
    assert built == []

    # A refreshed paper is a new object: only its entry is rebuilt, and it finds the new text.
    refreshed = library.extend(
        [make_paper("2405.00001", abstract="We study diffusion models, now with transformers.")]
    )
    assert ids(refreshed.matching("transformers")) == ["2405.00001"]
    assert built == ["2405.00001"]


def test_refined_and_repeated_queries_give_the_same_answers_as_fresh_ones(
    library: PaperList,
) -> None:
    typed = [library.matching("language model"[:end]) for end in range(1, 15)]
    fresh = [PaperList.of(library.papers).matching("language model"[:end]) for end in range(1, 15)]
    assert [ids(view) for view in typed] == [ids(view) for view in fresh]
    assert library.matching("model") and ids(library.matching("language model")) == [
        "2405.00002",
        "2405.00003",
    ]
    assert library.matching("language") is library.matching("LANGUAGE")  # remembered


WORD = st.sampled_from(["attention", "Atténtion", "graph", "α", "$\\alpha$", "model", "ß", "SS"])


@st.composite
def paper_lists(draw: st.DrawFn) -> list[Paper]:
    count = draw(st.integers(min_value=0, max_value=8))
    return [
        make_paper(
            f"p{n}",
            " ".join(draw(st.lists(WORD, min_size=1, max_size=4))),
            authors=tuple(draw(st.lists(WORD, max_size=2))),
            abstract=" ".join(draw(st.lists(WORD, max_size=5))),
        )
        for n in range(count)
    ]


@given(paper_lists(), st.lists(st.lists(WORD, max_size=3).map(" ".join), max_size=4))
def test_matching_agrees_with_a_plain_scan(papers: list[Paper], queries: list[str]) -> None:
    papers_list = PaperList.of(papers)
    for query in queries:
        words = fold(query).split()
        expected = [
            p.id
            for p in papers
            if all(
                w in fold(" ".join([p.title, latex_to_unicode(p.title), *p.authors, p.abstract]))
                for w in words
            )
        ]
        assert ids(papers_list.matching(query)) == expected
