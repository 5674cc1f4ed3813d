"""``[Title](link) by A, B et al.<br>``: the names after "by" right after a linked title are its authors.

A reader of the rendered list reads "Graphical Normalizing Flows by Wehenkel, Louppe" as the paper and who wrote
it. The names may be surnames only (``Klein, Noé`` is two people), full names, or joined by "and" / "&"; a trailing
"et al." marks the list incomplete. Anything that is not a short run of names (a sentence, a link, a year) is
left alone, and a row that has authors already keeps them.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

# "by" and the names, up to a line break, a link, a parenthesis or the end; a date tag or a stray ")" may stand before it
_BY = re.compile(r"^\)?\s*(?:\([^()\n]{1,40}\)\s*)?by\s+([^\[\]<>()\n]{2,300})(?:<br\s*/?>|\[|$)", re.I)
_ETAL = re.compile(r"(?:,|(?<!\s))\s*\bet\.? al\.?$")  # ",?\s*" from a comma or the first of a run of spaces only
_NAME = re.compile(r"[^\W\d_][^\W\d_'\u2019.\- ]*(?:[ '\u2019.\-]+[^\W\d_][^\W\d_'\u2019.\-]*){0,3}\.?")


def by_authors(unit, row) -> None:
    """Give ``row`` the names written "by …" right after its linked title on the unit's first line (see module)."""
    if row.authors or not row.title_url:
        return
    line = unit.lines[0]
    link = next((m for m in md.LINK.finditer(line) if m.group(3) == row.title_url), None)
    found = _BY.match(line[link.end():]) if link else None
    if not found:
        return
    names = found.group(1).strip(" .,;")
    incomplete = bool(_ETAL.search(names))
    names = _ETAL.sub("", names).strip(" ,")
    parts = [p.strip() for p in re.split(r",|\band\b|&", names)]
    if not names or not all(p and _NAME.fullmatch(p) for p in parts) or not md.looks_like_authors(names):
        return
    row.authors, row.authors_incomplete = parts, incomplete
