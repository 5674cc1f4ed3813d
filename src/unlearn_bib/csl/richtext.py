"""CSL 1.0.2 rich text in field values (``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small caps,
nocase) as the renderer's neutral formatting marks, so that no tag is ever printed.

Only balanced tags of the spec's list are read; any other ``<`` stays literal text (and is
escaped by the HTML and Markdown writers). ``<span class="nocase">`` is kept in its one
spelling, which citeproc-py turns into case-protected text.
"""
from __future__ import annotations

import re

from unlearn_bib.csl.base import MARK

NOCASE = '<span class="nocase">'
_TAG = re.compile(
    r"<(?P<close>/)?(?P<name>i|b|sup|sub)>"
    r"|<span\s+style=\"\s*font-variant\s*:\s*small-caps\s*;?\s*\">"
    r"|<span\s+class=\"nocase\">"
    r"|</span>",
    re.I,
)


def _kind(tag: str) -> tuple[str, bool]:
    """(kind, closing) of a matched tag: kind is a MARK key, "nc" (nocase) or "span" (a closer)."""
    lower = tag.lower()
    if lower == "</span>":
        return "span", True
    if lower.startswith("<span"):
        return ("nc" if "nocase" in lower else "sc"), False
    name = lower.strip("</>")
    return name, lower.startswith("</")


def to_marks(text: str) -> str:
    """Balanced rich-text tags -> MARK characters (nocase spans -> their canonical tag)."""
    if "<" not in text:
        return text
    tokens = list(_TAG.finditer(text))
    if not tokens:
        return text
    replace: dict[int, str] = {}  # token index -> what it becomes; the rest stay literal
    stack: list[tuple[str, int]] = []
    for index, match in enumerate(tokens):
        kind, closing = _kind(match.group(0))
        if not closing:
            stack.append((kind, index))
            continue
        if not stack or not (stack[-1][0] == kind or (kind == "span" and stack[-1][0] in ("sc", "nc"))):
            continue
        opened, start = stack.pop()
        if opened == "nc":
            replace[start], replace[index] = NOCASE, "</span>"
        else:
            replace[start], replace[index] = MARK[opened]
    out = []
    position = 0
    for index, match in enumerate(tokens):
        out.append(text[position:match.start()])
        out.append(replace.get(index, match.group(0)))
        position = match.end()
    out.append(text[position:])
    return "".join(out)
