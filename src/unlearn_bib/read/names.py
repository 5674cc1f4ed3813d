"""BibTeX names, split as the ``bibtex`` program splits them, then decoded.

An author list is split at ``and`` between spaces outside braces; each name into First, von,
Last and Jr parts by BibTeX's three forms (First von Last / von Last, First / von Last, Jr,
First), with BibTeX's rules for tokens (white space, ``-`` and ``~`` separate them outside
braces), for the von part (from the first to the last lower-case token before the Last part)
and for special characters (``{\\L}ukasz`` is upper case). LaTeX is decoded only after the
split, so ``\\L{}ukasz`` and ``{\\c{c}}`` stay in their name.

Three deliberate departures from the program, where its byte-level reading breaks names that
pandoc and biber read right (tests/test_names_bibtex.py lists each): ``\\~`` is an accent, not a
tie; a bare accent command is judged by its letter (``\\v{Z}iga`` is upper case, not ``v``); a
letter typed in UTF-8 is judged by its Unicode case (``Émile`` is upper case).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from unlearn_bib.text.braces import closing
from unlearn_bib.text.fold import ascii_fold
from unlearn_bib.text.latex import decode, plain

_AND = re.compile(r"[{}]|(?<!\s)\s+and\s+", flags=re.IGNORECASE)  # from the first of a run of spaces: no rescans


def split_names(author: str) -> list[str]:
    """Split a BibTeX author list at top-level ``and`` (any case, between white space)."""
    names, depth, start = [], 0, 0
    for token in _AND.finditer(author):
        text = token.group(0)
        if text == "{":
            depth += 1
        elif text == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            names.append(author[start:token.start()])
            start = token.end()
    names.append(author[start:])
    return [n.strip() for n in names if n.strip()]


@dataclass(frozen=True)
class NameParts:
    """One name's parts as written (LaTeX not decoded), BibTeX's First, von, Last, Jr."""
    first: str = ""
    von: str = ""
    last: str = ""
    jr: str = ""
    von_hyphen: bool = False  # "al-Khwarizmi": von and Last joined by a hyphen


_ACCENT_CMD = re.compile(r"\\(?:[`'^~\"=.]|[uvHckrdbt](?![A-Za-z]))\s*(?:\{[^{}]*\}|\\[ij](?![A-Za-z])|[A-Za-z])?")
_CONTROL = re.compile(r"\\(?:[A-Za-z]+|.)", re.S)
_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)")
_SPECIAL_LETTERS = {"oe": False, "OE": True, "ae": False, "AE": True, "aa": False, "AA": True, "o": False,
                    "O": True, "l": False, "L": True, "ss": False, "i": False, "j": False}


def _tokens(name: str) -> tuple[list[str], list[str], list[int]]:
    """(tokens, separator before each token, token indexes where a comma part starts)."""
    tokens: list[str] = []
    seps: list[str] = []
    commas: list[int] = []
    current, sep, i, n = "", "", 0, len(name)
    while i < n:
        ch = name[i]
        if ch == "{":
            end = closing(name, i)
            end = n - 1 if end < 0 else end
            current += name[i:end + 1]
            i = end + 1
            continue
        if ch == "\\" and i + 1 < n:  # a command is part of its word: \~ is an accent, not a tie
            control = _CONTROL.match(name, i).group(0)
            current += control
            i += len(control)
            continue
        if ch in ", \t\n\r-~" or ch.isspace():
            if current:
                tokens.append(current)
                seps.append(sep)
                current, sep = "", ""
            if ch == ",":
                if len(commas) < 2:  # BibTeX warns about a third comma and ignores it
                    commas.append(len(tokens))
                sep = ""
            elif not sep and tokens and (not commas or commas[-1] != len(tokens)):
                sep = ch if ch in "-~" else " "  # the first separator counts, as in BibTeX
            i += 1
            continue
        current += ch
        i += 1
    if current:
        tokens.append(current)
        seps.append(sep)
    return tokens, seps, commas


def _is_lower(token: str) -> bool:
    """BibTeX's von test: is the first letter of the token, outside plain braces, lower case?"""
    i, n = 0, len(token)
    while i < n:
        ch = token[i]
        if ch == "{":
            end = closing(token, i)
            end = n - 1 if end < 0 else end
            if token.startswith("{\\", i):  # a special character: its letter decides, and ends the test
                command = re.match(r"\\([A-Za-z]*)", token[i + 1:end])
                if command.group(1) in _SPECIAL_LETTERS:
                    return not _SPECIAL_LETTERS[command.group(1)]
                letters = [c for c in token[i + 1 + command.end():end] if c.isalpha()]
                return bool(letters) and letters[0].islower()
            i = end + 1  # a plain group has no case
            continue
        if ch == "\\":
            accent = _ACCENT_CMD.match(token, i)
            if accent and accent.end() > i + 2:
                letters = [c for c in decode(accent.group(0)) if c.isalpha()]
                if letters:
                    return letters[0].islower()
            command = _CONTROL_WORD.match(token, i)
            if command:  # \L{}ukasz; any other command: its first letter, as BibTeX reads it
                name = command.group(1)
                return not _SPECIAL_LETTERS[name] if name in _SPECIAL_LETTERS else name[0].islower()
            i += 2
            continue
        if ch.isalpha():
            return ch.islower()
        i += 1
    return False


