"""PaperPreview: the abstract pane. Title, authors, day, ids, counts, links, abstract of one paper.

What it shows comes from the screen's state: the widget is bound to the screen's `shown` (a
`PreviewContent`), and `watch_content` is the one place the preview follows it. All text is
sanitised feed text rendered as `rich.text.Text`, never parsed as markup. Links carry an OSC 8
hyperlink only after `safe_url` accepted them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.domain.latex import latex_to_unicode
from tui.domain.links import PaperLink, all_links, safe_url
from tui.domain.paper import NO_MARKS, Marks, Paper
from tui.ui.widgets.hub_parts import hub_facts, hub_links, hub_tldr


@dataclass(frozen=True)
class PreviewContent:
    """What the preview shows: one paper (None: the `empty` message instead) and how."""

    paper: Paper | None
    marks: Marks = NO_MARKS
    empty: str = ""
    raw: bool = False  # LaTeX as written, not as Unicode
    full_authors: bool = False
    author_width: int = 60
    why: str = ""  # the "for you" reason, when the list is in that order
    hub: Text = field(default_factory=Text)  # its models, datasets and Spaces, once known
    cited: Text = field(default_factory=Text)  # where it was published, whether in Zotero

    def options(self) -> PreviewOptions:
        render = _as_written if self.raw else latex_to_unicode
        return PreviewOptions(render, self.full_authors, self.author_width, self.why)


def _as_written(text: str) -> str:
    return text


@dataclass(frozen=True)
class PreviewOptions:
    """How the preview renders: LaTeX as Unicode or raw, authors shortened or full."""

    render: Callable[[str], str]
    full_authors: bool = False
    author_width: int = 60
    why: str = ""  # the "for you" reason, when the list is in that order


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


PARTS = ("title", "tldr", "meta", "cited", "why", "hub", "links", "abstract")


class PaperPreview(ScrollView, can_focus=True):
    """The preview pane, drawn with the Line API: the paper's parts are wrapped to the width
    once, and a change of paper changes only the lines drawn, never the layout (a layout pass
    of the whole screen on every cursor move is what made the preview slow to follow)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"paper-preview--{part}" for part in PARTS}

    content: var[PreviewContent | None] = var(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: dict[str, Text] = {part: Text() for part in PARTS}
        self._lines: list[Strip] = []
        self._drawn: dict[tuple[int, int, Style], Strip] = {}
        self._wrapped_at = -1
        self._style = Style()  # the widget's own style, looked up once per batch of lines

    def watch_content(self, old: PreviewContent | None, new: PreviewContent | None) -> None:
        """The one place the preview follows the screen's state. Another paper (or another
        way of showing it) is drawn from the top; when only the Hugging Face line or the
        citation line came (answers that arrive later), those parts alone change and the scroll
        stays."""
        if new == old or new is None:
            return
        if (
            old is not None
            and new.paper is not None
            and replace(old, hub=new.hub, cited=new.cited) == new
        ):
            self._parts["hub"], self._parts["cited"] = new.hub, new.cited
            self._wrap()
            self.refresh()
            return
        self._show(new)

    def part_text(self, part: str) -> str:
        """The plain text of one part (title, meta, links, abstract), as shown."""
        return self._parts[part].plain

    def _show(self, content: PreviewContent) -> None:
        """Render one paper (or the `empty` message when there is none)."""
        paper, options = content.paper, content.options()
        if paper is None:
            self._parts = {part: Text() for part in PARTS}
            self._parts["title"] = Text(content.empty)
        else:
            self._parts = {
                "title": Text(options.render(paper.title), style="bold"),
                "tldr": hub_tldr(paper, options.render),
                "meta": _meta(paper, content.marks, options),
                "cited": content.cited,
                "why": Text(options.why, style="italic"),
                "hub": content.hub,
                "links": _links((*all_links(paper), *hub_links(paper))),
                "abstract": Text(options.render(paper.abstract) or "No abstract in the feed."),
            }
        self._wrap()
        self.scroll_home(animate=False, immediate=True)
        self.refresh()

    def _wrap(self) -> None:
        """Wrap every part to the width, with a blank line between parts.

        Before the first layout (or while hidden) there is no width yet; the first
        `render_line` at a real width wraps then, so the first frame has the preview in it.
        (Wrapping an abstract one cell wide cost more than the whole first frame.)"""
        width = self.scrollable_content_region.width
        if width <= 0:
            self._lines = []
            self._drawn = {}
            self._wrapped_at = -1
            return
        options = self.app.console.options.update_width(width)
        lines: list[Strip] = []
        for part in PARTS:
            text = self._parts[part]
            if not text.plain:
                continue
            if lines:
                lines.append(Strip.blank(width))
            styled = text.copy()
            styled.stylize_before(self.get_component_rich_style(f"paper-preview--{part}"))
            rendered = self.app.console.render_lines(styled, options, pad=True)
            lines.extend(Strip(line, width) for line in rendered)
        self._lines = lines
        self._drawn = {}
        self._wrapped_at = width
        self.virtual_size = Size(width, len(lines))

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._wrapped_at:
            self._wrap()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._style = self.rich_style  # walks every ancestor: once here, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._wrapped_at:
            self._wrap()
        index = y + self.scroll_offset.y
        style = self._style
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, style)
        key = (index, width, style)
        strip = self._drawn.get(key)
        if strip is None:
            strip = self._lines[index].apply_style(style).crop_extend(0, width, style)
            self._drawn[key] = strip
        return strip


def _day_text(paper: Paper) -> str:
    """The paper's day; a day the feed did not give is shown as undated."""
    if paper.day is None:
        return "undated"
    shown = paper.day.strftime("%a %d %b %Y")
    return f"undated (first seen {shown})" if paper.day_source == "first-seen" else shown


def _meta(paper: Paper, marks: Marks, options: PreviewOptions) -> Text:
    authors = (
        ", ".join(paper.authors) or "unknown authors"
        if options.full_authors
        else shorten_authors(paper.authors, options.author_width)
    )
    facts = [
        _day_text(paper),
        f"arXiv:{paper.id}" if paper.is_arxiv else paper.id,
    ]
    if paper.upvotes is not None:
        facts.append(f"▲ {paper.upvotes} upvotes")
    if paper.comments is not None:
        facts.append(f"{paper.comments} comments")
    facts.extend(hub_facts(paper))
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
    if paper.keywords:
        text.append("\nKeywords: " + ", ".join(paper.keywords), style="dim")
    text.append(_queue_tags_note(marks))
    return text


def _queue_tags_note(marks: Marks) -> Text:
    """The reading-queue state, the tags and the note of a paper (empty when it has none)."""
    text = Text()
    facts = [marks.state] if marks.state != "inbox" else []
    facts += [f"#{tag}" for tag in marks.tags]
    if facts:
        text.append("\n" + "  ".join(facts), style="bold")
    if marks.note:
        text.append("\nNote: ", style="bold")
        text.append(marks.note)
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
