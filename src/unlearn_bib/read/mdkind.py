"""What kind of item a list row is, and what a few cell and head shapes mean, for ``mdhead`` and ``mdlist``:

- ``dataset_name(title, urls, section)``: under a heading that names datasets, an item whose "title" is a
  short name (three words or fewer: ``Street Scene (WACV 2020)``, ``UCSD [Download link](…)``) and that
  links no paper names a dataset, not a paper (a dataset's paper has a title, or a paper link);
- ``short_name_link(lead)``: a short name in brackets or parentheses before a linked title, ``[Street-Scene]
  [Title](link)``, ``(Social Force) [Title](link)``: the list's name for the paper; the link text is the title;
- ``linked_citation(cell)``: a table cell whose link text is a citation, ``[**Paden et al.**, *Title* (IEEE
  T-IV 2016)](doi)``: (title, url, authors, venue as a Venue cell writes it, year);
- ``last_field(venue)``: a ``Team / venue`` cell ``Waabi + University of Toronto; ICLR 2024``: the field after
  the last ``;`` that names a year is the venue;
- ``authors_field(cell)``: the names before the team and the status in ``Han Huang *et al.*; Tongji-led team; arXiv``;
- ``code_after(rest)``: a venue in inline code right after a linked title, ``[Title](link), `CVPR 16`.``, as a tag.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import is_paper_url
from unlearn_bib.read.mdtail import code_tag

_DATASETS = re.compile(r"\bdata ?sets?\b", re.I)
# "[Street-Scene] ", "(Social Force) ", "[Rodrigurs.etl]) " (a stray parenthesis after it, as written)
_NAME = re.compile(r"^(?:\[([^\[\]()\n]{1,40})\]|\(([^\[\]()\n]{1,40})\))\)?\s*(?=\[)")
_TEAM = re.compile(r"\+|\b(universit\w*|institut\w*|lab|laboratory|team|college|school|academy|inc|corp\w*|group)\b", re.I)
_CITED = re.compile(r"^\s*(\*\*|__)([^*_\n]{2,200}?)\1\s*,?\s*([*_])([^*_\n]{2,400}?)\3\s*(?:\(([^()\n]{1,80})\))?\s*$")


def dataset_name(title: str, urls: list[str], section: str) -> bool:
    """True for a dataset's name listed under a Datasets heading: three words or fewer, no paper linked."""
    return bool(_DATASETS.search(section)) and len(title.split()) <= 3 and not any(is_paper_url(u) for u in urls)


def short_name_link(lead: str) -> tuple[str, str, str] | None:
    """(title, url, rest) when ``lead`` is a bracketed short name (one to four words, not a venue, date or
    other tag: the caller checks) followed by a link whose text (three words or more) is the title."""
    found = _NAME.match(lead)
    if not found:
        return None
    name = md.clean(found.group(1) or found.group(2))
    if not name or len(name.split()) > 4:
        return None
    link = md.LINK.match(lead, found.end())
    if not link or link.group(1) or link.group(2).lstrip().startswith("!["):
        return None
    label = md.clean(link.group(2))
    if md.GENERIC.match(label) or len(label.split()) < 3:
        return None
    return label, link.group(3), lead[link.end():]


def linked_citation(cell: str) -> tuple[str, str, str, str, int | None] | None:
    """(title, url, authors, venue, year) of a cell linking a citation ``[**A et al.**, *Title* (Venue Year)](url)``;
    the parenthesis may hold a short name before the venue (``(UniAD, CVPR 2023)``) or only a year (``(2024)``)."""
    link = md.LINK.search(cell)
    if not link or link.group(1):
        return None
    found = _CITED.match(link.group(2))
    if not found or not md.looks_like_authors(found.group(2)):
        return None
    title, tag = md.clean(found.group(4)), (found.group(5) or "").strip()
    venue, year = "", md.year_of(tag)
    parts = [p.strip() for p in tag.split(",") if p.strip()]
    if parts and re.fullmatch(r"(?:19|20)\d\d", parts[-1]):
        venue = ", ".join(parts)  # "(NVIDIA PilotNet, 2016)", "(2024)": the table's Venue cell reads them
    elif parts:
        venue = parts[-1]  # "(IEEE T-IV 2016)", "(UniAD, CVPR 2023)"
    return title, link.group(3), md.clean(found.group(2)), venue, year


def last_field(venue: str) -> str:
    """The venue of a ``Team; Venue Year`` cell: the last ``;`` field naming a year (the whole cell otherwise); a venue
    written in a code span (`` `NeurIPS'23` ``) is the venue."""
    venue = venue[1:-1].strip() if len(venue) > 2 and venue[0] == venue[-1] == "`" and "`" not in venue[1:-1] else venue
    if ";" not in venue:
        return venue
    dated = [part.strip() for part in venue.split(";") if md.year_of(part)]
    return dated[-1] if dated else venue


_CODE_AFTER = re.compile(r"^\s*,?\s*`[^`\n]{0,36}\d\d[^`\n]{0,20}`")  # with its year: "`LLM`" is a topic


def code_after(rest: str) -> str:
    """``rest`` (what follows a linked title) with a venue in inline code right after it, ``, `CVPR 16`.`` or
    ```ACM MM 17``, as a tag ``(CVPR 16 | 2016)`` (a two-digit year is 20YY, as ``mdtail.code_tag`` reads it)."""
    found = _CODE_AFTER.match(rest)
    if not found:
        return rest
    _, tag = code_tag(found.group(0).strip(" ,"))
    return f" {tag}{rest[found.end():]}" if tag else rest


def authors_field(cell: str) -> str:
    """The authors of an ``Authors / team and status`` cell, ``Han Huang *et al.*; Tongji-led team; SSRN working
    paper``: the first ``;`` field when what follows it names a team or is not more names (``A; B; C`` stays whole)."""
    first, _, others = cell.partition(";")
    if others and (_TEAM.search(others.split(";")[0]) or not md.looks_like_authors(md.clean(others.split(";")[0]))):
        return md.clean(first)
    return cell


_NAMED_CELL = re.compile(r"^\s*\d{1,3}[.)]\s+([^\s\[\]|][^\n\[\]|]{1,150}?\S)\s{2,}(\S[^\n]*)$")


def cell_name(cell: str) -> str:
    """The name of a plain numbered cell ``1) Short Name  This paper introduces …``: a double space ends the name
    and a description of eight words or more follows; "" for any other cell."""
    found = _NAMED_CELL.match(cell)
    if not found or md.links(found.group(1)) or len(md.clean(md.without_links(found.group(2))).split()) < 8:
        return ""
    return md.clean(found.group(1))

