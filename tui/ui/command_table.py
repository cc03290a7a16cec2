"""The command table: each reader command declared once, with its id, keys, label and help.

From this one table come the key bindings (rebindable by id through the config `keymap`), the
footer, the command palette, the help screen and `docs/keys.md`. Textual-free, so the command
line can check keymap ids without loading Textual; `tui.ui.commands` makes the bindings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """One thing the user can do in the reader."""

    id: str
    keys: str  # Textual key names, comma separated: the defaults
    label: str  # short footer text
    action: str  # the screen action it runs
    help: str  # one line for the help screen, the palette and docs/keys.md
    footer: bool = False
    group: str = "Reading"
    # Checked before the key reaches the focused widget. For keys that move the focus, so that
    # keys typed right after them (already read from the terminal) follow the focus.
    priority: bool = False


def _c(
    id: str,
    keys: str,
    label: str,
    help: str,
    *,
    footer: bool = False,
    group: str,
    action: str | None = None,
    priority: bool = False,
) -> Command:
    return Command(id, keys, label, action or id, help, footer, group, priority)


COMMANDS: tuple[Command, ...] = (
    _c("cursor_down", "j,down", "Down", "Move down the list", group="Moving", action="move(1)"),
    _c("cursor_up", "k,up", "Up", "Move up the list", group="Moving", action="move(-1)"),
    _c(
        "first",
        "g,home",
        "First",
        "Jump to the first paper",
        group="Moving",
        action="jump('first')",
    ),
    _c("last", "G,end", "Last", "Jump to the last paper", group="Moving", action="jump('last')"),
    _c(
        "page_down",
        "pagedown,space",
        "Page down",
        "Move down one page",
        group="Moving",
        action="page(1)",
    ),
    _c("page_up", "pageup", "Page up", "Move up one page", group="Moving", action="page(-1)"),
    _c(
        "next_unread",
        "n",
        "Next unread",
        "Jump to the next unread paper",
        group="Moving",
        action="unread(1)",
    ),
    _c(
        "previous_unread",
        "p",
        "Prev unread",
        "Jump to the previous unread paper",
        group="Moving",
        action="unread(-1)",
    ),
    _c(
        "focus_preview",
        "enter",
        "Read",
        "Focus the preview to scroll it (escape goes back)",
        group="Moving",
    ),
    _c(
        "toggle_saved",
        "s",
        "Save",
        "Save or unsave the paper (a star)",
        footer=True,
        group="Marking",
    ),
    _c("toggle_read", "m", "Read/unread", "Mark the paper read or unread", group="Marking"),
    _c("mark_all_read", "A", "All read", "Mark every paper in view read", group="Marking"),
    _c("undo", "z", "Undo", "Undo the last mark change", group="Marking"),
    _c(
        "toggle_unread_only",
        "u",
        "Unread",
        "Show only unread papers (again: all)",
        footer=True,
        group="Views",
    ),
    _c(
        "show_saved",
        "S",
        "Saved",
        "The saved papers, across all days (again: back)",
        footer=True,
        group="Views",
    ),
    _c(
        "filter",
        "slash",
        "Filter",
        "Filter as you type over title, authors, abstract",
        footer=True,
        group="Views",
        priority=True,
    ),
    _c(
        "sort",
        "O",
        "Sort",
        "Cycle the order: upvotes, newest, GitHub stars, title, trending, for you",
        group="Views",
    ),
    _c(
        "more_like_this",
        "equals_sign",
        "More like",
        "The cached papers most like this one, across all days (again: back)",
        group="Views",
    ),
    _c(
        "less_like_this",
        "minus",
        "Less like",
        "Fewer like this in “for you” (hides it; z undoes)",
        group="Marking",
    ),
    _c(
        "show_library",
        "L",
        "Library",
        "Every cached paper, newest day first (again: back)",
        group="Views",
    ),
    _c(
        "toggle_queue",
        "Q",
        "Queue",
        "Put the paper in the reading queue or take it out",
        group="Marking",
    ),
    _c("show_queue", "V", "Queue view", "The reading queue, in the order queued", group="Views"),
    _c("edit_tags", "number_sign", "Tags", "The paper's tags", group="Marking"),
    _c("edit_note", "N", "Note", "The paper's note (shown in the preview)", group="Marking"),
    _c(
        "show_week",
        "w",
        "Week",
        "The Hugging Face list of the shown day's week (again: back)",
        group="Views",
    ),
    _c(
        "show_month",
        "M",
        "Month",
        "The Hugging Face list of the shown day's month (again: back)",
        group="Views",
    ),
    _c(
        "search_hub",
        "f",
        "Search HF",
        "Search every paper on Hugging Face (the answers are a view: save, cite, open)",
        group="Views",
    ),
    _c(
        "previous_day",
        "left_square_bracket",
        "Prev day",
        "The previous day that has papers (asks Hugging Face for earlier days)",
        group="Views",
    ),
    _c(
        "next_day",
        "right_square_bracket",
        "Next day",
        "The next day that has papers",
        group="Views",
    ),
    _c(
        "toggle_raw",
        "t",
        "Raw TeX",
        "Show titles and abstracts as raw LaTeX (again: rendered)",
        group="Views",
    ),
    _c(
        "toggle_tldr",
        "T",
        "TL;DR",
        "A one-line TL;DR under each title (Hugging Face's AI summary; again: off)",
        group="Views",
    ),
    _c(
        "toggle_authors",
        "a",
        "Authors",
        "Show every author in the preview (again: shorten)",
        group="Views",
    ),
    _c("refresh", "r", "Refresh", "Fetch every feed now", footer=True, group="Views"),
    _c(
        "open_paper",
        "o",
        "Open",
        "Open the paper's page (over SSH: copy and show the link)",
        footer=True,
        group="Links",
        action="link('open_paper')",
    ),
    _c(
        "open_code",
        "c",
        "Code",
        "Open the code repository (a chooser when there are several)",
        footer=True,
        group="Links",
        action="link('open_code')",
    ),
    _c("open_pdf", "P", "PDF", "Open the PDF", group="Links", action="link('open_pdf')"),
    _c(
        "copy_bibtex",
        "y",
        "BibTeX",
        "Copy the citation (BibTeX, or the config's citation_format)",
        footer=True,
        group="Links",
        action="link('copy_bibtex')",
    ),
    _c(
        "copy_as",
        "Y",
        "Copy as",
        "Copy as BibTeX, APA, MLA, plain, Markdown, URL or arXiv id",
        group="Links",
        action="link('copy_as')",
    ),
    _c(
        "open_hub",
        "H",
        "HF links",
        "Linked models, datasets and Spaces on Hugging Face (a chooser)",
        group="Links",
    ),
    _c(
        "read_paper",
        "R",
        "Paper text",
        "Read the paper, section by section (n / p; kept for offline reading)",
        group="Links",
    ),
    _c(
        "send_to_zotero",
        "Z",
        "Zotero",
        "Send the paper to Zotero (its connector, over SSH through a tunnel; else the Web API)",
        group="Links",
    ),
    _c(
        "feeds",
        "F",
        "Feeds",
        "The feeds: their state; add by URL, pause or remove",
        group="App",
        action="app.feeds",
    ),
    _c("help", "question_mark", "Help", "Every key", footer=True, group="App", action="app.help"),
    _c(
        "quit",
        "q",
        "Quit",
        "Quit (pending writes are flushed first)",
        footer=True,
        group="App",
        action="app.quit",
    ),
)

PALETTE_KEY = "ctrl+p"

_KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "slash": "/",
    "equals_sign": "=",
    "minus": "-",
    "space": "space",
}


def display_keys(keys: str) -> str:
    """Keys as a user types them: `left_square_bracket` -> `[`."""
    return " / ".join(_KEY_NAMES.get(k, k) for k in keys.split(","))


def keys_for(command: Command, keymap: Mapping[str, str]) -> str:
    """The keys in effect for a command: the user's keymap entry, else the default."""
    return keymap.get(command.id, command.keys)


def by_id(command_id: str) -> Command | None:
    """The command with this id, if any."""
    return next((c for c in COMMANDS if c.id == command_id), None)


def keys_markdown(keymap: Mapping[str, str] | None = None) -> str:
    """The key table of docs/keys.md, generated from the command table."""
    lines = [
        "# Keys",
        "",
        "Generated from `tui/ui/command_table.py` by `python -m tui.ui.command_table`;",
        "do not edit by hand.",
        "Every key can be rebound by its id in the `[keymap]` table of `config.toml`.",
        "",
        "| keys | id | does |",
        "|---|---|---|",
    ]
    for command in COMMANDS:
        keys = display_keys(keys_for(command, keymap or {}))
        lines.append(f"| {keys} | {command.id} | {command.help} |")
    lines.append(f"| {PALETTE_KEY} | command_palette | Every command by name |")
    return "\n".join(lines) + "\n"


COMMAND_IDS: tuple[str, ...] = tuple(c.id for c in COMMANDS)

if __name__ == "__main__":
    print(keys_markdown(), end="")
