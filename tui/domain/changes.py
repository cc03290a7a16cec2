"""Mark changes that machines exchange: the hybrid logical clock, one change record, the merge.

A `Stamp` is a hybrid logical clock reading (wall milliseconds, a counter, the machine id):
stamps are totally ordered, and a machine whose clock runs behind still stamps every change
after every change it has seen. A `Change` sets one field of one paper's marks: ``read``,
``saved``, ``state``, ``note``, or one tag (``tag:<name>``, true or false), so two machines
tagging one paper differently both keep their tag. The merge keeps, per paper and field, the
change with the greatest stamp: commutative, associative and idempotent, and a change only ever
loses to a newer change of the same field. Pure: the wall time is always passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, NamedTuple

from tui.domain.paper import INBOX, STATES, Marks
from tui.domain.sanitise import sanitise_line, sanitise_text

TAG_PREFIX = "tag:"
PLAIN_FIELDS = ("read", "saved", "state", "note")
MACHINE_ID = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9_-]{0,63}\Z")  # \Z: no newline after
NOTE_LIMIT = 4000
TAG_LIMIT = 64


class Stamp(NamedTuple):
    """A hybrid logical clock reading; ordered by wall time, then counter, then machine (a
    tuple: compared in C, which the merge of 150,000 changes needs)."""

    wall_ms: int
    counter: int
    machine: str


def tick(last: Stamp | None, now_ms: int, machine: str) -> Stamp:
    """The stamp of a new change made at wall time `now_ms`, after `last` (the greatest stamp
    this machine has written or seen)."""
    if last is None or now_ms > last.wall_ms:
        return Stamp(now_ms, 0, machine)
    return Stamp(last.wall_ms, last.counter + 1, machine)


def latest(stamps: Iterable[Stamp | None]) -> Stamp | None:
    """The greatest of some stamps (None when there are none)."""
    known = [s for s in stamps if s is not None]
    return max(known) if known else None


Value = bool | str


class Change(NamedTuple):
    """One field of one paper's marks set to `value` at `stamp`."""

    paper_id: str
    field: str
    value: Value
    stamp: Stamp

    @property
    def key(self) -> tuple[str, str]:
        return (self.paper_id, self.field)

    def order(self) -> tuple[Stamp, str]:
        """The total order of the merge (the value decides only between equal stamps, which
        two honest machines never write)."""
        return (self.stamp, repr(self.value))


Winners = dict[tuple[str, str], Change]


def merge(*logs: Iterable[Change]) -> Winners:
    """The newest change of every paper and field across these logs."""
    winners: Winners = {}
    get = winners.get
    for log in logs:
        for change in log:
            key = (change.paper_id, change.field)
            held, stamp = get(key), change.stamp
            # _newer's common case inlined (a call per change is a tenth of a big merge)
            if held is None or stamp > held.stamp or (stamp == held.stamp and _newer(change, held)):
                winners[key] = change
    return winners


def _newer(change: Change, held: Change) -> bool:
    """`change.order() > held.order()`, without building the orders in the common case."""
    if change.stamp != held.stamp:
        return change.stamp > held.stamp
    return repr(change.value) > repr(held.value)


def adopted(mine: Mapping[tuple[str, str], Change], merged: Winners) -> list[Change]:
    """The merged changes this machine does not hold yet (newer than its own, or new)."""
    taken = []
    get = mine.get
    for key, change in merged.items():
        held = get(key)
        if held is None or _newer(change, held):
            taken.append(change)
    return taken


def newer_than(mine: Iterable[Change], others: Iterable[Change]) -> list[Change]:
    """`adopted(merge(mine), merge(others))` in one pass: the newest change of every paper
    and field of `others` that is newer than all of `mine` for it."""
    winners = merge(mine)
    get = winners.get
    taken: Winners = {}
    for change in others:
        key = (change.paper_id, change.field)
        held, stamp = get(key), change.stamp
        if held is None or stamp > held.stamp or (stamp == held.stamp and _newer(change, held)):
            winners[key] = taken[key] = change
    return list(taken.values())


def field_changes(before: Marks, after: Marks) -> list[tuple[str, Value]]:
    """The fields that differ from `before` to `after`, as (field, value) pairs."""
    changed: list[tuple[str, Value]] = []
    if before.read != after.read:
        changed.append(("read", after.read))
    if before.saved != after.saved:
        changed.append(("saved", after.saved))
    if before.state != after.state:
        changed.append(("state", after.state))
    if before.note != after.note:
        changed.append(("note", after.note))
    for tag in sorted(set(before.tags) ^ set(after.tags)):
        changed.append((TAG_PREFIX + tag, tag in after.tags))
    return changed


def whole_fields(marks: Marks) -> list[tuple[str, Value]]:
    """Every field of `marks` as a change (for a write that does not know what was before)."""
    plain: list[tuple[str, Value]] = [
        ("read", marks.read),
        ("saved", marks.saved),
        ("state", marks.state),
        ("note", marks.note),
    ]
    return plain + [(TAG_PREFIX + tag, True) for tag in marks.tags]


def apply_change(marks: Marks, change: Change) -> Marks:
    """`marks` with one change applied (the change's wall time becomes the field's time)."""
    when = iso_of(change.stamp.wall_ms)
    value = change.value
    if change.field == "read":
        return marks.with_read(value is True, when)
    if change.field == "saved":
        return marks.with_saved(value is True, when)
    if change.field == "state":
        return marks.with_state(str(value), when)
    if change.field == "note":
        return marks.with_note(str(value), when)
    tag = change.field.removeprefix(TAG_PREFIX)
    tags = set(marks.tags) | {tag} if value is True else set(marks.tags) - {tag}
    return marks.with_tags(tuple(tags))


