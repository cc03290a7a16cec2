"""DailyPapersApp: the Textual application; wires the command table, keymap, theme and screens."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import partial

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.domain.sanitise import sanitise_line, strip_controls
from tui.domain.words import one_notice
from tui.library.library import Library
from tui.settings.settings import Settings
from tui.ui.command_table import COMMANDS, display_keys, keys_for
from tui.ui.link_actions import LinkActions, copy_label
from tui.ui.reader_state import ReaderState
from tui.ui.screens.main_screen import MainScreen
from tui.ui.terminal_signals import TerminalSignals


class DailyPapersApp(App[None]):
    """The reader. Everything real is built outside and passed in (see tui/cli/wiring.py)."""

    CSS_PATH = "app.tcss"
    TITLE = "dailypapers"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        library: Library,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        day: date | None = None,
        offline_mode: bool = False,
        startup_notices: Iterable[str] = (),
        after_first_paint: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.reader_state = ReaderState(
            settings, clock, offline_mode=offline_mode, day=day, requested=day
        )
        self.startup_notices = tuple(startup_notices)
        self.after_first_paint = after_first_paint
        # The key bar names what `y` copies: the config's citation_format, not always BibTeX.
        self.hint_labels = {"copy_bibtex": copy_label(settings.citation_format)}
        self._signals: TerminalSignals | None = None
        if settings.theme in self.available_themes:
            if settings.theme != self.theme:  # setting it re-applies every style
                self.theme = settings.theme
        else:
            known = ", ".join(sorted(self.available_themes))
            self.startup_notices += (f"theme: unknown theme {settings.theme!r} (known: {known})",)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice, whatever it quotes (config keys, server text, file names), is shown
        without escape sequences or controls: widgets' `notify` ends here too."""
        super().notify(
            strip_controls(message),
            title=sanitise_line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def on_mount(self) -> None:
        self._catch_signals()
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        notice = one_notice(self.startup_notices, "dailypapers config lists them")
        if notice:  # all well: nothing; else one notice, never one per problem
            self.notify(notice, severity="warning", markup=False, timeout=10)

    def get_default_screen(self) -> Screen[None]:
        links = LinkActions(
            self,
            browser=self.settings.browser,
            ascii_bibtex=self.settings.bibtex_ascii,
            key_style=self.settings.bibtex_key_style,
            first_format=self.settings.citation_format,
            overflow=self.library.save_clipboard_overflow,
            library_papers=self.library.all_papers_sync,
            cite_keys=self.library.cite_keys,
        )
        return MainScreen(
            self.library,
            self.reader_state,
            links,
            self.library.first_screen.ready(),
            after_first_paint=self.after_first_paint,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for command in COMMANDS:
                if command.id == "quit":  # Textual's own Quit runs our action_quit
                    continue
                keys = display_keys(keys_for(command, self.settings.keymap))
                yield SystemCommand(
                    f"{command.label} ({keys})",  # the keys in effect, as the help screen shows
                    command.help,
                    partial(screen.run_action, command.action),
                )

    def _catch_signals(self) -> None:
        """SIGHUP (an SSH drop) and SIGTERM: flush pending writes, restore the terminal, exit."""
        self._signals = TerminalSignals(asyncio.get_running_loop(), self._on_signal)
        with contextlib.suppress(ValueError):  # not the main thread: leave the signals alone
            self._signals.install()

    def on_unmount(self) -> None:
        if self._signals is not None:
            with contextlib.suppress(ValueError):
                self._signals.uninstall()

    def _on_signal(self) -> None:
        self.library.flush()
        self.exit(return_code=0)

    def action_help(self) -> None:
        from tui.ui.screens.help_screen import HelpScreen

        self.push_screen(HelpScreen(self.settings.keymap))

    def action_feeds(self) -> None:
        from tui.ui.screens.feeds_screen import FeedsScreen

        self.push_screen(FeedsScreen(self.library), self._feeds_closed)

    def _feeds_closed(self, changed: bool | None) -> None:
        """After the feeds screen: fetch at once when the list of feeds changed."""
        if changed and isinstance(self.screen, MainScreen):
            self.screen.refresh_feeds()

    async def action_quit(self) -> None:
        """Quit after every pending mark write has landed."""
        await self.library.aclose()
        self.exit()
