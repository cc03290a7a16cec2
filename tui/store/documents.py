"""How a Paper and a Marks look as stored documents, and back again (tolerantly).

Writing omits empty values, so files stay small. Reading trusts nothing: a field of the wrong
type falls back to its default, unknown fields are ignored (and preserved by the writers), text
is re-sanitised (a file can be edited by hand), and a document without a usable id or title is
dropped as None rather than raising. `paper_from_clean_doc` is the same for a document of a file
whose text was found clean as a whole (`sanitise.json_text_is_clean`): types and newlines are
still checked, the per-string sanitising is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

from tui.domain.changes import Change, iso_of
from tui.domain.days import DaySource, source_of
from tui.domain.paper import INBOX, STATES, Marks, Paper, paper_of_values
from tui.domain.sanitise import sanitise_line, sanitise_text

_TEXT_FIELDS = (
    "github",
    "project_page",
    "link",
    "primary_category",
    "doi",
    "journal_ref",
    "announce_type",
    "tldr",
    "organization",
    "submitter",
    "discussion_id",
)
_COUNT_FIELDS = ("upvotes", "comments", "github_stars")
_TUPLE_FIELDS = ("authors", "categories", "feeds", "keywords")
_FLAG_FIELDS = ("author_participating",)
NONE = type(None)

PAPER_FIELDS = frozenset(
    {
        "id",
        "title",
        "abstract",
        "published",
        "day",
        "day_source",
        *_TEXT_FIELDS,
        *_COUNT_FIELDS,
        *_TUPLE_FIELDS,
        *_FLAG_FIELDS,
    }
)
MARKS_FIELDS = frozenset(
    {"read", "saved", "read_at", "saved_at", "state", "state_at", "note", "note_at"}
)
_FLAG_KEYS = frozenset({"read", "saved", "read_at", "saved_at"})
TAG_KEY = "tag:"  # each tag is its own field ("tag:ml": true), so tagging is a one-field write


def paper_to_doc(paper: Paper) -> dict[str, object]:
    """The stored form of a paper: JSON types only, empty fields left out."""
    doc: dict[str, object] = {"id": paper.id, "title": paper.title}
    if paper.abstract:
        doc["abstract"] = paper.abstract
    if paper.published is not None:
        doc["published"] = paper.published.isoformat()
    if paper.day is not None:
        doc["day"] = paper.day.isoformat()
    if paper.day_source is not None:
        doc["day_source"] = str(paper.day_source)
    for name in (*_TEXT_FIELDS, *_COUNT_FIELDS, *_FLAG_FIELDS):
        value = getattr(paper, name)
        if value is not None:
            doc[name] = value
    for name in _TUPLE_FIELDS:
        values = getattr(paper, name)
        if values:
            doc[name] = list(values)
    return doc


def paper_from_doc(doc: Mapping[str, object]) -> Paper | None:
    """The paper a stored document describes, or None when it has no usable id and title."""
    if not isinstance(doc, Mapping):
        return None
    raw_id, raw_title = doc.get("id"), doc.get("title")
    if not isinstance(raw_id, str) or not isinstance(raw_title, str):
        return None
    paper_id = sanitise_line(raw_id)
    if not paper_id or paper_id != raw_id:
        return None
    values: dict[str, Any] = {"id": paper_id, "title": sanitise_line(raw_title)}
    abstract = doc.get("abstract")
    if isinstance(abstract, str):
        values["abstract"] = sanitise_text(abstract)
    values["published"] = _datetime(doc.get("published"))
    values["day"] = _date(doc.get("day"))
    values["day_source"] = source_of(doc.get("day_source")) if values["day"] else None
    for name in _TEXT_FIELDS:
        text = doc.get(name)
        values[name] = (sanitise_line(text) or None) if isinstance(text, str) else None
    for name in _COUNT_FIELDS:
        values[name] = _count(doc.get(name))
    for name in _TUPLE_FIELDS:
        values[name] = _texts(doc.get(name))
    for name in _FLAG_FIELDS:
        flag = doc.get(name)
        values[name] = flag if isinstance(flag, bool) else None
    return Paper(**values)


# The stored fields in the order of Paper's own (its positional arguments), and what each may
# hold in a document that needs no care: a shape (the type of every field) once found good is
# known good for every later document of that shape.
_ORDER = tuple(field.name for field in fields(Paper))
_BLANK: dict[str, Any] = dict.fromkeys(_ORDER)
_MAY_HOLD: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(("id", "title"), (str,)),
    **dict.fromkeys((*_TEXT_FIELDS, "abstract", "published", "day", "day_source"), (str, NONE)),
    **dict.fromkeys(_COUNT_FIELDS, (int, NONE)),
    **dict.fromkeys(_TUPLE_FIELDS, (list, NONE)),
    **dict.fromkeys(_FLAG_FIELDS, (bool, NONE)),
}
_LISTS = tuple(_ORDER.index(name) for name in _TUPLE_FIELDS)
_COUNTS = tuple(_ORDER.index(name) for name in _COUNT_FIELDS)
_ABSTRACT, _PUBLISHED, _DAY, _SOURCE = (
    _ORDER.index(name) for name in ("abstract", "published", "day", "day_source")
)
_SOURCES = {str(source): source for source in DaySource}
# Whitespace a clean file's text may still hold besides the space and the newline (any other
# is odd: the file would not be clean). Any of it sends a document down the careful path.
_ODD_SPACE = re.compile("[\u1680\u2000-\u200a\u202f\u205f\u3000]")
_EDGES = ("", " ", "\x00")
_DAYS: dict[str, date | None] = {}
_TIMES: dict[str, datetime | None] = {}
_T = TypeVar("_T")
Values = list[Any]


def _picker(indices: Sequence[int]) -> Callable[[Values], tuple[Any, ...]]:
    """The values at `indices`, always as a tuple (`itemgetter` gives one value alone)."""
    if len(indices) > 1:
        return itemgetter(*indices)
    if indices:
        only = indices[0]
        return lambda values: (values[only],)
    return lambda values: ()


class _Shape:
    """Where the documents of one shape (the type of every field) keep their texts, lists and
    counts, worked out once per shape: a document of a known shape is then checked with a few
    scans in C instead of a look at each field."""

    def __init__(self, shape: tuple[type, ...]) -> None:
        self.texts = _picker([i for i, kind in enumerate(shape) if kind is str and i != _ABSTRACT])
        self.list_at = [i for i in _LISTS if shape[i] is list]
        self.no_list_at = [i for i in _LISTS if shape[i] is not list]
        self.lists = _picker(self.list_at)
        self.counts = _picker([i for i in _COUNTS if shape[i] is int])
        self.abstract = shape[_ABSTRACT] is str


_SHAPES: dict[tuple[type, ...], _Shape | None] = {}


def _shape_of(shape: tuple[type, ...]) -> _Shape | None:
    """The layout of a shape whose every field holds what it may; None for any other."""
    if shape not in _SHAPES:
        good = all(kind in _MAY_HOLD[name] for name, kind in zip(_ORDER, shape, strict=True))
        _SHAPES[shape] = _Shape(shape) if good else None
    return _SHAPES[shape]


def paper_from_clean_doc(doc: dict[str, Any]) -> Paper | None:
    """`paper_from_doc` for a document of a file whose text holds no odd character (see
    `sanitise.json_text_is_clean`): what is left to check (types, empty or multi-line values,
    spacing) is checked in bulk, and a document that fails any check goes through
    `paper_from_doc`, so the answer is the same, only sooner."""
    # Every field in Paper's order, None where absent (the merge keeps _BLANK's order and
    # puts a field Paper does not have after them): quicker than asking for each.
    values: Values = list((_BLANK | doc).values())
    if len(values) > len(_ORDER):
        del values[len(_ORDER) :]
    shape = _shape_of(tuple(map(type, values)))
    if shape is None or not _usual(values, shape):
        return paper_from_doc(doc)
    for index in shape.list_at:
        values[index] = tuple(values[index])
    for index in shape.no_list_at:
        values[index] = ()
    if values[_ABSTRACT] is None:
        values[_ABSTRACT] = ""
    values[_PUBLISHED] = _cached(_TIMES, values[_PUBLISHED], _datetime)
    day = values[_DAY] = _cached(_DAYS, values[_DAY], _date)
    values[_SOURCE] = _SOURCES.get(values[_SOURCE]) if day is not None else None
    return paper_of_values(values)


def _usual(values: Values, shape: _Shape) -> bool:
    """True when a document's values need no more than a type conversion: a known shape, an
    id as `sanitise_line` leaves it, no empty text, no negative count, no line break in any
    field but the abstract, and no space at the edge of a text (spacing inside a text is left
    alone: the stores write it normalised)."""
    counts = shape.counts(values)
    if counts and min(counts) < 0:
        return False
    abstract = values[_ABSTRACT]
    if shape.abstract and (not abstract or abstract[0].isspace() or abstract[-1].isspace()):
        return False  # the careful path strips it; a stored abstract never has this
    if "  " in values[0]:
        return False  # an id the careful path would not take as it is
    # Every text but the abstract and every list item, with NUL (never in a clean file) between
    # them: a list item that is not text fails the join; an empty text or item leaves two NULs
    # or one at an end, and a space at the edge of one sits next to a NUL or at an end.
    try:
        texts = "\x00".join(chain(shape.texts(values), *shape.lists(values)))
    except TypeError:
        return False
    if texts[:1] in _EDGES or texts[-1:] in _EDGES:
        return False
    if "\n" in texts or "\x00\x00" in texts or " \x00" in texts or "\x00 " in texts:
        return False
    return texts.isascii() or _ODD_SPACE.search(texts) is None


def _cached(known: dict[str, _T], value: object, read: Callable[[object], _T]) -> _T | None:
    """`read(value)`, remembered: the papers of one file mostly share a day, and the papers
    of one announcement their time."""
    if not isinstance(value, str):
        return None
    if value not in known:
        if len(known) > 4096:
            known.clear()
        known[value] = read(value)
    return known[value]


def marks_to_doc(marks: Marks) -> dict[str, object]:
    """The stored form of a paper's marks."""
    doc: dict[str, object] = {"read": marks.read, "saved": marks.saved}
    if marks.read_at is not None:
        doc["read_at"] = marks.read_at
    if marks.saved_at is not None:
        doc["saved_at"] = marks.saved_at
    doc.update({k: v for k, v in _queue_tag_note(marks).items() if v is not None})
    return doc


