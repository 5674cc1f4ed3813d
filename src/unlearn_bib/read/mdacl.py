"""A bullet written as a reference in the ACL (natbib) style, for ``mdgroup``:

``* A, B, and C. 1993. [Title](link). *Computational Linguistics*. ([Citation](…): 5,218)``: the authors first,
then the year alone, then the title (linked, as lists write it), then the venue in italics, maybe after ``In``
(``In *Proceedings of ACL 2002*``). A reader sees the link's text as the paper's title, the names before the
year as its authors and the italic text as its venue: ``acl_fields(unit)`` writes the unit's first line as
``[Title](link) …the links after it`` and the rest as labelled lines (``Authors: …``, ``Venue: …``, ``Year: …``)
that ``mdlist`` reads as it reads any such fields. Any other unit is returned as it is.

Linear time: the names are matched lazily up to the first ``. 1993. [`` (a fixed pattern after them), no
pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import Unit

# "Peter E. Brown, …, and Robert L. Mercer. 1993. [": names (initials have full stops), the year alone, the title's link
_HEAD = re.compile(r"^([^\[\]()*_\n]{3,600}?)\.\s+((?:19|20)\d\d)[a-z]?\.\s+(?=\[)")
# ". In *Proceedings of ACL 2002*." / ". *Computational Linguistics*.": the venue in italics after the title
_VENUE = re.compile(r"^\s*[.,]?\s*(?:In\s+)?(\*|_)([^*_\n]{2,300})\1")


def acl_fields(unit: Unit) -> Unit:
    """``unit`` with an ACL-style reference on its first line written as a linked title and labelled fields."""
    if unit.kind not in ("item", "block") or not unit.lines:
        return unit
    head = unit.lines[0]
    found = _HEAD.match(head.strip())
    if not found or not md.looks_like_authors(found.group(1)):
        return unit
    text = head.strip()
    link = md.LINK.match(text, found.end())
    if not link or link.group(1) or md.GENERIC.match(md.clean(link.group(2))) or len(md.clean(link.group(2)).split()) < 2:
        return unit
    rest = text[link.end():]
    venue = _VENUE.match(rest)
    fields = [f"Authors: {found.group(1).strip()}", f"Year: {found.group(2)}"]
    if venue:
        fields.append(f"Venue: {venue.group(2).strip(' .,')}")
        rest = rest[venue.end():]
    unit.lines = [link.group(0) + " " + rest.strip(" ."), *fields, *unit.lines[1:]]
    return unit
