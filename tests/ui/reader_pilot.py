"""Helpers for the Pilot tests of the reader: reach the list, preview, status line and notices
through their public surfaces, and write small Hugging Face feeds to disk."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from tui.domain.feeds.spec import FeedKind, FeedSpec
from tui.ui.screens.main_screen import MainScreen
from tui.ui.widgets.paper_list_view import PaperListView
from tui.ui.widgets.paper_preview import PaperPreview
from tui.ui.widgets.status_line import StatusLine

SIZE = (120, 34)


@asynccontextmanager
async def opened(
    app: App[Any],
    size: tuple[int, int] = SIZE,
    *,
    notifications: bool = False,
    until_idle: bool = False,
) -> AsyncIterator[Pilot[Any]]:
    """The reader started in a headless terminal of `size` and settled: its first screen, the
    day read from the cache and the start-up refresh all done. The one start-and-settle.

    `until_idle` settles again until no worker is left (online, a refresh's workers start
    others: the Hugging Face pages, the day read after them)."""
    from tui.demo.settling import settle

    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        if until_idle:
            await settled(pilot)
        yield pilot


async def settled(pilot: Pilot[Any]) -> None:
    """Settle, and wait for every worker, three times over: for a step whose workers start
    others (a search, a week asked of Hugging Face, a paper's text)."""
    from tui.demo.settling import settle

    for _ in range(3):
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()


def main_screen(app: App[Any]) -> MainScreen:
    """The reader's screen, even while a modal screen is on top of it."""
    return next(s for s in app.screen_stack if isinstance(s, MainScreen))


def papers(app: App[Any]) -> PaperListView:
    return main_screen(app).query_one(PaperListView)


def visible_ids(app: App[Any]) -> list[str]:
    return [p.id for p in papers(app).papers]


def current_id(app: App[Any]) -> str:
    current = papers(app).current
    assert current is not None, "no paper under the cursor"
    return current.id


def status(app: App[Any]) -> str:
    return plain(main_screen(app).query_one(StatusLine))


def preview(app: App[Any], part: str) -> str:
    """One part of the preview: title, meta, links or abstract."""
    return main_screen(app).query_one(PaperPreview).part_text(part)


def plain(widget: Static) -> str:
    """What a Static shows, as plain text (Text, str or any Rich renderable)."""
    content = widget.content
    if isinstance(content, str):
        return content
    plain_text = getattr(content, "plain", None)
    if isinstance(plain_text, str):
        return plain_text
    console = Console(width=200, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(content)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def record_notices(app: App[Any]) -> list[str]:
    """Every notice the app shows from now on, in order (the notices still appear)."""
    seen: list[str] = []
    show = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(str(message))
        show(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def hf_item(paper_id: str, title: str, day: str, **extra: Any) -> dict[str, Any]:
    """One Hugging Face daily-papers item, listed on `day` (YYYY-MM-DD)."""
    paper: dict[str, Any] = {
        "id": paper_id,
        "title": title,
        "summary": extra.pop("summary", f"The abstract of {title}."),
        "authors": [{"name": n} for n in extra.pop("authors", ["Ada Lovelace", "Alan Turing"])],
        "publishedAt": f"{day}T01:00:00.000Z",
        "submittedOnDailyAt": f"{day}T01:00:00.000Z",
        "upvotes": extra.pop("upvotes", 1),
        **extra,
    }
    return {"paper": paper, "title": title, "publishedAt": paper["publishedAt"]}


def write_hf_feed(path: Path, items: Iterable[Mapping[str, Any]], name: str = "Local") -> FeedSpec:
    """A local Hugging Face JSON feed file holding `items`."""
    path.write_text(json.dumps(list(items)), encoding="utf-8")
    return FeedSpec(name=name, url=str(path), kind=FeedKind.HF_JSON)
