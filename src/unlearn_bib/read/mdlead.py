"""Rows that put their links first and their citation last, for ``mdhead`` and ``mdlist``:

- ``links_first(lead)``: ``[[pdf](…)] - **Title**, A. Name et al. 2019.`` or ``[ref](…) [code](…) | Title``: a
  run of links whose labels are generic words (``pdf``, ``paper``, ``ref``, ``code``…) at the start of a row,
  then a separator, then the title. A reader of the rendered list sees the title after the links; the links
  are the row's, they move after the title. A label that is a title (``[U-Net](…)``) is no such run.
- ``names_year(text)``: ``, A. Name et al. 2019.``, ``, C. Yu, et al. 2019``, ``, Hankook Lee, Jinwoo Shin, 2019``
  after a title: the authors and the year, no venue (a year alone, after a comma or ``et al.``, ends the citation;
  a full stop after a name, emphasis or a venue before the year leave the line to ``mdcite.citation``).

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_REF = re.compile(r"^\W*(?:ref|refs|reference|article|journal|link|url|pdf|paper)\W*$", re.I)
_SEPARATOR = re.compile(r"\s*[-\u2013\u2014|:]?\s*")
# (the names end on a space or comma only at their shortest, "{2}|{3,300}?(?<![\s,])": one character less would do
# otherwise; the same match, and a run of spaces is not rescanned from each of its spaces)
_NAMES_YEAR = re.compile(r"^[\s,]*([^\d()\[\]\n]{2}|[^\d()\[\]\n]{3,300}?(?<![\s,]))[\s,]*\(?((?:19|20)\d\d)\)?[\s.]*$")
_ETAL = re.compile(r"\bet\.?\s*al\b\.?", re.I)


def links_first(lead: str) -> tuple[str, str] | None:
    """(the text after a leading run of generic links, the links' text), or None (see the module's text)."""
    pos, end = 0, 0
    while pos < len(lead):
        outer = lead.startswith("[[", pos)
        found = md.LINK.match(lead, pos + 1 if outer else pos)
        if not found or found.group(1):
            break
        label = md.clean(found.group(2))
        if not (md.GENERIC.match(label) or _REF.match(label)):
            break
        stop = found.end()
        if outer:
            if not lead.startswith("]", stop):
                break
            stop += 1
        end = stop
        pos = _SEPARATOR.match(lead, stop).end()
        if not lead.startswith("[", pos):
            break
    if not end:
        return None
    rest = lead[_SEPARATOR.match(lead, end).end():]
    words = md.clean(md.without_links(rest)).split()
    if len(words) < 2 or md.LINK.match(rest):
        return None  # nothing after the links but more links: no title shown there
    return rest, lead[:end]


def names_year(text: str) -> tuple[list[str], bool, str, int] | None:
    """(authors, incomplete, "", year) of ``, Names [et al.] Year.`` after a title, or None."""
    raw = md.LINK_START.split(text, maxsplit=1)[0]  # up to the first link
    if re.search(r"[*_`]", raw):
        return None  # "*M. Raissi, P. Perdikaris*, Journal, 2019": emphasis sets the authors apart (``citation``)
    plain = md.clean(raw).strip()
    found = _NAMES_YEAR.match(plain) if plain.startswith(",") else None
    if not found:
        return None
    names = found.group(1).strip(" ,.")
    if not (_ETAL.search(names[-8:]) or re.search(r",\s*\(?$", plain[:found.start(2)])):
        return None  # ", B. Biggio, Pattern Recognition 2018": a year glued to a name is a venue's year
    if re.search(r"[^\W\d]{2}\.\s+\S", names):
        return None  # ", Chelsea Finn, Sergey Levine. ICML 2017": a full stop after a name ends the authors
    if md.looks_like_venue(names.rsplit(",", 1)[-1].strip()):
        return None  # ", A, B, ICML 2019": the last field is a venue (``citation`` reads it)
    if "," in names and " " not in names.split(",", 1)[0].strip():
        return None  # "Blodgett, Su Lin and Barocas, Solon, 2020": BibTeX's "Family, Given" names (``citation``)
    if not (md.looks_like_authors(names) or _ETAL.search(names) and md.looks_like_authors(_ETAL.sub("", names).strip(" ,"))):
        return None
    authors, incomplete = md.split_authors(names)
    if not authors:
        return None
    return authors, incomplete, "", int(found.group(2))
