"""LaTeX in titles and abstracts shown as Unicode text: ``Top-$k$`` reads ``Top-k``.

Owns `latex_to_unicode`. Balanced ``$...$``, ``$$...$$``, ``\\(...\\)`` and ``\\[...\\]`` are
math: commands become symbols (``\\alpha`` -> α, ``\\leq`` -> ≤), ``\\mathcal``/``\\mathbb``
letters become their Unicode forms, scripts become Unicode super/subscripts when every character
has one, and grouping braces go. Outside math only text-mode LaTeX is touched: escapes
(``\\%`` -> %), font commands (``\\emph{x}`` -> x), accents (``na\\"ive`` -> naïve),
````quotes''`` and a ``~`` between two words. URLs are left exactly as they are.

Decisions: ``--``/``---`` stay as written (they are also command-line flags and arrows in
abstracts); a ``~`` with a space on either side (``~2x``, "approximately") stays; an unknown
command loses its backslash and keeps its name. A ``$`` that is not part of a balanced pair stays,
and so do prices (``$5 and $10``): as in Pandoc, an opening ``$`` must be followed and a closing
one preceded by a non-space, and a closing one not followed by a digit. Pure and fast:
precompiled regexes, a fast path for text without LaTeX, a small cache.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from tui.domain.lazy_pattern import LazyPattern


def _pairs(spec: str) -> dict[str, str]:
    """``"a:b c:d"`` as ``{"a": "b", "c": "d"}``: the tables below stay readable this way."""
    return dict(pair.split(":", 1) for pair in spec.split())


_SYMBOLS = _pairs(
    "alpha:α beta:β gamma:γ delta:δ epsilon:ε varepsilon:ε zeta:ζ eta:η theta:θ vartheta:ϑ "
    "iota:ι kappa:κ lambda:λ mu:μ nu:ν xi:ξ omicron:ο pi:π varpi:ϖ rho:ρ varrho:ϱ sigma:σ "
    "varsigma:ς tau:τ upsilon:υ phi:φ varphi:φ chi:χ psi:ψ omega:ω Gamma:Γ Delta:Δ Theta:Θ "
    "Lambda:Λ Xi:Ξ Pi:Π Sigma:Σ Upsilon:Υ Phi:Φ Psi:Ψ Omega:Ω "
    "leq:≤ le:≤ geq:≥ ge:≥ neq:≠ ne:≠ approx:≈ sim:∼ simeq:≃ cong:≅ equiv:≡ propto:∝ ll:≪ "
    "gg:≫ lesssim:≲ gtrsim:≳ prec:≺ succ:≻ preceq:⪯ succeq:⪰ coloneqq:≔ triangleq:≜ "
    "doteq:≐ times:× cdot:· cdots:⋯ ldots:… dots:… vdots:⋮ ddots:⋱ infty:∞ sum:∑ prod:∏ "
    "coprod:∐ int:∫ iint:∬ oint:∮ partial:∂ nabla:∇ in:∈ notin:∉ ni:∋ subset:⊂ subseteq:⊆ "
    "supset:⊃ supseteq:⊇ cup:∪ cap:∩ bigcup:⋃ bigcap:⋂ setminus:∖ emptyset:∅ varnothing:∅ "
    "forall:∀ exists:∃ nexists:∄ neg:¬ lnot:¬ land:∧ wedge:∧ lor:∨ vee:∨ to:→ rightarrow:→ "
    "leftarrow:← gets:← leftrightarrow:↔ Rightarrow:⇒ Leftarrow:⇐ Leftrightarrow:⇔ "
    "implies:⟹ iff:⟺ mapsto:↦ longrightarrow:⟶ longleftarrow:⟵ longmapsto:⟼ uparrow:↑ "
    "downarrow:↓ hookrightarrow:↪ rightharpoonup:⇀ pm:± mp:∓ div:÷ ast:∗ star:⋆ circ:∘ "
    "bullet:• oplus:⊕ ominus:⊖ otimes:⊗ odot:⊙ ell:ℓ hbar:ℏ Re:ℜ Im:ℑ aleph:ℵ wp:℘ "
    "prime:′ top:⊤ bot:⊥ perp:⊥ parallel:∥ mid:∣ langle:⟨ rangle:⟩ lceil:⌈ rceil:⌉ "
    "lfloor:⌊ rfloor:⌋ angle:∠ triangle:△ square:□ Box:□ checkmark:✓ dagger:† dag:† "
    "ddagger:‡ ddag:‡ S:§ P:¶ copyright:© textdegree:° degree:° vdash:⊢ models:⊨ sharp:♯ "
    "flat:♭ lvert:| rvert:| vert:| Vert:‖ lVert:‖ rVert:‖ backslash:\\ textbackslash:\\ "
    "textasciitilde:~ textasciicircum:^ textendash:– textemdash:— textbar:| ss:ß o:ø O:Ø "
    "ae:æ AE:Æ oe:œ OE:Œ aa:å AA:Å l:ł L:Ł i:ı j:ȷ LaTeX:LaTeX TeX:TeX euro:€ pounds:£ "
    "colon::"
) | {"quad": " ", "qquad": "  "}
# Sizing, style switches and spacing that carry no text of their own.
_SILENT = frozenset(
    str.split(
        "left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr displaystyle textstyle "
        "scriptstyle limits nolimits bf it rm em sf tt sc sl cal bfseries itshape mdseries "
        "normalfont upshape small large Large footnotesize tiny huge noindent centering "
        "nonumber notag hfill"
    )
)
_ESCAPES = {",": " ", ";": " ", ":": " ", "!": "", " ": " ", "\\": " ", "|": "‖", "/": "", "-": ""}
# Commands whose one argument is shown as it is (the letter maps apply to two of them).
_ARG_COMMANDS = frozenset(
    str.split(
        "mathcal mathbb mathbf mathrm mathit mathsf mathtt mathfrak mathscr boldsymbol bm "
        "operatorname text textbf textit textrm textsf texttt textsc textup textnormal textsl "
        "emph underline overline mbox hbox url ensuremath mathnormal"
    )
)
_DROPPED_WITH_ARG = frozenset(str.split("cite citep citet citealp label"))
_MATH_ACCENTS = {
    "hat": "\u0302",
    "widehat": "\u0302",
    "bar": "\u0304",
    "tilde": "\u0303",
    "widetilde": "\u0303",
    "vec": "\u20d7",
    "dot": "\u0307",
    "ddot": "\u0308",
}
_TEXT_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "c": "\u0327",
    "v": "\u030c",
    "u": "\u0306",
    "H": "\u030b",
    "k": "\u0328",
    "r": "\u030a",
}
_TAKES_ARG = _ARG_COMMANDS | _DROPPED_WITH_ARG | frozenset(_MATH_ACCENTS) | {"frac", "sqrt"}


def _alphabet(capitals: int, smalls: int, holes: dict[str, str]) -> dict[str, str]:
    letters = {chr(ord("A") + n): chr(capitals + n) for n in range(26)}
    letters |= {chr(ord("a") + n): chr(smalls + n) for n in range(26)}
    return letters | holes


_SCRIPT_HOLES = "B:ℬ E:ℰ F:ℱ H:ℋ I:ℐ L:ℒ M:ℳ R:ℛ e:ℯ g:ℊ o:ℴ"
_DOUBLE_HOLES = "C:ℂ H:ℍ N:ℕ P:ℙ Q:ℚ R:ℝ Z:ℤ"
_FONTS = {
    "mathcal": _alphabet(0x1D49C, 0x1D4B6, _pairs(_SCRIPT_HOLES)),
    "mathscr": _alphabet(0x1D49C, 0x1D4B6, _pairs(_SCRIPT_HOLES)),
    "mathbb": _alphabet(0x1D538, 0x1D552, _pairs(_DOUBLE_HOLES))
    | {str(n): chr(0x1D7D8 + n) for n in range(10)},
}

_SUPERSCRIPTS = dict(
    zip(
        "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδθφχε*′'∘⊤† ",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᶿᵠᵡᵋ*′′°ᵀ†\0",
        strict=True,
    )
)
_SUBSCRIPTS = dict(
    zip(
        "0123456789+-−=()aehijklmnoprstuvxβγρφχ ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ\0",
        strict=True,
    )
)

# Only the fast path is compiled at import: most titles and abstracts have no LaTeX at all.
_FAST_PATH = re.compile(r"[$\\~]|``")
_SEGMENTS = LazyPattern(
    r"(?P<url>https?://[^\s<>\"']+)"
    r"|\$(?<!\\\$)\$(?P<display>[^$]{1,2000}?)\$\$"
    r"|\$(?<!\\\$)(?=[^\s$])(?P<inline>(?:[^$\\]|\\.){1,400}?)(?<!\s)\$(?!\d)"
    r"|\\\((?P<paren>.{1,400}?)\\\)"
    r"|\\\[(?P<bracket>.{1,2000}?)\\\]",
    re.DOTALL,
)
_LETTER_ACCENT = LazyPattern(r"\\([\"'`^~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|([A-Za-z]))")
_WORD_ACCENT = LazyPattern(r"\\([cvuHkr])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z])(?![A-Za-z]))")
_SWITCH_GROUP = LazyPattern(r"\{\\([A-Za-z]+)\s*([^{}]*)\}")
_ARG = LazyPattern(r"\\([A-Za-z]+)\s*\{([^{}]*)\}()")
# In math a command's argument may also be one token: ``\mathbb R``.
_MATH_ARG = LazyPattern(r"\\([A-Za-z]+)(?:\s*\{([^{}]*)\}|\s+([^\s{}\\]))")
_FRAC = LazyPattern(r"\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SQRT = LazyPattern(r"\\sqrt\s*(?:\[([^\]{}]*)\])?\s*\{([^{}]*)\}")
_SCRIPT = LazyPattern(r"([\^_])\s*(?:\{([^{}]*)\}|([^\s{}\\^_]))")
_COMMAND = LazyPattern(r"\\(?:([A-Za-z]+)|(.))", re.DOTALL)
_QUOTES = LazyPattern(r"``([^`'\n]{1,300}?)''")
_TIE = LazyPattern(r"~(?<=\S~)(?=\S)")
_BRACES = LazyPattern(r"[{}]")
# Escaped braces and scripts kept as plain text are parked while the rest of the math resolves.
_PARKED = {"{": "\ue000", "}": "\ue001", "_": "\ue002", "^": "\ue003"}
_UNPARK = str.maketrans({v: k for k, v in _PARKED.items()})


@lru_cache(maxsize=8192)
def latex_to_unicode(text: str) -> str:
    """`text` with its LaTeX rendered as Unicode; text without LaTeX comes back unchanged."""
    if not _FAST_PATH.search(text):
        return text
    pieces: list[str] = []
    start = 0
    for match in _SEGMENTS.finditer(text):
        pieces.append(_text(text[start : match.start()]))
        url, *math = match.group("url", "display", "inline", "paren", "bracket")
        pieces.append(url if url is not None else _math(next(m for m in math if m is not None)))
        start = match.end()
    pieces.append(_text(text[start:]))
    return "".join(pieces)


def _text(text: str) -> str:
    if not _FAST_PATH.search(text):
        return text
    text = _accents(text)
    if "\\" in text:
        text = _SWITCH_GROUP.sub(_switch_group, text)
        text = _until_stable(text, lambda t: _ARG.sub(_arg, t))
        text = _COMMAND.sub(_command, text)
    text = _QUOTES.sub(r"“\1”", text) if "``" in text else text
    return _TIE.sub(" ", text) if "~" in text else text


def _math(text: str) -> str:
    if "\\" in text:
        text = _COMMAND.sub(_symbol_only, _accents(text))
    text = _until_stable(text, _math_pass)
    if "\\" in text:
        text = _COMMAND.sub(_command, text)
    if "{" in text or "}" in text:
        text = _BRACES.sub("", text)
    return text.replace("~", " ").translate(_UNPARK)


def _math_pass(text: str) -> str:
    if "\\" in text:
        text = _FRAC.sub(_frac, text) if "\\frac" in text else text
        text = _SQRT.sub(_sqrt, text) if "\\sqrt" in text else text
        text = _MATH_ARG.sub(_arg, text)
    return _SCRIPT.sub(_script, text) if "^" in text or "_" in text else text


def _until_stable(text: str, step: Callable[[str], str]) -> str:
    # Each pass resolves the innermost groups; nesting deeper than this is left to the fallback.
    for _ in range(8):
        if "{" not in text and "\\" not in text and "^" not in text and "_" not in text:
            break
        changed = step(text)
        if changed == text:
            break
        text = changed
    return text


def _accents(text: str) -> str:
    if "\\" not in text:
        return text
    text, letters = _LETTER_ACCENT.subn(_accent, text)
    text, words = _WORD_ACCENT.subn(_accent, text)
    return unicodedata.normalize("NFC", text) if letters or words else text


def _accent(match: re.Match[str]) -> str:
    letter = (match.group(2) or match.group(3)).lstrip("\\")
    return letter + _TEXT_ACCENTS[match.group(1)]


def _switch_group(match: re.Match[str]) -> str:
    name, rest = match.group(1), match.group(2)
    if name in _SILENT:
        return rest
    if name in _TAKES_ARG:
        return match.group(0)
    return _SYMBOLS.get(name, name) + rest


def _arg(match: re.Match[str]) -> str:
    name = match.group(1)
    content = match.group(2) if match.group(2) is not None else match.group(3) or ""
    if name in _DROPPED_WITH_ARG:
        return ""
    if name in _MATH_ACCENTS:
        return content + _MATH_ACCENTS[name] if len(content) == 1 else content
    if name not in _ARG_COMMANDS:
        return match.group(0)
    font = _FONTS.get(name)
    return "".join(font.get(c, c) for c in content) if font else content


def _frac(match: re.Match[str]) -> str:
    return f"{_operand(match.group(1))}/{_operand(match.group(2))}"


def _sqrt(match: re.Match[str]) -> str:
    degree = (match.group(1) or "").strip()
    root = {"": "√", "3": "∛", "4": "∜"}.get(degree) or f"{_operand(degree)}√"
    return root + _operand(match.group(2))


def _operand(content: str) -> str:
    content = content.strip()
    return content if len(content) <= 1 or content.isalnum() else f"({content})"


def _script(match: re.Match[str]) -> str:
    content = match.group(2) if match.group(2) is not None else match.group(3)
    table = _SUPERSCRIPTS if match.group(1) == "^" else _SUBSCRIPTS
    if content.strip() and "\\" not in content and all(c in table for c in content):
        return "".join(table[c] for c in content).replace("\0", "")
    if "\\" in content:
        return match.group(0)
    return _PARKED[match.group(1)] + _operand(content)


def _symbol_only(match: re.Match[str]) -> str:
    name, char = match.group(1), match.group(2)
    if name is None:
        return _PARKED.get(char) or _ESCAPES.get(char, char)
    if name in _TAKES_ARG:
        return match.group(0)
    return _command(match)


def _command(match: re.Match[str]) -> str:
    name, char = match.group(1), match.group(2)
    if name is None:
        return _ESCAPES.get(char, char)
    if name in _SILENT:
        return ""
    return _SYMBOLS.get(name, name)


# Math commands that only draw (symbols, fonts, accents, fractions, sizing): the citation code
# keeps a ``$...$`` span verbatim only when every command in it is one of these.
_OPERATORS = frozenset(
    str.split(
        "log ln lg exp sin cos tan cot sec csc sinh cosh tanh arcsin arccos arctan max min sup "
        "inf lim limsup liminf det dim ker deg gcd Pr arg hom argmax argmin not mathring "
        "overrightarrow overleftarrow underbrace overbrace binom tfrac dfrac"
    )
)
DRAWING_COMMANDS: frozenset[str] = (
    frozenset(_SYMBOLS) | _SILENT | _OPERATORS | (_TAKES_ARG - _DROPPED_WITH_ARG)
)
# Unicode symbols back to their math command (α -> alpha), for ASCII-only BibTeX.
SYMBOL_COMMANDS: dict[str, str] = {
    symbol: name
    for name, symbol in reversed(_SYMBOLS.items())
    if len(symbol) == 1 and not symbol.isascii() and name.isalpha()
}
