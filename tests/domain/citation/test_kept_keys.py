"""KeyBook with the keys handed out before: a key, once given, stays the paper's whatever joins
the library later, and no key is ever given to two papers (property-tested over arrival and
citing orders, as sessions that each start from what the last one kept)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.domain.citation import KeyBook
from tui.domain.citation.keys import is_plain_key
from tui.domain.paper import Paper

_PAPERS = [
    Paper(id=f"24{n % 12 + 1:02d}.0{n:04d}", title="Same Words Here", authors=("Jo Smith",))
    for n in range(6)
] + [
    Paper(id="guid:one", title="Same Words Here", authors=("Jo Smith",)),
    Paper(id="10.1000/two", title="Same words, again", authors=("J. Smith",)),
]

# A session: papers that joined the library (by index), then the papers cited in it.
_SESSIONS = st.lists(
    st.tuples(
        st.lists(st.integers(0, len(_PAPERS) - 1), max_size=3),
        st.lists(st.integers(0, len(_PAPERS) - 1), min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=6,
)


@given(_SESSIONS)
def test_a_key_once_given_never_changes_and_is_never_shared(
    sessions: list[tuple[list[int], list[int]]],
) -> None:
    library: dict[str, Paper] = {}
    kept: dict[str, str] = {}
    first_given: dict[str, str] = {}
    for joined, cited in sessions:
        for n in joined:
            library[_PAPERS[n].id] = _PAPERS[n]
        book = KeyBook(library.values(), given=kept)
        for n in cited:
            paper = _PAPERS[n]
            key = book.key(paper)
            assert is_plain_key(key)
            assert first_given.setdefault(paper.id, key) == key
        kept = {**kept, **book.fresh}
        assert len({key.lower() for key in kept.values()}) == len(kept)


def test_the_senior_paper_takes_the_distinct_key_when_the_plain_one_is_given() -> None:
    newer = Paper(id="2406.01234", title="Attention Again", authors=("A. Vaswani",))
    older = Paper(id="2405.09818", title="Attention Sinks", authors=("Ashish Vaswani",))
    given = KeyBook([newer]).key(newer)
    assert given == "vaswani2024attention"
    book = KeyBook([newer, older], given={newer.id: given})
    assert book.key(newer) == given
    assert book.key(older) == "vaswani2024attention-2405.09818"
    assert book.fresh == {older.id: "vaswani2024attention-2405.09818"}


def test_plain_keys() -> None:
    assert is_plain_key("vaswani2024attention-2405.09818")
    for bad in ("", "a b", "a}b", "a,b", "\x1b[2J", "é", "x" * 401, "a@b", "a\\b"):
        assert not is_plain_key(bad), bad
