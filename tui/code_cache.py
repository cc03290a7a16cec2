"""What Python compiles anew at every start, kept between runs (the launcher's, nothing else's).

Python caches the bytecode of modules (`__pycache__`), but not two things every start makes
again: the methods `dataclasses` and `collections.namedtuple` generate (each class's
`__init__`, `__repr__`, `__eq__`, ... written as source text and compiled when the class is
created; some 280 of them for Textual's classes and the reader's) and the regular expressions
modules compile at import (some 190, most of them Textual's and Rich's). Together they were
about a third of the reader's start-up before its first paint (measured with the compiles timed
in place). `install` gives `dataclasses` and `collections` an `exec` / `eval`, and `re` a
compiler, that look here first; `save` writes what was compiled anew. The results are the same
objects as before: a code object is what `compile` gives for that text (same file name, no
inherited flags); a pattern is built by `_sre.compile` from the very arguments `re` would have
passed it (its code checked there as always).

Each program (the reader, each subcommand) has its own file, holding what its runs compiled;
once a file holds more than a budget, the next save keeps only what that run used. The files
live where Python keeps this package's bytecode (`tui/__pycache__/`), so they are
trusted exactly as the `.pyc` files beside them are: whoever can write there can already change
the code that runs. Each is keyed by the interpreter (cache tag, full version, optimisation
level); anything unexpected in it (another interpreter, a truncated or foreign file, a value
of the wrong type) makes it ignored as a whole and rewritten. Writing replaces it atomically.
A folder that cannot be written (a system-wide install) only means compiling every time, as
before; so does `DAILYPAPERS_CODE_CACHE=off`, and Python's own `PYTHONDONTWRITEBYTECODE`
stops the writing.
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
_KEEP_ENTRIES = 1_500  # past this, a save keeps only what its own run used
_FORMAT = 2

_CodeKey = tuple[str, str]  # ("exec" or "eval", source)
_RegexKey = tuple[str | bytes, int]  # (pattern, flags asked for)
# What re._compiler.compile hands _sre.compile after the pattern: its flags, code, number of
# groups - 1, name -> group, group -> name.
_RegexParts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_code: dict[_CodeKey, CodeType] = {}
_regexes: dict[_RegexKey, _RegexParts] = {}
_new: set[object] = set()
_used: set[object] = set()
_path: str | None = None


def file_name(program: str = "reader") -> str:
    """The cache file's name for one program (the reader, or a subcommand: each has its own
    working set, so none evicts another's) and this interpreter."""
    name = program if program.isascii() and program.isalpha() and len(program) <= 20 else "other"
    tag = sys.implementation.cache_tag or "python"
    return f"compiled-at-start.{name}.{tag}.opt{sys.flags.optimize}.bin"


def _header() -> str:
    return f"dailypapers compiled at start {_FORMAT} {sys.version} {sys.flags.optimize}"


def _room() -> bool:
    return len(_code) + len(_regexes) < _MAX_ENTRIES


def _compiled(source: str, mode: str) -> CodeType:
    key = (mode, source)
    code = _code.get(key)
    if code is None:
        code = compile(source, "<string>", mode, dont_inherit=True)
        if _room():
            _code[key] = code
            _new.add(key)
    _used.add(key)
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


def _regex_parts(pattern: str | bytes, flags: int) -> _RegexParts:
    """What `re._compiler.compile(pattern, flags)` passes to `_sre.compile`, worked out the
    same way (its parse and code generation, then the two group maps)."""
    parser: Any = sys.modules["re._parser"]  # private modules: no stubs for mypy
    compiler: Any = sys.modules["re._compiler"]
    parsed = parser.parse(pattern, flags)
    code = [int(word) for word in compiler._code(parsed, flags)]  # named int constants
    names = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
    by_index: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    final_flags = int(flags | parsed.state.flags)
    return (final_flags, code, int(parsed.state.groups) - 1, names, tuple(by_index))


