"""TOML text for the settings: a parse that survives syntax errors, and the line of every key.

`parse_tolerant` reads the text with `tomllib`; on a syntax error it blanks the statement that
broke (the key/value, or the whole table under a broken header), says so in one `SyntaxNote`,
and tries again, so one bad line costs only its own key. `KeyLines` finds the line where a key
was written, so a notice about a bad value can name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import tomllib

__all__ = ["KeyLines", "KeyPath", "SyntaxNote", "parse_tolerant", "show_path"]

KeyPath = tuple[str | int, ...]

_PART = r"(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]")
_BROKEN_HEADER = re.compile(r"^\s*\[\[?\s*([^\]\s#]*)")
_PART_SPLIT = re.compile(_PART)
_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")
_MAX_REPAIRS = 25


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _PART_SPLIT.findall(dotted))


def show_path(path: KeyPath) -> str:
    """`feeds[2].url` for ("feeds", 1, "url"): indexes shown counting from 1."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _open_depth(segment: str) -> int:
    """Brackets and braces left open in `segment`, ignoring strings and comments (roughly)."""
    depth, index, quote = 0, 0, ""
    while index < len(segment):
        if quote:
            if segment.startswith(quote, index):
                index, quote = index + len(quote), ""
                continue
            index += 2 if segment[index] == "\\" and quote in ('"', '"""') else 1
            continue
        char = segment[index]
        if segment.startswith(('"""', "'''"), index):
            quote = segment[index : index + 3]
            index += 3
            continue
        if char in "\"'":
            quote = char
        elif char == "#":
            end = segment.find("\n", index)
            index = len(segment) if end < 0 else end
            continue
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        index += 1
    return depth + (1 if quote else 0)


class KeyLines:
    """The 1-based line where each key (and each table of an array of tables) was written."""

    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        self._index(text.split("\n"))

    def _index(self, lines: list[str]) -> None:
        prefix: KeyPath = ()
        counts: dict[tuple[str, ...], int] = {}
        array: KeyPath | None = None
        depth = 0
        item = -1
        for number, line in enumerate(lines, start=1):
            if array is not None:
                if line.lstrip().startswith("{"):
                    item += 1
                    self._record((*array, item), number)
                    for key in re.findall(rf"({_PART})\s*=", line):
                        self._record((*array, item, *_parts(key)), number)
                depth += _open_depth(line)
                if depth <= 0:
                    array = None
                continue
            header, key = _HEADER.match(line), _KEY.match(line)
            if header:
                name = _parts(header.group(2))
                if header.group(1) == "[[":
                    counts[name] = counts.get(name, 0) + 1
                    prefix = (*name, counts[name] - 1)
                else:
                    prefix = name
                self._record(prefix, number)
            elif key:
                path = (*prefix, *_parts(key.group(1)))
                self._record(path, number)
                depth = _open_depth(line[key.end() :])
                if depth > 0:
                    array, item = path, -1

    def _record(self, path: KeyPath, number: int) -> None:
        self._lines.setdefault(path, number)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, else of its nearest enclosing key or table that was written."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(path[:end])
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class SyntaxNote:
    """One syntax error: where, the key it broke (if any), tomllib's reason."""

    line: int
    key: str | None
    reason: str
    table: bool = False


def _error_line(error: tomllib.TOMLDecodeError, lines: list[str]) -> tuple[int, str]:
    message = str(error)
    found = _AT_LINE.search(message)
    if found:
        return int(found.group(1)), message[: found.start()]
    last = max((n for n, line in enumerate(lines, 1) if line.strip()), default=1)
    return last, _AT_END.sub("", message)


def _starts(line: str) -> bool:
    return bool(_KEY.match(line) or _BROKEN_HEADER.match(line))


def _statement_range(lines: list[str], bad: int) -> tuple[int, int]:
    """The 0-based [start, end) lines of the statement that broke at 1-based line `bad`."""
    at = bad - 1
    previous = next((n for n in range(at - 1, -1, -1) if _starts(lines[n])), None)
    if previous is not None and not _HEADER.match(lines[previous]):
        value = "\n".join([lines[previous].split("=", 1)[-1], *lines[previous + 1 : at]])
        if _open_depth(value) > 0:
            end = at if _starts(lines[at]) else _next_start(lines, at + 1)
            return previous, max(end, at)
    if not _starts(lines[at]):
        return at, at + 1
    if _BROKEN_HEADER.match(lines[at]) and not _KEY.match(lines[at]):
        end = next(
            (n for n in range(at + 1, len(lines)) if _BROKEN_HEADER.match(lines[n])), len(lines)
        )
        return at, end
    return at, _next_start(lines, at + 1)


def _next_start(lines: list[str], start: int) -> int:
    return next((n for n in range(start, len(lines)) if _starts(lines[n])), len(lines))


def _key_at(lines: list[str], number: int) -> tuple[str | None, bool]:
    """The full key written on 1-based line `number` (under its table), and if it is a header."""
    line = lines[number - 1]
    broken = _BROKEN_HEADER.match(line)
    if broken and not _KEY.match(line):
        return (broken.group(1) or None), True
    key = _KEY.match(line)
    if key is None:
        return None, False
    table = next(
        (_HEADER.match(lines[n]) for n in range(number - 2, -1, -1) if _HEADER.match(lines[n])),
        None,
    )
    parts = (*(_parts(table.group(2)) if table else ()), *_parts(key.group(1)))
    return ".".join(parts), False


def parse_tolerant(text: str) -> tuple[dict[str, Any], list[SyntaxNote], bool]:
    """The parsed table, the syntax errors skipped over, and False when the text had to be
    given up (then the table is empty)."""
    import tomllib  # only when there is a config file: start-up without one skips it

    lines = text.split("\n")
    notes: list[SyntaxNote] = []
    for _ in range(_MAX_REPAIRS):
        try:
            return tomllib.loads("\n".join(lines)), notes, True
        except tomllib.TOMLDecodeError as error:
            number, reason = _error_line(error, lines)
            if not lines or number > len(lines):
                notes.append(SyntaxNote(number, None, reason))
                return {}, notes, False
            start, end = _statement_range(lines, number)
            key, table = _key_at(lines, start + 1)
            # An unclosed value shows up at the next key: point at the key that left it open.
            shown = start + 1 if start + 1 < number and _starts(lines[number - 1]) else number
            notes.append(SyntaxNote(shown, key, reason, table))
            if all(not line.strip() for line in lines[start:end]):
                return {}, notes, False
            lines[start:end] = [""] * (end - start)
    return {}, notes, False
