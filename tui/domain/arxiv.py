"""arXiv identifiers: recognise them in ids, URLs and guids, drop versions, build page URLs."""

from __future__ import annotations

import re

# New style (since 2007-04): YYMM.NNNN or YYMM.NNNNN, optional version.
_NEW = r"(?P<new>\d{4}\.\d{4,5})(?:v\d+)?(?!\d)"
# Old style: archive(.SUBJ)/YYMMNNN, optional version.
_OLD = r"(?P<old>[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
# re.ASCII: \d must not accept other scripts' digits ("٢٤٠٥.٠١٢٣٤" is no arXiv id).
_EXACT = re.compile(rf"^(?:arxiv:)?\s*(?:{_NEW}|{_OLD})$", re.IGNORECASE | re.ASCII)
_EMBEDDED = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/|hf\.co/papers/|arxiv:|oai:arxiv\.org:"
    rf"|10\.48550/arxiv\.)"
    rf"\s*(?:{_NEW}|{_OLD})",
    re.IGNORECASE | re.ASCII,
)
_BARE_NEW = re.compile(rf"(?<![\d.]){_NEW}(?![\d])", re.ASCII)


def normalise_arxiv_id(text: str) -> str | None:
    """The versionless arXiv id when `text` is exactly one (``arXiv:2405.01234v2`` too)."""
    match = _EXACT.match(text.strip())
    return _id_of(match) if match else None


def find_arxiv_id(text: str) -> str | None:
    """The first arXiv id inside a URL, guid or text (``https://arxiv.org/abs/2405.01234v2``)."""
    match = _EMBEDDED.search(text)
    if match:
        return _id_of(match)
    exact = normalise_arxiv_id(text)
    if exact:
        return exact
    bare = _BARE_NEW.search(text)
    return bare.group("new") if bare else None


def _id_of(match: re.Match[str]) -> str:
    new = match.group("new")
    if new:
        return new
    archive, number = match.group("old").split("/")
    return f"{archive.lower() if '.' not in archive else _old_archive(archive)}/{number}"


def _old_archive(archive: str) -> str:
    name, subject = archive.split(".")
    return f"{name.lower()}.{subject.upper()}"


def year_of(arxiv_id: str) -> int | None:
    """The year encoded in an arXiv id (``2405.01234`` -> 2024, ``hep-th/99..`` -> 1999)."""
    digits = arxiv_id.split("/")[-1]
    if not _is_digits(digits[:2]):
        return None
    yy = int(digits[:2])
    return 1900 + yy if yy >= 91 else 2000 + yy


def month_key(arxiv_id: str) -> str:
    """A short partition key, the id's YYMM (``2405``); ``other`` for non-arXiv ids."""
    digits = arxiv_id.split("/")[-1]
    return digits[:4] if len(digits) >= 4 and _is_digits(digits[:4]) else "other"


def _is_digits(text: str) -> bool:
    # str.isdigit alone accepts "²" or "٣", which int() refuses or a file name should not hold.
    return text.isascii() and text.isdigit()


def abs_url(arxiv_id: str) -> str:
    """The arXiv abstract page."""
    return f"https://arxiv.org/abs/{arxiv_id}"


def pdf_url(arxiv_id: str) -> str:
    """The arXiv PDF."""
    return f"https://arxiv.org/pdf/{arxiv_id}"


def hf_paper_url(arxiv_id: str) -> str:
    """The Hugging Face paper page."""
    return f"https://huggingface.co/papers/{arxiv_id}"


def paper_id_from_user(text: str) -> str:
    """The paper id in what a user pasted: ``2405.09818v2``, ``arXiv:2405.09818``, an arXiv
    abs/pdf/html URL, a Hugging Face papers URL, ``hep-th/9901001``, arXiv's own DOI
    (``10.48550/arXiv.2405.09818``, a doi.org link too); else the text, stripped."""
    stripped = text.strip()
    return find_arxiv_id(stripped) or normalise_arxiv_id(stripped) or stripped
