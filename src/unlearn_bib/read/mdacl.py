"""A bullet written as a reference in the ACL (natbib) style, for ``mdgroup``:

``* A, B, and C. 1993. [Title](link). *Computational Linguistics*. ([Citation](…): 5,218)``: the authors first,
then the year alone (or ``(2020).``, or no year before a linked title: ``A, B, C. [Title](link). NAACL 2019.``),
then the title (linked, as lists write it, or plain before an italic venue), then the venue in italics, maybe
after ``In`` (``In *Proceedings of ACL 2002*``), or plain after a linked title when it reads as a venue
(``NAACL 2019``, ``Proceedings of …``). A reader sees the link's text as the paper's title, the names before the
year as its authors and the italic text as its venue: ``acl_fields(unit)`` writes the unit's first line as the
title (``[Title](link)``) and what follows the venue, and the rest as labelled lines (``Authors: …``,
``Venue: …``, ``Year: …``) that ``mdlist`` reads as it reads any such fields. Any other unit is returned as it is.

Linear time: the names are matched lazily up to the first ``. 1993. `` or ``. [`` (fixed patterns after them), no
pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import Unit

# "Peter E. Brown, …, and Robert L. Mercer. 1993. ": names (initials have full stops), then the year alone, or in
# parentheses ("A and B (2020). "), or no year when the title's link follows ("A, B, C. [Title](…)")
_HEAD = re.compile(r"^([^\[\]()*_\n]{3,600}?)(?:\.\s+((?:19|20)\d\d)[a-z]?\.\s+(?=\S)|"
                   r"\s*\(((?:19|20)\d\d)[a-z]?\)[.,:]?\s+(?=\S)|\.\s+(?=\[))")  # not "Name: [Title](…)"
# ". In *Proceedings of ACL 2002*." / ". *Computational Linguistics*.": the venue in italics after the title
_VENUE = re.compile(r"^\s*[.,]?\s*(?:In\s+)?(\*|_)([^*_\n]{2,300})\1")
# ". NAACL 2019." / ". In Proceedings of ACL.": a plain venue after the title, up to the next link or parenthesis
_PLAIN_VENUE = re.compile(r"^\s*[.,]?\s*(?:In\s+)?([^\[\]()*_\n]{2,200})")
_PAGES = re.compile(r",\s*(?:pp?\.|pages|vol\.|volume)\s", re.I)  # "Proceedings of ACL, pages 1-9": the venue ends
_VENUE_WORDS = re.compile(r"\b(?:conference|symposium|journal|transactions|workshop|proceedings|letters|review)\b", re.I)
# "Title. In *Venue*": where an unlinked title ends, before its italic venue
_PLAIN_END = re.compile(r"[.?!]\s+(?=(?:In\s+)?[*_][^*_\s]|In\s+[A-Z])")  # or "Title. In Proceedings of …"


def _title(text: str, at: int) -> tuple[str, str] | None:
    """(the title as the first line shows it, the rest of the line) of the title starting at ``at``, or None."""
    link = md.LINK.match(text, at)
    if link:
        label = md.clean(link.group(2))
        if link.group(1) or md.GENERIC.match(label) or len(label.split()) < 2:
            return None
        return link.group(0), text[link.end():]
    end = _PLAIN_END.search(text, at)  # "A and B. 2019. Title. In *Venue*, pages 1-9. [[pdf]](…)"
    if not end or md.links(text[at:end.start()]) or len(text[at:end.start()].split()) < 3:
        return None
    return text[at:end.start() + 1].rstrip("."), text[end.start() + 1:]


def acl_fields(unit: Unit) -> Unit:
    """``unit`` with an ACL-style reference on its first line written as a title and labelled fields."""
    if unit.kind not in ("item", "block") or not unit.lines:
        return unit
    text = unit.lines[0].strip()
    found = _HEAD.match(text)
    names = found.group(1).strip() if found else ""
    year = found and (found.group(2) or found.group(3))
    if not found or not md.looks_like_authors(names) or not year and not _PEOPLE.search(names):
        return unit  # without a year, two people or more ("A, B", "A and B", "A et al.") before the title's link
    title = _title(text, found.end()) if year or md.LINK.match(text, found.end()) else None
    if title is None:
        return unit
    shown, rest = title
    venue = _VENUE.match(rest)
    plain = _PLAIN_VENUE.match(rest) if not venue else None
    said = (venue.group(2) if venue else _PAGES.split(plain.group(1).split(". ")[0])[0] if plain else "").strip(" .,")
    if plain and not (md.looks_like_venue(said) or md.year_of(said) or _VENUE_WORDS.search(said)):
        said, plain = "", None  # "[Title](…). A note on it." is no venue
    fields = [f"Authors: {names}"] + ([f"Year: {year}"] if year else []) + ([f"Venue: {said}"] if said else [])
    rest = rest[(venue or plain).end():] if venue or plain else rest
    if not shown.startswith("["):  # a plain title: its links, not its pages ("…, pages 1-9. [[pdf]](…)")
        rest = " ".join(link.group(0) for link in md.LINK.finditer(rest))
    unit.lines = [shown + " " + rest.strip(" ."), *fields, *unit.lines[1:]]
    return unit


_PEOPLE = re.compile(r",|\band\b|&|\bet\.?\s*al\b")
