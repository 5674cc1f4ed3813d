"""Say which brace or quote a broken .bib entry leaves open, and where, in the user's terms."""
from __future__ import annotations

import re

_HEAD = re.compile(r"@[ \t]*[A-Za-z]\w*[ \t\r\n]*\{[ \t\r\n]*([^,\s{}]*)[ \t\r\n]*,")
_NEXT_ENTRY = re.compile(r"\n[ \t]*@")
_FIELD_LINE = re.compile(r"\n[ \t]*[A-Za-z][\w:.+-]*[ \t]*=")
_NAME = re.compile(r"(?<![\w:.+-])([A-Za-z][\w:.+-]*)\s*=\s*")  # a name starts after a space or comma: no rescans of long words
_WORD = re.compile(r"[^\s,{}#\"]+")
_SPACE = re.compile(r"\s*")


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _brace_end(text: str, at: int, stop: int) -> int | None:
    """The offset just past the ``}`` matching the ``{`` at ``at``, or None before ``stop``."""
    depth, i = 0, at
    while i < stop:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        depth += (ch == "{") - (ch == "}")
        i += 1
        if depth == 0:
            return i
    return None


def _quote_end(text: str, at: int, stop: int) -> int | None:
    """The offset just past the ``"`` closing the one at ``at`` (outside braces), or None."""
    depth, i = 0, at + 1
    while i < stop:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == '"' and depth <= 0:
            return i + 1
        depth += (ch == "{") - (ch == "}")
        i += 1
    return None


def unclosed(text: str, start: int) -> tuple[int, str] | None:
    """(line, message) for the entry at offset ``start`` if a delimiter in it is never closed, else None.

    The entry ends where the next line starting with ``@`` begins (pandoc's view). A value whose
    delimiter closes only after swallowing lines that look like ``name =`` is the one left open.
    """
    head = _HEAD.match(text, start)
    if not head:
        return None
    following = _NEXT_ENTRY.search(text, head.end())
    stop = following.end() - 1 if following else len(text)
    where = (f"it runs into the next entry at line {_line(text, stop)}" if following
             else "it runs to the end of the file")
    key = head.group(1)

    def report(at: int, delimiter: str, field: str) -> tuple[int, str]:
        return _line(text, at), f"entry {key!r}: field {field!r}: the '{delimiter}' opened here is never closed ({where})"

    suspect = None
    pos = head.end()
    while True:
        pos = _SPACE.match(text, pos, stop).end()
        if pos >= stop:
            break
        if text[pos] == "}":
            return None
        name = _NAME.match(text, pos, stop)
        if not name:
            return None
        pos = name.end()
        while pos < stop:
            ch = text[pos]
            if ch in '{"':
                end = (_brace_end if ch == "{" else _quote_end)(text, pos, stop)
                if end is None:
                    return report(pos, ch, name.group(1))
                if suspect is None and _FIELD_LINE.search(text, pos, end):
                    suspect = (pos, ch, name.group(1))
                pos = end
            else:
                word = _WORD.match(text, pos, stop)
                if not word:
                    return None
                pos = word.end()
            pos = _SPACE.match(text, pos, stop).end()
            if pos < stop and text[pos] == "#":
                pos = _SPACE.match(text, pos + 1, stop).end()
                continue
            break
        if pos >= stop:
            break
        if text[pos] == "}":
            return None
        if text[pos] != ",":
            return None  # something else is wrong (a missing comma): not ours to explain
        pos += 1
    if suspect:
        return report(*suspect)
    return _line(text, start), f"entry {key!r}: the '{{' opened here is never closed ({where})"


def unclosed_from_line(text: str, line: int) -> tuple[int, str] | None:
    """``unclosed`` for the entry whose ``@`` is the first one on or after 1-based ``line``."""
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return None
    at = text.find("@", offset)
    return unclosed(text, at) if at >= 0 else None
