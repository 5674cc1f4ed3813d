"""Authors and a parenthesised venue after a title, for ``mdcite.after_title``:
``[Title](link) - [[CODE]](…) - Jain, A., Tompson, J., & Bregler, C. (ICLR 2013)``.

``names_then_venue(rest)`` reads what follows a title when it is a list of people and, at the end, a
parenthesis holding a venue with its year or a year alone (``(CVPR 2016)``, ``(IEEE Transactions on
Multimedia 2018)``, ``(2018)``). The names may be written as APA does (``Surname, I., Surname, I.P., &
Surname, I.``: each surname keeps its initials, ``Bregler, C`` as written), as BibTeX does (``Omran, Mohamed
and Lassner, Christoph``), in natural order (``Xuecheng Nie, Jiashi Feng``) or end in ``et al.``; links (code)
and dashes between them are left out. Returns (authors, incomplete, venue, year) or None.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_TAIL = re.compile(r"\(([^()\n]{2,100})\)\s*\.?$")
_INITIALS = re.compile(r"^(?:[A-Z]\.?\s?-?){1,4}$")  # "A.", "G.W.", "C", "J.-P."
_ETAL = re.compile(r"(?<![,\s])[,\s]*\bet\.?\s*al\b\.?$", re.I)  # the lookbehind: one start per run of spaces and commas
# spaces before a separator are matched from the first of them only ("(?<!\s)\s+"): the same splits without
# rescanning a long run of spaces from each of its spaces
_SPLIT = re.compile(r"(?:,|(?<!\s)\s+,)\s*&\s*|(?:&|(?<!\s)\s+&)\s*|(?:,|(?<!\s)\s+,)\s*")
_BIB = re.compile(r"^[^\W\d][^,]{0,40},\s*[^\W\d][^,]{0,40}$")  # "Gehler, Peter V."


def _names(text: str) -> tuple[list[str], bool] | None:
    """(names, incomplete) of a list of people written in one of the ways above, or None."""
    etal = _ETAL.search(text)
    body = text[:etal.start()] if etal else text
    body = body.strip(" ,.")
    parts = [p.strip() for p in _SPLIT.split(body) if p.strip()]
    if len(parts) >= 2 and len(parts) % 2 == 0 and all(_INITIALS.match(p) for p in parts[1::2]) and all(
            p[:1].isupper() and not _INITIALS.match(p) for p in parts[::2]):
        names = [f"{s}, {i}" for s, i in zip(parts[::2], parts[1::2])]
        ends = (text[:etal.start()] if etal else text).rstrip(" ,").endswith(".")  # "Bregler, C" keeps no full stop
        names[-1] = names[-1].rstrip(".") + ("." if ends else "")
        return names, bool(etal)
    bib = [p.strip() for p in re.split(r"\s+and\s+", body)]
    if len(bib) >= 2 and all(_BIB.match(p) for p in bib):
        return bib, bool(etal)
    if not md.looks_like_authors(text):
        return None
    names, incomplete = md.split_authors(text)
    return (names, incomplete) if names else None


def names_then_venue(rest: str) -> tuple[list[str], bool, str, int | None] | None:
    """(authors, incomplete, venue, year) of ``- Names (Venue Year)`` after a title (see the module's text)."""
    plain = md.clean(md.without_links(rest)).strip()
    tail = _TAIL.search(plain)
    if not tail:
        return None
    inner = tail.group(1).strip()
    year = md.year_of(inner)
    if year is None:
        return None
    text = plain[:tail.start()].strip(" -\u2013\u2014|,")
    if not text or len(text) > 1000:
        return None
    found = _names(text)
    if not found:
        return None
    return found[0], found[1], "" if md.is_date(inner) else inner, year
