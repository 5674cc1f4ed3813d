"""Markdown escaping: the one rule every Markdown writer uses (citations, the list's tables, CHANGES.md).

Every character CommonMark/GFM could read as markup is backslash-escaped: emphasis (``* _``), code
(`` ` ``), links and images (``[ ]``), raw HTML and autolinks (``< >``), strike-through (``~``),
math (``$``, for renderers that read it), table cells (``|``), headings (``#``), the backslash
itself, and ``&`` where it would start an entity (``&amp;``, ``&#38;``). CommonMark lets any ASCII
punctuation be escaped, so escaping one a context would not need is harmless.
"""
from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$#]|&(?=#?\w+;))")


def escape(text: str) -> str:
    """``text`` as Markdown shows it literally (line breaks are the caller's business)."""
    return _SPECIAL.sub(r"\\\1", text)
