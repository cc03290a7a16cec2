"""The models, datasets and Spaces linked to a paper on Hugging Face, from one
``/api/papers/{id}`` object (``linkedModels``, ``numTotalModels``, …), and their pages.

Pure and tolerant: a malformed list or count is unknown, never invented; repo ids are checked
(``owner/name``) before a URL is built of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.domain.feeds.fields import coerce_count

TOP = 5  # names kept of each kind
_REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}")
KINDS = (
    ("Models", "model", ""),
    ("Datasets", "dataset", "datasets/"),
    ("Spaces", "Space", "spaces/"),
)


@dataclass(frozen=True, slots=True)
class Linked:
    """One kind of artifact: the top names and the total (None: not said)."""

    kind: str  # model | dataset | Space
    names: tuple[str, ...]
    total: int | None
    prefix: str  # the path on huggingface.co before the repo id

    def url(self, name: str, base: str = "https://huggingface.co") -> str:
        return f"{base}/{self.prefix}{name}"

    def describe(self) -> str:
        """``3 models (a/b, c/d, …)``; empty when nothing is known."""
        count = self.total if self.total is not None else len(self.names)
        if not count:
            return ""
        noun = self.kind + ("" if count == 1 else "s")
        shown = ", ".join(self.names[:2]) + (", …" if count > 2 else "")
        return f"{count} {noun}" + (f" ({shown})" if self.names else "")


@dataclass(frozen=True, slots=True)
class Artifacts:
    """What Hugging Face links to one paper."""

    linked: tuple[Linked, ...]

    @property
    def any(self) -> bool:
        return any(item.names for item in self.linked)

    def describe(self) -> str:
        parts = [text for item in self.linked if (text := item.describe())]
        return " · ".join(parts) if parts else "no linked models, datasets or Spaces"

    def choices(self, base: str = "https://huggingface.co") -> list[tuple[str, str]]:
        """(label, URL) of every named artifact, models first."""
        return [
            (f"{item.kind}: {name}", item.url(name, base))
            for item in self.linked
            for name in item.names
        ]


def parse_artifacts(data: object) -> Artifacts | None:
    """The linked artifacts of a decoded ``/api/papers/{id}`` answer; None when it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    linked = []
    for field, kind, prefix in KINDS:
        raw = data.get(f"linked{field}")
        names = _names(raw)
        total = coerce_count(data.get(f"numTotal{field}"))
        linked.append(Linked(kind, names, total, prefix))
    return Artifacts(tuple(linked))


def artifacts_doc(paper_id: str, artifacts: Artifacts) -> dict[str, object]:
    """The stored form of a paper's artifacts: the API's own fields, so that reading it back
    goes through `parse_artifacts` and its checks again (a file can be edited by hand)."""
    doc: dict[str, object] = {"id": paper_id}
    for item, (field, _, _) in zip(artifacts.linked, KINDS, strict=False):
        doc[f"linked{field}"] = [{"id": name} for name in item.names]
        if item.total is not None:
            doc[f"numTotal{field}"] = item.total
    return doc


def _names(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    names = []
    for item in raw[:100]:
        repo = item.get("id") if isinstance(item, dict) else None
        if isinstance(repo, str) and _REPO.fullmatch(repo) and repo not in names:
            names.append(repo)
        if len(names) >= TOP:
            break
    return tuple(names)
