"""What a feed parser returns (`ParsedFeed`) or raises (`ParseError`), and id deduplication."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.domain.paper import Paper, merge_papers
from tui.domain.sanitise import sanitise_line

_MESSAGE_CAP = 200


class ParseError(ValueError):
    """A feed body that yields no papers. Its text is one short, sanitised line for the user."""

    def __init__(self, message: str) -> None:
        line = sanitise_line(message)
        if len(line) > _MESSAGE_CAP:
            line = line[: _MESSAGE_CAP - 1] + "…"
        super().__init__(line or "feed could not be parsed")


@dataclass(frozen=True)
class ParsedFeed:
    """The papers of one feed body, one per id, in feed order.

    `skipped` counts entries that were dropped as malformed; `partial` says the body itself was
    damaged (so the papers are additions only, never a reason to hide cached ones); `warnings`
    are one-line notes for a log, not errors.
    """

    papers: tuple[Paper, ...]
    skipped: int = 0
    partial: bool = False
    warnings: tuple[str, ...] = ()


def merge_by_id(papers: Iterable[Paper]) -> list[Paper]:
    """One paper per id, in order of first appearance; later records merge into earlier ones."""
    merged: dict[str, Paper] = {}
    for paper in papers:
        earlier = merged.get(paper.id)
        merged[paper.id] = paper if earlier is None else merge_papers(earlier, paper)
    return list(merged.values())


def build_result(
    papers: Iterable[Paper], *, skipped: int, partial: bool, warnings: Iterable[str] = ()
) -> ParsedFeed:
    """A `ParsedFeed` with same-id papers merged and a "N items skipped" note when any were."""
    notes = list(warnings)
    if skipped:
        notes.append(f"{skipped} item{'s' if skipped != 1 else ''} skipped")
    return ParsedFeed(
        papers=tuple(merge_by_id(papers)),
        skipped=skipped,
        partial=partial,
        warnings=tuple(sanitise_line(note) for note in notes),
    )


def collect(
    items: Iterable[object], convert: Callable[[object], Paper | None]
) -> tuple[list[Paper], int]:
    """The papers `convert` makes of `items`, and how many items it skipped (returned None)."""
    papers: list[Paper] = []
    skipped = 0
    for item in items:
        paper = convert(item)
        if paper is None:
            skipped += 1
        else:
            papers.append(paper)
    return papers, skipped
