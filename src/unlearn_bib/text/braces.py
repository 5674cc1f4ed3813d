"""Brace scanning in one place: pairs of braces, and the brace closing a given one.

BibTeX counts every brace, escaped or not (in ``{a\\}b}`` the ``\\}`` closes the group), and so do
these scanners unless a caller asks for LaTeX's reading (``escapes=True``: ``\\{`` and ``\\}`` are text),
as bibtexparser's splitter does when it cuts a value out of an entry (``read.bib`` follows it there).
"""
from __future__ import annotations

import re

_BRACE = re.compile(r"[{}]")


def pairs(text: str, escapes: bool = False) -> list[int]:
    """For each position, the index of the brace closing the ``{`` there (-1 elsewhere or unclosed).

    One pass with a stack: callers look groups up instead of rescanning (linear on deep nesting).
    """
    out = [-1] * len(text)
    stack: list[int] = []
    for match in _BRACE.finditer(text):
        i = match.start()
        if escapes and i > 0 and text[i - 1] == "\\":
            continue
        if text[i] == "{":
            stack.append(i)
        elif stack:
            out[stack.pop()] = i
    return out


_BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.DOTALL)


def closing(text: str, start: int, escapes: bool = False) -> int:
    """Index of the brace closing the ``{`` at ``start``, or -1."""
    depth = 0
    for match in (_BRACE_OR_ESCAPE if escapes else _BRACE).finditer(text, start):
        ch = text[match.start()]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return match.start()
    return -1


def depth_changes(text: str) -> int:
    """Opened minus closed braces (negative: a stray ``}``)."""
    return text.count("{") - text.count("}")
