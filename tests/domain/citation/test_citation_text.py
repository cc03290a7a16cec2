"""Author names, ASCII folding, LaTeX escaping and its plain-text rendering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.citation.names import PersonName, initials, split_name
from tui.domain.citation.text import (
    accents_to_unicode,
    ascii_fold,
    clean_line,
    escape_latex,
    latex_to_plain,
)


def latex_problems(value: str) -> list[str]:
    """What makes `value` unsafe in a braced BibTeX field (empty when it is safe).

    Outside math every ``# $ % & _ ~ ^`` must follow a backslash, a backslash must start a
    command or an escape, and no ``\\{``/``\\}`` may appear (BibTeX counts them as braces).
    Braces must nest properly everywhere, math spans must close and hold no ``%`` or ``#``.
    """
    problems: list[str] = []
    depth, math, index = 0, False, 0
    while index < len(value):
        char = value[index]
        following = value[index + 1 : index + 2]
        if char == "\\":
            if following.isascii() and following.isalpha():
                index += 1
                while (
                    index + 1 < len(value)
                    and value[index + 1].isascii()
                    and value[index + 1].isalpha()
                ):
                    index += 1
            elif (following and following in "#$%&_'\"`=.~^") or (math and following in "{},;! "):
                index += 1
            else:
                problems.append(f"bad backslash at {index}")
        elif char == "$":
            math = not math
        elif char in "{}":
            depth += 1 if char == "{" else -1
            if depth < 0:
                problems.append(f"unbalanced brace at {index}")
        elif char in "#%" or (not math and char in "&_~^"):
            problems.append(f"unescaped {char!r} at {index}")
        index += 1
    if depth:
        problems.append("braces do not balance")
    if math:
        problems.append("math span left open")
    return problems


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Rafael Rafailov", PersonName("Rafael", "Rafailov")),
        ("Jean-Pierre van der Berg", PersonName("Jean-Pierre", "van der Berg")),
        ("Maria de la Cruz", PersonName("Maria", "de la Cruz")),
        ("Ludwig van Beethoven", PersonName("Ludwig", "van Beethoven")),
        ("Mary Ann Evans", PersonName("Mary Ann", "Evans")),
        ("Martin Luther King Jr.", PersonName("Martin Luther", "King", "Jr.")),
        ("King, Martin Luther", PersonName("Martin Luther", "King")),
        ("King, Jr., Martin", PersonName("Martin", "King", "Jr.")),
        ("Martin King, Jr.", PersonName("Martin", "King", "Jr.")),
        ("Plato", PersonName("", "Plato")),
        ("  José   Müller ", PersonName("José", "Müller")),
        (", John", PersonName("", "John")),
    ],
)
def test_split_name(name: str, expected: PersonName) -> None:
    assert split_name(name) == expected


@pytest.mark.parametrize(
    ("given_names", "expected"),
    [
        ("Jean-Pierre", "J.-P."),
        ("Mary Ann", "M. A."),
        ("J.R.R.", "J. R. R."),
        ("", ""),
        ("Ó", "Ó."),
    ],
)
def test_initials(given_names: str, expected: str) -> None:
    assert initials(given_names) == expected


def test_ascii_fold() -> None:
    assert (
        ascii_fold("Müller Łukasz Straße Ødegaard ąę 山田") == "Muller Lukasz Strasse Odegaard ae "
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From $r$ to $Q^*$: Your Model", "From $r$ to $Q^*$: Your Model"),
        ("50% & more_x #1 ~ ^", r"50\% \& more\_x \#1 \textasciitilde{} \textasciicircum{}"),
        (r"a {b} c\d", r"a \textbraceleft{}b\textbraceright{} c\textbackslash{}d"),
        (r"already 10\% \& \_", r"already 10\% \& \_"),
        (r"brace \{ alone", r"brace \textbraceleft{} alone"),
        ("one $ dollar", r"one \$ dollar"),
        ("$x{$ unbalanced", r"\$x\textbraceleft{}\$ unbalanced"),
        ("$50% off$", r"\$50\% off\$"),
        ("$$", r"\$\$"),
        ("price \\$5 and $x$", r"price \$5 and $x$"),
        ("multi\n line\ttext", "multi line text"),
        ("mail me@misc{x}", r"mail me{@}misc\textbraceleft{}x\textbraceright{}"),
        ("$@{x}$", r"\${@}\textbraceleft{}x\textbraceright{}\$"),
        ("Schr\\\"odinger caf{\\'e}", "Schrödinger café"),
    ],
)
def test_escape_latex(text: str, expected: str) -> None:
    assert escape_latex(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("é ü ß", r"{\'e} {\"u} {\ss}"),
        ("Łódź", r"{\L}{\'o}d{\'z}"),
        ("čšň", r"{\v{c}}{\v{s}}{\v{n}}"),
        ("ệ", r"{\^{\d{e}}}"),
        ("Ærø–x", r"{\AE}r{\o}--x"),
        ("snow ☃ 山", "snow ? ?"),
        ("$α$ and $x$", r"\$\ensuremath{\alpha}\$ and $x$"),
    ],
)
def test_escape_latex_ascii_only(text: str, expected: str) -> None:
    assert escape_latex(text, ascii_only=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From $r$ to $Q^*$: Secretly", "From r to Q^*: Secretly"),
        (r"10\% better \& faster", "10% better & faster"),
        (r"\textbf{Bold} $\alpha$-nets and $\mathcal{O}(n)$", "Bold α-nets and O(n)"),
        (r"Schr\"odinger {\'e}t{\'e}", "Schrödinger été"),
        (r"\textbackslash{} \textbraceleft{}x\textbraceright{}", "\\ {x}"),
        (r"unknown \foo command", "unknown foo command"),
    ],
)
def test_latex_to_plain(text: str, expected: str) -> None:
    assert latex_to_plain(text) == expected


def test_accents_to_unicode() -> None:
    assert (
        accents_to_unicode(r"G\"odel, Erd\H{o}s, {\'E}cole, \^{i}") == "Gödel, Erd\\H{o}s, École, î"
    )


_LATEXY = st.text(
    alphabet=st.one_of(st.sampled_from(list("#$%&_{}~^\\ abcé'\"`=.")), st.characters()),
    max_size=80,
)


@given(_LATEXY, st.booleans())
def test_escaped_text_is_always_safe(text: str, ascii_only: bool) -> None:
    escaped = escape_latex(text, ascii_only=ascii_only)
    assert latex_problems(escaped) == []
    escaped.encode("utf-8")  # no lone surrogate survives
    if ascii_only:
        assert escaped.isascii()


@given(_LATEXY)
def test_names_escaped_without_math_have_no_dollar_spans(text: str) -> None:
    escaped = escape_latex(text, keep_math=False)
    assert latex_problems(escaped) == []
    assert "$" not in escaped.replace("\\$", "")


@given(st.text(alphabet=st.characters(blacklist_characters="\\$"), max_size=80))
def test_plain_text_round_trips_through_escaping(text: str) -> None:
    assert latex_to_plain(escape_latex(text)) == clean_line(text)


def test_latex_problems_sees_problems() -> None:
    assert (
        latex_problems("50%")
        and latex_problems("a_b")
        and latex_problems("{")
        and latex_problems("\\{")
    )
    assert latex_problems("$x") and latex_problems("}{") and not latex_problems(r"$x^{2}$ \% \'e")
