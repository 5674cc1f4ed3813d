"""A bullet written as a record with pipes between its fields, not a table.

``+ 2019 | Title | Authors | Venue | [PDF](…)``: the year first, the title second, then the
authors and the venue (either may be missing), the links last. With one field between the title
and the links, it is the authors when it names people ("X, et al.", "A, B"), else the venue.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_YEAR_FIRST = re.compile(r"^\s*((?:19|20)\d\d)\s*\|")
_ETAL = re.compile(r"\bet\.?\s*al\b", re.I)


def pipe_record(head: str) -> tuple[str, int, str, str] | None:
    """(title, year, authors, venue) of ``2019 | Title | … | [PDF](…)``, or None for any other line."""
    found = _YEAR_FIRST.match(head)
    if not found:
        return None
    fields = [f.strip() for f in head.split("|")]
    if len(fields) < 3:
        return None
    title = md.clean_title(fields[1])
    if not title or md.links(fields[1]):
        return None
    middle = [md.clean(f).replace("\uff0c", ",") for f in fields[2:] if f and not md.links(f)]
    authors = venue = ""
    if len(middle) >= 2:
        authors, venue = middle[0], middle[1]
    elif middle and ("," in middle[0] or _ETAL.search(middle[0])):
        authors = middle[0]
    elif middle:
        venue = middle[0]
    return title, int(found.group(1)), authors, venue
