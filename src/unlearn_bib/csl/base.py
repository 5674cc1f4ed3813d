"""What every module of the CSL layer shares: the CSL namespace and the neutral formatting marks.

The renderer marks formatting (italic, bold, ...) with private-use characters, which the
text rules look through and which ``export/citations.py`` turns into plain text, Markdown
or HTML.
"""
from __future__ import annotations

CSL_NS = "http://purl.org/net/xbiblio/csl"

# Formatting markers: (open, close) per kind, private-use code points.
MARK = {
    "i": ("\ue000", "\ue001"),
    "b": ("\ue002", "\ue003"),
    "sup": ("\ue004", "\ue005"),
    "sub": ("\ue006", "\ue007"),
    "sc": ("\ue008", "\ue009"),
    "u": ("\ue00a", "\ue00b"),
}
MARKERS = "".join(o + c for o, c in MARK.values())
OPENERS = "".join(o for o, _ in MARK.values())
CLOSERS = "".join(c for _, c in MARK.values())
