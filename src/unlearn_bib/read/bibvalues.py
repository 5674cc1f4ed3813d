"""A .bib field's raw value -> text: ``@string`` macros and ``#`` resolved, LaTeX decoded,
``{braced}`` title words as CSL ``nocase`` spans. Linear in the length of the value.

The LaTeX that .bib files are full of (accents, ``\\o``-style letters, escaped specials,
dashes) is decoded in one regular-expression pass; only values with other commands go to
pylatexenc (which bibtexparser already needs).
"""
from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}

MONTH_MACROS = {m: m for m in MONTHS}
_TOKEN = re.compile(r'\s*(?:(\{)|(")|(\d+)|([^\s#{}",=]+))\s*')


def resolve(raw: str, macros: dict[str, str]) -> str:
    """A raw field value (``{...}``, ``"..."``, a number, a macro, joined by ``#``) -> its text, braces inside kept."""
    text, bad = parse_value(raw, macros)
    return raw.strip() if bad >= 0 else text  # not a value expression: the text as it is


def parse_value(raw: str, macros: dict[str, str]) -> tuple[str, int]:
    """``resolve``'s work: (text, -1), or ("", the index where ``raw`` stops being a value expression)."""
    out: list[str] = []
    index = 0
    while index < len(raw):
        match = _TOKEN.match(raw, index)
        if not match or match.end() == index:
            return "", index
        if match.group(1) or match.group(2):
            start = match.start(1) if match.group(1) else match.start(2)
            end = closing(raw, start)
            if end < 0:
                return "", start
            out.append(raw[start + 1:end])
            index = end + 1
        else:
            word = match.group(3) or match.group(4)
            out.append(word if match.group(3) else macros.get(word.lower(), word))
            index = match.end()
        rest = re.compile(r"\s*#\s*").match(raw, index)
        if rest:
            index = rest.end()
        elif raw[index:].strip():
            return "", len(raw) - len(raw[index:].lstrip())
        else:
            break
    return "".join(out), -1


def closing(text: str, start: int) -> int:
    """Index closing the ``{`` or ``"`` at ``start`` (braces nest; quotes end at an unbraced quote)."""
    depth = 0
    quote = text[start] == '"'
    index = start + 1 if quote else start
    while index < len(text):
        ch = text[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0 and not quote:
                return index
            if depth < 0:
                return -1
        elif ch == '"' and quote and depth == 0:
            return index
        index += 1
    return -1


# --- LaTeX -> text ------------------------------------------------------------------------------

_SIMPLE = [("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", "\u00a0")]


def latex_text(value: str) -> str:
    """LaTeX -> Unicode text; braces dropped. Linear: plain text never reaches the LaTeX parser."""
    return " ".join(_decode(value).split())


_COMBINING = {"`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", '"': "\u0308", "=": "\u0304",
              ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
              "r": "\u030a", "d": "\u0323"}
_LETTERS = {"o": "ø", "O": "Ø", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł",
            "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—", "ldots": "…",
            "textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“", "textquotedblright": "”"}
_COMMON = re.compile(
    r"\\(?:([`'^~\"=.])\s*|([uvHckrd])(?=[\s{]))\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij])(?![A-Za-z])|([A-Za-z]))"
    r"|\\(" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\s*\{\})?"
    r"|\\([&%$#_{}])")


def _common(match: re.Match) -> str:
    """The LaTeX that .bib files are full of (accents, letters like \\o, escaped specials), fast."""
    import unicodedata

    if match.group(6):
        return _LETTERS[match.group(6)]
    if match.group(7):
        return match.group(7)
    letter = match.group(3) or match.group(4) or match.group(5)
    letter = {"\\i": "i", "\\j": "j"}.get(letter, letter)
    return unicodedata.normalize("NFC", letter + _COMBINING[match.group(1) or match.group(2)])


def _decode(value: str) -> str:
    """LaTeX -> text, white space at the edges kept (rich_title joins pieces)."""
    if "\\" in value:
        fast = _COMMON.sub(_common, value)
        if "\\" in fast:  # other commands: the LaTeX parser reads the original
            return _pylatexenc(value)
        value = fast
    for latex, plain in _SIMPLE:
        if latex in value:
            value = value.replace(latex, plain)
    return value.replace("{", "").replace("}", "")


_CONVERTER: list = []
_URL_COMMAND = re.compile(r"\\url\{([^{}]*)\}")


