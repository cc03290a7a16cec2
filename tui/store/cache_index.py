"""The names of the paper cache's day files and the claims its index keeps: which day each
paper is on (`cache/index.json`) and where that day came from."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from tui.domain.days import DaySource, source_of
from tui.store.datafile import Doc

UNDATED = "undated"
Claim = tuple[date | None, DaySource | None]


def file_name(day: date | None) -> str:
    return f"{day.isoformat() if day is not None else UNDATED}.json"


def day_path(feed_dir: Path, day: date | None) -> Path:
    return feed_dir / file_name(day)


def day_of_name(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def claim_of(doc: Doc) -> Claim:
    day = doc.get("day")
    return (day_of_name(day) if isinstance(day, str) else None, source_of(doc.get("source")))


def claim_doc(claim: Claim) -> Doc:
    day, source = claim
    doc: Doc = {"day": day.isoformat() if day is not None else None}
    if source is not None:
        doc["source"] = str(source)
    return doc


def replace_doc(_old: Doc | None, new: Doc) -> Doc:
    """A merge that takes the new document whole (the index and the day counts)."""
    return new


def written_on(path: Path) -> date:
    """The day a file was last written (the first-seen day of papers from before the rule)."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    except OSError:
        return datetime.now(UTC).date()
