"""Author names split as BibTeX reads them: given names, family name (with its particles), suffix.

``Adrian Del Maestro`` -> family ``Del Maestro``; ``Johannes Diderik van der Waals`` -> family
``van der Waals``; ``Martin Luther King Jr.`` -> suffix ``Jr.``. A particle is a lower-case word
just before the last name (any one: ``van``, ``de la``, ``bin``), or one of a few capitalised
particles (``Del``, ``Di``, ``De``, ``Da``, ``Le``, ``Van``, ...) followed by a family name, as
long as at least one given name stays in front: ``Van Jacobson`` keeps ``Van`` as his given name.
As in BibTeX, a lower-case word amid the names starts the family name (``de La Vallée Poussin``).
A name already written ``Family, Given``, ``Family, Suffix, Given`` (BibTeX) or ``Family, Given,
Suffix`` (RIS) is taken as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.citation.text import latex_to_plain

SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_CAPITAL_PARTICLES = frozenset(
    {
        "De", "Del", "Della", "Dalla", "Degli", "Dei", "Di", "Da", "Das", "Dos", "Du", "Le",
        "La", "Las", "Los", "Van", "Von", "Der", "Den", "Ten", "Ter", "St.",
    }
)  # fmt: skip


# Lower-case words of a group's name ("Research and Development Team"), never a particle.
_GROUP_WORDS = frozenset({"and", "of", "the", "for", "on", "in"})


@dataclass(frozen=True)
class PersonName:
    """An author name split BibTeX-style: ``given`` (first names), ``family`` (von + last)."""

    given: str
    family: str
    suffix: str = ""

    @property
    def has_lowercase_particle(self) -> bool:
        """True when the family name starts with a lower-case particle (``van der Waals``)."""
        return " " in self.family and self.family[:1].islower()


def _is_suffix(word: str) -> bool:
    return word in SUFFIXES or word.capitalize() in {"Jr.", "Jr", "Sr.", "Sr"}


def _from_commas(name: str) -> PersonName | None:
    parts = [part.strip() for part in name.split(",")]
    if not parts[0]:
        return None
    if len(parts) == 2 and _is_suffix(parts[1]):
        inner = split_name(parts[0])
        return PersonName(inner.given, inner.family, parts[1])
    if len(parts) == 2:
        return PersonName(parts[1], parts[0])
    if len(parts) == 3 and _is_suffix(parts[1]):  # BibTeX: Family, Suffix, Given
        return PersonName(parts[2], parts[0], parts[1])
    if len(parts) == 3 and _is_suffix(parts[2]):  # RIS: Family, Given, Suffix
        return PersonName(parts[1], parts[0], parts[2])
    return None


def _is_particle(word: str) -> bool:
    return word[:1].islower() or word in _CAPITAL_PARTICLES


def _family_start(tokens: list[str]) -> int:
    """Where the family name begins: as BibTeX reads it, at the first lower-case word after
    the first (``Charles-Jean de La Vallée Poussin``), else at the last word; either way with
    the capitalised particles just before it."""
    lower = [
        index
        for index in range(1, len(tokens) - 1)
        if tokens[index][:1].islower() and tokens[index] not in _GROUP_WORDS
    ]
    start = lower[0] if lower else len(tokens) - 1
    while start > 1 and tokens[start - 1] in _CAPITAL_PARTICLES:
        start -= 1
    return start


def split_name(name: str) -> PersonName:
    """`name` split into given names, family name and suffix (see the module docstring). TeX in
    the name is rendered first: ``Schr\\"odinger`` is ``Schrödinger``, ``{Teller}`` ``Teller``."""
    name = latex_to_plain(name)
    if "," in name:
        written = _from_commas(name)
        if written is not None:
            return written
    tokens = name.replace(",", " ").split()
    suffix = ""
    if len(tokens) > 2 and _is_suffix(tokens[-1]):
        suffix = tokens.pop()
    if len(tokens) <= 1:
        return PersonName("", " ".join(tokens), suffix)
    start = _family_start(tokens)
    return PersonName(" ".join(tokens[:start]), " ".join(tokens[start:]), suffix)


def initials(given: str) -> str:
    """APA-style initials: ``Jean-Pierre`` -> ``J.-P.``, ``Mary Ann`` -> ``M. A.``."""
    out = []
    for token in given.split():
        hyphen_parts = []
        for part in token.split("-"):
            chunks = [chunk for chunk in part.split(".") if chunk]
            hyphen_parts.append(" ".join(f"{chunk[0]}." for chunk in chunks))
        out.append("-".join(piece for piece in hyphen_parts if piece))
    return " ".join(piece for piece in out if piece)
