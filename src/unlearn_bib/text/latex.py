"""Our Unicode <-> LaTeX policy for BibTeX fields, and title case protection.

``encode`` escapes the ten specials and, for classic BibTeX, writes accented letters as
``{\\"o}`` so that sorting, purify$ and initials work; ``decode`` inverts exactly that.
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
        return code in (0x200D, 0x20E3)  # zero-width joiner, combining keycap
    if code <= 0x27BF or 0x2B00 <= code <= 0x2BFF or 0x1F000 <= code <= 0x1FAFF:
        return unicodedata.category(ch) in ("So", "Sk", "Cn")
    return 0xFE00 <= code <= 0xFE0F or 0xE0020 <= code <= 0xE007F  # variation selectors, tags


_LETTER_CMDS = {v: k for k, v in LETTERS.items()}
_ACCENT_CMDS = {v: k for k, v in ACCENTS.items()}


def _encode_char(ch: str, ascii_only: bool) -> str:
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
    if marks and all(m in ACCENTS for m in marks) and ord(base) < 128:
        out = {"i": r"\i", "j": r"\j"}.get(base, base) if marks[0] in ACCENTS else base
        for mark in marks:
            cmd = ACCENTS[mark]
            out = f"\\{cmd}{out}" if not cmd.isalpha() and len(out) == 1 else f"\\{cmd}{{{out}}}"
        return "{" + out + "}"
    return ch  # no classic encoding: left as UTF-8 (modern LaTeX reads UTF-8 input)


def encode(text: str, *, ascii_only: bool = True) -> str:
    """Escape plain text for a BibTeX field value (pictographs dropped, see ``pictographic``)."""
    if text.isascii():
        return _encode(text, ascii_only) if _NEEDS_WORK.search(text) else text
    return _encode(drop_pictographs(text), ascii_only)


def drop_pictographs(text: str) -> str:
    """``text`` without emoji and pictographs, the spaces they stood between collapsed to one."""
    if text.isascii() or not any(pictographic(ch) for ch in text):
        return text
    kept = "".join(ch for ch in text if not pictographic(ch))
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", kept).strip() if kept.strip() != text.strip() else kept


@lru_cache(maxsize=1 << 14)
def _encode(text: str, ascii_only: bool) -> str:
    # Names and venues recur across a bibliography: each distinct one is worked out once.
    out = "".join(_encode_char(ch, ascii_only) for ch in text)
    # ASCII "--", "``" and "''" are ligatures in LaTeX: break them so they stay as typed.
    return _LIGATURE.sub(lambda m: m.group(0)[0] + "{}", out) if ("--" in out or "``" in out or "''" in out) else out


_NEEDS_WORK = re.compile(r"[\\{}&%$#_~^`'-]")
_LIGATURE = re.compile(r"-(?=-)|`(?=`)|'(?=')")


_SIMPLE = {"---": "—", "--": "–", "``": "“", "''": "”", "~": "\u00a0"}
_COMMANDS = ({v: k for k, v in SPECIALS.items()} | {v: k for k, v in SYMBOLS.items() if v != "~"} | {v: k for k, v in MATH.items()}
             | {r"\{": "{", r"\}": "}"})  # as other tools write braces


def brace_pairs(text: str, escapes: bool = True) -> list[int]:
    """For each position, the index of the brace closing the ``{`` there (-1 elsewhere or unclosed).

    One pass with a stack, so callers never rescan (a rescan per brace was quadratic on deep
    nesting). ``escapes``: a brace right after a backslash is text (``\\{``), as in ``matching_brace``.
    """
    pairs = [-1] * len(text)
    stack: list[int] = []
    for i in _brace_positions(text, escapes):
        if text[i] == "{":
            stack.append(i)
        elif stack:
            pairs[stack.pop()] = i
    return pairs


def _brace_positions(text: str, escapes: bool):
    for match in _BRACE.finditer(text):
        i = match.start()
        if escapes and i > 0 and text[i - 1] == "\\":
            continue
        yield i


_BRACE = re.compile(r"[{}]")


def matching_brace(text: str, start: int) -> int:
    """Index of the brace closing the one at ``start`` (or -1)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "\\":
            continue
        if text[i] == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif text[i] == "}" and (i == 0 or text[i - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return i
    return -1


def _decode_accent(body: str, depth: int = 0) -> str | None:
    """'\\"o' / '\\c{c}' / '\\'{\\"u}' -> the accented letter, or None if not an accent."""
    if depth > 3 or len(body) > 64:  # a letter takes a few accents at most: deeper is not one
        return None
    match = re.match(r"\\([`'^~\"=.])(.*)$|\\([rcvukHd])(?=[{ ])\s*(.*)$", body, re.S)
    if not match:
        return _LETTER_CMDS.get(body)
    cmd = match.group(1) or match.group(3)
    rest = match.group(2) if match.group(1) else match.group(4)
    if rest.startswith("{") and matching_brace(rest, 0) == len(rest) - 1:
        rest = rest[1:-1]
    inner = {r"\i": "i", r"\j": "j"}.get(rest)
    if inner is None:
        inner = _decode_accent(rest, depth + 1) if rest.startswith("\\") else rest
    if inner is None or len(inner) != 1 and not unicodedata.normalize("NFC", inner) != inner:
        return None
    return unicodedata.normalize("NFC", inner + _ACCENT_CMDS[cmd])


_PLAIN_RUN = re.compile(r"[^\\{}~`'-]+")  # text decode copies as it is
_ACCENT_AT = re.compile(r"\\([`'^~\"=.])(\{[^{}]*\}|\\[ij]|[A-Za-z])")


def decode(text: str) -> str:
    """Invert ``encode`` (and drop protection braces): LaTeX field value -> plain text. Linear."""
    out: list[str] = []
    i = 0
    n = len(text)
    pairs: list[int] | None = None  # brace table, built on the first "{\\" group
    while i < n:
        run = _PLAIN_RUN.match(text, i)
        if run:
            out.append(run.group(0))
            i = run.end()
            continue
        for command, plain in _COMMANDS.items():
            if text.startswith(command, i):
                out.append(plain)
                i += len(command)
                break
        else:
            ch = text[i]
            if ch == "{" and text.startswith("{\\", i):
                if pairs is None:
                    pairs = brace_pairs(text)
                end = pairs[i]
                accent = _decode_accent(text[i + 1:end]) if 0 < end <= i + 65 else None  # never a long slice
                if accent is not None:
                    out.append(accent)
                    i = end + 1
                    continue
            if ch == "\\":
                match = _ACCENT_AT.match(text, i)
                if match:
                    out.append(_decode_accent(match.group(0)) or match.group(0))
                    i = match.end()
                    continue
            for token in ("---", "--", "``", "''"):
                if text.startswith(token, i):
                    out.append(_SIMPLE[token])
                    i += len(token)
                    break
            else:
                if ch == "~":
                    out.append(_SIMPLE[ch])
                elif ch not in "{}":
                    out.append(ch)
                i += 1
    return "".join(out)


def plain(text: str) -> str:
    """LaTeX field text -> plain Unicode, braces dropped, whitespace collapsed."""
    text = re.sub(r"\\(?:url|href|emph|textit|textbf|textsc|mbox|text)\s*(?=\{)", "", text)
    return re.sub(r"\s+", " ", decode(text)).strip()


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
_EDGE = re.compile(r"^([(\"'“‘\[]*)(.*?)([)\]\"'”’.,:;?!]*)$", re.S)


@lru_cache(maxsize=1 << 14)
def _protect_word(word: str, ascii_only: bool) -> str:
    """One word of a title, encoded, braced when its case matters (words recur: cached)."""
    lead, core, trail = _EDGE.match(word).groups()
    if trail.startswith(".") and re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", core):
        core, trail = core + ".", trail[1:]  # keep "R.A.C.E." whole
    if core and _needs_protection(core):
        return (encode(lead, ascii_only=ascii_only) + "{" + encode(core, ascii_only=ascii_only) + "}"
                + encode(trail, ascii_only=ascii_only))
    return encode(word, ascii_only=ascii_only)


def protect_title(title: str, *, ascii_only: bool = True) -> str:
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
            out.append(encode(parts[index], ascii_only=ascii_only))
            out.append(_protect_word(parts[index + 1], ascii_only))
        out.append(encode(parts[-1], ascii_only=ascii_only))

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
                out.append("{" + encode(segment, ascii_only=ascii_only) + "}")
                segment = ""
        else:
            segment += ch
    flush_plain(segment)
    return "".join(out)
