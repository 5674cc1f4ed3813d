"""Our Unicode <-> LaTeX policy for BibTeX fields, and title case protection.

``encode`` escapes the ten specials and, for classic BibTeX, writes accented letters as
``{\\"o}`` so that sorting, purify$ and initials work; ``decode`` inverts exactly that.

Characters pdflatex cannot print with its default set-up and that have no LaTeX command (CJK,
Cyrillic, Arabic, Hebrew, Devanagari, Thai, stray symbols such as ⊙ or ℝ) are, with ``wrap``,
written one per ``{\\UBchar{X}}``: a BibTeX special character, so that purify$, change.case$,
sorting and initials keep it whole. The .bib's @preamble (export/bibtex.py ``PREAMBLE``) defines
``\\UBchar``: the character itself where the engine can print it, else a visible [U+XXXX] and
a LaTeX warning. User-facing description: docs (script.md, "Non-Latin scripts and symbols").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A literal brace is a command, not "\{": BibTeX counts every brace, escaped or not, so a lone
# "\}" would end the field and let the rest of the value write fields of its own.
SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%",
    "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
# combining mark -> accent command
ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0308": '"', "\u030a": "r",
    "\u0327": "c", "\u030c": "v", "\u0304": "=", "\u0307": ".", "\u0306": "u", "\u0328": "k",
    "\u030b": "H", "\u0323": "d",
}
LETTERS = {
    "ø": r"\o", "Ø": r"\O", "ß": r"\ss", "æ": r"\ae", "Æ": r"\AE", "œ": r"\oe", "Œ": r"\OE",
    "ł": r"\l", "Ł": r"\L", "å": r"\aa", "Å": r"\AA", "ı": r"\i", "ȷ": r"\j",
}
SYMBOLS = {"–": r"{\textendash}", "—": r"{\textemdash}", "“": r"{\textquotedblleft}", "”": r"{\textquotedblright}",
           "‘": r"{\textquoteleft}", "’": r"{\textquoteright}", "\u00a0": "~", "…": r"{\ldots}"}
# Greek letters and mathematical symbols pdflatex has no text glyph for: written in math mode, braced
# so that BibTeX's case changes and purify$ leave them alone ("PixArt-Σ" -> "PixArt-{$\Sigma$}").
_GREEK = dict(zip(
    "αβγδεζηθικλμνξπρςστυφχψωϵϑϕϖϱΓΔΘΛΞΠΣΥΦΨΩ",
    ("alpha beta gamma delta varepsilon zeta eta theta iota kappa lambda mu nu xi pi rho varsigma sigma tau upsilon "
     "varphi chi psi omega epsilon vartheta phi varpi varrho Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi "
     "Omega").split()))
_MATH_SYMBOLS = dict(zip(
    "∇∞≤≥≠≈≡∼∝→←↔⇒⇐⇔↦↑↓∑∏∫∂∈∉∀∃∅∩∪⊂⊃⊆⊇∧∨⊕⊗∘⋆∗√ℓ′⊥∥≪≫∓⋅ℏ℘ℵ∠⟨⟩⊤∖≺≻⪯⪰≃≅∣",
    ("nabla infty leq geq neq approx equiv sim propto rightarrow leftarrow leftrightarrow Rightarrow Leftarrow "
     "Leftrightarrow mapsto uparrow downarrow sum prod int partial in notin forall exists emptyset cap cup subset "
     "supset subseteq supseteq wedge vee oplus otimes circ star ast surd ell prime perp parallel ll gg mp cdot hbar "
     "wp aleph angle langle rangle top setminus prec succ preceq succeq simeq cong mid").split()))
MATH = ({ch: "{$\\" + name + "$}" for ch, name in {**_GREEK, **_MATH_SYMBOLS}.items()}
        | {ch: "{$\\mathrm{" + latin + "}$}" for ch, latin in zip("ΑΒΕΖΗΙΚΜΝΟΡΤΧο", "ABEZHIKMNOPTXo")}
        | {chr(0x2070 + d): "{$^{" + str(d) + "}$}" for d in (0, 4, 5, 6, 7, 8, 9)}
        | {chr(0x2080 + d): "{$_{" + str(d) + "}$}" for d in range(10)})


def pictographic(ch: str) -> bool:
    """Emoji and pictographs (and the joiners, selectors and skin tones that build them).

    pdflatex has no glyph for them; in a BibTeX field they are decoration ("🔥 New", "✨"), so
    ``encode`` drops them. Only the emoji blocks count: U+2600-27BF (miscellaneous symbols,
    dingbats), U+2B00-2BFF (⭐), U+1F000-1FAFF; ©, °, ™, arrows, math and every script stay.
    """
    code = ord(ch)
    if code < 0x2600:
        return code == 0x20E3  # combining keycap (the zero-width joiner: see ``drop_pictographs``)
    if code <= 0x27BF or 0x2B00 <= code <= 0x2BFF or 0x1F000 <= code <= 0x1FAFF:
        return unicodedata.category(ch) in ("So", "Sk", "Cn")
    return 0xFE00 <= code <= 0xFE0F or 0xE0020 <= code <= 0xE007F  # variation selectors, tags


# What pdflatex prints with no package loaded (UTF-8 input, OT1 and TS1 fonts, LaTeX 2022): Latin-1 and
# Latin Extended-A but for the letters only T1 has (Đ, ð, þ, Ŋ, ogonek letters, «, »), and common
# punctuation. tests/test_compile_scripts.py compiles each one under pdflatex with and without T1.
_PRINTS = re.compile("[\u00a0-\u00aa\u00ac-\u00ba\u00bc-\u00cf\u00d1-\u00dd\u00df-\u00ef\u00f1-\u00fd"
                     "\u00ff-\u0103\u0106-\u010f\u0112-\u0117\u011a-\u0125\u0128-\u012d\u0130-\u0137"
                     "\u0139-\u013e\u0141-\u0148\u014c-\u0165\u0168-\u0171\u0174-\u017e\u2010-\u2016"
                     "\u2018\u2019\u201c\u201d\u2020-\u2022\u2026\u2030\u20ac\u2122]")
ZWJ = "\u200d"
WRAP = "\\UBchar"  # the macro of ``{\UBchar{X}}``, defined by the .bib's @preamble


def pdflatex_prints(text: str) -> bool:
    """Can pdflatex print every character of ``text`` (already encoded) with its default set-up?"""
    return text.isascii() or all(ord(ch) < 128 or _PRINTS.match(ch) for ch in text)


def wrapped(ch: str) -> str:
    """One character as ``{\\UBchar{X}}`` (a BibTeX special character: sorting and initials keep it whole)."""
    return "{" + WRAP + "{" + ch + "}}"


_LETTER_CMDS = {v: k for k, v in LETTERS.items()}
_ACCENT_CMDS = {v: k for k, v in ACCENTS.items()}


def _encode_char(ch: str, ascii_only: bool, wrap: bool = False) -> str:
    if ch in SPECIALS:
        return SPECIALS[ch]
    if ord(ch) < 128:
        return ch
    if ch in MATH:
        return MATH[ch]
    if pictographic(ch):
        return ""
    if not ascii_only:
        return ch
    if ch in LETTERS:
        return "{" + LETTERS[ch] + "}"
    if ch in SYMBOLS:
        return SYMBOLS[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if marks and all(m in ACCENTS for m in marks) and ord(base) < 128 and not (wrap and "\u0328" in marks):
        out = {"i": r"\i", "j": r"\j"}.get(base, base) if marks[0] in ACCENTS else base
        for mark in marks:
            cmd = ACCENTS[mark]
            out = f"\\{cmd}{out}" if not cmd.isalpha() and len(out) == 1 else f"\\{cmd}{{{out}}}"
        return "{" + out + "}"
    if wrap and not (_PRINTS.match(ch) and not unicodedata.category(ch).startswith("L")):
        return wrapped(ch)  # no classic encoding and pdflatex has no glyph by default (\k: T1 only)
    return ch  # left as UTF-8 (modern LaTeX reads UTF-8 input)


def encode(text: str, *, ascii_only: bool = True, wrap: bool = False) -> str:
    """Escape plain text for a BibTeX field value (pictographs dropped, see ``pictographic``).

    ``wrap`` (classic BibTeX only): a character with no classic encoding that pdflatex cannot
    print by default is written ``{\\UBchar{X}}`` (module docstring); the .bib then needs the
    @preamble that defines it.
    """
    if text.isascii():
        return _encode(text, ascii_only, False) if _NEEDS_WORK.search(text) else text
    return _encode(drop_pictographs(text), ascii_only, wrap and ascii_only)


def _shapes(text: str, i: int) -> bool:
    """Does the zero-width joiner at ``text[i]`` join two letters or marks (क्‍ष in Devanagari)?

    Between emoji (👩‍💻) it is part of the pictograph and goes with it; between Latin letters or
    alone it changes nothing and is dropped too."""
    return 0 < i < len(text) - 1 and all(unicodedata.category(ch)[0] in "LM" and not pdflatex_prints(ch)
                                         for ch in (text[i - 1], text[i + 1]))


def drop_pictographs(text: str) -> str:
    """``text`` without emoji and pictographs, the spaces they stood between collapsed to one."""
    if text.isascii() or not (ZWJ in text or any(pictographic(ch) for ch in text)):
        return text
    kept = "".join(ch for i, ch in enumerate(text) if not pictographic(ch) and (ch != ZWJ or _shapes(text, i)))
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", kept).strip() if kept.strip() != text.strip() else kept


@lru_cache(maxsize=1 << 14)
def _encode(text: str, ascii_only: bool, wrap: bool) -> str:
    # Names and venues recur across a bibliography: each distinct one is worked out once.
    out = "".join(_encode_char(ch, ascii_only, wrap) for ch in text)
    # ASCII "--", "``" and "''" are ligatures in LaTeX: break them so they stay as typed.
    return _LIGATURE.sub(lambda m: m.group(0)[0] + "{}", out) if ("--" in out or "``" in out or "''" in out) else out


_NEEDS_WORK = re.compile(r"[\\{}&%$#_~^`'-]")
_LIGATURE = re.compile(r"-(?=-)|`(?=`)|'(?=')")


# --- LaTeX -> Unicode: the one decoder ---------------------------------------------------------
#
# A fast path for what .bib files are full of (accents typed braced or bare, \o-style letters,
# escaped specials, dashes, quotes, ties), pylatexenc for anything else, and a small table of our
# own only where pylatexenc reads a command differently from LaTeX (tests/test_latex_decode.py
# checks each case against pandoc's reading or says why pandoc is wrong).

_COMBINING = {"`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", '"': "\u0308", "=": "\u0304",
              ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
              "r": "\u030a", "d": "\u0323", "b": "\u0331"}
# Letters and symbols written as commands. "{" "}" "~" "-" "`" "'" come out as stand-ins
# (private-use characters) so that brace dropping and ligatures leave them alone.
_KEEP = {"{": "\ue000", "}": "\ue001", "~": "\ue002", "-": "\ue003", "`": "\ue004", "'": "\ue005", "$": "\ue006",
         "\\": "\ue007"}
_UNKEEP = str.maketrans({v: k for k, v in _KEEP.items()})
_NAMED = {"o": "ø", "O": "Ø", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł",
          "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "ldots": "…", "dots": "…",
          "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
          "textquotedblleft": "“", "textquotedblright": "”", "textbackslash": _KEEP["\\"],
          "textbraceleft": _KEEP["{"], "textbraceright": _KEEP["}"], "textasciitilde": _KEEP["~"],
          "textasciicircum": "^", "textunderscore": "_",
          # pylatexenc drops these; LaTeX (and pandoc) print them:
          "S": "§", "P": "¶", "copyright": "©", "textsection": "§", "textparagraph": "¶",
          "pounds": "£", "euro": "€", "textquotedbl": '"', "slash": "/", "textless": "<", "textgreater": ">",
          "textbar": "|", "ddag": "‡", "checkmark": "✓", "textasciigrave": _KEEP["`"], "LaTeX": "LaTeX",
          "TeX": "TeX"}
_ESCAPED = {"&": "&", "%": "%", "$": _KEEP["$"], "#": "#", "_": "_", "{": _KEEP["{"], "}": _KEEP["}"],
            ",": "\u2006", " ": " ", "-": ""}  # \, a thin space (pandoc's U+2006); \- a hyphenation point
_LETTER = r"(?:\\[ij](?![A-Za-z])|[^\W\d_])"
_COMMON = re.compile(
    r"\\(?:([`'^~\"=.])\s*|([uvHckrdb])(?:\s+|(?=\{)))(?:\{\s*(" + _LETTER + r")\s*\}|(" + _LETTER + r"))"
    r"|\\t\s*\{(" + _LETTER + r")(" + _LETTER + r")\}"  # tie accent over two letters (pylatexenc drops it)
    r"|\\(" + "|".join(sorted(_NAMED, key=len, reverse=True)) + r")(?![A-Za-z])(?:\s*\{\}|[ \t\n]*)"
    r"|\\([&%$#_{},\- ])")
_UBCHAR = re.compile(r"\\UBchar(?![A-Za-z])\s*\{([^{}\\]*)\}")
_SIMPLE = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", "\u00a0"))
# Commands whose argument LaTeX prints as text, which pylatexenc 2.11 drops with it (\texttt{x}
# -> ""); \href{url}{text} prints the text.
_WRAPPERS = re.compile(r"\\(?:texttt|textsf|textup|textmd|textnormal|mbox|href\s*\{[^{}]*\})\s*(?=\{)")
_NEEDS = re.compile(r"[\\{}~`'$-]")


def _common(match: re.Match) -> str:
    if match.group(7):
        return _NAMED[match.group(7)]
    if match.group(8):
        return _ESCAPED[match.group(8)]
    if match.group(5):
        return _letter(match.group(5)) + "\u0361" + _letter(match.group(6))
    letter = _letter(match.group(3) or match.group(4))
    return unicodedata.normalize("NFC", letter + _COMBINING[match.group(1) or match.group(2)])


def _letter(text: str) -> str:
    return {"\\i": "i", "\\j": "j"}.get(text, text)


def decode(text: str) -> str:
    """LaTeX field text -> Unicode: commands decoded, braces dropped, white space kept as written.

    Plain text is returned as it is; accents, special letters and escapes take one regular
    expression pass (nested accents such as ``\\~{\\^{e}}`` a pass per level, at most three);
    anything else goes to pylatexenc. Inverts ``encode``.
    """
    if not _NEEDS.search(text):
        return text
    if _OWN.search(text):  # the private-use stand-ins of _KEEP typed in the text itself: kept out of their way
        hidden = _OWN.sub(lambda m: "\ue008" + str(ord(m.group()) - 0xE000), text)
        return re.sub("\ue008([0-8])", lambda m: chr(0xE000 + int(m.group(1))), _decode(hidden))
    return _decode(text)


_OWN = re.compile("[\ue000-\ue008]")


def _decode(text: str) -> str:
    if "\\" in text:
        if WRAP in text:  # {\UBchar{X}}: one character the writer wrapped (module docstring)
            text = _UBCHAR.sub(r"\1", text)
        text = _WRAPPERS.sub("", text)
        for _ in range(3):  # \~{\^{e}}: the inner accent first, then the outer one
            done = _COMMON.sub(_common, text)
            if done == text:
                break
            text = done
    if "\\" in text or "$" in text:
        return _pylatexenc(text)
    for latex, plain_text in _SIMPLE:
        if latex in text:
            text = text.replace(latex, plain_text)
    return text.replace("{", "").replace("}", "").translate(_UNKEEP)


_CONVERTER: list = []


def _pylatexenc(text: str) -> str:
    """Commands the fast path does not know (math, \\url, \\textit, ...) through pylatexenc."""
    if not _CONVERTER:
        from pylatexenc.latex2text import LatexNodes2Text

        _CONVERTER.append(LatexNodes2Text(math_mode="text", strict_latex_spaces=True))
    text = re.sub(r"\\url\s*\{([^{}]*)\}", lambda m: m.group(1).replace("~", _KEEP["~"]), text)
    try:
        out = _CONVERTER[0].latex_to_text(text)
    except (RecursionError, ValueError, IndexError):  # pathological nesting: the letters, no commands
        out = re.sub(r"\\[A-Za-z]+|\\.|[{}]", "", text)
    return unicodedata.normalize("NFC", out).translate(_UNKEEP)


def plain(text: str) -> str:
    """LaTeX field text -> plain Unicode, braces dropped, white space collapsed."""
    return " ".join(decode(text).split())


# --- title case protection -------------------------------------------------------------

def _needs_protection(word: str) -> bool:
    """True for acronyms and mixed case (MACE, SalUn, R.A.C.E., 3D); not for Text-to-Image."""
    rest = word[1:]
    if rest == rest.lower() and not (word[:1].isupper() and any(c.isdigit() for c in rest)):
        return False  # the common case, decided without looking at each character
    for part in re.split(r"[-–/]", word):
        letters = [c for c in part if c.isalpha()]
        if not letters:
            continue
        uppers = sum(c.isupper() for c in letters)
        if uppers >= 2 or (uppers == 1 and not letters[0].isupper()):
            return True
        if uppers == 1 and any(c.isdigit() for c in part):
            return True
    return False


_WORD_SPLIT = re.compile(r"([^\s{}]+)")
# (the core is empty or ends before the trailing marks, "(?:.*?[^…])??": the same split as a lazy ".*?", and a long run
# of trailing marks is not rescanned from each of its characters)
_EDGE = re.compile(r"^([(\"'“‘\[]*)((?:.*?[^)\]\"'”’.,:;?!])??)([)\]\"'”’.,:;?!]*)$", re.S)


@lru_cache(maxsize=1 << 14)
def _protect_word(word: str, ascii_only: bool, wrap: bool = False) -> str:
    """One word of a title, encoded, braced when its case matters (words recur: cached)."""
    lead, core, trail = _EDGE.match(word).groups()
    if trail.startswith(".") and re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", core):
        core, trail = core + ".", trail[1:]  # keep "R.A.C.E." whole
    if core and _needs_protection(core) and not (wrap and _all_wrapped(core, ascii_only)):
        return (encode(lead, ascii_only=ascii_only, wrap=wrap) + "{" + encode(core, ascii_only=ascii_only, wrap=wrap)
                + "}" + encode(trail, ascii_only=ascii_only, wrap=wrap))
    return encode(word, ascii_only=ascii_only, wrap=wrap)


def _all_wrapped(word: str, ascii_only: bool) -> bool:
    """Is every cased letter of ``word`` written ``{\\UBchar{X}}`` ("ГОСТ")? BibTeX changes the case of
    none of them, so braces would only put "UBchar" into purify$'s sort keys."""
    return ascii_only and all(not (c.isupper() or c.islower()) or _encode_char(c, True, True).startswith("{" + WRAP)
                              for c in word)


