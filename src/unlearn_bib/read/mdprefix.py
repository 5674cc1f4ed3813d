"""A year standing alone next to the title, for ``mdrescue``: before it (``[2017: Title](link)``, ``2015 - Title``)
or right after a linked title (``[Title](link),2026``, ``[Title](link) (2026)``, nothing else before the next link).

A reader of the rendered list sees the year the list gives this paper, then its title: the year is the row's
own (it wins over a year heading above it, which dates a group), the title is the text after it. A title that
only begins with a number (``2001: A Space Odyssey of …`` is rare; ``2D-Driven …``, ``3D …`` never match: four
digits, then a colon or a dash, then a space) keeps its words when what follows is too short to be a title.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_ALONE = re.compile(r"^[\s,;(]*((?:19|20)\d\d)[\s).]*$")  # ",2026", " (2026)."
_PREFIX = re.compile(r"^((?:19|20)\d\d)\s*[:\uff1a\-\u2013\u2014|]\s+(\S.*)$")


def year_first(row, heading_year: int | None) -> None:
    """Move a leading ``YYYY:`` of ``row.title`` to ``row.year`` (see the module's text); a year the row gives
    itself in another way (a venue tag, not the heading's) stays."""
    found = _PREFIX.match(row.title)
    if not found or len(found.group(2).split()) < 3:
        return
    row.title = found.group(2).strip()
    if row.year is None or row.year == heading_year:
        row.year = int(found.group(1))


def year_after(row, line: str, heading_year: int | None) -> None:
    """Date ``row`` by a year written alone right after its linked title on ``line`` (see the module's text)."""
    if not row.title_url or (row.year is not None and row.year != heading_year):
        return
    found = next((link for link in md.LINK.finditer(line) if link.group(3) == row.title_url and not link.group(1)), None)
    after = md.LINK_START.split(line[found.end():], maxsplit=1)[0] if found else ""
    alone = _ALONE.match(md.clean(after)) if after.strip() else None
    if alone:
        row.year = int(alone.group(1))
