"""Bounded gzip/deflate decoding and the one-line message helpers."""

from __future__ import annotations

import gzip
import itertools
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.sources.decoding import OUT_CHUNK, BodyDecoder
from tui.sources.errors import FetchError, human_size, one_line


def decode_in_pieces(encoding: str, wire: bytes, cut_points: list[int]) -> list[bytes]:
    decoder = BodyDecoder(encoding)
    cuts = sorted({min(point, len(wire)) for point in cut_points} | {0, len(wire)})
    pieces: list[bytes] = []
    for start, end in itertools.pairwise(cuts):
        pieces.extend(decoder.feed(wire[start:end]))
    pieces.extend(decoder.flush())
    return pieces


@given(body=st.binary(max_size=5000), cuts=st.lists(st.integers(0, 6000), max_size=8))
def test_gzip_round_trips_however_the_wire_is_split(body: bytes, cuts: list[int]) -> None:
    assert b"".join(decode_in_pieces("gzip", gzip.compress(body), cuts)) == body


@given(body=st.binary(max_size=5000), cuts=st.lists(st.integers(0, 6000), max_size=8))
def test_deflate_round_trips_with_or_without_zlib_header(body: bytes, cuts: list[int]) -> None:
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_wire = raw.compress(body) + raw.flush()
    assert b"".join(decode_in_pieces("deflate", zlib.compress(body), cuts)) == body
    assert b"".join(decode_in_pieces("deflate", raw_wire, cuts)) == body


def test_stacked_encodings_are_undone_in_reverse_order() -> None:
    body = b"feed " * 100
    wire = gzip.compress(zlib.compress(body))
    assert b"".join(decode_in_pieces("deflate, gzip", wire, [7, 30])) == body


def test_a_bomb_comes_out_in_bounded_pieces() -> None:
    wire = gzip.compress(bytes(8 * 1024 * 1024))
    decoder = BodyDecoder("gzip")
    sizes = [len(piece) for piece in decoder.feed(wire)]
    assert max(sizes) <= OUT_CHUNK
    assert sum(sizes) + sum(len(piece) for piece in decoder.flush()) == 8 * 1024 * 1024


def test_identity_passes_bytes_through() -> None:
    assert list(BodyDecoder("").feed(b"abc")) == [b"abc"]
    assert list(BodyDecoder("identity").feed(b"abc")) == [b"abc"]


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, br"])
def test_unsupported_encodings_raise(encoding: str) -> None:
    with pytest.raises(FetchError) as caught:
        BodyDecoder(encoding)
    assert caught.value.kind == "content_type"


@given(st.text())
def test_one_line_is_always_one_printable_short_line(text: str) -> None:
    line = one_line(text, 50)
    assert len(line) <= 50
    assert line.isprintable()
    assert line == line.strip()


@given(message=st.text())
def test_fetch_error_str_is_one_line(message: str) -> None:
    error = FetchError(message, kind="offline", status=None)
    assert "\n" not in str(error)
    assert str(error).isprintable()
    assert error.kind == "offline"


def test_fetch_error_defaults() -> None:
    error = FetchError("server error 503", status=503, retry_after="120")
    assert (error.kind, error.status, error.retry_after) == ("http", 503, "120")
    assert str(error) == "server error 503"


def test_human_size() -> None:
    assert human_size(5 * 1024 * 1024) == "5 MB"
    assert human_size(1536 * 1024) == "1.5 MB"
    assert human_size(2048) == "2 KB"
    assert human_size(999) == "999 bytes"
