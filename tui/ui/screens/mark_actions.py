"""The reading queue, tags and notes in the reader: `Q` queue or unqueue, `V` the queue view,
`#` the tags, `N` the note; and, with `sync_dir`, marks merged from the shared folder shown
while the reader is open (the folder is looked at every 5 s).

A base of `MainScreen` (as `ViewActions` is), kept apart so the screen stays one idea a file.
Each change goes through the screen's `change_marks`: shown at once, undoable with `z`,
written behind as one-field changes (and so appended to this machine's change log).
"""

from __future__ import annotations

import asyncio

from textual import work

from tui.domain.changes import NOTE_LIMIT, clean_tag
from tui.domain.paper import INBOX, QUEUED, Marks, Paper
from tui.domain.sanitise import sanitise_text
from tui.domain.words import counted
from tui.library.library import Library
from tui.ui.reader_state import ReaderState
from tui.ui.screens.reader_screen import ReaderScreen
from tui.ui.widgets.paper_list_view import PaperListView


class MarkActions(ReaderScreen):
    """Queue, tags and notes. The subclass supplies the state, the cursor and `change_marks`."""

    library: Library
    state: ReaderState

    SYNC_LOOK_SECONDS = 5.0

    def watch_sync_folder(self) -> None:
        """With `sync_dir`: look at the shared folder now and then (called once mounted)."""
        if self.library.folder_sync is not None:
            self.set_interval(self.SYNC_LOOK_SECONDS, self.look_at_sync_folder)

    @work(group="sync-look", exclusive=True)
    async def look_at_sync_folder(self) -> None:
        """Merge when another machine's log changed; show what earlier merges took."""
        folder_sync = self.library.folder_sync
        if folder_sync is None:
            return
        if await asyncio.to_thread(folder_sync.folder_changed):
            self.library.sync_soon()
            await self.library.writes_done()  # the merge queued behind: shown by this look
        changed = folder_sync.take_changed()
        if not changed:
            return
        self.state.replace_marks(await self.library.load_marks())
        self.revision += 1
        self.notify(
            f"Synced: marks of {counted(len(changed), 'paper')} from {folder_sync.where}",
            markup=False,
            timeout=4,
        )

    def current_paper(self) -> Paper | None:
        return self.query_one("#papers", PaperListView).current

    def change_marks(  # pragma: no cover - MainScreen's
        self, changes: dict[str, Marks], undoable: bool = True
    ) -> None:
        raise NotImplementedError

    def action_toggle_queue(self) -> None:
        paper = self.current_paper()
        if paper is None:
            return
        marks = self.state.visible.marks_for(paper.id)
        state = INBOX if marks.state == QUEUED else QUEUED
        self.change_marks({paper.id: marks.with_state(state, self.library.now_iso())})
        told = "Queued (V shows the queue)" if state == QUEUED else "Taken out of the queue"
        self.notify(told, timeout=2, markup=False)

    def action_show_queue(self) -> None:
        """The reading queue across days, in the order queued; again: back."""
        state = self.state
        state.queue_mode = not state.queue_mode
        if state.queue_mode:
            self.load_queue()
        else:
            self.view_revision += 1

    @work(group="load", exclusive=True)
    async def load_queue(self) -> None:
        self.state.queue_view = await self.library.load_queue()
        self.view_revision += 1

    def action_edit_tags(self) -> None:
        paper = self.current_paper()
        if paper is None:
            return
        pid = paper.id
        held = self.state.visible.marks_for(pid).tags
        shown = ", ".join(held) + ", " if held else ""  # typing adds a tag

        def done(text: str | None) -> None:
            if text is None:
                return
            tags = tuple(t for part in text.split(",") if (t := clean_tag(part)))
            marks = self.state.visible.marks_for(pid)
            if tuple(sorted(set(tags))) != marks.tags:
                self.change_marks({pid: marks.with_tags(tags)})

        from tui.ui.screens.text_prompt import TextPrompt

        prompt = TextPrompt("Tags of this paper, separated by commas", shown, "to-cite, ml")
        self.app.push_screen(prompt, done)

    def action_edit_note(self) -> None:
        paper = self.current_paper()
        if paper is None:
            return
        pid = paper.id

        def done(text: str | None) -> None:
            if text is None:
                return
            note = " ".join(sanitise_text(text).split())[:NOTE_LIMIT]
            marks = self.state.visible.marks_for(pid)
            if note != marks.note:
                self.change_marks({pid: marks.with_note(note, self.library.now_iso())})

        current = self.state.visible.marks_for(pid).note
        from tui.ui.screens.text_prompt import TextPrompt

        prompt = TextPrompt("Note (one paragraph; empty removes it)", current, "a note")
        self.app.push_screen(prompt, done)
