"""A reference in the Chinese standard style (GB/T 7714), which lists copied from Google Scholar's "cite" box write,
for ``mdrescue``:

``Zhao J, Zhang R, Sun Q, et al. <b>Title[J]</b>. Journal of X, 2023, 15(10): 7903. [Link](…)``: the names before the
first full stop are the authors (``et al.`` marks them incomplete), the text up to the type tag (``[J]`` journal,
``[C]`` proceedings, ``[M]`` book, ``[D]`` thesis, ``[R]`` report, ``[A]``, ``[N]``, ``[P]``, ``[S]``, ``[EB/OL]``,
``[Z]``) is the title, the text after it up to the year is the venue, and that year is the row's own (it wins over a
year heading; a reference that stops at its type tag, ``Title[J].``, keeps the heading's year). A reference names a
paper whatever its link leads to. The title may be a link's text
(``**[1]** Names. [**Title**](link)[J]. Venue, **2021**.``), the reference numbered (``[1]``).

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_GBT = re.compile(r"^([^.\[\]]{2,600}?)\.\s+([^\[\]]{4,400}?)\s*\[(?:J|C|M|D|R|A|N|P|S|EB/OL|Z)\](?://[^.]{0,300})?"
                  r"\s*\.?\s*(.*)$")
_NUMBER = re.compile(r"^(?:\[\d{1,4}\]|\d{1,4}[.)])\s+")  # "[1] Names.": the list's reference number
_YEAR = re.compile(r"(?:^|[\s,.;])((?:19|20)\d\d)(?![\d.]\d)")

# what cleaning the line removes (emphasis, escapes, shortcodes, emoji) may stand inside a type tag as written:
# "[J]", "[*J*]", "[J\\]"; a line without this is no reference (a quick test before cleaning it)
_REMOVED = r"(?:[*_~\\]|:[a-z0-9_+\-]{2,40}:|[^\x00-\x7f])*"
_TYPE_TAG = re.compile(rf"\[{_REMOVED}(?:[JCMDRANPSZ]|E{_REMOVED}B{_REMOVED}/{_REMOVED}O{_REMOVED}L){_REMOVED}\]")


def _parts(line: str) -> tuple[str, str, str, re.Match | None] | None:
    """(people, title, the text after the type tag, its year) of a GB/T 7714 reference, or None."""
    if not _TYPE_TAG.search(line):
        return None  # no type tag, however the cleaning below would change the line
    for shown in (md.without_links(line), _labels(line)):  # "[**Title**](link)[J]": the link's text is the title
        found = _GBT.match(_NUMBER.sub("", md.clean(shown).strip()))
        if found and (md.looks_like_authors(found.group(1)) or "et al" in found.group(1)):
            year = _YEAR.search(found.group(3))
            if (year or not found.group(3).strip(" .")) and len(found.group(2).split()) >= 2:  # "Title[J]." and no more
                return found.group(1), found.group(2), found.group(3), year
    return None


def _labels(line: str) -> str:
    """``line`` with each link replaced by its text, images dropped."""
    return md.LINK.sub(lambda link: "" if link.group(1) else link.group(2), line)


def is_reference(line: str) -> bool:
    """True for a line that reads as a GB/T 7714 reference: a paper, whatever sub-bullets it has (notes on it)."""
    return _parts(line) is not None


def gbt_reference(row, line: str) -> bool:
    """Read ``line`` (the row's first line) as a GB/T 7714 reference into ``row``; False (row unchanged) if it is none."""
    parts = _parts(line)
    if parts is None:
        return False
    people, title, rest, year = parts
    row.title = md.clean_title(title).strip(" .")
    row.authors, row.authors_incomplete = md.split_authors(people.strip(" ,."))
    row.authors = row.authors or None
    if year:  # a reference that stops at its type tag gives no venue or year: the heading's year stays
        row.venue = rest[:year.start()].strip(" ,.;:") or row.venue
        row.year = int(year.group(1))
    row.needs_id = False
    return True
