"""Text for a terminal: control characters in user data (keys, titles, paths) shown escaped, so a
.bib or a catalog cannot retitle, clear or repaint the terminal, or forge report lines."""
from __future__ import annotations

import re

# C0 and C1 controls, DEL, line/paragraph separators, and the bidirectional overrides that reorder
# what is shown (a key can look like another one).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(line: str) -> str:
    """One report line with every control character written as ``\\x1b`` / ``\\u202e``."""
    return _CONTROL.sub(_escape, line)


def visible_lines(text: str) -> str:
    """A multi-line message: each line made ``visible``, the line breaks between them kept."""
    return "\n".join(visible(line) for line in text.split("\n"))


def json_visible(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with every control character and
    direction mark inside its strings written as a ``\\uXXXX`` escape: the same data, shown as it is."""
    return _CONTROL.sub(lambda m: m.group(0) if m.group(0) == "\n" else f"\\u{ord(m.group(0)):04x}", text)
