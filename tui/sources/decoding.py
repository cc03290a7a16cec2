"""Bounded Content-Encoding decoding (gzip, deflate) for the fetcher's body cap.

httpx decodes each raw chunk in one go, so a 64 KB gzip chunk can expand to ~64 MB in memory
before any size check runs. The decoders here never emit more than `OUT_CHUNK` bytes per step,
so a decompression bomb is stopped by the caller's cap with memory bounded by the cap itself.
Only gzip and deflate are supported, which is all the fetcher advertises, and at most
`MAX_ENCODINGS` of them stacked: a server that lists a thousand is refused before any decoding.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from tui.sources.errors import FetchError

OUT_CHUNK = 64 * 1024
MAX_ENCODINGS = 2
_IDENTITY = frozenset({"", "identity"})
_GZIP = frozenset({"gzip", "x-gzip"})
_DEFLATE = frozenset({"deflate"})


class _ZlibStage:
    """One gzip or deflate layer, emitting at most `OUT_CHUNK` bytes per piece."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        # deflate: decided on the first two bytes (zlib-wrapped, or raw as some servers send).
        self._undecided = encoding in _DEFLATE
        self._head = b""
        wbits = 16 + zlib.MAX_WBITS if encoding in _GZIP else zlib.MAX_WBITS
        self._inflater = zlib.decompressobj(wbits=wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._undecided:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            self._choose_deflate_format(data)
        if not data or self._inflater.eof:
            return
        while True:
            piece = self._decompress(data)
            if piece:
                yield piece
            tail = self._inflater.unconsumed_tail
            if self._inflater.eof or not tail or (not piece and len(tail) == len(data)):
                return
            data = tail

    def flush(self) -> Iterator[bytes]:
        if self._undecided and self._head:
            head, self._head = self._head, b""
            self._choose_deflate_format(head)
            yield from self.feed(head)
        try:
            rest = self._inflater.flush()
        except zlib.error as exc:
            raise self._corrupt() from exc
        for start in range(0, len(rest), OUT_CHUNK):
            yield rest[start : start + OUT_CHUNK]

    def _choose_deflate_format(self, head: bytes) -> None:
        self._undecided = False
        probe = zlib.decompressobj(wbits=zlib.MAX_WBITS)
        try:
            probe.decompress(head[:2], 1)
        except zlib.error:
            self._inflater = zlib.decompressobj(wbits=-zlib.MAX_WBITS)

    def _decompress(self, data: bytes) -> bytes:
        try:
            return self._inflater.decompress(data, OUT_CHUNK)
        except zlib.error as exc:
            raise self._corrupt() from exc

    def _corrupt(self) -> FetchError:
        return FetchError(f"could not decompress the response ({self._encoding})", kind="http")


class BodyDecoder:
    """Undo a Content-Encoding value such as `"gzip"` or `"deflate, gzip"`, in bounded pieces."""

    def __init__(self, content_encoding: str) -> None:
        names = [name.strip().lower() for name in content_encoding.split(",")]
        names = [name for name in names if name not in _IDENTITY]
        if len(names) > MAX_ENCODINGS:
            raise FetchError(
                f"too many content-encodings ({len(names)}, at most {MAX_ENCODINGS})",
                kind="content_type",
            )
        stages: list[_ZlibStage] = []
        for name in reversed(names):  # the last coding applied is undone first
            if name not in _GZIP and name not in _DEFLATE:
                raise FetchError(
                    f"unsupported content-encoding {name[:20] or '(blank)'}", kind="content_type"
                )
            stages.append(_ZlibStage(name))
        self._stages = stages

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces of `data`, each at most `OUT_CHUNK` bytes."""
        return self._through(0, iter((data,)))

    def flush(self) -> Iterator[bytes]:
        """Whatever the decoders still hold once the raw body has ended."""
        for index, stage in enumerate(self._stages):
            yield from self._through(index + 1, stage.flush())

    def _through(self, first_stage: int, pieces: Iterator[bytes]) -> Iterator[bytes]:
        if first_stage >= len(self._stages):
            yield from pieces
            return
        stage = self._stages[first_stage]
        for piece in pieces:
            yield from self._through(first_stage + 1, stage.feed(piece))
