"""A tolerant reading of a user's .bib text: where each entry starts and ends, and its fields.

Never strict and never rewriting: `entries` finds every ``@type{`` or ``@type(`` and where it
closes (its matching brace or parenthesis). An entry whose braces do not balance before the next
entry starts is cut there and marked not `closed`, so one broken entry never swallows the ones
after it, and the text between entries (comments, notes) belongs to none of them. `fields` reads
``name = value`` pairs, braced, quoted, bare or joined with ``#``, and skips what it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tui.domain.arxiv import normalise_arxiv_id

_ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
NOT_ENTRIES = frozenset({"string", "comment", "preamble"})
_FIELD_NAME = re.compile(r"[\s,]*([A-Za-z][\w:.+-]*)\s*=\s*")
_BARE = re.compile(r"[^\s,#{}\"()]+")


@dataclass(frozen=True)
class Span:
    """One ``@type{...}`` of the text: `body` is where its key starts, `end` just past it."""

    kind: str
    start: int
    body: int
    end: int
    closed: bool

    @property
    def is_entry(self) -> bool:
        """False for ``@string``, ``@comment`` and ``@preamble``."""
        return self.kind.lower() not in NOT_ENTRIES


_BRACES = re.compile(r"[{}]")
_CLOSERS = {"(": re.compile(r"[{}()]"), "{": _BRACES, '"': re.compile(r'[{}"]')}


def _matching(text: str, opener: int, limit: int) -> int | None:
    """Just past what closes the ``{``, ``(`` or ``"`` at `opener` (at brace depth 0, braces
    counted), if before `limit`. Only the delimiters are visited: fast on long abstracts."""
    kind = text[opener]
    closer = {"(": ")", "{": "}", '"': '"'}[kind]
    depth = 0
    for match in _CLOSERS[kind].finditer(text, opener + 1, limit):
        char = match.group(0)
        if char == closer and depth == 0:
            return match.end()
        if char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
    return None


def entries(text: str) -> Iterator[Span]:
    """Every ``@type{...}`` block of `text`, in order (``@string`` and the like too)."""
    starts = list(_ENTRY_START.finditer(text))
    for index, match in enumerate(starts):
        limit = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        end = _matching(text, match.start(2), limit)
        yield Span(match.group(1), match.start(), match.end(), end or limit, end is not None)


def _value(text: str, start: int) -> tuple[str, int] | None:
    """The value at `start` (its pieces joined by ``#``, outer delimiters off) and its end."""
    pieces: list[str] = []
    position = start
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        char = text[position : position + 1]
        if char in ("{", '"'):
            end = _matching(text, position, len(text))
            if end is None:
                return None
            pieces.append(text[position + 1 : end - 1])
        else:
            bare = _BARE.match(text, position)
            if bare is None:
                return None
            end = bare.end()
            pieces.append(bare.group(0))
        position = end
        rest = re.match(r"\s*#", text[position:])
        if rest is None:
            return "".join(pieces), position
        position += rest.end()


def fields(body: str) -> dict[str, str]:
    """The fields of an entry's text after its opening brace (the key first, then fields);
    names lower-cased, the first of a repeated name kept."""
    found: dict[str, str] = {}
    comma = body.find(",")
    position = comma + 1 if comma >= 0 else len(body)
    while position < len(body):
        name = _FIELD_NAME.match(body, position)
        value = _value(body, name.end()) if name is not None else None
        if name is None or value is None:  # unreadable: go on after the next comma
            next_comma = body.find(",", position + 1)
            position = next_comma if next_comma > position else len(body)
            continue
        found.setdefault(name.group(1).lower(), value[0])
        position = value[1]
    return found


_ARXIV_MENTION = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf|html)/|(?:huggingface|hf)\.co/papers/|arxiv\s*[:.]\s*)\s*"
    r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[a-z]{2})?/\d{7}(?:v\d+)?)(?![\d.])",
    re.IGNORECASE,
)
# Fields that hold the arXiv id itself (JabRef/biblatex ``eprint``, Mendeley ``arxivId``).
_ID_FIELDS = ("eprint", "arxivid", "arxiv")
# Free text that may name other papers' ids: an abstract's "we extend arXiv:..." is no identity.
_FREE_TEXT = frozenset(
    {"abstract", "title", "annote", "annotation", "comment", "comments", "review", "keywords",
     "file", "mendeley-tags"}
)  # fmt: skip


def arxiv_ids(values: dict[str, str]) -> set[str]:
    """The arXiv ids an entry's `fields` name as its own. An entry with an eprint of its own is
    that paper: an ``arXiv:`` id in its ``note`` ("extends arXiv:...") is another's; without
    one, such a mention (Google Scholar's ``journal``) is its id. Free text (the abstract, the
    title) never counts."""
    own = {normalise_arxiv_id(values.get(name, "")) for name in _ID_FIELDS} - {None}
    mentioned: set[str | None] = set()
    for name, value in values.items():
        if name in ("url", "doi") or (not own and name not in _FREE_TEXT):
            mentioned |= {normalise_arxiv_id(m.group(1)) for m in _ARXIV_MENTION.finditer(value)}
    return {eprint for eprint in own | mentioned if eprint}
