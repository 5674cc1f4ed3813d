"""Lines a reader of the rendered README sees as one, for ``mdgroup``:

- ``rejoined(unit)``: an italic span opened at the start of one line of a unit and closed on the next
  (``*Yoshinobu Kano, Mi-Young Kim, Randy`` / ``Goebel, Ken Satoh.* JSAI 2018. [[pdf](…)]``) is one span:
  Markdown joins a paragraph's lines, so the authors' line is one line, its venue and year after it.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read.mdscan import Unit

_OPENS = re.compile(r"^\s*([*_])(?=\S)")


def _single(line: str, mark: str) -> int:
    """How many single emphasis marks ``mark`` the line holds (``**`` and ``__`` pairs left out)."""
    return line.replace(mark * 2, "").count(mark)


def rejoined(unit: Unit) -> Unit:
    """``unit`` with each italic span wrapped over two of its lines written on one line."""
    if unit.kind not in ("item", "block") or len(unit.lines) < 2:
        return unit
    lines = list(unit.lines)
    n = 0
    while n + 1 < len(lines):
        opens = _OPENS.match(lines[n].replace("**", "").replace("__", ""))
        mark = opens.group(1) if opens else ""
        if mark and _single(lines[n], mark) % 2 and _single(lines[n + 1], mark) % 2:
            lines[n:n + 2] = [lines[n].rstrip() + " " + lines[n + 1].strip()]
        n += 1
    unit.lines = lines
    return unit
