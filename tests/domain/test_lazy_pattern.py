"""LazyPattern compiles on first use and answers as the compiled pattern does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tui.domain.lazy_pattern import LazyPattern

SOURCE = r"\\([A-Za-z]+)\s*\{([^{}]*)\}"


def test_nothing_is_compiled_before_first_use() -> None:
    lazy = LazyPattern(SOURCE)
    assert lazy._compiled is None
    assert lazy.pattern == SOURCE
    assert lazy.search(r"a \emph{b}") is not None
    assert lazy.compiled is lazy.compiled  # compiled once, then kept


@given(st.text(alphabet="\\{} abemph$", max_size=30))
def test_every_method_answers_as_re_does(text: str) -> None:
    lazy, compiled = LazyPattern(SOURCE, re.DOTALL), re.compile(SOURCE, re.DOTALL)
    assert lazy.sub(r"<\2>", text) == compiled.sub(r"<\2>", text)
    assert lazy.subn(lambda m: m.group(1), text) == compiled.subn(lambda m: m.group(1), text)
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    for ours, theirs in (
        (lazy.search(text), compiled.search(text)),
        (lazy.match(text), compiled.match(text)),
        (lazy.fullmatch(text), compiled.fullmatch(text)),
    ):
        assert (ours and ours.span()) == (theirs and theirs.span())
