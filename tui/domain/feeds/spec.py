"""What a configured feed is (`FeedSpec`) and what kind of body it serves (`FeedKind`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.domain.sanitise import sanitise_line


class FeedKind(StrEnum):
    """What a feed body is; AUTO means "look at the body"."""

    AUTO = "auto"
    HF_JSON = "hf-json"
    RSS = "rss"
    ATOM = "atom"


@dataclass(frozen=True)
class FeedSpec:
    """One configured feed. Its name (from a config file, an OPML file, a URL) is sanitised
    here, once, for every place it is shown."""

    name: str
    url: str
    kind: FeedKind = FeedKind.AUTO
    refresh_minutes: int | None = None
    enabled: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", sanitise_line(self.name))
