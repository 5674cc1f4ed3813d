"""Line endings as files have them (LF, CRLF, or CR alone): count lines right and write the file's own ending back.

A file with any LF in it ends its lines with LF (or CRLF); a stray CR inside a line is text, as
editors show it. Only a file without a single LF ends its lines with CR (classic Mac).
"""
from __future__ import annotations


def _ending(text):
    """The character that ends lines in ``text`` (str or bytes): LF, or CR in a CR-only file."""
    lf, cr = ("\n", "\r") if isinstance(text, str) else (b"\n", b"\r")
    return cr if lf not in text and cr in text else lf


def newline_of(text: str, default: str = "\n") -> str:
    """The line ending ``text`` uses ("\\r\\n", "\\r" or "\\n", from its first line), or ``default`` when it has none."""
    end = _ending(text)
    at = text.find(end)
    if at < 0:
        return default
    return "\r\n" if end == "\n" and at > 0 and text[at - 1] == "\r" else end


def split_lines(text: str) -> list[str]:
    """Lines with their endings (``str.splitlines`` also splits at \\v, \\f, \\x1c-\\x1e, \\x85, U+2028
    and U+2029, which may sit inside a quoted YAML value, and at a stray CR)."""
    end = _ending(text)
    lines = [line + end for line in text.split(end)]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def ends_line(line: str) -> bool:
    return line.endswith(("\n", "\r"))


def line_at(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count(_ending(text), 0, max(0, offset)) + 1


def line_at_bytes(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset."""
    return data.count(_ending(data), 0, max(0, offset)) + 1


def lone_cr_as_lf(text: str) -> str:
    """A CR-only text with LF line endings, one character for one, so every offset stays valid
    (for parsers that only know LF and CRLF); any other text as it is."""
    return text.replace("\r", "\n") if _ending(text) == "\r" else text
