"""The response-shape fixtures of issue 10 (tests/fixtures/shapes) as Python data.

Kept apart from the `tests.hf_api_server` plugin so that test modules can import these helpers
without importing the plugin before pytest does.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"

Entry = dict[str, Any]
Days = dict[str, list[Entry]]
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@cache
def _shape_text(name: str) -> str:
    return (SHAPES / name).read_text(encoding="utf-8")


def load_shape(name: str) -> Any:
    """A fresh parse of `tests/fixtures/shapes/<name>` (JSON), safe to mutate."""
    return json.loads(_shape_text(name))


def shape_bytes(name: str) -> bytes:
    """The raw bytes of `tests/fixtures/shapes/<name>`."""
    return _shape_text(name).encode("utf-8")


def featured_day(entry: Entry) -> str | None:
    """The ``YYYY-MM-DD`` of ``paper.submittedOnDailyAt``, if the entry has one."""
    paper = entry.get("paper")
    stamp = paper.get("submittedOnDailyAt") if isinstance(paper, dict) else None
    return stamp[:10] if isinstance(stamp, str) and DAY.match(stamp[:10]) else None


def group_by_day(entries: list[Entry], default: str | None = None) -> Days:
    """Entries by featured day, keeping their order. An entry without ``submittedOnDailyAt``
    goes to `default`, else to the day of the entry before it, else to its outer
    ``publishedAt`` day (how pre-2025 lists were dated)."""
    days: Days = {}
    previous: str | None = None
    for entry in entries:
        outer = str(entry.get("publishedAt") or "")[:10] or None
        day = featured_day(entry) or default or previous or outer
        if day is None:
            raise ValueError(f"no day for entry {entry.get('paper', {}).get('id')!r}")
        days.setdefault(day, []).append(entry)
        previous = day
    return days


def default_days() -> Days:
    """The archive `hf_api` starts with (fresh copies; README.md in the shapes folder):

    2025-11-18: hf_day_120.json (120); 2025-11-17: hf_nodate_two_days.json (37, 6 of them
    without submittedOnDailyAt); 2025-11-14: the 11 Friday entries of
    hf_nodate_monday_friday.json; 2025-11-13: hf_day_50.json (50); 2025-11-12:
    hf_recent_fields.json (40); 2024-05-27: hf_pre2025_day.json (24). Weekends are empty."""
    friday = group_by_day(load_shape("hf_nodate_monday_friday.json"))["2025-11-14"]
    return {
        "2025-11-18": load_shape("hf_day_120.json"),
        "2025-11-17": load_shape("hf_nodate_two_days.json"),
        "2025-11-14": friday,
        "2025-11-13": load_shape("hf_day_50.json"),
        "2025-11-12": load_shape("hf_recent_fields.json"),
        "2024-05-27": load_shape("hf_pre2025_day.json"),
    }
