"""PaperListView: the scrolling list of papers, one row each, drawn with Textual's Line API.

Only the visible rows are rendered (`render_line`), so 50 papers and 50,000 cost the same to
paint. A row: unread dot (✦ when new), saved star, upvotes, title, a code marker, ``Z✓`` once
the paper is in Zotero, the feeds it came from.
The rows come from the screen's state: the widget is bound to the screen's `listing` (a
`Listing`: the visible papers and how rows look), and `watch_listing` is the one place the list
follows it. Posts `Highlighted` when the cursor lands on a paper and `Selected` on enter or
double click; the cursor is the only state the widget owns (and `in_zotero`, a question the
citation facts answer, asked as each row is drawn).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.domain.paper import Paper
from tui.domain.paper_list import PaperList
from tui.ui.widgets.listing import NO_LISTING, Listing, day_group

RowKey = tuple[str, bool, bool, bool, bool, int, bool]
NEW_GLYPH = "✦"  # an unread paper that arrived since the last visit (plain unread: ●)


class PaperListView(ScrollView, can_focus=True, inherit_bindings=False):
    """The paper list. State comes in through `listing`; the cursor is the only state it owns."""

    listing: var[Listing] = var(NO_LISTING, init=False)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paper-list--cursor",
        "paper-list--cursor-blurred",
        "paper-list--unread",
        "paper-list--read",
        "paper-list--saved",
        "paper-list--new",
        "paper-list--meta",
        "paper-list--watched",
        "paper-list--tldr",
    }

    class Highlighted(Message):
        """The cursor moved onto a paper (None: the list is empty)."""

        def __init__(self, paper: Paper | None) -> None:
            super().__init__()
            self.paper = paper

    class Selected(Message):
        """Enter or a double click on a paper."""

        def __init__(self, paper: Paper) -> None:
            super().__init__()
            self.paper = paper

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.papers = PaperList.empty()
        self.cursor = 0
        self.new_ids: frozenset[str] = frozenset()
        self.raw = False
        self.stars = False  # the count column shows GitHub stars (sorting by stars), not upvotes
        self.title_of: Callable[[Paper], str] = lambda paper: paper.title
        self.has_code: Callable[[Paper], bool] = lambda paper: bool(paper.github)
        self.is_watched: Callable[[Paper], bool] = lambda paper: False
        self.score_of: Callable[[Paper], float | None] = lambda paper: None  # "for you"
        self.tldr_of: Callable[[Paper], str] = lambda paper: paper.tldr or ""
        self.in_zotero: Callable[[Paper], bool] = lambda paper: False  # redraw() when it changes
        self._rows: dict[RowKey, Strip] = {}
        self._code: dict[Paper, bool] = {}
        self._last_highlight: str | None = "\0"
        self._style = Style()  # the widget's own style, looked up once per batch of lines
        # With `group_of` (the library view), a separator line opens each group (a day):
        # `_lines` maps each line to a paper index, or to -1 - the index of its group's header.
        self.group_of: Callable[[Paper], str] | None = None
        self._lines: list[int] | None = None
        self._line_of: list[int] = []
        self._headers: list[str] = []
        # With `show_tldr`, a paper with a TL;DR gets a second line: the lines in this set.
        self.show_tldr = False
        self._tldr_lines: frozenset[int] = frozenset()

    @property
    def current(self) -> Paper | None:
        """The paper under the cursor."""
        return self.papers[self.cursor] if 0 <= self.cursor < len(self.papers) else None

    def watch_listing(self, old: Listing, new: Listing) -> None:
        """The one place the list follows the screen's state. Other papers (or another layout:
        days, TL;DR lines) lay the list out again, keeping the cursor's paper; the same papers
        with other marks or options only draw the rows again."""
        if new == old:
            return
        self.new_ids, self.stars, self.raw = new.new_ids, new.stars, new.raw
        layout = (new.by_day, new.show_tldr) != (old.by_day, old.show_tldr)
        self.group_of = day_group if new.by_day else None
        self.show_tldr = new.show_tldr
        if layout or old is NO_LISTING or new.papers.papers is not self.papers.papers:
            current = self.current
            self._show(new.papers, keep=current.id if current else None)
        else:
            self.papers = new.papers
            self.redraw()

    def _show(self, papers: PaperList, *, keep: str | None = None) -> None:
        """Display `papers`, keeping the cursor on paper `keep` when it is still there."""
        self.papers = papers
        self._rows.clear()
        if len(self._code) > 20_000:
            self._code.clear()
        index = papers.index_of(keep) if keep else None
        self._lay_out_lines()
        self._set_virtual_size(Size(self._width, self._line_count))
        self._set_cursor(index if index is not None else min(self.cursor, len(papers) - 1))
        self.refresh()

    def _set_virtual_size(self, size: Size) -> None:
        """A new number of lines. Set as a reactive, a virtual size lays the whole screen out
        again (each filter keystroke did); when the scrollbar stays as it is (shown, or not)
        only the scrollbar's thumb and the scroll limit follow, which is all a layout changed."""
        old, height = self.virtual_size, self.container_size.height
        if size == old:
            return
        if not height or (old.height > height) != (size.height > height):
            self.virtual_size = size
            return
        self.set_reactive(PaperListView.virtual_size, size)
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = height - self.scrollbar_size_horizontal
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
        self.refresh()

    def _lay_out_lines(self) -> None:
        """One line per paper, a header line before each group when grouping, and a TL;DR
        line under each paper that has one when `show_tldr`."""
        self._tldr_lines = frozenset()
        if self.group_of is None and not self.show_tldr:
            self._lines, self._line_of, self._headers = None, [], []
            return
        lines: list[int] = []
        line_of: list[int] = []
        headers: list[str] = []
        tldr: list[int] = []
        previous: str | None = None
        for index, paper in enumerate(self.papers):
            if self.group_of is not None:
                group = self.group_of(paper)
                if group != previous:
                    headers.append(group)
                    lines.append(-len(headers))
                    previous = group
            line_of.append(len(lines))
            lines.append(index)
            if self.show_tldr and paper.tldr:
                tldr.append(len(lines))
                lines.append(index)
        self._lines, self._line_of, self._headers = lines, line_of, headers
        self._tldr_lines = frozenset(tldr)

    @property
    def _line_count(self) -> int:
        return len(self._lines) if self._lines is not None else len(self.papers)

    def _line(self, index: int) -> int:
        """The line a paper is drawn on."""
        if self._lines is None or not 0 <= index < len(self._line_of):
            return index
        return self._line_of[index]

    def on_screen(self) -> list[Paper]:
        """The papers whose rows are in view now."""
        top = self.scroll_offset.y
        lines = range(top, min(top + self.size.height, self._line_count))
        indexes = lines if self._lines is None else (self._lines[y] for y in lines)
        return [self.papers[i] for i in indexes if 0 <= i < len(self.papers)]

    def redraw(self) -> None:
        """Draw again after a change of marks or display options (rows are cached)."""
        self._rows.clear()
        self.refresh()

    # -- cursor --------------------------------------------------------------------------

    def move(self, delta: int) -> None:
        self._set_cursor(self.cursor + delta)

    def go(self, index: int) -> None:
        self._set_cursor(index)

    def page(self, direction: int) -> None:
        self._set_cursor(self.cursor + direction * max(1, self.size.height - 1))

    def _set_cursor(self, index: int) -> None:
        old = self.cursor
        self.cursor = max(0, min(index, len(self.papers) - 1))
        if old != self.cursor:
            self.refresh_line_at(old)
            self.refresh_line_at(self.cursor)
        line = self._line(self.cursor)
        top = line - 1 if self.group_of is not None and line > 0 else line  # show its header
        bottom = line + 1 if line + 1 in self._tldr_lines else line  # and its TL;DR
        self.scroll_to_region(
            Region(0, top, 1, bottom - top + 1), animate=False, force=True, immediate=True
        )
        current = self.current
        key = current.id if current else None
        if key != self._last_highlight:
            self._last_highlight = key
            self.post_message(self.Highlighted(current))

    def refresh_line_at(self, index: int) -> None:
        line = self._line(index)
        for y in (line, line + 1) if line + 1 in self._tldr_lines else (line,):
            y -= self.scroll_offset.y
            if 0 <= y < self.size.height:
                self.refresh_line(y)

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if self._lines is not None:
            index = self._lines[index] if 0 <= index < len(self._lines) else -1
        if 0 <= index < len(self.papers):
            self.focus()
            self._set_cursor(index)
            if event.chain == 2 and self.current is not None:
                self.post_message(self.Selected(self.current))

    @property
    def _width(self) -> int:
        """The width rows are drawn at: the widget minus its scrollbar."""
        return self.scrollable_content_region.width

    def on_resize(self) -> None:
        self._rows.clear()
        self.virtual_size = Size(self._width, self._line_count)
        self.call_after_refresh(self._set_cursor, self.cursor)  # keep the cursor's row in view

    def on_focus(self) -> None:
        self.refresh_line_at(self.cursor)

    def on_blur(self) -> None:
        self.refresh_line_at(self.cursor)

    # -- drawing -------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._style = self.rich_style  # walks every ancestor: once here, not once per row
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self._width
        if self._lines is not None:
            line = index
            index = self._lines[index] if 0 <= index < len(self._lines) else len(self.papers)
            if index < 0:
                return self._render_header(self._headers[-index - 1], width)
            if line in self._tldr_lines:
                return self._render_tldr(self.papers[index], index == self.cursor, width)
        if not 0 <= index < len(self.papers):
            return Strip.blank(width, self._style)
        paper = self.papers[index]
        marks = self.papers.marks_for(paper.id)
        key: RowKey = (
            paper.id,
            marks.read,
            marks.saved,
            index == self.cursor,
            self.has_focus,
            width,
            self.raw,
        )
        strip = self._rows.get(key)
        if strip is None:
            strip = self._render_row(paper, marks.read, marks.saved, index == self.cursor, width)
            if len(self._rows) > 4096:
                self._rows.clear()
            self._rows[key] = strip
        return strip

    def _render_row(self, paper: Paper, read: bool, saved: bool, cursor: bool, width: int) -> Strip:
        """One row as segments, built directly (no rich Text: rows are drawn on every move)."""
        style = self.get_component_rich_style
        base = style("paper-list--read" if read else "paper-list--unread")
        meta = style("paper-list--meta")
        new = paper.id in self.new_ids
        dot = style("paper-list--new") if new else base
        code = self._code.get(paper)
        if code is None:
            code = self._code[paper] = self.has_code(paper)
        upvotes = "   · " if paper.upvotes is None else f"{min(paper.upvotes, 9999):>4} "
        if self.stars:
            upvotes = star_count(paper.github_stars)
        suffix = _suffix(paper, code, self.in_zotero(paper))
        score = self.score_of(paper)
        if score is not None:  # a small bar: how much like the saved papers, in eighths
            upvotes = score_bar(score) + upvotes
        title = _fit(self.title_of(paper), max(1, width - 3 - len(upvotes) - cell_len(suffix)))
        parts = (
            (" " if read else NEW_GLYPH if new else "●", dot),  # new: its own shape, not a colour
            ("★" if saved else " ", style("paper-list--saved")),
            ("◆" if self.is_watched(paper) else " ", style("paper-list--watched")),
            (upvotes, meta),
            (title, base),
            (suffix, meta),
        )
        on_top = self._style
        if cursor:
            focused = "paper-list--cursor" if self.has_focus else "paper-list--cursor-blurred"
            on_top = on_top + style(focused)
        widget = self._style
        segments = [
            Segment(text, widget + part + on_top if cursor else widget + part)
            for text, part in parts
            if text
        ]
        return Strip(segments).adjust_cell_length(width, on_top)

    def _render_tldr(self, paper: Paper, cursor: bool, width: int) -> Strip:
        """The TL;DR line under a title, indented to the title's column."""
        style = self._style + self.get_component_rich_style("paper-list--tldr")
        if cursor:
            focused = "paper-list--cursor" if self.has_focus else "paper-list--cursor-blurred"
            style = style + self.get_component_rich_style(focused)
        indent = "        "
        text = _fit(indent + self.tldr_of(paper), width)
        return Strip([Segment(text, style)])

    def _render_header(self, text: str, width: int) -> Strip:
        """A group's separator line: ``── Mon 17 Nov 2025 · 31 ───…``."""
        label = f"── {text} "
        style = self._style + self.get_component_rich_style("paper-list--meta")
        line = _fit(label + "─" * max(0, width - cell_len(label)), width)
        return Strip([Segment(line, style)])


