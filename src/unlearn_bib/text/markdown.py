"""Markdown escaping: the one rule every Markdown writer uses (citations, the list's tables, CHANGES.md).

Every character CommonMark/GFM could read as markup is backslash-escaped: emphasis (``* _``), code
(`` ` ``), links and images (``[ ]``), raw HTML and autolinks (``< >``), strike-through (``~``),
math (``$``, which GitHub renders), table cells (``|``), the backslash itself, and ``&`` where it
would start an entity (``&amp;``, ``&#38;``). ``#`` starts a heading only at the start of a line,
so it is escaped there; in a heading every ``#`` is (a trailing run would close the heading).
CommonMark lets any ASCII punctuation be escaped, so escaping one a context does not need is harmless.
"""
from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$]|&(?=#?\w+;))")
_LEADING_HASH = re.compile(r"^( {0,3})#")


def escape(text: str, *, heading: bool = False) -> str:
    """``text`` as Markdown shows it literally, on a line of its own or in a heading
    (``heading=True``). Line breaks are the caller's business."""
    out = _SPECIAL.sub(r"\\\1", text)
    if heading:
        return out.replace("#", "\\#")
    return _LEADING_HASH.sub(r"\1\\#", out)
