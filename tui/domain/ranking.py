"""The "for you" model: how like the user's examples (saved papers, seeds) each paper is, and why.

Pure: no clock (``now`` is a parameter), no disk. TF-IDF over title and abstract with
sub-linear term frequency (1 + ln tf, the title counted twice), smoothed IDF over a corpus
(the cached papers and the positive examples; never the negatives, so that adding a negative
changes no vector), each vector cut to its strongest terms and normalised. A paper's score is
its cosine with the most similar positive example, times that example's time weight (half a
weight per `half_life_days` since it was saved), times ``1 - `` its cosine with the most
similar negative example: in [0, 1], one example is enough, and a negative can only lower it.
The dot products run through an inverted index of the examples' terms, so ranking is linear in
the papers, not papers x examples.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from tui.domain.paper_list import fold

HALF_LIFE_DAYS: Final = 180.0
MIN_WEIGHT: Final = 0.25  # a year-old star still counts, a quarter as much as today's
TERMS_KEPT: Final = 32  # the strongest terms of each example (the rest is mostly noise)
QUERY_TERMS: Final = 16  # of each paper ranked: the cost of ranking is in proportion
SHARED_SHOWN: Final = 3

_WORD = re.compile(r"[a-z][a-z0-9]+(?:-[a-z0-9]+)*")
_STOP_WORDS: Final = """
    a about above across after again against all almost along also although always among an
    and another any are around as at be because been before being below between both but by
    can could did do does doing done down due during each either else enough especially etc
    even ever every few for from further given had has have having here how however i if in
    into is it its itself just last less like made make makes making many may more most much
    must my need new no nor not now of off often on once one only or other others our out over
    own per perhaps rather same several should show shows shown since so some such than that
    the their them then there these they this those though through thus to too two under until
    up upon us use used uses using very via was we well were what when where whether which
    while who whom whose why will with within without would yet you your
    paper propose proposed proposes present presents introduce introduces approach approaches
    method methods result results work works demonstrate demonstrates achieve achieves
    based novel existing recent recently significantly significant extensive experiments
    experiment experimental outperform outperforms state-of-the-art art state task tasks
    performance code available https http www github com arxiv org first second three
"""
_STOP: Final = frozenset(_STOP_WORDS.split())


def _normalised(word: str) -> str:
    """A folded word as a term: "" for a stop word or one too short, plurals made singular."""
    if len(word) < 3 or word in _STOP:
        return ""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


# Words already normalised (a memo: the same few thousand words recur in every abstract).
_TERM_OF: dict[str, str] = {}
_TERM_MEMO_SIZE: Final = 200_000


def _term_of(word: str) -> str:
    found = _TERM_OF.get(word)
    if found is None:
        if len(_TERM_OF) > _TERM_MEMO_SIZE:
            _TERM_OF.clear()
        found = _TERM_OF[word] = _normalised(word)
    return found


def terms(text: str) -> list[str]:
    """The words of `text` that carry meaning: folded, stop words dropped, plurals made
    singular ("models" → "model"), numbers alone left out."""
    return [t for t in map(_term_of, _WORD.findall(fold(text))) if t]


def term_counts(title: str, abstract: str) -> Counter[str]:
    """Term frequencies of a paper, the title counted twice."""
    counts = Counter(terms(abstract))
    for word in terms(title):
        counts[word] += 2
    return counts


@dataclass(frozen=True, slots=True)
class Example:
    """A paper the user likes (or, as a negative, does not): its id, title and term counts,
    and when it was saved (None: weighs fully)."""

    id: str
    title: str
    counts: Mapping[str, int]
    saved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Ranked:
    """One paper's score in [0, 1], the example it is most like and the terms they share."""

    score: float
    like_id: str | None = None
    like_title: str = ""
    shared: tuple[str, ...] = ()

    def why(self) -> str:
        """One line for the preview: ``like: <title> · shared: a, b, c`` ("" when no reason)."""
        if self.like_id is None:
            return ""
        line = f"like: {self.like_title}"
        return f"{line} · shared: {', '.join(self.shared)}" if self.shared else line


NOT_RANKED: Final = Ranked(0.0)


