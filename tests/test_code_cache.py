"""The launcher's cache of generated methods (`tui/code_cache.py`), across real processes."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import code_cache

# Run in a fresh interpreter: install the cache in FOLDER, make classes, report what happened.
_CHILD = r"""
import dataclasses, json, sys, typing
from collections import namedtuple
from tui import code_cache
code_cache.install(sys.argv[1])
compiled = []
real_compile = compile
def counting(*args, **kwargs):
    compiled.append(args[0])
    return real_compile(*args, **kwargs)
code_cache.compile = counting

@dataclasses.dataclass(frozen=True, slots=True)
class Frozen:
    name: str
    count: int = 0
    tags: tuple[str, ...] = ()

@dataclasses.dataclass(order=True)
class Mutable:
    score: float
    seen: list[int] = dataclasses.field(default_factory=list)

class Pair(typing.NamedTuple):
    left: int
    right: str = "r"

Point = namedtuple("Point", "x y")
import re
word = re.compile(r"(?P<head>[a-z]+)-(\d{2,})(?:x|y)?$", re.IGNORECASE)
raw = re.compile(rb"\x00(?P<tail>.+)", re.DOTALL)
a, b = Frozen("a", 2, ("x",)), Frozen("a", 2, ("x",))
try:
    a.count = 3
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
m = Mutable(1.5)
m.seen.append(1)
report = {
    "compiled": len(compiled),
    "equal": a == b and hash(a) == hash(b) and a != Frozen("b"),
    "repr": repr(a) + repr(m) + repr(Pair(1)) + repr(Point(1, 2)),
    "frozen": frozen,
    "slots": not hasattr(a, "__dict__"),
    "replace": dataclasses.replace(a, count=5).count,
    "order": Mutable(1.0) < Mutable(2.0),
    "default_factory": Mutable(0).seen == [] and Mutable(0).seen is not m.seen,
    "pair": tuple(Pair(1)),
    "fields": [f.name for f in dataclasses.fields(Frozen)],
    "regex": [word.match("Ab-123Y").groupdict(), word.groups, word.flags, bool(word.match("a-1")),
              raw.match(b"\x00a\nb").group("tail").decode(), raw.groupindex["tail"]],
}
code_cache.save()
print(json.dumps(report))
"""


def _child(folder: Path, **env: str) -> dict[str, object]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=60,
    )
    report: dict[str, object] = json.loads(done.stdout)
    return report


def _cache_file(folder: Path) -> Path:
    return folder / code_cache.file_name()


def test_a_second_run_compiles_nothing_and_makes_the_same_classes(tmp_path: Path) -> None:
    first = _child(tmp_path)
    assert isinstance(first["compiled"], int) and first["compiled"] >= 8
    assert _cache_file(tmp_path).stat().st_size > 0
    second = _child(tmp_path)
    assert second["compiled"] == 0
    assert {k: v for k, v in second.items() if k != "compiled"} == {
        k: v for k, v in first.items() if k != "compiled"
    }
    assert second["equal"] and second["frozen"] and second["slots"] and second["order"]
    assert second["replace"] == 5 and second["default_factory"]
    assert second["fields"] == ["name", "count", "tags"]
    assert second["regex"] == [{"head": "Ab"}, 2, 34, False, "a\nb", 1]
    assert second["repr"] == (
        "Frozen(name='a', count=2, tags=('x',))Mutable(score=1.5, seen=[1])"
        "Pair(left=1, right='r')Point(x=1, y=2)"
    )


def test_the_cached_code_is_what_compile_gives(tmp_path: Path) -> None:
    _child(tmp_path)
    header, code, regexes = marshal.loads(_cache_file(tmp_path).read_bytes())
    assert "compiled at start" in header and sys.version in header
    assert code and regexes
    for (mode, source), compiled in code.items():
        assert compiled == compile(source, "<string>", mode, dont_inherit=True)
    for pattern, flags in regexes:
        # Pattern objects compare equal when their flags, text and compiled code are.
        assert code_cache._make_regex_compiler(None)(pattern, flags) == _uncached(pattern, flags)


def _uncached(pattern: str | bytes, flags: int) -> re.Pattern[str] | re.Pattern[bytes]:
    compiler: Any = sys.modules["re._compiler"]
    compiled: re.Pattern[str] | re.Pattern[bytes] = compiler.compile(pattern, flags)
    return compiled


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "[a-z]",
                "\\d+",
                "(?P<n%d>x)",
                "(y)",
                "|",
                "*",
                "?",
                "{2,3}",
                ".",
                "\\b",
                "(?:z)",
                "[^0-9]",
                "\\s",
                "é",
                "^",
                "$",
                "(?=q)",
                "(?<!r)",
            ]
        ),
        max_size=8,
    ),
    st.sampled_from([0, re.IGNORECASE, re.MULTILINE | re.DOTALL, re.VERBOSE, re.ASCII]).map(int),
)
def test_a_pattern_made_from_the_cached_parts_is_the_one_re_makes(
    pieces: list[str], flags: int
) -> None:
    text = "".join(p % n if "%d" in p else p for n, p in enumerate(pieces))
    try:
        expected = _uncached(text, flags)
    except re.error:
        return
    parts = code_cache._regex_parts(text, flags)
    assert marshal.loads(marshal.dumps(parts)) == parts  # storable as it is
    made = code_cache._make_regex_compiler(None)(text, flags)
    assert made == expected
    assert (made.groups, dict(made.groupindex)) == (expected.groups, dict(expected.groupindex))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00garbage that is not marshal",
        marshal.dumps(("someone else's header", {})),
        marshal.dumps([1, 2, 3]),
        "cut",  # a good file, truncated
        "not code",  # a good header, a value that is not a code object
        "bad regex",  # a good header, a pattern's code that is not a list of numbers
        "other python",  # written by another interpreter
    ],
)
def test_a_bad_cache_file_is_ignored_and_rewritten(tmp_path: Path, content: bytes | str) -> None:
    _child(tmp_path)
    path = _cache_file(tmp_path)
    good = path.read_bytes()
    if content == "cut":
        content = good[: len(good) // 2]
    elif content == "not code":
        header, _, regexes = marshal.loads(good)
        content = marshal.dumps((header, {("exec", "x = 1"): "print('hi')"}, regexes))
    elif content == "bad regex":
        header, code, regexes = marshal.loads(good)
        key = next(iter(regexes))
        content = marshal.dumps((header, code, {**regexes, key: (0, ["no"], 0, {}, ())}))
    elif content == "other python":
        header, code, regexes = marshal.loads(good)
        content = marshal.dumps((header.replace(sys.version, "2.7.18"), code, regexes))
    assert isinstance(content, bytes)
    path.write_bytes(content)
    report = _child(tmp_path)
    assert isinstance(report["compiled"], int) and report["compiled"] >= 8
    assert report["equal"] and report["frozen"]
    assert path.read_bytes() != content  # rewritten good
    assert _child(tmp_path)["compiled"] == 0


def test_a_huge_cache_file_is_not_read(tmp_path: Path) -> None:
    path = _cache_file(tmp_path)
    path.write_bytes(b"\x00" * (9 * 1024 * 1024))
    report = _child(tmp_path)
    assert isinstance(report["compiled"], int) and report["compiled"] >= 8
    assert path.stat().st_size < 1024 * 1024


def test_a_folder_that_cannot_be_written_only_means_compiling(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("x")
    first = _child(blocked)
    second = _child(blocked)
    assert first["compiled"] == second["compiled"] and first["equal"] and second["equal"]
    assert blocked.read_text() == "x"
    assert not list(tmp_path.glob("*.tmp"))


def test_no_bytecode_means_no_file_and_off_means_untouched(tmp_path: Path) -> None:
    _child(tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert not _cache_file(tmp_path).exists()
    _child(tmp_path)  # written now
    written = _cache_file(tmp_path).read_bytes()
    switched_off = subprocess.run(
        [sys.executable, "-c", "import dataclasses, tui.code_cache as c, sys; "
         "c.install(sys.argv[1]); print(getattr(dataclasses, 'exec', None) is None)",
         str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=60,
        env={**os.environ, "DAILYPAPERS_CODE_CACHE": "off"},
    )  # fmt: skip
    assert switched_off.stdout.strip() == "True"  # dataclasses left as it was
    assert _cache_file(tmp_path).read_bytes() == written


def test_processes_saving_at_once_leave_a_whole_file(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path)],
            stdout=subprocess.DEVNULL,
            env=environment,
        )
        for _ in range(4)
    ]
    for child in children:
        assert child.wait(timeout=60) == 0
    assert _child(tmp_path)["compiled"] == 0
    assert not list(tmp_path.glob("*.tmp"))


def test_the_launcher_installs_it_after_the_quick_path(tmp_path: Path) -> None:
    """`dailypapers list` (not the quick path: no kept listing) runs with the cache in place
    (the quick path's imports are checked in tests/cli/test_light_imports.py)."""
    probe = (
        "import sys, dataclasses, tui.cli.commands as c, tui.code_cache as cc\n"
        "def run_list(context):\n"
        "    print(getattr(dataclasses, 'exec', None) is cc._exec, cc._path.rsplit('/', 1)[1])\n"
        "    return 0\n"
        "c.run_list = run_list\n"
        "from tui.__main__ import main\n"
        f"sys.argv = ['dailypapers', '--data-dir', {str(tmp_path)!r}, '--offline', 'list']\n"
        "raise SystemExit(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["True", code_cache.file_name("list")]


def test_each_program_has_its_own_file_and_a_name_from_outside_is_not_a_path() -> None:
    names = {code_cache.file_name(p) for p in ("reader", "fetch", "list")}
    assert len(names) == 3 and all(n.startswith("compiled-at-start.") for n in names)
    for hostile in ("../../etc/passwd", "", "a/b", "x" * 50, "fetch\n", "é"):
        assert code_cache.file_name(hostile) == code_cache.file_name("other")


_OTHER_CLASSES = """
import dataclasses, sys
from tui import code_cache
code_cache.install(sys.argv[1])
first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
for n in range(first, first + int(sys.argv[2])):
    dataclasses.make_dataclass(f"C{n}", [(f"field_{n}", int)])
code_cache.save()
"""


def test_a_file_grown_past_its_budget_keeps_what_the_last_run_used(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(classes: int, first: int = 0) -> dict[object, object]:
        subprocess.run(
            [sys.executable, "-c", _OTHER_CLASSES, str(tmp_path), str(classes), str(first)],
            check=True, env=environment, timeout=60,
        )  # fmt: skip
        code: dict[object, object] = marshal.loads(_cache_file(tmp_path).read_bytes())[1]
        return code

    many = run(600)  # three methods a class: past the budget, all of it used by this run
    assert len(many) > code_cache._KEEP_ENTRIES
    assert run(2) == many  # nothing new compiled: the file is not written again
    others = run(2, first=10_000)  # new classes: a save, keeping only what this run used
    assert 0 < len(others) <= 10 and not set(others) & set(many)
