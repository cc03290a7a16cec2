"""The reader in a real terminal (tmux): save and quit, signals, the clipboard, hostile text, sizes.

Every test drives `python -m tui` by keys in a private tmux server and checks what a user would
see (capture-pane), what tmux received (paste buffer, pane title) and what is on disk afterwards
(`list --saved --json` in a fresh process).
"""

from __future__ import annotations

import base64
import json
import os
import signal
from pathlib import Path

import pytest

from tests.e2e.conftest import Tmux, wait_until
from tests.e2e.processes import HF_FIXTURE, app_command, run_cli

# The reader opens on the newest featured day of the fixture (2024-05-16); by upvotes its top
# paper is 2405.10011.
TODAY_TITLE = "Canonical Cortical Field Theories"
TODAY_ID = "2405.10011"
SAVED_STAR = "★"


def saved_ids(data: Path) -> list[str]:
    result = run_cli("--data-dir", str(data), "list", "--saved", "--json")
    assert result.returncode == 0, result.stderr
    return [paper["id"] for paper in json.loads(result.stdout)]


def start_reader(tmux: Tmux, data: Path, *, width: int = 120, height: int = 30) -> str:
    command = app_command("--data-dir", str(data), "--feed", str(HF_FIXTURE))
    target = tmux.start("reader", command, width=width, height=height)
    tmux.wait_for(target, TODAY_TITLE)
    return target


def buffer_text(tmux: Tmux) -> str | None:
    """tmux's newest paste buffer, or None when there is none."""
    shown = tmux.tmux("show-buffer", check=False)
    return shown.stdout if shown.returncode == 0 else None


def test_a_new_user_saves_a_paper_and_quits(tmux: Tmux, tmp_path: Path) -> None:
    data = tmp_path / "data"
    target = start_reader(tmux, data)
    tmux.send(target, "s")
    tmux.wait_for(target, SAVED_STAR)
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0
    assert tmux.display(target, "#{alternate_on}") == "0", "terminal left in the alternate screen"
    assert saved_ids(data) == [TODAY_ID]


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_right_after_s_keeps_the_mark(
    tmux: Tmux, tmp_path: Path, sig: signal.Signals
) -> None:
    data = tmp_path / "data"
    target = start_reader(tmux, data)
    pid = tmux.pane_pid(target)
    tmux.send(target, "s")
    tmux.wait_for(target, SAVED_STAR)  # the key has been handled: the write is queued
    os.kill(pid, sig)
    assert tmux.exit_status(target) == 0
    assert tmux.display(target, "#{alternate_on}") == "0", "terminal not restored"
    assert saved_ids(data) == [TODAY_ID]


def test_the_pane_closing_under_the_reader_keeps_the_mark(tmux: Tmux, tmp_path: Path) -> None:
    """An SSH drop: tmux sends SIGHUP and the terminal goes away at once."""
    data = tmp_path / "data"
    target = start_reader(tmux, data)
    pid = tmux.pane_pid(target)
    tmux.send(target, "s")
    tmux.wait_for(target, SAVED_STAR)
    # Started before the kill: with no session left the server exits, and a new session
    # asked of a server that is shutting down fails. It must live to reap the reader.
    tmux.start("keepalive", ["sleep", "60"])
    tmux.tmux("kill-session", "-t", target)

    def gone() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    wait_until(gone, 15, "the reader outlived its terminal")
    assert saved_ids(data) == [TODAY_ID]


def test_y_puts_the_bibtex_entry_into_the_tmux_paste_buffer(tmux: Tmux, tmp_path: Path) -> None:
    target = start_reader(tmux, tmp_path / "data")
    assert buffer_text(tmux) is None
    tmux.send(target, "y")
    wait_until(lambda: "@misc{" in (buffer_text(tmux) or ""), 10, "no BibTeX in the buffer")
    entry = buffer_text(tmux) or ""
    assert f"eprint={{{TODAY_ID}}}" in entry
    assert "archivePrefix={arXiv}" in entry
    tmux.wait_for(target, "Copied BibTeX")


def fake_browser(tmp_path: Path) -> tuple[Path, Path]:
    """A `BROWSER` script that only leaves a marker file; (script, marker)."""
    marker = tmp_path / "browser-ran"
    browser = tmp_path / "browser.sh"
    browser.write_text(f"#!/bin/sh\ntouch {marker}\n")
    browser.chmod(0o755)
    return browser, marker


def test_o_with_a_local_display_starts_the_browser(tmux: Tmux, tmp_path: Path) -> None:
    """The control for the next test: the fake browser does run when a display is there."""
    browser, marker = fake_browser(tmp_path)
    command = app_command("--data-dir", str(tmp_path / "data"), "--feed", str(HF_FIXTURE))
    target = tmux.start("reader", command, env={"BROWSER": str(browser), "DISPLAY": ":0"})
    tmux.wait_for(target, TODAY_TITLE)
    tmux.send(target, "o")
    wait_until(marker.exists, 10, "the browser was not started")
    tmux.wait_for(target, "Opened the paper page")


