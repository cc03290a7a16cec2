"""Timing of the reader's hot list operations on a large synthetic list.

`bench_paper_list(n)` builds `n` deterministic papers and returns the median time, in
milliseconds, of the operations the reader runs per keystroke or key press. Run it with
``python -m tui.demo.bench.paper_list [n]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

from tui.domain.paper import Marks, Paper
from tui.domain.paper_list import PaperList, SortKey

_WORDS = str.split(
    "diffusion transformer attention sparse reward policy language vision agent graph "
    "retrieval alignment scaling token kernel bridge $\\alpha$-divergence $O(n^2)$ "
    "benchmark robust latent video speech protein quantum reasoning memory"
)


def synthetic_papers(n: int) -> list[Paper]:
    """`n` papers with varied titles, authors, abstracts (~1,700 characters, as real ones),
    counts and days; one in twenty has an accented word, about the share in real feeds."""
    papers = []
    for i in range(n):
        words = [_WORDS[(i * 7 + k * 3) % len(_WORDS)] for k in range(8)]
        papers.append(
            Paper(
                id=f"24{i % 12 + 1:02d}.{i:05d}",
                title=" ".join(words[:6]).capitalize(),
                authors=tuple(f"Author {i % 97} {k}" for k in range(4)),
                abstract=" ".join(words * 25) + (" Schrödinger." if i % 20 == 0 else ""),
                day=date(2024, 1, 1) + timedelta(days=i % 60),
                upvotes=None if i % 11 == 0 else (i * 37) % 500,
                github_stars=None if i % 3 else (i * 13) % 2000,
            )
        )
    return papers


def _median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_paper_list(n: int = 5_000, repeats: int = 7) -> dict[str, float]:
    """Median milliseconds of building, searching, sorting and marking a list of `n` papers.

    ``matching`` and ``matching_no_hit`` search a list that has not seen the query before
    (every search text scanned); ``typing`` is one keystroke of typing "attention" letter by
    letter, where each query narrows the one before.
    """
    papers = synthetic_papers(n)
    built = PaperList.of(papers)
    first_search = _median_ms(lambda: PaperList.of(papers).matching("attention"), 1)
    built.matching("warm")  # search texts are folded once; later lists share them
    marks = Marks(read=True, read_at="2024-01-01T00:00:00Z")

    def fresh() -> PaperList:
        return built.with_many_marks({})  # same papers and texts, no remembered queries

    def typing() -> None:
        view = fresh()
        for end in range(1, len("attention") + 1):
            view.matching("attention"[:end])

    return {
        "of": _median_ms(lambda: PaperList.of(papers), repeats),
        "first_matching": first_search,
        "matching": _median_ms(lambda: fresh().matching("sparse attention"), repeats),
        "matching_no_hit": _median_ms(lambda: fresh().matching("zzzz"), repeats),
        "typing": _median_ms(typing, repeats) / len("attention"),
        "sorted_by": _median_ms(lambda: built.sorted_by(SortKey.NEWEST), repeats),
        "with_marks": _median_ms(lambda: built.with_marks(papers[n // 2].id, marks), repeats),
        "unread_count": _median_ms(built.unread_count, repeats),
    }


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    for name, ms in bench_paper_list(size).items():
        print(f"{name:16} {ms:8.2f} ms")