def _make_regex_compiler(original: Any) -> Any:
    import re

    sre: Any = __import__("_sre")

    def compile_regex(pattern: Any, flags: Any = 0) -> Any:
        """`re._compiler.compile`, with the parse and code generation served from the cache
        for a text or bytes pattern (not in DEBUG mode, which prints while compiling)."""
        if type(pattern) not in (str, bytes) or type(flags) is not int or flags & re.DEBUG:
            return original(pattern, flags)
        key = (pattern, flags)
        parts = _regexes.get(key)
        if parts is None:
            parts = _regex_parts(pattern, flags)
            if _room():
                _regexes[key] = parts
                _new.add(key)
        _used.add(key)
        final_flags, code, groups, names, by_index = parts
        return sre.compile(pattern, final_flags, list(code), groups, dict(names), by_index)

    return compile_regex


def _valid(loaded: object) -> bool:
    """True when `loaded` is a cache of this format, for this interpreter, every entry typed."""
    if not (isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == _header()):
        return False
    code, regexes = loaded[1], loaded[2]
    if not (isinstance(code, dict) and isinstance(regexes, dict)):
        return False
    if len(code) + len(regexes) > _MAX_ENTRIES:
        return False
    return all(_code_entry(k, v) for k, v in code.items()) and all(
        _regex_entry(k, v) for k, v in regexes.items()
    )


def _code_entry(key: object, value: object) -> bool:
    return (
        isinstance(key, tuple)
        and len(key) == 2
        and key[0] in ("exec", "eval")
        and isinstance(key[1], str)
        and isinstance(value, CodeType)
    )


def _regex_entry(key: object, value: object) -> bool:
    if not (isinstance(key, tuple) and len(key) == 2 and type(key[1]) is int):
        return False
    if not (isinstance(key[0], (str, bytes)) and isinstance(value, tuple) and len(value) == 5):
        return False
    flags, code, groups, names, by_index = value
    return (
        type(flags) is int
        and isinstance(code, list)
        and all(type(word) is int for word in code)
        and type(groups) is int
        and isinstance(names, dict)
        and all(isinstance(n, str) and type(i) is int for n, i in names.items())
        and isinstance(by_index, tuple)
        and all(n is None or isinstance(n, str) for n in by_index)
    )


def _read(path: str) -> tuple[dict[_CodeKey, CodeType], dict[_RegexKey, _RegexParts]]:
    """The entries of the file at `path`; none when it is missing or not exactly ours."""
    try:
        with open(path, "rb") as file:
            raw = file.read(_MAX_BYTES + 1)
    except OSError:
        return {}, {}
    if len(raw) > _MAX_BYTES:
        return {}, {}
    try:
        loaded = marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return {}, {}
    if not _valid(loaded):
        return {}, {}
    return loaded[1], loaded[2]


def install(folder: str | None = None, program: str = "reader") -> None:
    """Serve the compiles of `dataclasses`, `collections.namedtuple` and `re` from the cache
    file of `program` in `folder` (this package's `__pycache__` by default). Call it once;
    `DAILYPAPERS_CODE_CACHE=off` in the environment leaves all three as they are."""
    global _path
    if os.environ.get("DAILYPAPERS_CODE_CACHE", "").strip().lower() == "off":
        return
    import dataclasses  # here, not above: the quick `list` path imports this module only

    __import__("re._compiler")  # loaded with `re`, but private: looked up in sys.modules

    _path = os.path.join(folder or _FOLDER, file_name(program))
    code, regexes = _read(_path)
    _code.update(code)
    _regexes.update(regexes)
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    collections.eval = _eval  # type: ignore[attr-defined]
    compiler, parser = sys.modules.get("re._compiler"), sys.modules.get("re._parser")
    if hasattr(compiler, "_code") and hasattr(compiler, "compile") and hasattr(parser, "parse"):
        compiler.compile = _make_regex_compiler(compiler.compile)  # type: ignore[union-attr]


def save() -> None:
    """Write the cache file if anything was compiled anew since `install` (atomically; a
    folder that cannot be written is left alone). Nothing to do when nothing is new, nor
    when Python is told not to write bytecode (`PYTHONDONTWRITEBYTECODE`, `-B`)."""
    if _path is None or not _new or sys.dont_write_bytecode:
        return
    code, regexes = dict(_code), dict(_regexes)
    if len(code) + len(regexes) > _KEEP_ENTRIES:  # what older runs used and this one did not
        code = {key: value for key, value in code.items() if key in _used}
        regexes = {key: value for key, value in regexes.items() if key in _used}
    payload = marshal.dumps((_header(), code, regexes))
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
