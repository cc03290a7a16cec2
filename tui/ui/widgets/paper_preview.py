"""PaperPreview: the abstract pane. Title, authors, day, ids, counts, links, abstract of one paper.

All text is sanitised feed text rendered as `rich.text.Text`, never parsed as markup. Links carry
an OSC 8 hyperlink only after `safe_url` accepted them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.domain.links import PaperLink, all_links, safe_url
from tui.domain.paper import Marks, Paper


@dataclass(frozen=True)
class PreviewOptions:
    """How the preview renders: LaTeX as Unicode or raw, authors shortened or full."""

    render: Callable[[str], str]
    full_authors: bool = False
    author_width: int = 60


def shorten_authors(authors: tuple[str, ...], width: int) -> str:
    """Authors joined by commas, cut with "et al." once the line would pass `width` cells."""
    if not authors:
        return "unknown authors"
    shown: list[str] = []
    for name in authors:
        candidate = ", ".join([*shown, name])
        if shown and len(candidate) + len(", et al.") > width:
            return ", ".join(shown) + f", et al. ({len(authors)} authors)"
        shown.append(name)
    return ", ".join(shown)


class PaperPreview(VerticalScroll, can_focus=True):
    """The preview pane; `show` replaces its content."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="preview-title", markup=False)
        yield Static(id="preview-meta", markup=False)
        yield Static(id="preview-links", markup=False)
        yield Static(id="preview-abstract", markup=False)

    def show(self, paper: Paper | None, marks: Marks, options: PreviewOptions, empty: str) -> None:
        """Render one paper (or the `empty` message when there is none)."""
        title, meta, links, abstract = (
            self.query_one(f"#preview-{part}", Static)
            for part in ("title", "meta", "links", "abstract")
        )
        if paper is None:
            title.update(Text(empty))
            for part in (meta, links, abstract):
                part.update("")
            return
        title.update(Text(options.render(paper.title), style="bold"))
        meta.update(_meta(paper, marks, options))
        links.update(_links(all_links(paper)))
        abstract.update(Text(options.render(paper.abstract) or "No abstract in the feed."))
        self.scroll_home(animate=False)


def _meta(paper: Paper, marks: Marks, options: PreviewOptions) -> Text:
    authors = (
        ", ".join(paper.authors) or "unknown authors"
        if options.full_authors
        else shorten_authors(paper.authors, options.author_width)
    )
    facts = [
        paper.day.strftime("%a %d %b %Y") if paper.day else "unknown date",
        f"arXiv:{paper.id}" if paper.is_arxiv else paper.id,
    ]
    if paper.upvotes is not None:
        facts.append(f"▲ {paper.upvotes} upvotes")
    if paper.comments is not None:
        facts.append(f"{paper.comments} comments")
    if paper.github_stars is not None:
        facts.append(f"★ {paper.github_stars} GitHub stars")
    if paper.primary_category:
        facts.append(paper.primary_category)
    state = ("saved" if marks.saved else "") + (" · read" if marks.read else " · unread")
    text = Text(authors + "\n", style="italic")
    text.append("  ·  ".join(facts), style="dim")
    text.append(f"\n{state.strip(' ·')}", style="dim")
    if len(paper.feeds) > 1:
        text.append(f"  ·  from {', '.join(paper.feeds)}", style="dim")
    return text


def _links(links: tuple[PaperLink, ...]) -> Text:
    text = Text()
    for link in links:
        url = safe_url(link.url)
        if url is None:
            continue
        label = "Code" if link.kind == "code" else link.label
        text.append(f"{label}: ", style="bold")
        text.append(url + "\n", style=Style(link=url, underline=True))
    text.rstrip()
    return text
