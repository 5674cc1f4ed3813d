"""What GitHub shows differently from what a list writes, for ``mdscan``:

- ``lines(text)``: the lines as CommonMark ends them: at ``\\n``, ``\\r\\n`` or a lone ``\\r``, and nowhere else
  (``str.splitlines`` also ends a line at a form feed, U+2028 or U+0085, which GitHub shows inside the line: the
  line numbers of every row below would be off). Mixed endings in one file are read alike.
- ``task_item(line)``: ``- [x] Title``, ``+ [ ] **[1]** Names. Title[J].``: a task-list item, whose box GitHub
  draws as a checkbox, not as text; the box goes, the item stays.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

_ENDING = re.compile(r"\r\n|\r|\n")
_TASK = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[[ xX]\][ \t]+(?=\S)")


def lines(text: str) -> list[str]:
    """``text`` cut into lines at CommonMark's line endings only."""
    out = _ENDING.split(text)
    return out[:-1] if out and out[-1] == "" else out


def task_item(line: str) -> str:
    """``line`` with a task-list item's checkbox removed (see the module's text)."""
    return _TASK.sub(r"\1", line, count=1) if "]" in line else line
