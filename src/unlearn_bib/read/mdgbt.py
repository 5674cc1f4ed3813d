"""A reference in the Chinese standard style (GB/T 7714), which lists copied from Google Scholar's "cite" box write,
for ``mdrescue``:

``Zhao J, Zhang R, Sun Q, et al. <b>Title[J]</b>. Journal of X, 2023, 15(10): 7903. [Link](…)``: the names before the
first full stop are the authors (``et al.`` marks them incomplete), the text up to the type tag (``[J]`` journal,
``[C]`` proceedings, ``[M]`` book, ``[D]`` thesis, ``[R]`` report, ``[A]``, ``[N]``, ``[P]``, ``[S]``, ``[EB/OL]``,
``[Z]``) is the title, the text after it up to the year is the venue, and that year is the row's own (it wins over a
year heading). A reference names a paper whatever its link leads to.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_GBT = re.compile(r"^([^.\[\]]{2,600}?)\.\s+([^\[\]]{4,400}?)\s*\[(?:J|C|M|D|R|A|N|P|S|EB/OL|Z)\](?://[^.]{0,300})?"
                  r"\s*\.?\s*(.*)$")
_YEAR = re.compile(r"(?:^|[\s,.;])((?:19|20)\d\d)(?![\d.]\d)")

# what cleaning the line removes (emphasis, escapes, shortcodes, emoji) may stand inside a type tag as written:
# "[J]", "[*J*]", "[J\\]"; a line without this is no reference (a quick test before cleaning it)
_REMOVED = r"(?:[*_~\\]|:[a-z0-9_+\-]{2,40}:|[^\x00-\x7f])*"
_TYPE_TAG = re.compile(rf"\[{_REMOVED}(?:[JCMDRANPSZ]|E{_REMOVED}B{_REMOVED}/{_REMOVED}O{_REMOVED}L){_REMOVED}\]")


def gbt_reference(row, line: str) -> bool:
    """Read ``line`` (the row's first line) as a GB/T 7714 reference into ``row``; False (row unchanged) if it is none."""
    if not _TYPE_TAG.search(line):
        return False  # no type tag, however the cleaning below would change the line
    found = _GBT.match(md.clean(md.without_links(line)).strip())
    if not found or not md.looks_like_authors(found.group(1)) and "et al" not in found.group(1):
        return False
    people, title, rest = found.groups()
    year = _YEAR.search(rest)
    if not year or len(title.split()) < 2:
        return False
    row.title = md.clean_title(title).strip(" .")
    row.authors, row.authors_incomplete = md.split_authors(people.strip(" ,."))
    row.authors = row.authors or None
    row.venue = rest[:year.start()].strip(" ,.;:") or row.venue
    row.year = int(year.group(1))
    row.needs_id = False
    return True
