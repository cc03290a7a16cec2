"""What a configured feed is (`FeedSpec`) and what kind of body it serves (`FeedKind`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FeedKind(StrEnum):
    """What a feed body is; AUTO means "look at the body"."""

    AUTO = "auto"
    HF_JSON = "hf-json"
    RSS = "rss"
    ATOM = "atom"


@dataclass(frozen=True)
class FeedSpec:
    """One configured feed."""

    name: str
    url: str
    kind: FeedKind = FeedKind.AUTO
    refresh_minutes: int | None = None
    enabled: bool = True
