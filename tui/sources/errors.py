"""The one exception the transport raises (`FetchError`) and its one-line message rules.

Every expected transport failure, network or local file, becomes a `FetchError` whose `str` is a
single short line that is safe to show in a status bar: no newlines, no control characters, no
server-supplied HTML.
"""

from __future__ import annotations

from typing import Literal

# Big arXiv listings run to 10-20 MB (5,000 items of RSS, or of Hugging Face JSON).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

FetchErrorKind = Literal[
    "offline",
    "timeout",
    "http",
    "too_large",
    "content_type",
    "empty",
    "redirect",
    "tls",
    "proxy",
    "bad_url",
]

_MESSAGE_LIMIT = 160
_MIB = 1024 * 1024


class FetchError(Exception):
    """A fetch that failed in an expected way; `str(error)` is a one-line user-facing reason.

    `kind` is one of `FetchErrorKind` when raised here; callers may re-label it (for example
    "parse"), so the attribute is a plain `str`. `retry_after` is the raw Retry-After header of
    an error status, for `tui.domain.polling.parse_retry_after`.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: FetchErrorKind = "http",
        status: int | None = None,
        retry_after: str | None = None,
    ) -> None:
        self.message: str = one_line(message)
        self.kind: str = kind
        self.status: int | None = status
        self.retry_after: str | None = retry_after
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"FetchError(kind={self.kind!r}, status={self.status!r}, message={self.message!r})"


def one_line(text: str, limit: int = _MESSAGE_LIMIT) -> str:
    """Collapse `text` to one printable line of at most `limit` characters."""
    cleaned = "".join(char if char.isprintable() else " " for char in text)
    collapsed = " ".join(cleaned.split())
    if len(collapsed) > limit:
        return collapsed[: limit - 1].rstrip() + "…"
    return collapsed


def human_size(size: int) -> str:
    """`5242880` -> `"5 MB"`, `2048` -> `"2 KB"`, `900` -> `"900 bytes"` (binary units)."""
    if size >= _MIB:
        return f"{round(size / _MIB, 1):g} MB"
    if size >= 1024:
        return f"{round(size / 1024, 1):g} KB"
    return f"{size} bytes"


def too_large(max_bytes: int) -> FetchError:
    """The error for a body (or file) bigger than `max_bytes`."""
    return FetchError(f"feed too large (>{human_size(max_bytes)}); skipped", kind="too_large")