@pytest.mark.parametrize(
    "remote",
    [{}, {"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22", "DISPLAY": ":0"}],
    ids=["no-display", "ssh-with-forwarded-display"],
)
def test_o_without_a_local_browser_copies_the_link_and_spawns_nothing(
    tmux: Tmux, tmp_path: Path, remote: dict[str, str]
) -> None:
    browser, marker = fake_browser(tmp_path)
    command = app_command("--data-dir", str(tmp_path / "data"), "--feed", str(HF_FIXTURE))
    target = tmux.start("reader", command, env={"BROWSER": str(browser), **remote})
    tmux.wait_for(target, TODAY_TITLE)
    tmux.send(target, "o")
    screen = " ".join(tmux.wait_for(target, "link copied").split())
    url = f"https://huggingface.co/papers/{TODAY_ID}"
    wait_until(lambda: buffer_text(tmux) == url, 10, "the paper's URL was not copied")
    assert "No browser here" in screen
    tmux.send(target, "P")
    pdf = f"https://arxiv.org/pdf/{TODAY_ID}"
    wait_until(lambda: buffer_text(tmux) == pdf, 10, "the PDF URL was not copied")
    assert not marker.exists(), "a browser was started"
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0


# -- hostile text ----------------------------------------------------------------------------

PWNED_B64 = base64.b64encode(b"pwned").decode()
HOSTILE = [  # (raw title, what the user must see)
    (f"OSC52 A\x1b]52;c;{PWNED_B64}\x07B clip", "OSC52 AB clip"),
    ("Title C\x1b]0;pwned-title\x07D \x1b]2;pwned2\x1b\\E", "Title CD E"),
    ("Link E\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\F", "Link EclickF"),
    ("Clear G\x1b[2J\x1b[HH\x1b[21t", "Clear GH"),
    ("C1 I\x9b31mJ\x9d0;pwned\x9cK", "C1 IJK"),
    ("Bidi L\u202eRTL\u202c M\u2066x\u2069N zw\u200bsp", "Bidi LRTL MxN zwsp"),
    ("Markup [b]bold[/b] [@click=app.quit]x[/]", "Markup [b]bold[/b] [@click=app.quit]x[/]"),
]
HOSTILE_ABSTRACT = (
    f"Abstract \x1b]52;c;{PWNED_B64}\x07start [b]bold[/b] [@click=app.quit]quit[/] "
    "\x1b]0;pwned-abstract\x07\x1b[2J\u202emiddle\u202c \x9d0;pwned\x9c end [link=x]l[/link]"
)
ABSTRACT_SHOWN = "start [b]bold[/b] [@click=app.quit]quit[/]"


def hostile_feed(path: Path) -> Path:
    entries = []
    for index, (title, _) in enumerate(HOSTILE):
        entries.append(
            {
                "paper": {
                    "id": f"2405.200{index:02d}",
                    "title": title,
                    "summary": HOSTILE_ABSTRACT if index == 0 else f"Abstract {index}",
                    "authors": [{"name": "Eve \x1b]0;pwned-author\x07Mallory"}],
                    "upvotes": 100 - index,
                    "submittedOnDailyAt": "2024-05-13T00:00:00.000Z",
                },
                "numComments": 0,
            }
        )
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


def test_hostile_titles_and_abstracts_show_literally_and_touch_nothing(
    tmux: Tmux, tmp_path: Path
) -> None:
    feed = hostile_feed(tmp_path / "hostile.json")
    target = tmux.start(
        "reader", app_command("--data-dir", str(tmp_path / "data"), "--feed", str(feed)), width=160
    )
    title_before = tmux.display(target, "#{pane_title}")
    tmux.wait_for(target, "Quit")
    screen = tmux.wait_for(target, ABSTRACT_SHOWN)
    for _, shown in HOSTILE:
        assert shown in screen
    assert "Eve Mallory" in screen
    assert "pwned" not in screen
    assert not any("\x80" <= ch <= "\x9f" or ch in "\u202e\u2066\u2069\u200b" for ch in screen)
    lines = [line for line in screen.splitlines() if line.strip()]
    assert "filter" in lines[0], "the screen was cleared or scrolled"
    assert "Quit" in lines[-1]
    assert buffer_text(tmux) is None, "something reached the clipboard"
    assert tmux.display(target, "#{pane_title}") == title_before
    tmux.send(target, "G")  # walk the list: every preview is drawn once
    tmux.wait_for(target, "Abstract 6")
    assert not tmux.is_dead(target), "[@click=app.quit] quit the app"
    assert buffer_text(tmux) is None
    assert "pwned" not in tmux.display(target, "#{pane_title}")
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0