def _queue_tag_note(marks: Marks) -> dict[str, object]:
    """The state, note and tag fields of `marks` as stored (None: absent)."""
    queued = marks.state != INBOX
    return {
        "state": marks.state if queued else None,
        "state_at": marks.state_at if queued else None,
        "note": marks.note or None,
        "note_at": marks.note_at if marks.note else None,
        **{TAG_KEY + tag: True for tag in marks.tags},
    }


def marks_change_doc(before: Marks, after: Marks) -> dict[str, object]:
    """Only the fields that differ from `before` to `after`, as a change to apply to what is on
    disk (a field set to None is removed). Empty when nothing changed."""
    change: dict[str, object] = {}
    if (before.read, before.read_at) != (after.read, after.read_at):
        change.update(read=after.read, read_at=after.read_at if after.read else None)
    if (before.saved, before.saved_at) != (after.saved, after.saved_at):
        change.update(saved=after.saved, saved_at=after.saved_at if after.saved else None)
    fields = _queue_tag_note(after)
    if (before.state, before.state_at) != (after.state, after.state_at):
        change.update(state=fields["state"], state_at=fields["state_at"])
    if (before.note, before.note_at) != (after.note, after.note_at):
        change.update(note=fields["note"], note_at=fields["note_at"])
    for tag in set(before.tags) ^ set(after.tags):
        change[TAG_KEY + tag] = True if tag in after.tags else None
    return change


