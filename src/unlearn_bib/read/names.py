"""BibTeX names: an author list split at top-level "and", each name into family, given, particle, suffix."""
from __future__ import annotations

import re

from unlearn_bib.text.fold import ascii_fold
from unlearn_bib.text.latex import plain


def split_names(author: str) -> list[str]:
    """Split a BibTeX author list at top-level ``and``."""
    names, depth, start = [], 0, 0
    tokens = re.finditer(r"[{}]|\s+and\s+", author, flags=re.IGNORECASE)
    for token in tokens:
        text = token.group(0)
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
        elif depth == 0:
            names.append(author[start:token.start()])
            start = token.end()
    names.append(author[start:])
    return [n.strip() for n in names if n.strip()]


def _words(name: str) -> list[str]:
    """Whitespace-separated words of a name, a braced group counting as part of its word."""
    words, depth, current = [], 0, ""
    for ch in name:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch.isspace() and depth == 0:
            if current:
                words.append(current)
            current = ""
        else:
            current += ch
    if current:
        words.append(current)
    return words


def _split_top(text: str, sep: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "{") - (ch == "}")
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def closing_brace(text: str, start: int) -> int:
    """Index of the brace closing the one at ``start``, or -1."""
    depth = 0
    for i in range(start, len(text)):
        depth += (text[i] == "{") - (text[i] == "}")
        if depth == 0:
            return i
    return -1


def _starts_lower(word: str) -> bool:
    """BibTeX's "von" test: the first letter is lower case and not inside braces."""
    if word.startswith("{") and not word.startswith("{\\"):
        return False
    letters = re.sub(r"\\[a-zA-Z]+|[^a-zA-Z\u00c0-\uffff]", "", word)
    return bool(letters) and letters[0].islower()


def parse_name(name: str) -> dict[str, str]:
    """One BibTeX name -> {family, given, particle, suffix} or {literal} (empty parts left out)."""
    name = name.strip()
    if name.startswith("{") and closing_brace(name, 0) == len(name) - 1 and not name.startswith("{\\"):
        return {"literal": plain(name)}  # {The Unlearning Consortium}
    parts = _split_top(name, ",")
    given = suffix = ""
    if len(parts) == 1:
        words = _words(parts[0])
        if len(words) == 1:
            return {"family": plain(words[0])}
        # First von Last: "von" starts at the first lower-case word before the last one
        last = len(words) - 1
        von_start = next((i for i in range(last) if _starts_lower(words[i])), last)
        von_end = von_start
        while von_end < last and _starts_lower(words[von_end]):
            von_end += 1
        given = " ".join(words[:von_start])
        particle = " ".join(words[von_start:von_end])
        family = " ".join(words[von_end:])
    else:
        first = _words(parts[0])
        von_end = 0
        while von_end < len(first) - 1 and _starts_lower(first[von_end]):
            von_end += 1
        particle = " ".join(first[:von_end])
        family = " ".join(first[von_end:])
        if len(parts) == 2:
            given = parts[1]
        else:
            suffix, given = parts[1], ", ".join(parts[2:])
    out = {"family": plain(family), "given": plain(given), "particle": plain(particle), "suffix": plain(suffix)}
    return {k: v for k, v in out.items() if v}


def fold_family(text: str) -> str:
    """A family name reduced for comparison: ASCII, lower case, letters only ("Müller-Lü" -> "mullerlu")."""
    return re.sub(r"[^a-z]", "", ascii_fold(text).lower())
