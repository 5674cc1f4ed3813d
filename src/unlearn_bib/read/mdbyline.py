"""A titled bullet and what sits under it, as a reader of the rendered list sees it, for ``mdgroup`` and ``mdlist``:

- ``byline(head, children)``: a bullet holding a title and its labelled links (``* Title [[paper]](…) [[code]](…)``,
  ``* [Title](link)``, the links maybe on lines of their own below the title) over one sub-bullet of its authors
  (``* A, B and C``) and one of its venue (``* ACL 2016``, ``* NIPS Workshop on Learning Semantics 2014``,
  ``* AAAI 21``) is ONE paper: the bullet's title and links, the sub-bullets' authors and venue (other sub-bullets
  may be links, a date or labelled fields). ``AAAI 21`` alone on its line is a venue and its year, 2021. Without
  both an authors and a venue sub-bullet the bullet is left as it is (a category over its items, a paper over its
  notes). ``bylined(unit)`` reads the same lines when the scan made the sub-bullets lines of the bullet's own (a
  line of names or ``WWW'21`` under a linked bullet continues it);
- ``addressed(line)``: a bullet whose head is a title and a link to a paper by its identifier (``- TTS-GAN:
  https://arxiv.org/pdf/1909.11646.pdf``, ``- Title [[paper]](https://doi.org/…)``), or a title of three words or
  more and a link to a PDF or a publisher's page, names that paper even with bullets under it (notes on it; each
  is read on its own, and none is a paper without an identifier of its own).

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdnames import personal_names
from unlearn_bib.read.mdscan import FIELD, ID_URL, NOT_PAPER_HOSTS, Unit, is_paper_url

_SHORT_VENUE = re.compile(r"^([A-Z][A-Za-z&\-]{1,15})\s+(\d\d)$")  # "AAAI 21": an acronym and a two-digit year


def _label(label: str) -> bool:
    """A link's label that names no title: a generic word ("paper", "code") or any one word ("[[review]]")."""
    text = md.clean(label).strip(" []")
    return bool(md.GENERIC.match(text)) or len(text.split()) <= 1


def _title_text(line: str) -> str:
    """The head line's text outside its links, when it reads as a title (not a date, venue, field or names)."""
    text = md.clean(md.without_links(line)).strip(" -:|")
    if not text or md.is_date(text) or (md.looks_like_venue(text) and md.year_of(text)) or FIELD.match(text) or (
            personal_names(text)):
        return ""
    return text


def _fields(head: Unit, below: list[str]) -> list[str] | None:
    """The lines of one paper from a titled head and the lines under it (see the module's text), or None."""
    linked = md.LINK.match(md.strip_decorations(head.lines[0]).strip())  # "[Title](link)": the link's text is the title
    title = md.clean(linked.group(2)) if linked and not linked.group(1) else _title_text(head.lines[0])
    if head.own or not below or len(title.split()) < 3 or head.lines[0].rstrip().endswith(":") or md.GENERIC.match(title):
        return None
    if any(not _label(label) for label, _, badge in md.links(head.lines[0])[1 if linked else 0:] if not badge):
        return None  # "Title [Dataset name](…)": a head of several titles
    lines, names, venues = [head.lines[0]], 0, 0
    for line in below:
        plain = md.clean(line).strip(" .")
        if md.links(line):
            if md.clean(md.without_links(line)).strip(" ,;|") or any(not _label(label) for label, _, _ in md.links(line)):
                return None  # a linked title below: a paper of its own
            lines.append(line)
        elif FIELD.match(plain) or md.is_date(plain):
            lines.append(plain)
        elif md.looks_like_venue(plain):
            venues += 1
            short = _SHORT_VENUE.match(plain) if md.year_of(plain) is None else None
            year = int(short.group(2)) + (2000 if int(short.group(2)) <= 40 else 1900) if short else None
            lines += [f"Venue: {plain}"] + ([f"Year: {year}"] if year else [])
        elif md.looks_like_authors(plain):
            names += 1
            lines.append(f"Authors: {plain}")
        else:
            return None
    return lines if names == 1 and venues == 1 else None


def byline(head: Unit, children: list[Unit]) -> Unit | None:
    """One paper from a titled bullet over its authors and venue sub-bullets (see the module's text), or None."""
    lines = _fields(head, head.lines[1:] + [" ".join(child.lines) for child in children]) if children else None
    return Unit("item", head.line, lines, indent=head.indent, context=dict(head.context)) if lines else None


def bylined(unit: Unit) -> Unit:
    """``unit`` with its authors and venue lines labelled, when the scan made its sub-bullets lines of its own
    (``* Title [[paper]](…)`` / ``  * A, B and C`` / ``  * WWW'21``: each reads as a line of the bullet's)."""
    lines = _fields(unit, unit.lines[1:]) if unit.kind == "item" and not unit.children and len(unit.lines) > 2 else None
    if lines:
        unit.lines = lines
    return unit


def addressed(line: str) -> bool:
    """True for a head that is a title and a link to its paper (see the module's text), labelled as a link."""
    found = [(label, url.strip()) for label, url, badge in md.links(line) if not badge]
    words = len(_title_text(line).split())
    return bool(words) and all(_label(label) for label, _ in found) and any(
        ID_URL.match(url) or words >= 3 and is_paper_url(url) and not NOT_PAPER_HOSTS.match(url) for _, url in found)