def test_this_tmux_would_show_a_leak(tmux: Tmux) -> None:
    """The control for the test above: raw OSC 0 and OSC 52 do change the title and buffer."""
    script = f"printf '\\033]2;leaked\\007\\033]52;c;{PWNED_B64}\\007'; echo done; sleep 30"
    target = tmux.start("control", ["sh", "-c", script])
    tmux.wait_for(target, "done")
    wait_until(lambda: buffer_text(tmux) == "pwned", 5, "OSC 52 did not reach the buffer")
    assert tmux.display(target, "#{pane_title}") == "leaked"


# -- sizes and locales -----------------------------------------------------------------------


def test_80x24_tiny_terminal_and_a_resize_storm(tmux: Tmux, tmp_path: Path) -> None:
    target = start_reader(tmux, tmp_path / "data", width=80, height=24)
    screen = tmux.capture(target)
    assert "…" in screen, "a long title is not cut with an ellipsis at 80 columns"
    tmux.tmux("resize-window", "-t", target, "-x", "20", "-y", "5")
    wait_until(lambda: len(tmux.capture(target).splitlines()) <= 5, 5, "no resize to 20x5")
    tmux.send(target, "j")
    for width, height in [(200, 60), (20, 5), (33, 7), (150, 10), (21, 40), (90, 6)] * 3:
        tmux.tmux("resize-window", "-t", target, "-x", str(width), "-y", str(height))
    tmux.tmux("resize-window", "-t", target, "-x", "120", "-y", "30")
    tmux.wait_for(target, TODAY_TITLE)
    assert not tmux.is_dead(target)
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0


@pytest.mark.parametrize(
    "locale_env",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
    ids=["LANG=C", "LANG=C-no-utf8-coercion"],
)
def test_a_c_locale_still_runs(tmux: Tmux, tmp_path: Path, locale_env: dict[str, str]) -> None:
    data = tmp_path / "data"
    command = app_command("--data-dir", str(data), "--feed", str(HF_FIXTURE))
    target = tmux.start("reader", command, env=locale_env)
    tmux.wait_for(target, "Contrastive")
    tmux.send(target, "s")
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0
    assert saved_ids(data) == [TODAY_ID]


def test_a_non_utf8_locale_draws_replacement_characters_not_escapes(
    tmux: Tmux, tmp_path: Path
) -> None:
    ascii_locale = {"LANG": "C", "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    command = app_command("--data-dir", str(tmp_path / "data"), "--feed", str(HF_FIXTURE))
    target = tmux.start("reader", command, env=ascii_locale)
    screen = tmux.wait_for(target, "Contrastive")
    tmux.send(target, "q")
    assert "\\u" not in screen and "\\x" not in screen


def test_without_set_clipboard_on_y_says_how_to_enable_it(tmux: Tmux, tmp_path: Path) -> None:
    """tmux's default (`external`) keeps OSC 52 from the paste buffer: the notice says so."""
    target = start_reader(tmux, tmp_path / "data")
    tmux.tmux("set-option", "-g", "set-clipboard", "external")
    tmux.send(target, "y")
    screen = tmux.wait_for(target, "Copied BibTeX")
    assert "set-clipboard on" in " ".join(screen.split())
    assert buffer_text(tmux) is None


def test_keys_typed_right_after_slash_go_into_the_filter(tmux: Tmux, tmp_path: Path) -> None:
    """A fast typist: `/` and the query arrive in one read from the terminal. The focus must
    move before the next keys are routed, or they are lost (or run as commands)."""
    target = start_reader(tmux, tmp_path / "data")
    tmux.send(target, "/zzqq")
    tmux.wait_for(target, "filter “zzqq”")
    assert "zzqq" in tmux.capture(target).splitlines()[0]


def test_day_paging_and_the_library_in_a_real_terminal(tmux: Tmux, tmp_path: Path) -> None:
    target = start_reader(tmux, tmp_path / "data")
    tmux.wait_for(target, "Thu 16 May 2024 · 4 papers")
    tmux.wait_for(target, "on other days · L")
    tmux.send(target, "[")
    tmux.wait_for(target, "Wed 15 May 2024 · 6 papers")
    tmux.send(target, "]")
    tmux.wait_for(target, "Thu 16 May 2024 · 4 papers")
    tmux.send(target, "L")
    tmux.wait_for(target, "Library (every cached paper) · 20 papers")
    screen = tmux.capture(target)
    assert "── Thu 16 May 2024" in screen and "── Wed 15 May 2024" in screen
    tmux.send(target, "L")
    tmux.wait_for(target, "Thu 16 May 2024 · 4 papers")
    tmux.send(target, "q")
    assert tmux.exit_status(target) == 0
