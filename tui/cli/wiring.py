"""The composition root: the one place real objects are built.

From the parsed options it resolves the folders, reads the settings, builds the stores, the
fetcher factory and the `Library`, and hands them on as one `Context` of plain values.
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.feeds.feed_list import effective_feeds
from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.library.library import Library
from tui.settings.settings import LoadedSettings, Settings, load_settings
from tui.store.cache import PaperCache
from tui.store.changelog import ChangeLog
from tui.store.feed_list import FeedListStore
from tui.store.feed_state import FeedStateStore
from tui.store.listing import Entry, entry_of
from tui.store.locations import DataFiles, Locations, resolve_locations
from tui.store.marks import MarkStore
from tui.ui.command_table import COMMAND_IDS

if TYPE_CHECKING:
    from tui.library.refresh import FeedRefresher
    from tui.sources.fetcher import Fetcher

DEMO_FEED = Path(__file__).parents[1] / "demo" / "daily_papers.json"


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to generate at start
class Context:
    """What every command needs, built once from the options."""

    options: argparse.Namespace
    locations: Locations
    settings: Settings
    notices: tuple[str, ...]
    library: Library
    configured_feeds: tuple[FeedSpec, ...]
    # The launcher's "start-up is over" (it resumes the garbage collector); run once painted.
    after_first_paint: Callable[[], None] = lambda: None
    # How the config file and the feed list looked just before they were read (the inputs of
    # a kept listing, `store/listing.py`).
    read_first: dict[str, Entry] = field(default_factory=dict)


def feeds_for(options: argparse.Namespace, in_force: tuple[FeedSpec, ...]) -> tuple[FeedSpec, ...]:
    """The feeds to read: --demo, else --feed, else the user's (configured or customised)."""
    if options.demo:
        return (FeedSpec(name="Demo", url=str(DEMO_FEED), kind=FeedKind.HF_JSON),)
    if options.feed:
        return feeds_named(options.feed)
    return in_force


def feeds_named(urls: Sequence[str]) -> tuple[FeedSpec, ...]:
    """Feeds for --feed URLs, each with a distinct short name (host and path, or file name)."""
    from urllib.parse import urlsplit

    feeds: list[FeedSpec] = []
    for url in urls:
        parts = urlsplit(url)
        base = (parts.netloc + parts.path.rstrip("/")) if parts.netloc else Path(url).name or url
        name, number = base, 2
        while any(f.name == name for f in feeds):
            name, number = f"{base} #{number}", number + 1
        feeds.append(FeedSpec(name=name, url=url))
    return tuple(feeds)


def demo_data_dir() -> Path:
    """Throwaway state for --demo: a fresh private folder (mode 0700, made by `mkdtemp`, so
    no other user can have planted anything in it), removed again when the process ends."""
    import atexit
    import shutil

    folder = Path(tempfile.mkdtemp(prefix="dailypapers-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def build_context(options: argparse.Namespace) -> Context:
    """Everything real, wired together. The only place a store or fetcher is constructed."""
    data_dir = demo_data_dir() if options.demo else options.data_dir
    locations = resolve_locations(data_dir, options.config)
    files = locations.files
    seen = (entry_of(locations.config_file, follow_links=True), entry_of(files.feed_list_file))
    read_first = {str(entry[0]): entry for entry in seen}
    loaded: LoadedSettings = load_settings(locations.config_file, binding_ids=COMMAND_IDS)
    feed_list = FeedListStore(files.feed_list_file)
    in_force = effective_feeds(loaded.settings.feeds, feed_list.load())
    settings = replace(loaded.settings, feeds=feeds_for(options, in_force))
    offline = options.offline or options.demo
    library = build_library(
        locations.data_dir,
        settings.feeds,
        offline=offline,
        feed_list=None if options.demo or options.feed else feed_list,
    )
    if settings.sync_dir and not options.demo and options.command is None:
        from tui.library.sync import FolderSync

        folder = Path(settings.sync_dir).expanduser()
        library.folder_sync = FolderSync(library.marks_store, folder, library.pin_saved_sync)
    notices = (*loaded.notices, *feed_list.take_notices())
    return Context(
        options, locations, settings, notices, library, loaded.settings.feeds,
        read_first=read_first,
    )  # fmt: skip


def build_library(
    data_dir: Path,
    feeds: Sequence[FeedSpec],
    *,
    offline: bool,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    feed_list: FeedListStore | None = None,
) -> Library:
    """A Library over the stores in `data_dir`; `offline` means no fetcher at all."""
    files = DataFiles(data_dir)
    cache = PaperCache(files.cache_dir)
    feed_state = FeedStateStore(files.feed_state_file)

    def make_refresher(feeds: tuple[FeedSpec, ...]) -> FeedRefresher:
        from tui.library.refresh import FeedRefresher

        return FeedRefresher(
            feeds=feeds,
            fetcher=None if offline else _make_fetcher,
            cache=cache,
            feed_state=feed_state,
            clock=clock,
        )

    return Library(
        marks=MarkStore(files.marks_dir, ChangeLog(data_dir)),
        cache=cache,
        feed_state=feed_state,
        feeds=feeds,
        make_refresher=make_refresher,
        clock=clock,
        data_dir=data_dir,
        feed_list=feed_list,
        offline=offline,
    )


def _make_fetcher() -> Fetcher:
    """The one HTTP client; DAILYPAPERS_FETCH_TIMEOUT (seconds) sets the per-request deadline,
    DAILYPAPERS_MAX_FEED_MB the largest decoded body (default 50 MB)."""
    from tui.sources.fetcher import Fetcher

    deadline = _number_from_env("DAILYPAPERS_FETCH_TIMEOUT", 30.0, 1.0, 300.0)
    megabytes = _number_from_env("DAILYPAPERS_MAX_FEED_MB", 50.0, 1.0, 500.0)
    return Fetcher(deadline=deadline, max_bytes=int(megabytes * 1024 * 1024))


def _number_from_env(name: str, default: float, low: float, high: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        value = default
    return min(max(value, low), high) if math.isfinite(value) else default