def marks_docs_of_changes(changes: Iterable[Change]) -> dict[str, dict[str, object]]:
    """Changes (at most one per paper and field) as change documents by paper id: what
    `marks_change_doc` gives for marks with these changes applied, made without reading the
    marks they change (a sync adopts tens of thousands)."""
    docs: dict[str, dict[str, object]] = {}
    for paper_id, name, value, (wall, _, _) in changes:
        doc = docs.get(paper_id)
        if doc is None:
            doc = docs[paper_id] = {}
        if name == "read" or name == "saved":
            doc[name] = value is True
            doc[name + "_at"] = iso_of(wall) if value is True else None
        elif name == "state":
            queued = value != INBOX
            doc["state"] = value if queued else None
            doc["state_at"] = iso_of(wall) if queued else None
        elif name == "note":
            doc["note"] = value or None
            doc["note_at"] = iso_of(wall) if value else None
        else:  # a tag: its own field, as stored
            doc[name] = True if value is True else None
    return docs


def marks_whole_doc(marks: Marks) -> dict[str, object]:
    """Every mark field, as a change (fields that are unset become None: removed)."""
    return {
        "read": marks.read,
        "saved": marks.saved,
        "read_at": marks.read_at if marks.read else None,
        "saved_at": marks.saved_at if marks.saved else None,
        # the queue state, tags and note only where set: a whole write predates them
        **{key: value for key, value in _queue_tag_note(marks).items() if value is not None},
    }


