"""Line endings as files have them (LF, CRLF, or CR alone): count lines right and write the file's own ending back."""
from __future__ import annotations

import re

_BREAK = re.compile(r"\r\n|\r|\n")
_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")
_LONE_CR = re.compile(r"\r(?!\n)")


def newline_of(text: str, default: str = "\n") -> str:
    """The first line ending in ``text`` ("\\r\\n", "\\r" or "\\n"), or ``default`` when it has none."""
    match = _BREAK.search(text)
    return match.group(0) if match else default


def split_lines(text: str) -> list[str]:
    """Lines with their endings; only CR, LF and CRLF end a line (``str.splitlines`` also splits at
    \\v, \\f, \\x1c-\\x1e, \\x85, U+2028 and U+2029, which may sit inside a quoted YAML value)."""
    out, pos = [], 0
    for match in _BREAK.finditer(text):
        out.append(text[pos:match.end()])
        pos = match.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def ends_line(line: str) -> bool:
    return line.endswith(("\n", "\r"))


def line_at(text: str, offset: int) -> int:
    """1-based line number of a character offset, whatever the line endings."""
    return sum(1 for _ in _BREAK.finditer(text, 0, max(0, offset))) + 1


def line_at_bytes(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset, whatever the line endings."""
    return sum(1 for _ in _BREAK_BYTES.finditer(data, 0, max(0, offset))) + 1


def lone_cr_as_lf(text: str) -> str:
    """CR line endings turned into LF, one character for one, so every offset stays valid
    (for parsers that only know LF and CRLF)."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text