def protect_title(title: str, *, ascii_only: bool = True, wrap: bool = False) -> str:
    """Encode a title, brace-protecting words whose case matters.

    Explicit ``{...}`` groups in the catalog title are kept as protection; outside them
    each word that ``_needs_protection`` is wrapped, trailing punctuation left outside:
    "MACE: Mass" -> "{MACE}: Mass".
    """
    title = drop_pictographs(title)
    out: list[str] = []
    depth = 0
    segment = ""

    def flush_plain(text: str) -> None:
        # Split into space, word, space, ..., word, space.
        parts = _WORD_SPLIT.split(text)
        for index in range(0, len(parts) - 1, 2):
            out.append(encode(parts[index], ascii_only=ascii_only, wrap=wrap))
            out.append(_protect_word(parts[index + 1], ascii_only, wrap))
        out.append(encode(parts[-1], ascii_only=ascii_only, wrap=wrap))

    if "{" not in title and "}" not in title:  # most titles: no explicit groups to walk
        flush_plain(title)
        return "".join(out)
    for ch in title:
        if ch == "{":
            if depth == 0:
                flush_plain(segment)
                segment = ""
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out.append("{" + encode(segment, ascii_only=ascii_only, wrap=wrap) + "}")
                segment = ""
        else:
            segment += ch
    flush_plain(segment)
    return "".join(out)
