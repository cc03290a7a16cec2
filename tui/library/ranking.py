"""The "for you" use-case: the examples (saved papers + seeds - "less like this"), the model
kept between calls, ranking a view, "more like this", seeding from a file.

Textual-free; the reader awaits the `async` methods, which run in a thread, so nothing of the
model is built on the UI thread or before the first paint. The model is rebuilt only when the
examples or the cached corpus change; each paper's term counts are kept (by id, for as long as
its title and abstract stay the same), so a re-rank after a star costs only the dot products.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tui.domain.paper import Marks, Paper
from tui.domain.paper_list import PaperList
from tui.domain.ranking import Example, Idf, Model, Ranked, order, term_counts
from tui.domain.seeds import parse_seeds
from tui.library.threads import to_thread
from tui.store.cache import PaperCache
from tui.store.examples import NEGATIVES, SEEDS, ExampleStore, StoredExample
from tui.store.marks import MarkStore
from tui.store.safe_files import read_regular

SEED_FILE_LIMIT = 32 * 1024 * 1024
MORE_LIKE_THIS = 50


@dataclass(frozen=True)
class SeedOutcome:
    """What `seed FILE` did, in one line, and whether it failed."""

    message: str
    failed: bool = False


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


class ForYou:
    """Ranks papers by what the user saved and seeded; the Library holds one."""

    def __init__(
        self,
        marks: MarkStore,
        cache: PaperCache,
        examples: ExampleStore,
        clock: Callable[[], datetime],
    ) -> None:
        self._marks = marks
        self._cache = cache
        self._examples = examples
        self._clock = clock
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[str, str, Mapping[str, int]]] = {}
        self._model: Model | None = None
        self._signature: object = None

    @classmethod
    def in_folder(
        cls,
        marks: MarkStore,
        cache: PaperCache,
        data_dir: Path,
        clock: Callable[[], datetime],
    ) -> ForYou:
        return cls(marks, cache, ExampleStore(data_dir / "examples.json"), clock)

    def counts_of(self, paper_id: str, title: str, abstract: str) -> Mapping[str, int]:
        known = self._counts.get(paper_id)
        if known is not None and known[0] == title and known[1] == abstract:
            return known[2]
        counts = dict(term_counts(title, abstract))
        self._counts[paper_id] = (title, abstract, counts)
        return counts

    # -- the model -----------------------------------------------------------------------

    def _saved(self, marks: Mapping[str, Marks]) -> list[Example]:
        saved = {pid: m for pid, m in marks.items() if m.saved}
        return [
            Example(
                p.id,
                p.title,
                self.counts_of(p.id, p.title, p.abstract),
                _parse_time(saved[p.id].saved_at),
            )
            for p in self._cache.load_pinned()
            if p.id in saved
        ]

    def _stored(self, kind: str) -> list[Example]:
        return [
            Example(
                s.id, s.title, self.counts_of(s.id, s.title, s.abstract), _parse_time(s.added_at)
            )
            for s in self._examples.load(kind)
        ]

    def model_sync(self, marks: Mapping[str, Marks] | None = None) -> Model:
        """The model for the examples as stored now (the one kept, when nothing changed)."""
        with self._lock:
            marks = self._marks.load_all() if marks is None else marks
            negatives = self._stored(NEGATIVES)
            unliked = {e.id for e in negatives}
            by_id = {e.id: e for e in [*self._stored(SEEDS), *self._saved(marks)]}
            positives = [e for pid, e in by_id.items() if pid not in unliked]
            counts = self._cache.day_counts()
            signature = (
                frozenset((e.id, e.saved_at) for e in positives),
                frozenset(unliked),
                tuple(sorted(counts.items())),
            )
            if self._model is not None and signature == self._signature:
                return self._model
            corpus = [self.counts_of(p.id, p.title, p.abstract) for p in self._cache.load_all()]
            idf = Idf([*corpus, *(e.counts for e in positives)])
            self._model = Model(positives, negatives, idf, now=self._clock())
            self._signature = signature
            return self._model

    def rank_sync(
        self, papers: Iterable[Paper], marks: Mapping[str, Marks] | None = None
    ) -> dict[str, Ranked]:
        """Each paper's score and reason (all zero when there is no example)."""
        model = self.model_sync(marks)
        return {
            p.id: model.rank_one(p.id, self.counts_of(p.id, p.title, p.abstract)) for p in papers
        }

    async def rank(self, papers: Sequence[Paper]) -> dict[str, Ranked]:
        """`rank_sync` in a thread."""
        return await to_thread(self.rank_sync, list(papers))

    def ranked_list(self, papers: PaperList, marks: Mapping[str, Marks] | None = None) -> PaperList:
        """`papers` most liked first (the command line's ``--sort for-you``)."""
        ranked = self.rank_sync(papers, marks)
        ids = order(papers.ids(), ranked)
        by_id = {p.id: p for p in papers}
        chosen = [by_id[i] for i in ids]
        return PaperList.of(chosen, {p.id: papers.marks_for(p.id) for p in chosen})

    def more_like_sync(
        self, paper: Paper, everything: Sequence[Paper]
    ) -> list[tuple[Paper, Ranked]]:
        """The cached papers most like `paper` (itself left out), most alike first."""
        idf = Idf(self.counts_of(p.id, p.title, p.abstract) for p in everything)
        example = Example(
            paper.id, paper.title, self.counts_of(paper.id, paper.title, paper.abstract)
        )
        model = Model([example], [], idf, now=self._clock())
        found = [
            (p, model.rank_one(p.id, self.counts_of(p.id, p.title, p.abstract)))
            for p in everything
            if p.id != paper.id
        ]
        found = [(p, r) for p, r in found if r.score > 0]
        found.sort(key=lambda pair: (-pair[1].score, pair[0].id))
        return found[:MORE_LIKE_THIS]

    # -- examples ------------------------------------------------------------------------

    def less_like_sync(self, paper: Paper) -> None:
        """`paper` as a negative example."""
        when = self._clock().isoformat(timespec="seconds")
        self._examples.add(NEGATIVES, [StoredExample(paper.id, paper.title, paper.abstract, when)])

    def undo_less_like_sync(self, paper_id: str) -> None:
        self._examples.remove(NEGATIVES, [paper_id])

    def negative_ids_sync(self) -> frozenset[str]:
        return frozenset(e.id for e in self._examples.load(NEGATIVES))

    def seed_sync(self, path: Path) -> SeedOutcome:
        """Add the papers of a .bib / CSL-JSON / RIS / Markdown file as seeds."""
        try:
            raw = read_regular(path, follow_links=True, limit=SEED_FILE_LIMIT)
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            return SeedOutcome(f"cannot read the seed file: {reason}", True)
        if len(raw) > SEED_FILE_LIMIT:
            return SeedOutcome("the seed file is larger than 32 MB", True)
        found = parse_seeds(raw.decode("utf-8", errors="replace"))
        if not found.seeds:
            return SeedOutcome("no paper with a title in that file", True)
        when = self._clock().isoformat(timespec="seconds")
        new = self._examples.add(
            SEEDS, [StoredExample(s.id, s.title, s.abstract, when) for s in found.seeds]
        )
        skipped = f"; {found.skipped} without a title skipped" if found.skipped else ""
        return SeedOutcome(
            f"{len(found.seeds)} papers read ({found.kind}), {new} new seeds{skipped}"
        )

    def seeds_sync(self) -> list[StoredExample]:
        return self._examples.load(SEEDS)

    def clear_seeds_sync(self) -> int:
        return self._examples.clear(SEEDS)
