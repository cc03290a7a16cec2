"""Counted words ("1 paper", "3 papers": the one place plurals are made), and several notices
said in one line."""

from __future__ import annotations

from collections.abc import Sequence


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` and the noun, singular when there is one: ``counted(1, "paper")`` -> "1 paper"."""
    noun = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {noun}"


def one_notice(notices: Sequence[str], more: str = "") -> str | None:
    """Several notices said as one: the first, and how many more (and where to read them);
    None when there is nothing to say."""
    unique = list(dict.fromkeys(n for n in notices if n))
    if len(unique) <= 1:
        return unique[0] if unique else None
    where = f": {more}" if more else ""
    return f"{unique[0]} (+{len(unique) - 1} more{where})"
