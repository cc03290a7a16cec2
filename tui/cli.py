"""The `dailypapers` command line and the composition root: the one place real objects are built.

Parses the global options (valid before or after a subcommand), reads the settings, builds the
stores, the fetcher and the `Library`, then runs the reader or one subcommand.
Exit codes: 0 fine, 1 the job failed (one line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.cli_library import add_library_subcommands
from tui.domain.feed_list import effective_feeds
from tui.domain.feeds import FeedKind, FeedSpec
from tui.library import Library, View
from tui.settings import LoadedSettings, Settings, load_settings
from tui.startup_gc import pause_for_startup, resume_collection
from tui.store.cache import PaperCache
from tui.store.feed_list import FeedListStore
from tui.store.feed_state import FeedStateStore
from tui.store.locations import Locations, resolve_locations
from tui.store.marks import MarkStore
from tui.ui.command_table import COMMAND_IDS

if TYPE_CHECKING:
    from tui.feed_refresh import FeedRefresher
    from tui.sources.fetcher import Fetcher

DEMO_FEED = Path(__file__).parent / "demo" / "daily_papers.json"


@dataclass(frozen=True)
class Context:
    """What every command needs, built once from the options."""

    options: argparse.Namespace
    locations: Locations
    settings: Settings
    notices: tuple[str, ...]
    library: Library
    configured_feeds: tuple[FeedSpec, ...]
    # The reader's first screen, read on a thread while Textual is imported (reader only).
    first_screen: Future[View | None] | None = None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def _global_options(defaults: bool) -> argparse.ArgumentParser:
    """The global options; subcommands re-declare them without defaults so either place works."""
    parser = argparse.ArgumentParser(add_help=False)
    suppress = None if defaults else argparse.SUPPRESS
    parser.add_argument(
        "--demo",
        action="store_true",
        default=False if defaults else suppress,
        help="use the bundled offline sample, with throwaway state",
    )
    parser.add_argument(
        "--feed",
        action="append",
        metavar="URL_OR_PATH",
        default=suppress,
        help="read this feed instead of the configured ones (repeatable)",
    )
    parser.add_argument(
        "--date",
        type=_day,
        metavar="YYYY-MM-DD",
        default=suppress,
        help="the Hugging Face list of that day",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        default=False if defaults else suppress,
        help="never touch the network; read the cache",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=suppress,
        help="marks and cache live here (env DAILYPAPERS_DATA_DIR)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=suppress,
        help="the config file (env DAILYPAPERS_CONFIG)",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line of INTERFACE.md."""
    parser = argparse.ArgumentParser(
        prog="dailypapers",
        description="A terminal reader for research-paper feeds.",
        parents=[_global_options(defaults=True)],
    )
    parser.add_argument("--version", action="version", version=f"dailypapers {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [_global_options(defaults=False)]
    sub.add_parser("fetch", parents=common, help="refresh every feed once")
    listing = sub.add_parser("list", parents=common, help="print papers")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--unread", action="store_true", help="only unread papers")
    which.add_argument("--saved", action="store_true", help="every saved paper")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    add_library_subcommands(sub, common)
    return parser


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
    loaded: LoadedSettings = load_settings(locations.config_file, binding_ids=COMMAND_IDS)
    feed_list = FeedListStore(locations.data_dir / "feed_list.json")
    in_force = effective_feeds(loaded.settings.feeds, feed_list.load())
    settings = replace(loaded.settings, feeds=feeds_for(options, in_force))
    offline = options.offline or options.demo
    library = build_library(
        locations.data_dir,
        settings.feeds,
        offline=offline,
        feed_list=None if options.demo or options.feed else feed_list,
    )
    notices = (*loaded.notices, *feed_list.take_notices())
    return Context(options, locations, settings, notices, library, loaded.settings.feeds)


def build_library(
    data_dir: Path,
    feeds: Sequence[FeedSpec],
    *,
    offline: bool,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    feed_list: FeedListStore | None = None,
) -> Library:
    """A Library over the stores in `data_dir`; `offline` means no fetcher at all."""
    cache = PaperCache(data_dir / "cache")
    feed_state = FeedStateStore(data_dir / "feeds.json")

    def make_refresher(feeds: tuple[FeedSpec, ...]) -> FeedRefresher:
        from tui.feed_refresh import FeedRefresher

        return FeedRefresher(
            feeds=feeds,
            fetcher=None if offline else _make_fetcher,
            cache=cache,
            feed_state=feed_state,
            clock=clock,
        )

    return Library(
        marks=MarkStore(data_dir / "marks"),
        cache=cache,
        feed_state=feed_state,
        feeds=feeds,
        make_refresher=make_refresher,
        clock=clock,
        data_dir=data_dir,
        feed_list=feed_list,
    )


def _make_fetcher() -> Fetcher:
    """The one HTTP client; DAILYPAPERS_FETCH_TIMEOUT (seconds) sets the per-request deadline."""
    from tui.sources.fetcher import Fetcher

    try:
        deadline = float(os.environ.get("DAILYPAPERS_FETCH_TIMEOUT", "30"))
    except ValueError:
        deadline = 30.0
    return Fetcher(deadline=min(max(deadline, 1.0), 300.0))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `dailypapers` console script: every line it prints is sanitised."""
    from tui.cli_output import safe_output

    with safe_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    options = build_parser().parse_args(argv)
    if options.command is None:
        pause_for_startup()  # the reader resumes it after its first paint
    else:
        resume_collection()  # a subcommand has no first paint to wait for
    context = build_context(options)
    if options.command is None:
        reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dailypapers-start")
        first = reader.submit(context.library.load_first_screen_sync, options.date)
        reader.shutdown(wait=False)
        context = replace(context, first_screen=first)
    from tui.cli_commands import run_command

    try:
        return run_command(context)
    except BrokenPipeError:  # `dailypapers list | head`: the reader of our output left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        context.library.flush()
        return 130
    finally:
        resume_collection()  # when the reader stopped before painting


if __name__ == "__main__":
    sys.exit(main())
