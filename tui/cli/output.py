"""Everything the command line prints passes here: no escape sequence reaches the terminal.

Paper titles are sanitised when they are read, but the command line also prints file names,
feed names and URLs, config notices and system error text. Rather than trusting each `print`,
`safe_output` puts a filter in front of `sys.stdout` and `sys.stderr` for the whole command.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TextIO

from tui.domain.sanitise import strip_controls


class SafeTextStream(io.TextIOBase):
    """A text stream that writes to `inner` with every control sequence removed."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(strip_controls(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def fileno(self) -> int:
        return self.inner.fileno()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.inner.encoding


@contextlib.contextmanager
def safe_output() -> Iterator[None]:
    """Filter `sys.stdout` and `sys.stderr` while the block runs, then put them back."""
    saved = sys.stdout, sys.stderr
    sys.stdout = SafeTextStream(sys.stdout)
    sys.stderr = SafeTextStream(sys.stderr)
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
        sys.stdout, sys.stderr = saved
