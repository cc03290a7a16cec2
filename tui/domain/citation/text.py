"""Text pieces shared by the citation formats: ASCII folding, LaTeX in and out.

`escape_latex` makes text safe inside a braced BibTeX field: the specials ``# $ % & _ { } ~ ^ \\``
are escaped outside math, and every brace it writes comes in a ``{}`` pair, so a field's braces
always balance even to BibTeX, which counts ``\\{`` as a brace. A backslash from a feed is text,
never a command: ``\\input{x}`` becomes ``\\textbackslash{}input\\textbraceleft{}x...``. A balanced
``$...$`` math span is kept verbatim only when every command in it just draws (``\\alpha``,
``\\mathcal``, ``\\frac``: `tui.domain.latex.DRAWING_COMMANDS`) and it holds no ``^^``; any
other is rendered to Unicode and escaped as text. With ``ascii_only`` accented letters become
LaTeX accents (``é`` -> ``{\\'e}``), math symbols rendered to Unicode their command again
(``α`` -> ``\\ensuremath{\\alpha}``), a few letters and dashes get their LaTeX names, and
anything else non-ASCII becomes ``?``. ``@`` is written ``{@}``, so that no tolerant parser
mistakes ``@word{`` in a title for the start of an entry. `latex_to_plain` is the small local
inverse for the plain-text formats.
"""

from __future__ import annotations

import re
import unicodedata

from tui.domain.latex import DRAWING_COMMANDS, SYMBOL_COMMANDS, latex_to_unicode

# --- plain text ------------------------------------------------------------------------------


def clean_line(text: str) -> str:
    """`text` on one line: no unprintable characters (nor lone surrogates), single spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l",
     "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"}
)  # fmt: skip


def ascii_fold(text: str) -> str:
    """`text` reduced to ASCII: accents dropped, a few letters spelled out, the rest removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return decomposed.encode("ascii", "ignore").decode("ascii")


_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "times": "×", "infty": "∞", "to": "→", "rightarrow": "→", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "cdot": "·", "pm": "±", "approx": "≈", "sim": "~", "ell": "ℓ",
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
    "textbraceleft": "{", "textbraceright": "}", "ldots": "…", "dots": "…",
}  # fmt: skip
_FORMATTING = frozenset(
    {
        "textbf", "textit", "emph", "textrm", "textsf", "texttt", "textsc", "textup", "mathrm",
        "mathbf", "mathit", "mathsf", "mathtt", "mathcal", "mathbb", "mathfrak", "boldsymbol",
        "text", "mbox", "operatorname", "left", "right",
    }
)  # fmt: skip
_COMMAND = re.compile(r"\\([A-Za-z]+)(?:\{\})?|\\([#$%&_{}~^ ,;])|(?<!\\)[{}$]")
_ACCENT_MARKS = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    '"': "\u0308",
}  # fmt: skip
_ACCENTED = re.compile(r"(\{)?\\([`'^~=.\"])(?:\{([A-Za-z])\}|([A-Za-z]))(?(1)\})")


def accents_to_unicode(text: str) -> str:
    """LaTeX accents on letters as Unicode: ``Schr\\"odinger`` and ``{\\'e}`` -> ö, é."""

    def compose(match: re.Match[str]) -> str:
        letter = match.group(3) or match.group(4)
        return unicodedata.normalize("NFC", letter + _ACCENT_MARKS[match.group(2)])

    return _ACCENTED.sub(compose, text)


def latex_to_plain(text: str) -> str:
    """A title's LaTeX rendered to plain text, simply: ``From $r$ to $Q^*$`` -> ``From r to Q^*``.

    Accents and escaped specials become the character, a few commands (Greek letters, common
    symbols) become Unicode, formatting commands vanish, other command names lose their
    backslash, bare braces and ``$`` go.
    """

    def replace(match: re.Match[str]) -> str:
        command, special = match.group(1), match.group(2)
        if command:
            return "" if command in _FORMATTING else _GREEK.get(command, command)
        if special:
            return "" if special in " ,;" else special
        return ""

    return clean_line(_COMMAND.sub(replace, accents_to_unicode(text)))


# --- LaTeX escaping --------------------------------------------------------------------------

_TEXT_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    # Not special to LaTeX, but tools resync on "@word{" inside a field: "{@}" prints "@".
    "@": "{@}",
}
_ALREADY_ESCAPED = "#$%&_"
_SYMBOL_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=", "\u0307": ".",
    "\u0308": '"',
}  # fmt: skip
_LETTER_ACCENTS = {
    "\u0306": "u", "\u030c": "v", "\u030b": "H", "\u0327": "c", "\u0328": "k", "\u030a": "r",
    "\u0323": "d", "\u0331": "b",
}  # fmt: skip
_ASCII_LETTERS = {
    "ß": r"{\ss}", "æ": r"{\ae}", "Æ": r"{\AE}", "ø": r"{\o}", "Ø": r"{\O}", "œ": r"{\oe}",
    "Œ": r"{\OE}", "ł": r"{\l}", "Ł": r"{\L}", "ı": r"{\i}", "å": r"{\aa}", "Å": r"{\AA}",
    "đ": r"{\dj}", "Đ": r"{\DJ}", "þ": r"{\th}", "Þ": r"{\TH}", "ð": r"{\dh}", "Ð": r"{\DH}",
    "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "…": r"\ldots{}",
    "\u00a0": " ",
}  # fmt: skip


