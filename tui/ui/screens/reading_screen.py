"""ReadingScreen (`R`): a paper's text one section at a time, a table of contents beside it.

One section in the Markdown widget at a time: a whole paper in one widget is slow to scroll
(~0.9 s a page here), one section is not. LaTeX shows as Unicode, as in the preview.
`n` / `p` step through the sections; escape (or `q`) goes back to the list.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tui.domain.latex import latex_to_unicode
from tui.domain.paper_sections import Section


class ReadingScreen(Screen[None]):
    """The sections of one paper."""

    DEFAULT_CSS = """
    ReadingScreen #reading-title { height: 1; padding: 0 1; text-style: bold; }
    ReadingScreen #toc { width: 32; height: 1fr; }
    ReadingScreen #section { width: 1fr; height: 1fr; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", show=False),
        Binding("n", "step(1)", "Next section", show=False),
        Binding("p", "step(-1)", "Previous section", show=False),
    ]

    def __init__(self, title: str, sections: tuple[Section, ...]) -> None:
        super().__init__()
        self.paper_title = title
        self.sections = sections
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield Static(self.paper_title, id="reading-title", markup=False)
        with Horizontal():
            entries = [
                Option(("  " * (s.level - 1)) + latex_to_unicode(s.title)) for s in self.sections
            ]
            yield OptionList(*entries, id="toc")
            yield Markdown(id="section")

    def on_mount(self) -> None:
        self.show_section(0)

    def show_section(self, index: int) -> None:
        """Put one section in the reading pane."""
        if not 0 <= index < len(self.sections):
            return
        self.shown = index
        toc = self.query_one(OptionList)
        if toc.highlighted != index:
            toc.highlighted = index
        pane = self.query_one(Markdown)
        pane.update(latex_to_unicode(self.sections[index].body))
        pane.scroll_home(animate=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # A highlight this screen set itself arrives later, as a message: when `n` was pressed
        # meanwhile, the list has moved on, and taking the old index would undo the key.
        if event.option_index == event.option_list.highlighted != self.shown:
            self.show_section(event.option_index)

    def action_step(self, step: int) -> None:
        self.show_section(self.shown + step)

    def action_close(self) -> None:
        self.dismiss()
