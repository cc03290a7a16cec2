"""The link and citation actions of the reader: open paper/code/PDF, copy a citation.

Kept apart from the main screen: it needs the app (clipboard, notices, modal choosers) and the
settings, and nothing of the list state but the paper under the cursor.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.markup import escape

from tui.domain.links import code_links, paper_page_url, pdf_link
from tui.domain.paper import Marks, Paper

if TYPE_CHECKING:
    from tui.domain.citation.venue import Venue
    from tui.library.citing import KeptKeys

# (label, CitationFormat value); the citation modules load on the first copy, not at start-up.
COPY_FORMATS: tuple[tuple[str, str], ...] = (
    ("BibTeX", "bibtex"),
    ("APA", "apa"),
    ("MLA", "mla"),
    ("Plain text", "plain"),
    ("Markdown link", "markdown"),
    ("URL", "url"),
    ("arXiv id", "arxiv-id"),
)


def _open_link(url: str, **options: Any) -> tuple[str | None, bool]:
    """`ui.opener.open_link`, imported when a link is first opened, not before the first frame."""
    from tui.ui.opener import open_link

    return open_link(url, **options)


class LinkActions:
    """Opens and copies for one app. `env` and `opener` are injectable for tests."""

    def __init__(
        self,
        app: App[None],
        *,
        browser: Sequence[str],
        ascii_bibtex: bool,
        key_style: str = "lastnameyearword",
        first_format: str = "bibtex",
        overflow: Callable[[str], Path | None],
        env: Mapping[str, str] | None = None,
        opener: Callable[..., tuple[str | None, bool]] | None = None,
        library_papers: Callable[[], list[Paper]] = list,
        cite_keys: Callable[[], KeptKeys] | None = None,
    ) -> None:
        self.app = app
        self.browser = tuple(browser)
        self.ascii_bibtex = ascii_bibtex
        self.key_style = key_style
        self.first_format = first_format
        self.overflow = overflow
        self.env = env
        self.opener = opener if opener is not None else _open_link
        self.library_papers = library_papers  # every cached paper: keys unique across them
        self.cite_keys = cite_keys  # the keys handed out before: a key never changes

    def open_paper(self, paper: Paper) -> None:
        self.open_url(paper_page_url(paper), "paper page")

    def open_pdf(self, paper: Paper) -> None:
        url = pdf_link(paper)
        if url is None:
            self.app.notify("No PDF link for this paper", severity="warning")
        else:
            self.open_url(url, "PDF")

    def open_code(self, paper: Paper) -> None:
        links = code_links(paper)
        if not links:
            self.app.notify("No code link for this paper", severity="warning")
        elif len(links) == 1:
            self.open_url(links[0], "code")
        else:
            from tui.ui.screens.chooser_screen import ChooserScreen

            chooser = ChooserScreen("Open which repository?", [(u, u) for u in links])
            self.app.push_screen(chooser, lambda url: self.open_url(url, "code") if url else None)

    def open_url(self, url: str, what: str) -> None:
        """Open in a local browser, or copy and show the link; refuse anything unsafe."""
        if not url:
            self.app.notify(f"No {what} link for this paper", severity="warning")
            return
        # On a thread: a browser command (BROWSER=..., webbrowser's generic browsers) may wait
        # for the browser to exit, and the reader must not wait with it.
        self.app.run_worker(
            partial(self._open_on_thread, url, what), thread=True, group="open-link"
        )

    def _open_on_thread(self, url: str, what: str) -> None:
        safe, opened = self.opener(url, command=self.browser, env=self.env)
        self.app.call_from_thread(self._opened, safe, opened, what)

    def _opened(self, safe: str | None, opened: bool, what: str) -> None:
        """Say what happened to a link; copy it when no browser took it."""
        if safe is None:
            self.app.notify("Unsafe link blocked", severity="error", markup=False)
            return
        if opened:
            self.app.notify(f"Opened the {what} in your browser", markup=False, timeout=3)
            return
        self.app.copy_to_clipboard(safe)
        prefix = f"No browser here — {what} link copied: "
        if any(c in safe for c in "[]'\"\\$"):
            self.app.notify(prefix + safe, markup=False, timeout=12)
        else:  # an OSC 8 hyperlink the terminal can open with a click
            self.app.notify(f"{escape(prefix)}[link='{safe}']{safe}[/link]", timeout=12)

    def copy_bibtex(
        self, paper: Paper, marks: Marks | None = None, venue: Venue | None = None
    ) -> None:
        """`y`: the config's ``citation_format`` (BibTeX by default), with the user's tags and
        note (`marks`), as published in `venue` when that is known."""
        fmt = self.first_format if self.first_format in dict(_FORMAT_LABELS) else "bibtex"
        self.copy(paper, fmt, dict(_FORMAT_LABELS)[fmt], marks, venue)

    def copy_as(self, paper: Paper, marks: Marks | None = None, venue: Venue | None = None) -> None:
        choices = sorted(
            COPY_FORMATS,
            key=lambda choice: choice[1] != self.first_format,
        )

        def chosen(value: str | None) -> None:
            if value is not None:
                label = next(lbl for lbl, fmt in COPY_FORMATS if fmt == value)
                self.copy(paper, value, label, marks, venue)

        from tui.ui.screens.chooser_screen import ChooserScreen

        self.app.push_screen(ChooserScreen("Copy as…", choices), chosen)

    def copy(
        self,
        paper: Paper,
        fmt: str,
        label: str,
        marks: Marks | None = None,
        venue: Venue | None = None,
    ) -> None:
        """Cite on a thread (the key is unique over the whole cached library), then copy."""
        cite_it = partial(self._cite_on_thread, paper, fmt, label, marks, venue)
        self.app.run_worker(cite_it, thread=True, group="cite")

    def _cite_on_thread(
        self, paper: Paper, fmt: str, label: str, marks: Marks | None, venue: Venue | None
    ) -> None:
        from tui.library.citing import cite, keep_keys, library_book

        key_store = self.cite_keys() if self.cite_keys is not None else None
        book = library_book(_Papers(self.library_papers), [paper], self.key_style, key_store)
        text = cite(paper, fmt, book, ascii_only=self.ascii_bibtex, marks=marks, venue=venue)
        self.app.call_from_thread(self._copy_text, text, label)
        keep_keys(book, key_store)

    def _copy_text(self, text: str, label: str) -> None:
        from tui.ui.clipboard import copy_text

        env = os.environ if self.env is None else self.env
        notice = copy_text(self.app, text, label, overflow=self.overflow, env=env)
        self.app.notify(notice, markup=False, timeout=6)


_FORMAT_LABELS = tuple((fmt, label) for label, fmt in COPY_FORMATS)


def copy_label(fmt: str) -> str:
    """The short name of what `y` copies in `fmt` (BibTeX for an unknown one, as `y` does)."""
    return dict(_FORMAT_LABELS).get(fmt, "BibTeX")


class _Papers:
    """A callable returning papers, as the `PaperSource` that `tui.library.citing` takes."""

    def __init__(self, papers: Callable[[], list[Paper]]) -> None:
        self._papers = papers

    def all_papers_sync(self) -> list[Paper]:
        return self._papers()