def _pylatexenc(value: str) -> str:
    if not _CONVERTER:
        from pylatexenc.latex2text import LatexNodes2Text

        _CONVERTER.append(LatexNodes2Text(math_mode="text", strict_latex_spaces=True))
    value = _URL_COMMAND.sub(lambda m: m.group(1), value)
    try:
        return _CONVERTER[0].latex_to_text(value)
    except (RecursionError, ValueError, IndexError):
        return value.replace("\\", "").replace("{", "").replace("}", "")


_COMMAND = re.compile(r"\\(?:[A-Za-z]+\s*|.?)", re.S)


def _past_group(value: str, start: int) -> int:
    """Index just after the brace group opened at ``start`` (or the end of the text)."""
    end = closing(value, start)
    return end + 1 if end >= 0 else len(value)


def _math_end(value: str, start: int) -> int:
    """Index of the ``$`` closing the inline math opened at ``start`` (-1: none)."""
    index = start + 1
    while index < len(value):
        if value[index] == "\\":
            index += 2
            continue
        if value[index] == "$":
            return index if index > start + 1 else -1
        index += 1
    return -1


_STYLE_COMMANDS = {"emph": "i", "textit": "i", "textbf": "b", "textsc": "sc",
                   "textsuperscript": "sup", "textsubscript": "sub"}
_STYLE_SWITCH = re.compile(r"\{\\(em|it|bf)(?![A-Za-z])\s*")  # {\em ...}; pandoc keeps {\sc ...} a protected group
_SWITCHES = {"em": "i", "it": "i", "bf": "b"}
_TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
         "sc": ('<span style="font-variant:small-caps;">', "</span>")}
_TAG_LIKE = re.compile(r"<(?=/?(?:i|b|sup|sub|span)[\s>])", re.I)


def literal(text: str) -> str:
    """Decoded text for a CSL field: a ``<`` that would read as a CSL rich-text tag is made a
    protected character, so a literal ``<i>`` in a .bib prints as it is written."""
    return _TAG_LIKE.sub('<span class="nocase"><</span>', text) if "<" in text else text


def rich_title(value: str) -> str:
    """A title: top-level ``{Words}`` become ``<span class="nocase">`` (their case is kept by
    every style), ``{\\"O}``-style groups are just characters, ``\\emph{..}``, ``{\\bf ..}`` and
    their kin become CSL rich-text tags (as pandoc reads them)."""
    return " ".join(_rich(value).split())


def _plain(value: str) -> str:
    return literal(_decode(value))


def _rich(value: str) -> str:
    """``rich_title``'s work, white space not yet collapsed (arguments recurse)."""
    out: list[str] = []
    plain_start = index = depth = group_start = 0
    while index < len(value):
        ch = value[index]
        if ch == "\\":
            command = _COMMAND.match(value, index)
            index = command.end()
            if depth == 0 and value.startswith("{", index):  # an argument, not a protected group
                end = _past_group(value, index)
                kind = _STYLE_COMMANDS.get(command.group(0)[1:].strip())
                if kind:
                    out.append(_plain(value[plain_start:command.start()]))
                    opening, closing = _TAGS[kind]
                    out.append(opening + _rich(value[index + 1:end - 1]) + closing)
                    plain_start = end
                index = end
            continue
        if ch == "$" and depth == 0:  # math: decoded to Unicode and, as pandoc does, never recased
            end = _math_end(value, index)
            if end > index:
                out.append(_plain(value[plain_start:index]))
                inner = literal(latex_text(value[index:end + 1]))
                out.append(f'<span class="nocase">{inner}</span>' if inner else "")
                index = plain_start = end + 1
                continue
        if ch == "{":
            if depth == 0:
                group_start = index
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            switch = _STYLE_SWITCH.match(value, group_start) if depth == 0 else None
            if switch:
                out.append(_plain(value[plain_start:group_start]))
                opening, closing = _TAGS[_SWITCHES[switch.group(1)]]
                out.append(opening + _rich(value[switch.end():index]) + closing)
                plain_start = index + 1
            elif depth == 0 and not value.startswith("{\\", group_start):
                out.append(_plain(value[plain_start:group_start]))
                inner = value[group_start + 1:index]
                inner = _rich(inner) if _has_style(inner) else literal(latex_text(inner))
                out.append(f'<span class="nocase">{inner}</span>' if inner.strip() else "")
                plain_start = index + 1
        index += 1
    out.append(_plain(value[plain_start:]))
    return "".join(out)


def _has_style(value: str) -> bool:
    """True if ``value`` holds a command ``_rich`` turns into rich text."""
    return any(f"\\{name}" in value for name in (*_STYLE_COMMANDS, *_SWITCHES))
