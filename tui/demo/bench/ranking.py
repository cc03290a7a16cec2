"""Timing of "for you": building the model and ranking papers against saved ones.

`bench_ranking(papers, examples)` returns the median milliseconds, cold (every paper's terms
counted, the IDF and the model built, then every paper scored: the first rank after start or
after the examples changed) and warm (the model and the term counts kept: a re-rank of the
view). CPU time of this process (`time.process_time`), so that a machine shared with other
work does not count its neighbours' time. Text is the bundled sample's, cycled
(`bench/data.py`), so the examples share more terms than real ones would: the index's lists
are longer, the figure pessimistic. Run it with
``python -m tui.demo.bench.ranking [papers] [examples]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from tui.demo.bench.data import synthetic_papers
from tui.domain.ranking import Example, Idf, Model, term_counts

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def bench_ranking(papers: int, examples: int, repeat: int = 5) -> dict[str, float]:
    """Median cold and warm milliseconds to rank `papers` papers against `examples` stars."""
    every = synthetic_papers(papers + examples)
    shown, saved = every[:papers], every[papers:]
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(repeat):
        start = time.process_time()
        counts = [(p.id, term_counts(p.title, p.abstract)) for p in shown]
        stars = [
            Example(
                p.id,
                p.title,
                term_counts(p.title, p.abstract),
                NOW - timedelta(days=i % 400),
            )
            for i, p in enumerate(saved)
        ]
        idf = Idf([*(c for _, c in counts), *(e.counts for e in stars)])
        model = Model(stars, [], idf, now=NOW)
        for paper_id, paper_counts in counts:
            model.rank_one(paper_id, paper_counts)
        cold.append((time.process_time() - start) * 1000)
        start = time.process_time()
        for paper_id, paper_counts in counts:
            model.rank_one(paper_id, paper_counts)
        warm.append((time.process_time() - start) * 1000)
    return {"cold_ms": statistics.median(cold), "warm_ms": statistics.median(warm)}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    sizes = [(int(args[0]), int(args[1]))] if len(args) == 2 else [(5000, 500), (300, 2000)]
    for papers, examples in sizes:
        found = bench_ranking(papers, examples)
        print(
            f"rank {papers:,} papers against {examples:,} saved: "
            f"cold {found['cold_ms']:.0f} ms, warm {found['warm_ms']:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
