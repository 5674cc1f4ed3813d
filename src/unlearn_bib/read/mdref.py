"""A reference printed as a bibliography prints it, the title in bold (or quoted) between the authors and the rest.

``reference(unit, row_type)`` reads a paragraph or a bullet written
``**[12]** Authors. **Title**. In Venue, pages 1–9, 2003.`` (the number also ``[12]``, ``12.``, or a list item's; the
names in any style: ``Given Surname``, ``Surname, Given`` as BibTeX and Chicago write them, ``Surname I``, APA's
``Surname, I., & Surname, I. (2017).`` with the year after the names; ``et al`` marks them incomplete). What a reader
of the rendered list sees is a bold title with names before it, so: the bold span is the title, the names the
authors, the year the last one after the title (an arXiv id ``arXiv:1703.03400`` is no year) or APA's, the venue
what is left of the rest without ``In``, pages, volume and year (``arXiv preprint``, ``PhD thesis, University of
Toronto``). A quoted title as IEEE prints it is read the same way (``[1] A. Smith and B. Jones, "Title," in Proc.
ICML, 2020, pp. 1-9.`` -> venue ``Proc. ICML``). A reference wrapped over several lines is read as one. Returns a row, or None when the unit is not
such a reference (no names before the bold span, no year).

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_NUMBER = re.compile(r"^\s*(?:(?:\*\*|__)\[\d{1,4}\](?:\*\*|__)|\[\d{1,4}\]|\d{1,4}[.)])\s*")
_BOLD = re.compile(r"\*\*([^*\n]{4,400})\*\*|__([^_\n]{4,400})__|\"([^\"*\n]{4,400})\"|“([^”*\n]{4,400})”")  # or quoted
_APA_YEAR = re.compile(r"(?<!\s)\s*\(((?:19|20)\d\d)[a-z]?\)\s*(?:\.\s*)?$")  # one start per run of spaces; one "\s*" per run
_YEAR = re.compile(r"(?<![\d.:])((?:19|20)\d\d)(?![\d.]\d)")
_ARXIV_ID = re.compile(r"(?i)\barxiv\s?:\s?\d{4}\.\d{4,5}(?:v\d+)?")
_ETAL = re.compile(r"(?<![,\s])[,\s]*\bet\.?\s*al\b\.?\s*$", re.I)  # the lookbehind: one start per run of spaces and commas
_WORD = re.compile(r"^(?:(?:de|van|von|da|der|den|le|la|di|du)\s)?[^\W\d][\w'’\-]*$")  # "Andrychowicz", "de Freitas"
_GIVEN = re.compile(r"^[^\W\d][\w'’\-]*(?:\s(?:[A-Z]\.?){1,2}|\s[A-Z][a-z]+)?\.?$|^(?:[A-Z]\.\s?-?){1,3}$")  # "Matthew W", "Jimmy Lei", "C."
_LOWER = re.compile(r"(?:^|[\s,])(?!(?:de|van|von|da|der|den|le|la|di|du|and|y)\b)[a-z][a-z]")  # a word no name has
# (the alternatives that begin with spaces begin at the first of them, "(?<!\s)": a run is not rescanned from each space)
_CUT = re.compile(r",\s*(?:pp\.|pages?\b|vol(?:ume|\.)|no\.)|,\s*\d|(?<!\s)\s+\d+\s*\(\d+\)|(?<!\s)\s+\((?:pp\.|(?:19|20)\d\d)")


def _names(text: str) -> tuple[list[str], bool]:
    """(names, incomplete): ``Surname, Given`` pairs kept whole, other names as written."""
    etal = _ETAL.search(text)
    body = text[:etal.start()] if etal else text
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+", body.strip(" ,")) if p.strip()]
    names, n = [], 0
    while n < len(parts):
        if n + 1 < len(parts) and _WORD.match(parts[n]) and _GIVEN.match(parts[n + 1]):
            names.append(f"{parts[n]}, {parts[n + 1]}")
            n += 2
        else:
            names.append(parts[n])
            n += 1
    names = [re.sub(r"(?<![\s.][A-Z])\.$", "", " ".join(name.split())) for name in names]  # "Levine, S." keeps its initial's
    return [name for name in names if name], bool(etal)


def _venue(tail: str) -> str:
    """The venue part of what follows the title: no leading "In", no pages, volume, arXiv id or year."""
    text = _ARXIV_ID.sub("", tail).strip(" .,;")
    text = re.sub(r"^(?:In|in)\s+|^vol(?:ume|\.)\s*\d+\.?\s*", "", text)  # ", volume 358. Springer": the publisher
    cut = _CUT.search(text)
    text = text[:cut.start()] if cut else text
    text = re.sub(r"(?:,\s*|\s+)\(?(?:19|20)\d\d\)?\.?$", "", text.strip(" .,;"))
    return text.strip(" .,;:")


def reference(unit, row_type):
    """The row of a bibliography reference with a bold title (see the module's text), or None."""
    if unit.kind not in ("block", "item") or unit.children:
        return None
    whole = " ".join(line.strip() for line in unit.lines)
    if len(whole) > 3000:
        return None
    marker = _NUMBER.match(whole)
    rest = whole[marker.end():] if marker else whole
    bold = _BOLD.search(rest)
    if not bold or bold.start() == 0:
        return None  # a bold title first is another layout's ("**Title**. Authors. Venue")
    lead = rest[:bold.start()].strip()
    apa = _APA_YEAR.search(lead)
    people = (lead[:apa.start()] if apa else lead).strip().rstrip(",")  # "Levine, S.": the initial's full stop stays
    if not people or md.links(lead) or re.search(r"[\[\]()|*_`<>:\"“”]", people):
        return None
    if not (marker or apa or unit.kind == "item" and lead.endswith((".", ","))):
        return None  # a paragraph "Names. **Title**" with no reference number: too like a sentence
    if not md.looks_like_authors(people) or not 2 <= len(people.split()) <= 120 or _LOWER.search(_ETAL.sub("", people)):
        return None  # "Thanks to Alice Smith": a sentence, no names
    title = md.clean_title(next(g for g in bold.groups() if g).strip().rstrip(".,"))
    tail = md.clean(md.without_links(rest[bold.end():]))
    years = _YEAR.findall(_ARXIV_ID.sub(" ", tail))
    year = int(years[-1]) if years else (int(apa.group(1)) if apa else None)
    if not title or year is None and not apa:
        return None
    row = row_type(unit.line, title, section=unit.context.get("section", ""), text=whole)
    row.links = md.links(whole)
    row.year = year or unit.context.get("year")
    row.venue = _venue(tail)
    names, incomplete = _names(people)
    row.authors, row.authors_incomplete = names or None, incomplete
    return row