def _ascii_char(char: str) -> str:
    """One non-ASCII character as LaTeX; ``?`` when there is no simple spelling."""
    if char in _ASCII_LETTERS:
        return _ASCII_LETTERS[char]
    if char in SYMBOL_COMMANDS:  # math rendered to Unicode stays readable: α -> \alpha
        return f"\\ensuremath{{\\{SYMBOL_COMMANDS[char]}}}"
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    if not (base.isascii() and base.isalpha()) or not marks:
        return "?"
    inner = base
    for index, mark in enumerate(marks):
        if mark in _SYMBOL_ACCENTS:
            accent = _SYMBOL_ACCENTS[mark]
            inner = f"\\{accent}{inner}" if index == 0 else f"\\{accent}{{{inner}}}"
        elif mark in _LETTER_ACCENTS:
            inner = f"\\{_LETTER_ACCENTS[mark]}{{{inner}}}"
    return f"{{{inner}}}" if inner != base else base


def _escape_text(text: str, ascii_only: bool) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1 : index + 2]
        if char == "\\" and following and following in _ALREADY_ESCAPED:
            out.append(char + following)  # the source already escaped it: keep it
            index += 2
            continue
        if char == "\\" and following in ("{", "}"):
            out.append(_TEXT_ESCAPES[following])
            index += 2
            continue
        if char in _TEXT_ESCAPES:
            out.append(_TEXT_ESCAPES[char])
        elif ascii_only and not char.isascii():
            out.append(_ascii_char(char))
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _delimiters(text: str) -> list[int]:
    """Positions of the ``$`` not escaped by an odd run of backslashes."""
    positions = []
    backslashes = 0
    for index, char in enumerate(text):
        if char == "$" and backslashes % 2 == 0:
            positions.append(index)
        backslashes = backslashes + 1 if char == "\\" else 0
    return positions


_MATH_COMMAND = re.compile(r"\\([A-Za-z]+|.)", re.DOTALL)
_MATH_MARKS = frozenset("{},;:!| _#%&$^~'\"\\")


def _draws_only(body: str) -> bool:
    """True when every command in `body` only draws (no ``\\input``, ``\\def``, ``\\iffalse``,
    ``\\immediate``, ``\\end``...) and no ``^^`` spells a character TeX would read as one."""
    if "^^" in body:
        return False
    for match in _MATH_COMMAND.finditer(body):
        name = match.group(1)
        if name not in (DRAWING_COMMANDS if name[:1].isalpha() else _MATH_MARKS):
            return False
    return True


def _valid_math(body: str, ascii_only: bool) -> bool:
    """True when ``$body$`` can go into a BibTeX field verbatim."""
    if not body.strip() or (ascii_only and not body.isascii()) or not _draws_only(body):
        return False
    depth = 0
    for char in body:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    unescaped = re.sub(r"\\.", "", body)
    return depth == 0 and not any(char in unescaped for char in "%#@&")


def split_math(text: str, ascii_only: bool = False) -> list[tuple[bool, str]]:
    """`text` cut into (is_math, piece) pieces. Only balanced, well-formed ``$...$`` whose
    commands only draw are math; any other ``$...$`` span is rendered to Unicode text
    (``$\\input{x}$`` -> ``inputx``), so that its backslashes are escaped as text."""
    pieces: list[tuple[bool, str]] = []
    delimiters = _delimiters(text)
    start = 0
    for open_at, close_at in zip(delimiters[::2], delimiters[1::2], strict=False):
        body = text[open_at + 1 : close_at]
        if _valid_math(body, ascii_only):
            pieces.append((False, text[start:open_at]))
            pieces.append((True, text[open_at : close_at + 1]))
            start = close_at + 1
        elif "\\" in body and body.strip():
            pieces.append((False, text[start:open_at]))
            pieces.append((False, latex_to_unicode(text[open_at : close_at + 1])))
            start = close_at + 1
    pieces.append((False, text[start:]))
    return [(is_math, piece) for is_math, piece in pieces if piece]


def escape_latex(text: str, *, ascii_only: bool = False, keep_math: bool = True) -> str:
    """`text` for a braced BibTeX field (see the module docstring)."""
    text = accents_to_unicode(clean_line(text))
    pieces = split_math(text, ascii_only) if keep_math else [(False, text)]
    return "".join(
        piece if is_math else _escape_text(piece, ascii_only) for is_math, piece in pieces
    )