def marks_from_doc(doc: Mapping[str, object]) -> Marks | None:
    """The marks a stored document describes; None when it is not a document at all."""
    if not isinstance(doc, Mapping):
        return None
    read, saved = doc.get("read"), doc.get("saved")
    read_at, saved_at = doc.get("read_at"), doc.get("saved_at")
    if doc.keys() <= _FLAG_KEYS:  # most marks: no queue state, tag or note to look at
        return Marks(
            read is True,
            saved is True,
            _line(read_at) if isinstance(read_at, str) and read is True else None,
            _line(saved_at) if isinstance(saved_at, str) and saved is True else None,
        )
    state, note = doc.get("state"), doc.get("note")
    queued = isinstance(state, str) and state in STATES and state != INBOX
    has_note = isinstance(note, str) and bool(note)
    return Marks(
        read=read is True,
        saved=saved is True,
        read_at=_line(read_at) if isinstance(read_at, str) and read is True else None,
        saved_at=_line(saved_at) if isinstance(saved_at, str) and saved is True else None,
        state=state if queued and isinstance(state, str) else INBOX,
        state_at=_time(doc.get("state_at")) if queued else None,
        tags=_tags_of(doc),
        note=sanitise_text(note) if has_note and isinstance(note, str) else "",
        note_at=_time(doc.get("note_at")) if has_note else None,
    )


def _time(value: object) -> str | None:
    return _line(value) if isinstance(value, str) else None


def _tags_of(doc: Mapping[str, object]) -> tuple[str, ...]:
    tags = {
        clean
        for key, value in doc.items()
        if value is True and isinstance(key, str) and key.startswith(TAG_KEY)
        if (clean := sanitise_line(key[len(TAG_KEY) :]))
    }
    return tuple(sorted(tags))


def _line(text: str) -> str:
    """`sanitise_line`, skipped for the common case of text with nothing to remove."""
    return text if text.isascii() and text.isprintable() else sanitise_line(text)


def _count(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if value >= 0 else None


def _texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(clean for item in value if isinstance(item, str) if (clean := sanitise_line(item)))


def _datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
