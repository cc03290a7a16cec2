"""FeedsScreen: every feed with its state (papers, last fetch, last error); add by URL, pause,
resume or remove. Changes are kept in the data folder by the Library, never in config.toml."""

from __future__ import annotations

from functools import partial
from typing import ClassVar
from urllib.parse import urlsplit

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.domain.feeds.feed_list import add_feed, find_feed, remove_feed, set_enabled
from tui.domain.feeds.spec import FeedSpec
from tui.domain.feeds.state import FeedState
from tui.domain.sanitise import sanitise_line
from tui.domain.words import counted
from tui.library.library import Library
from tui.ui.screens.panel_screen import PanelScreen
from tui.ui.widgets.panel_list import PanelList


def describe_feed(feed: FeedSpec, state: FeedState) -> Text:
    """Two lines: name and URL; then papers, last fetch and last error."""
    text = Text("● " if feed.enabled else "‖ ", style="bold" if feed.enabled else "dim")
    text.append(sanitise_line(feed.name), style="bold")
    text.append(f"  {sanitise_line(feed.url)}", style="dim")  # a local path may hold anything
    paused = "" if feed.enabled else "paused · "
    fetched = sanitise_line(state.fetched_at or "never fetched")
    problem = f" · last error: {sanitise_line(state.last_error)}" if state.last_error else ""
    text.append(
        f"\n    {paused}{counted(state.paper_count, 'paper')} · last fetch {fetched}{problem}"
    )
    return text


class FeedsScreen(PanelScreen[bool]):
    """Dismisses with True when the feed list changed (the reader then refreshes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=True),
        Binding("a", "add", "Add by URL", show=True),
        Binding("p", "pause", "Pause/resume", show=True),
        Binding("d", "remove", "Remove", show=True),
        Binding("z", "undo", "Undo remove", show=True),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.changed = False
        self._removed: list[tuple[int, FeedSpec]] = []  # for z: where each removed feed was

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-body", classes="panel"):
            yield Static(Text("Feeds", style="bold"), id="feeds-title", classes="panel-title")
            yield PanelList(id="feeds-list", classes="panel-list")
            yield Input(placeholder="https://… then enter (escape: cancel)", id="feeds-add")
            yield Static(
                Text("a add · p pause/resume · d remove · z undo remove · escape close"),
                id="feeds-help",
                classes="panel-help",
            )

    def on_mount(self) -> None:
        self.query_one("#feeds-add", Input).display = False
        self.reload()

    @work(exclusive=True, group="feeds")
    async def reload(self) -> None:
        rows = await self.library.feed_status()
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(Option(describe_feed(f, s), id=f.url) for f, s in rows)
        if rows:
            options.highlighted = min(highlighted or 0, len(rows) - 1)
        options.focus()

    def _selected_url(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    @work(group="feeds-edit")
    async def edit(self, change: partial[tuple[FeedSpec, ...]], done: str) -> None:
        problem = await self.library.change_feeds(change)
        if problem:
            self.notify(problem, severity="warning", markup=False)
        else:
            self.changed = True
            self.notify(done, markup=False, timeout=3)
        self.reload()

    def action_add(self) -> None:
        field = self.query_one("#feeds-add", Input)
        field.display = True
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        url = event.value.strip()
        event.input.value = ""
        event.input.display = False
        if url:
            name = urlsplit(url).netloc or url
            feed = FeedSpec(name=name, url=url)
            self.edit(partial(_add, feed=feed), f"Added {url}")
        self.query_one(OptionList).focus()

    def action_pause(self) -> None:
        url = self._selected_url()
        feed = next((f for f in self.library.feeds if f.url == url), None)
        if feed is not None:
            verb = "Resumed" if not feed.enabled else "Paused"
            self.edit(partial(_enable, url=feed.url, enabled=not feed.enabled), f"{verb} {url}")

    def action_remove(self) -> None:
        url = self._selected_url()
        feeds = self.library.feeds
        index = next((i for i, f in enumerate(feeds) if f.url == url), None)
        if index is not None:
            self._removed.append((index, feeds[index]))
            self.edit(partial(_remove, url=feeds[index].url), f"Removed {url} (z undoes)")

    def action_undo(self) -> None:
        if not self._removed:
            self.notify("Nothing to undo", timeout=2)
            return
        index, feed = self._removed.pop()
        self.edit(partial(_restore, feed=feed, index=index), f"Restored {feed.url}")

    def action_close(self) -> None:
        field = self.query_one("#feeds-add", Input)
        if field.display:
            field.display = False
            self.query_one(OptionList).focus()
        else:
            self.dismiss(self.changed)


def _add(feeds: tuple[FeedSpec, ...], *, feed: FeedSpec) -> tuple[FeedSpec, ...]:
    return add_feed(feeds, feed)


def _enable(feeds: tuple[FeedSpec, ...], *, url: str, enabled: bool) -> tuple[FeedSpec, ...]:
    return set_enabled(feeds, url, enabled)


def _restore(feeds: tuple[FeedSpec, ...], *, feed: FeedSpec, index: int) -> tuple[FeedSpec, ...]:
    """`feed` back where it was removed from (nothing changes when its URL is back already)."""
    if find_feed(feeds, feed.url) is not None:
        return feeds
    return (*feeds[:index], feed, *feeds[index:])


def _remove(feeds: tuple[FeedSpec, ...], *, url: str) -> tuple[FeedSpec, ...]:
    return remove_feed(feeds, url)
