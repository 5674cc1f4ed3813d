"""A collapsed section whose summary names a paper, for ``mdscan``:

``<details><summary> Glow-TTS: https://arxiv.org/pdf/2005.11129.pdf (Click to Expand)</summary>`` shows one line, the
title and the paper's address, over notes hidden until it is opened. ``summary_bullet(line)`` writes such a line as
the bullet a reader sees (``- Glow-TTS: https://…``), its notes below it then sit under it; the ``(Click to Expand)``
hint and bold or italic tags are no part of it. Only a ``<summary>`` that starts its line and holds a title and a web address is read so:
``<summary>Bibtex</summary>``, ``<summary>[Abs]</summary>`` and a summary inside a paper's row stay as they are.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

_SUMMARY = re.compile(r"^(\s*)(?:<details(?:\s[^<>]{0,80})?>\s*)?<summary>([^\n]{4,2000}?)</summary>\s*$", re.I)
_INLINE = re.compile(r"</?(?:b|i|em|strong|code|u)>", re.I)  # "<b>Title</b>": the text as shown
_HINT = re.compile(r"\((?:click|tap)\b[^()\n]{0,40}\)$", re.I)  # "(Click to Expand)", "(click for details)"
_ADDRESS = re.compile(r"(?<![\w/])https?://\S", re.I)


def summary_bullet(line: str) -> str:
    """``line`` as a bullet when it is a ``<summary>`` naming a title and its address (see the module's text)."""
    if "<summary>" not in line.lower():
        return line
    found = _SUMMARY.match(line)
    if not found:
        return line
    text = _HINT.sub("", _INLINE.sub("", found.group(2)).strip()).strip()
    if "<" in text:
        return line  # other HTML: not a line of text
    address = _ADDRESS.search(text)
    if not address or not text[:address.start()].strip(" :-\u2013\u2014"):
        return line
    return f"{found.group(1)}- {text}"
