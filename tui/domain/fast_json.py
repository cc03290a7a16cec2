"""msgspec's JSON decode, or `REFUSED` wherever it has any doubt: the one fast reading that
the feed parser and the store's files both try before their careful `json` path.

msgspec refuses a BOM, other encodings, invalid UTF-8, NaN and Infinity, lone surrogates,
numbers out of its range and trailing bytes; what it accepts it reads as `json.loads` does
(tests/domain/feeds/test_json_fast_decode.py, tests/store/test_tables_fast_decode.py).
"""

from __future__ import annotations

REFUSED = object()


def decode_or_refuse(raw: bytes) -> object:
    """What `raw` decodes to, or `REFUSED` (then the careful path reads it, or says why not)."""
    import msgspec  # loaded on first use, off the UI thread (a parse, a big file)

    try:
        return msgspec.json.decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return REFUSED
