"""A paper's Markdown (Hugging Face's ``/papers/{id}.md``) cut into sections at its headings,
for reading one section at a time with a table of contents. Pure; headings inside fenced code
blocks are not headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
TITLE_CAP = 120


@dataclass(frozen=True, slots=True)
class Section:
    """One section: its heading (as the table of contents shows it), its level and its text."""

    title: str
    level: int
    body: str


def split_sections(markdown: str) -> tuple[Section, ...]:
    """The sections of `markdown`; text before the first heading is a section of its own."""
    sections: list[Section] = []
    title, level, lines = "Start", 1, []
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        if any(text.strip() for text in lines):
            sections.append(Section(title, level, "\n".join(lines).strip()))
        title, level, lines = heading[2][:TITLE_CAP], len(heading[1]), [line]
    if any(text.strip() for text in lines):
        sections.append(Section(title, level, "\n".join(lines).strip()))
    return tuple(sections)
