"""Checking one settings value at a time, and the one-line notices about values that were bad.

Each checker takes the raw TOML value and returns the value for `Settings` or raises `BadValue`
with what was expected and what was found (`expected a number, got "soon"`). `Report` turns
that into `config.toml:12: refresh_minutes: expected a number, got "soon"; using 30`.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from tui.domain.sanitise import sanitise_line

if TYPE_CHECKING:
    from tui.settings.toml_lines import KeyLines, KeyPath

__all__ = [
    "MISSING",
    "BadValue",
    "Report",
    "check_bool",
    "check_browser",
    "check_choice",
    "check_int",
    "check_keys",
    "check_minutes",
    "check_name",
    "check_optional_int",
    "check_seconds",
    "check_secret",
    "check_strings",
    "check_user_id",
    "describe",
]

Checker = Callable[[object], Any]
MISSING: Any = object()  # what `Report.check` returns for a value it could not use


class BadValue(ValueError):
    """A value that cannot be used; the message says what was expected and what was found."""


def describe(value: object) -> str:
    """A short, terminal-safe rendering of a TOML value for a notice."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = sanitise_line(value)
        return json.dumps(shown if len(shown) <= 40 else shown[:37] + "...", ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime | date | time):
        return "a date or time"
    return type(value).__name__


def _expected(what: str, value: object) -> BadValue:
    return BadValue(f"expected {what}, got {describe(value)}")


def check_bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise _expected("true or false", value)
    return value


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _expected("a number", value)
    if math.isnan(value):
        raise _expected("a number", value)
    return float(value)


def check_minutes(value: object) -> float:
    """Minutes between automatic refreshes: 0 turns them off, otherwise at least 1."""
    minutes = _number(value)
    if minutes != 0 and not 1 <= minutes <= 7 * 24 * 60:
        raise BadValue(f"expected 0 (off) or 1 to 10080 minutes, got {describe(value)}")
    return minutes


def check_seconds(value: object) -> float:
    """Seconds before a shown paper counts as read: 0 at once, negative never."""
    return _number(value)


def check_int(minimum: int, maximum: int) -> Checker:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _expected("a whole number", value)
        if not minimum <= value <= maximum:
            raise BadValue(f"expected {minimum} to {maximum}, got {describe(value)}")
        return value

    return check


def check_optional_int(value: object) -> int | None:
    """A threshold; a negative number or 0 means no threshold at all."""
    number: int = check_int(-(10**9), 10**9)(value)
    return number if number > 0 else None


def check_choice(choices: Iterable[str]) -> Checker:
    allowed = tuple(choices)

    def check(value: object) -> str:
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        listed = ", ".join(f'"{choice}"' for choice in allowed)
        raise _expected(f"one of {listed}", value)

    return check


def check_name(value: object) -> str:
    """A non-empty one-line name (a theme, a feed name)."""
    if not isinstance(value, str) or not sanitise_line(value):
        raise _expected("a non-empty string", value)
    return sanitise_line(value)


def check_text(value: object) -> str:
    """Any one-line string, empty allowed (a folder such as `sync_dir`)."""
    if not isinstance(value, str):
        raise _expected("a string", value)
    return sanitise_line(value)


def check_secret(value: object) -> str:
    """A secret (an API key): one string ("" for none). What is wrong is said without quoting
    any of it."""
    if not isinstance(value, str):
        raise BadValue("expected the key as a string in quotes")
    secret = value.strip()
    if secret != sanitise_line(secret) or " " in secret:
        raise BadValue("expected the key as one word, with no spaces or control characters")
    return secret


def check_user_id(value: object) -> str:
    """A Zotero user id: the number on zotero.org/settings/keys (a number or a string of one;
    "" for none)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return value.strip()
    if value == "":
        return ""
    raise _expected("your numeric user id (zotero.org/settings/keys)", value)


def check_strings(value: object) -> tuple[str, ...]:
    """A list of non-empty strings (watched authors, keywords); blanks and repeats dropped."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _expected('a list of strings like ["Yann LeCun"]', value)
    cleaned = (sanitise_line(item) for item in value)
    return tuple(dict.fromkeys(item for item in cleaned if item))


def check_browser(value: object) -> tuple[str, ...]:
    """A command list, never a shell string: each item is one argument."""
    if isinstance(value, str):
        raise BadValue('browser must be a list like ["firefox", "--new-tab"]')
    if (
        not isinstance(value, list)
        or not all(isinstance(item, str) and item.strip() for item in value)
        or any(item != sanitise_line(item) for item in value)
    ):
        raise _expected('a list of non-empty strings like ["firefox", "--new-tab"]', value)
    return tuple(value)


def check_keys(value: object) -> str:
    """Keys for one binding: "s,ctrl+s" or ["s", "ctrl+s"], normalised to "s,ctrl+s"."""
    items: list[object]
    if isinstance(value, str):
        items = list(value.split(","))
    elif isinstance(value, list):
        items = list(value)
    else:
        raise _expected('keys like "s,ctrl+s"', value)
    keys = [item.strip() for item in items if isinstance(item, str)]
    if len(keys) != len(items) or not all(keys) or any(key != sanitise_line(key) for key in keys):
        raise _expected('keys like "s,ctrl+s"', value)
    if any(" " in key for key in keys):
        raise _expected('keys without spaces, like "s,ctrl+s"', value)
    return ",".join(keys)


class Report:
    """Collects the one-line notices for one settings file."""

    def __init__(self, source: str, lines: KeyLines) -> None:
        self.source = source
        self.lines = lines
        self._notices: list[tuple[int, int, str]] = []

    def line_of(self, path: KeyPath) -> int | None:
        return self.lines.line_of(path) if path else None

    def where(self, path: KeyPath = (), line: int | None = None) -> str:
        found = line if line is not None else self.line_of(path)
        return f"{self.source}:{found}" if found is not None else self.source

    def add(self, path: KeyPath, problem: str, outcome: str) -> None:
        """`file:line: key: problem; outcome` (outcome: "using 30", "ignored", ...)."""
        from tui.settings.toml_lines import show_path  # loaded with a config file, never before

        key = show_path(path)
        # A problem that already starts with the key's name reads as one sentence.
        head = f"{key} " if problem.startswith(f"{key} ") else f"{key}: "
        self.note(
            self.line_of(path), f"{self.where(path)}: {head}{problem.removeprefix(head)}; {outcome}"
        )

    def note(self, line: int | None, text: str) -> None:
        """Add a finished notice (sanitised: it quotes keys and values from the file, and the
        file's name); `sorted_notices` orders them by line."""
        self._notices.append((line or 0, len(self._notices), sanitise_line(text)))

    def sorted_notices(self) -> tuple[str, ...]:
        """The notices in the order of the lines they are about."""
        return tuple(text for _, _, text in sorted(self._notices))

    def unknown(self, path: KeyPath, known: Collection[str]) -> None:
        last = path[-1]
        near = difflib.get_close_matches(str(last), list(known), n=1) if known else []
        hint = f" (did you mean {near[0]}?)" if near else ""
        self.add(path, f"unknown key{hint}", "ignored")

    def check(self, path: KeyPath, value: object, checker: Checker, default: str) -> Any:
        """`checker(value)`, or `MISSING` after a notice ending `using <default>`."""
        try:
            return checker(value)
        except BadValue as error:
            self.add(path, str(error), f"using {default}")
            return MISSING
