"""The compiled code of generated methods, kept between runs (the launcher's, nothing else's).

`dataclasses` writes each class's `__init__`, `__repr__`, `__eq__`, ... as source text and
compiles it when the class is created; `collections.namedtuple` does the same for `__new__`.
Python caches the bytecode of modules (`__pycache__`) but not of these, so every start compiled
some 280 small functions again: about 40 ms of the reader's start-up, Textual's classes and the
reader's own (measured with the compile timed inside `dataclasses`), over a tenth of its first
paint. `install` gives those two modules an `exec` / `eval` that looks the source text up here
first; `save` writes what was compiled anew. The classes made are the same, method for method:
the code objects are what `compile` gives for that text (same file name, no inherited flags).

The file lives where Python keeps this package's bytecode (`tui/__pycache__/`), so it is
trusted exactly as the `.pyc` files beside it are: whoever can write there can already change
the code that runs. It is keyed by the interpreter (cache tag, version, optimisation level);
anything unexpected in it (another interpreter, a truncated or foreign file, a value that is
not code) makes it ignored as a whole and rewritten. Writing replaces it atomically; a folder
that cannot be written (a system-wide install) only means compiling every time, as before;
so does `DAILYPAPERS_CODE_CACHE=off`, and Python's own `PYTHONDONTWRITEBYTECODE` stops the
writing.
"""

from __future__ import annotations

import builtins
import collections
import contextlib
import marshal
import os
import sys
from types import CodeType
from typing import Any

_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__")
_MAX_BYTES = 8 * 1024 * 1024
_MAX_ENTRIES = 20_000
_FORMAT = 1

_known: dict[tuple[str, str], CodeType] = {}
_new: set[tuple[str, str]] = set()
_path: str | None = None


def file_name() -> str:
    """The cache file's name for this interpreter."""
    tag = sys.implementation.cache_tag or "python"
    return f"generated-methods.{tag}.opt{sys.flags.optimize}.bin"


def _header() -> str:
    return f"dailypapers generated methods {_FORMAT} {sys.version} {sys.flags.optimize}"


def _compiled(source: str, mode: str) -> CodeType:
    key = (mode, source)
    code = _known.get(key)
    if code is None:
        code = compile(source, "<string>", mode, dont_inherit=True)
        if len(_known) < _MAX_ENTRIES:
            _known[key] = code
            _new.add(key)
    return code


def _exec(source: Any, namespace: Any = None, local_names: Any = None, /) -> None:
    """`exec` as `dataclasses` calls it, the compile served from the cache."""
    if isinstance(source, str):
        source = _compiled(source, "exec")
    builtins.exec(source, namespace, local_names)


def _eval(source: Any, namespace: Any = None, local_names: Any = None, /) -> Any:
    """`eval` as `collections.namedtuple` calls it, the compile served from the cache."""
    if isinstance(source, str):
        source = _compiled(source, "eval")
    return builtins.eval(source, namespace, local_names)


def _read(path: str) -> dict[tuple[str, str], CodeType]:
    """The entries of the file at `path`; empty when it is missing or not exactly ours."""
    try:
        with open(path, "rb") as file:
            raw = file.read(_MAX_BYTES + 1)
    except OSError:
        return {}
    if len(raw) > _MAX_BYTES:
        return {}
    try:
        loaded = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return {}
    if not (isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] == _header()):
        return {}
    entries = loaded[1]
    if not isinstance(entries, dict) or len(entries) > _MAX_ENTRIES:
        return {}
    for key, code in entries.items():
        good_key = isinstance(key, tuple) and len(key) == 2 and key[0] in ("exec", "eval")
        if not (good_key and isinstance(key[1], str) and isinstance(code, CodeType)):
            return {}
    return entries


def install(folder: str | None = None) -> None:
    """Serve the compiles of `dataclasses` and `collections.namedtuple` from the cache file
    in `folder` (this package's `__pycache__` by default). Safe to call more than once;
    `DAILYPAPERS_CODE_CACHE=off` in the environment leaves both modules as they are."""
    global _path
    if os.environ.get("DAILYPAPERS_CODE_CACHE", "").strip().lower() == "off":
        return
    import dataclasses  # here, not above: the quick `list` path imports this module only

    _path = os.path.join(folder or _FOLDER, file_name())
    _known.update(_read(_path))
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    collections.eval = _eval  # type: ignore[attr-defined]


def save() -> None:
    """Write the cache file if anything was compiled anew since `install` (atomically; a
    folder that cannot be written is left alone). Nothing to do when nothing is new, nor
    when Python is told not to write bytecode (`PYTHONDONTWRITEBYTECODE`, `-B`)."""
    if _path is None or not _new or sys.dont_write_bytecode:
        return
    payload = marshal.dumps((_header(), dict(_known)))
    temporary = f"{_path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(_path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(payload)
        os.replace(temporary, _path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _new.clear()