def score_bar(score: float) -> str:
    """A score in [0, 1] as one cell: blank for nothing, then ▁ to █."""
    return " ▁▂▃▄▅▆▇█"[max(0, min(8, round(score * 8)))]


def star_count(stars: int | None) -> str:
    """The count column when sorting by stars: ``  12☆ ``, `` 4.5k☆ ``, ``   ·  `` (none)."""
    if stars is None:
        return "    · "
    if stars < 1000:
        short = str(stars)
    elif stars < 1_000_000:
        short = f"{stars // 100 / 10:.1f}k" if stars < 10_000 else f"{stars // 1000}k"
    else:
        short = f"{stars // 1_000_000}M"
    return f"{short:>4}☆ "


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis."""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + "…"


ZOTERO_GLYPH = "Z✓"  # the paper is in Zotero (sent with Z or `dailypapers zotero add`)


def _suffix(paper: Paper, has_code: bool, in_zotero: bool = False) -> str:
    """The right-hand markers: code available, in Zotero, and the feeds when there are several."""
    parts = []
    if has_code:
        parts.append("</>")
    if in_zotero:
        parts.append(ZOTERO_GLYPH)
    if len(paper.feeds) > 1:
        parts.append("+".join(_short(name) for name in paper.feeds))
    return (" " + " ".join(parts)) if parts else ""


def _short(feed_name: str) -> str:
    words = feed_name.split()
    if len(words) > 1:
        return "".join(w[0] for w in words).upper()
    return feed_name[:8]
