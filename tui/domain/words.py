"""Counted words: "1 paper", "3 papers"; the one place the reader's plurals are made."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` and the noun, singular when there is one: ``counted(1, "paper")`` -> "1 paper"."""
    noun = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {noun}"