def apply_changes(marks: Marks, changes: Iterable[Change]) -> Marks:
    """`marks` with `changes` applied in order, as `apply_change` one by one would (but one
    copy, however many changes: a sync applies tens of thousands)."""
    values: dict[str, Any] = {}
    tags: set[str] | None = None
    for change in changes:
        name, value = change.field, change.value
        if name == "read" or name == "saved":
            values[name] = value is True
            values[name + "_at"] = iso_of(change.stamp.wall_ms) if value is True else None
        elif name == "state":
            values["state"] = state = str(value)
            values["state_at"] = None if state == INBOX else iso_of(change.stamp.wall_ms)
        elif name == "note":
            values["note"] = note = str(value)
            values["note_at"] = iso_of(change.stamp.wall_ms) if note else None
        else:
            tags = set(marks.tags) if tags is None else tags
            tag = name.removeprefix(TAG_PREFIX)
            if value is True:
                tags.add(tag)
            else:
                tags.discard(tag)
    if tags is not None:
        values["tags"] = tuple(sorted(tags))
    return replace(marks, **values) if values else marks


def iso_of(wall_ms: int) -> str:
    """A stamp's wall time as the ISO-8601 UTC text marks store (the day's part remembered: a
    sync writes tens of thousands, and a datetime each costs a tenth of it)."""
    day, second = divmod(wall_ms // 1000, 86_400)
    date = _DAYS.get(day)
    if date is None:
        date = datetime.fromtimestamp(day * 86_400, UTC).date().isoformat()
        if len(_DAYS) < 100_000:
            _DAYS[day] = date
    hours, rest = divmod(second, 3600)
    return f"{date}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}+00:00"


_DAYS: dict[int, str] = {}


def clean_tag(text: str) -> str:
    """A tag as stored: one line, no spaces or commas at the edges, at most 64 characters."""
    line = text if _plain(text) else sanitise_line(text)
    return line.strip(" ,#")[:TAG_LIMIT].strip()


def clean_change(paper_id: object, name: object, value: object, stamp: object) -> Change | None:
    """A change read from outside (another machine's log), checked and sanitised; None when it
    is not a change this version understands. (Hot: 150,000 calls a big merge; the common
    case is checked inline, and ids and tag names already found clean are remembered.)"""
    if type(paper_id) is not str or type(name) is not str or type(stamp) is not list:
        return None
    if len(stamp) != 3:
        return None
    wall, counter, machine = stamp
    if type(wall) is not int or type(counter) is not int or type(machine) is not str:
        return None
    if value is not True and value is not False and type(value) is not str:
        return None
    return clean_typed_change(paper_id, name, value, _new(Stamp, stamp))


def clean_typed_change(paper_id: str, name: str, value: Value, stamp: Stamp) -> Change | None:
    """`clean_change` of parts already of the right types (a decoder checked them), with the
    same checks of their contents."""
    wall, counter, machine = stamp
    if wall < 0 or counter < 0:
        return None
    if machine not in _MACHINES_SEEN:
        if not MACHINE_ID.match(machine):
            return None
        _remember(_MACHINES_SEEN, machine)
    if paper_id not in _IDS_SEEN:
        if not paper_id or len(paper_id) > 200:
            return None
        if not _plain(paper_id) and sanitise_line(paper_id) != paper_id:
            return None
        _remember(_IDS_SEEN, paper_id)
    if value is True or value is False:
        field = _TAG_FIELDS.get(name)  # read, saved, and tags already seen
        if field is not None:
            return _new(Change, (paper_id, field, value, stamp))
    checked = _value(name, value)
    if checked is None:
        return None
    if checked[0].startswith(TAG_PREFIX) and len(_TAG_FIELDS) < _SEEN_LIMIT:
        _TAG_FIELDS[name] = checked[0]
    return _new(Change, (paper_id, checked[0], checked[1], stamp))


_SEEN_LIMIT = 500_000
_MACHINES_SEEN: set[str] = set()
_IDS_SEEN: set[str] = set()
# A field as written -> as cleaned, for fields whose value is true or false.
_TAG_FIELDS: dict[str, str] = {"read": "read", "saved": "saved"}
_new = tuple.__new__  # a named tuple straight from a checked sequence, without its __new__


def _remember(seen: set[str], text: str) -> None:
    """Note text found clean (bounded: a hostile log cannot grow the memory without end)."""
    if len(seen) < _SEEN_LIMIT:
        seen.add(text)


def _plain(text: str) -> bool:
    """Text with nothing for sanitising to remove (the common case, checked fast)."""
    return text.isascii() and text.isprintable() and text.strip() == text


def _value(name: str, value: object) -> tuple[str, Value] | None:
    if name == "state":
        return (name, value) if isinstance(value, str) and value in STATES else None
    if name == "note":
        if not isinstance(value, str):
            return None
        return (name, (value if _plain(value) else sanitise_text(value))[:NOTE_LIMIT])
    if name.startswith(TAG_PREFIX) and isinstance(value, bool):
        tag = clean_tag(name.removeprefix(TAG_PREFIX))
        return (TAG_PREFIX + tag, value) if tag else None
    return None