def _join(tokens: list[str], seps: list[str], start: int, end: int) -> str:
    out = ""
    for k in range(start, end):
        if k > start:
            out += "-" if seps[k] == "-" else " "
        out += tokens[k]
    return out


def split_name(name: str) -> NameParts:
    """One name -> its BibTeX parts, as written."""
    name = name.lstrip(" \t\r\n-~").rstrip(" \t\r\n-~,")  # BibTeX's "leading and trailing junk"
    tokens, seps, commas = _tokens(name)
    count = len(tokens)
    if not count:
        return NameParts()

    def von_end_from(von_start: int, last_end: int) -> int:
        end = last_end - 1
        while end > von_start and not _is_lower(tokens[end - 1]):
            end -= 1
        return end

    if not commas:
        last_end = jr_end = count
        von_start = 0
        while von_start < last_end - 1 and not _is_lower(tokens[von_start]):
            von_start += 1
        if von_start < last_end - 1:
            von_end = von_end_from(von_start, last_end)
        else:  # no von: the Last part takes the tokens hyphenated to the last one
            while von_start > 0 and seps[von_start] == "-":
                von_start -= 1
            von_end = von_start
        first = _join(tokens, seps, 0, von_start)
        jr = ""
    else:
        last_end = commas[0]
        jr_end = commas[1] if len(commas) > 1 else last_end
        von_start = 0
        von_end = von_end_from(0, last_end) if last_end > 0 else 0
        first = _join(tokens, seps, jr_end, count)
        jr = _join(tokens, seps, last_end, jr_end)
    von = _join(tokens, seps, von_start, von_end)
    last = _join(tokens, seps, von_end, last_end)
    hyphen = bool(von) and von_end < len(seps) and seps[von_end] == "-"
    return NameParts(first, von, last, jr, hyphen)


def parse_name(name: str) -> dict[str, str]:
    """One BibTeX name -> {family, given, particle, suffix} or {literal}, decoded (empty parts left out)."""
    name = name.strip()
    if name.startswith("{") and closing(name, 0) == len(name) - 1 and not name.startswith("{\\"):
        return {"literal": plain(name)}  # {The Unlearning Consortium}
    parts = split_name(name)
    family, given, particle = plain(parts.last), plain(parts.first), plain(parts.von)
    if not family:  # ", Plato": nothing before the comma (BibTeX's Last is never empty otherwise)
        family, given = given, ""
    if particle and parts.von_hyphen:  # al-Khwarizmi: one family name (a catalog particle is followed by a space)
        family, particle = f"{particle}-{family}", ""
    out = {"family": family, "given": given, "particle": particle, "suffix": plain(parts.jr)}
    return {k: v for k, v in out.items() if v}


def fold_family(text: str) -> str:
    """A family name reduced for comparison: ASCII, lower case, letters only ("Müller-Lü" -> "mullerlu")."""
    return re.sub(r"[^a-z]", "", ascii_fold(text).lower())