class Idf:
    """Smoothed inverse document frequencies over a corpus: ln((1 + N) / (1 + df)) + 1."""

    __slots__ = ("_unseen", "values")

    def __init__(self, documents: Iterable[Mapping[str, int]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for counts in documents:
            df.update(counts.keys())
            n += 1
        log = math.log
        self.values = {term: log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}
        self._unseen = log(1 + n) + 1.0

    def __call__(self, term: str) -> float:
        return self.values.get(term, self._unseen)


def vector(counts: Mapping[str, int], idf: Idf, kept: int = TERMS_KEPT) -> dict[str, float]:
    """The normalised TF-IDF vector of term counts, cut to its `kept` strongest terms."""
    values, unseen = idf.values, idf("")
    weights = [
        (-_sublinear(tf) * values.get(term, unseen), term) for term, tf in counts.items() if tf > 0
    ]
    top = heapq.nsmallest(kept, weights)
    norm = math.sqrt(sum(w * w for w, _ in top))
    if norm == 0.0:
        return {}
    return {term: -w / norm for w, term in top}


_LOGS: Final = tuple(1.0 + math.log(tf) if tf else 0.0 for tf in range(64))


def _sublinear(tf: int) -> float:
    """1 + ln tf (from a table for the usual small counts)."""
    return _LOGS[tf] if tf < 64 else 1.0 + math.log(tf)


def time_weight(saved_at: datetime | None, now: datetime, half_life: float) -> float:
    """How much an example saved at `saved_at` counts `now`: 1 today, half per half-life."""
    if saved_at is None:
        return 1.0
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=UTC)
    age_days = max(0.0, (now - saved_at).total_seconds() / 86400.0)
    return max(MIN_WEIGHT, math.pow(0.5, age_days / half_life))


class _Index:
    """Examples' vectors by term: term -> [(example number, weight)]."""

    __slots__ = ("postings", "vectors")

    def __init__(self, vectors: Sequence[dict[str, float]]) -> None:
        self.vectors = vectors
        postings: dict[str, list[tuple[int, float]]] = {}
        for number, vec in enumerate(vectors):
            for term, weight in vec.items():
                postings.setdefault(term, []).append((number, weight))
        self.postings = postings

    def best(
        self, paper: Mapping[str, float], factors: Sequence[float], skip: int = -1
    ) -> tuple[int, float]:
        """The example (not `skip`) with the highest factor x cosine to `paper`, and that
        product; (-1, 0.0) when none shares a term."""
        sums: dict[int, float] = {}
        postings = self.postings
        get = sums.get
        for term, weight in paper.items():
            found = postings.get(term)
            if found is not None:
                for number, theirs in found:
                    sums[number] = get(number, 0.0) + weight * theirs
        best, value = -1, 0.0
        for number, dot in sums.items():
            if number == skip:
                continue
            scored = dot * factors[number]
            if scored > value or (scored == value and best >= 0 and number < best):
                best, value = number, scored
        return best, value


class Model:
    """Positive and negative examples against a corpus' IDF, ready to score papers."""

    __slots__ = (
        "_idf",
        "_negatives",
        "_numbers",
        "_positives",
        "_vectors",
        "_weights",
        "examples",
    )

    def __init__(
        self,
        positives: Sequence[Example],
        negatives: Sequence[Example],
        idf: Idf,
        *,
        now: datetime,
        half_life_days: float = HALF_LIFE_DAYS,
    ) -> None:
        # A fixed order, whatever order the examples came in: ties and sums never depend on it.
        self.examples = tuple(sorted(positives, key=lambda e: e.id))
        self._numbers = {e.id: n for n, e in enumerate(self.examples)}
        # Papers' vectors, kept while their counts are the very same object: a re-rank is cheap.
        self._vectors: dict[str, tuple[Mapping[str, int], dict[str, float]]] = {}
        self._idf = idf
        self._weights = [time_weight(e.saved_at, now, half_life_days) for e in self.examples]
        self._positives = _Index([vector(e.counts, idf) for e in self.examples])
        negs = sorted(negatives, key=lambda e: e.id)
        self._negatives = _Index([vector(e.counts, idf) for e in negs])

    def __bool__(self) -> bool:
        return bool(self.examples)

    def rank_one(self, paper_id: str, counts: Mapping[str, int]) -> Ranked:
        """How like the examples one paper (its id and term counts) is, and why. A saved paper
        is compared with the other examples, not with itself."""
        if not self.examples:
            return NOT_RANKED
        kept = self._vectors.get(paper_id)
        if kept is not None and kept[0] is counts:
            vec = kept[1]
        else:
            vec = vector(counts, self._idf, QUERY_TERMS)
            self._vectors[paper_id] = (counts, vec)
        skip = self._numbers.get(paper_id, -1)
        number, score = self._positives.best(vec, self._weights, skip)
        if number < 0:
            return NOT_RANKED
        if self._negatives.vectors:
            _, unlike = self._negatives.best(vec, [1.0] * len(self._negatives.vectors))
            score *= 1.0 - min(1.0, unlike)
        example = self.examples[number]
        theirs = self._positives.vectors[number]
        common = sorted((-(vec[t] * theirs[t]), t) for t in vec.keys() & theirs.keys())
        score = round(min(1.0, max(0.0, score)), 9)
        shared = tuple(t for _, t in common[:SHARED_SHOWN])
        return Ranked(score, example.id, example.title, shared)


def rank(papers: Iterable[tuple[str, Mapping[str, int]]], model: Model) -> dict[str, Ranked]:
    """Every paper's `Ranked`, by id (each paper given as its id and term counts)."""
    return {paper_id: model.rank_one(paper_id, counts) for paper_id, counts in papers}


def order(ids: Sequence[str], ranked: Mapping[str, Ranked]) -> list[str]:
    """`ids` most liked first; ties (and the unranked) keep their order in `ids`."""
    position = {paper_id: i for i, paper_id in enumerate(ids)}
    return sorted(ids, key=lambda i: (-ranked.get(i, NOT_RANKED).score, position[i]))


def is_muted(title: str, abstract: str, words: Sequence[str]) -> bool:
    """True when the title or abstract holds one of the muted `words` (or phrases), as a whole
    word, case and accents aside."""
    if not words:
        return False
    text = " " + " ".join(re.findall(r"\w+", fold(title + " " + abstract))) + " "
    return any(f" {phrase} " in text for phrase in _mute_phrases(tuple(words)))


def _mute_phrases(words: tuple[str, ...]) -> tuple[str, ...]:
    phrases = (" ".join(re.findall(r"\w+", fold(word))) for word in words)
    return tuple(p for p in phrases if p)
