"""A paper linked with its facts inside the link's text, for ``mdrescue``:

- ``named_paragraph(unit)``: a paragraph whose first line is only a short name and a colon (``FedAvg:``) and whose
  next line is a linked title (``[Title. NeurIPS 2020](https://arxiv.org/abs/…)``): GitHub shows the name on a line
  of its own over the paper's link; the row is the link's line, the name is the list's short name for it.
- ``label_fields(row)``: a title taken from a link's text that goes on after its first full stop with a venue and
  its year (``[Title. NIPS 2016 workshop.](link)``, ``[Title. NeurIPS 2020](link)``) or a date: the title is the text
  before the full stop, the venue the part that names one with a year, the year the date's (else the venue's).
  A title whose sentences after the first are not such fields keeps its words (``Title. A Study``).

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import Unit

_NAME = re.compile(r"^[^\W\d][\w+\-.]{0,30}(?: [\w+\-.]{1,30}){0,2}:$")  # "FedAvg:", "Fed Nova:"
_SENTENCE = re.compile(r"(?<=[^\W_]{2})\.\s+(?=\S)")  # a full stop after a word or a date, not after an initial


def named_paragraph(unit: Unit) -> Unit:
    """``unit`` without its name line, on the link's line, when it is such a paragraph (see the module's text)."""
    if unit.kind != "block" or len(unit.lines) != 2 or not _NAME.match(unit.lines[0].strip()):
        return unit
    link = md.LINK.match(unit.lines[1].strip())
    if not link or link.group(1) or len(md.clean(link.group(2)).split()) < 3:
        return unit
    return Unit("block", unit.line + 1, unit.lines[1:], context=unit.context)


def label_fields(row) -> None:
    """Split a link text's venue, year or date off ``row.title`` (see the module's text)."""
    if not row.title_url or row.venue or "." not in row.title:
        return
    parts = [p.strip(" .") for p in _SENTENCE.split(row.title)]
    if len(parts) < 2 or len(parts[0].split()) < 3 or len(parts) > 4:
        return
    venue = next((p for p in parts[1:] if md.year_of(p) and md.looks_like_venue(p) and not md.is_date(p)), "")
    date = next((p for p in parts[1:] if md.is_date(p)), "")
    if not venue and not date or any(p not in (venue, date) for p in parts[1:]):
        return  # "Title. FL PhD Thesis. By Jakub": sentences that are no fields
    row.title, row.venue = parts[0], venue
    row.year = md.year_of(date) if date else md.year_of(venue)
