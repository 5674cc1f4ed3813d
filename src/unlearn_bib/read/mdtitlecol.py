"""The title column of a table whose header names none.

``| Year | Articles, Thesis and Reports | Code |``: a reader sees which column holds the papers
without knowing its name. When no column is named as a title (see ``mdscan._column``), the column
whose cells are mostly links labelled with a phrase (four words or more) is the title column: a
paper's title is a linked phrase, while a dataset's or a tool's name is a short label and a
description is rarely one whole link. Columns already given another role (year, venue, code,
authors) are never chosen.
"""
from __future__ import annotations

from unlearn_bib.read import mdinline as md

_ROLES = ("year", "venue", "code", "authors")


def _linked_phrase(cell: str) -> bool:
    found = md.links(cell)
    if len(found) != 1 or found[0][2]:
        return False
    label = md.clean(found[0][0])
    return len(label.split()) >= 4 and len(md.clean(md.without_links(cell)).strip(" .,;")) <= 3


def title_column(header: list[str], rows: list[list[str]]) -> int:
    """The index of the column to read as titles, or -1 when none is clearly one."""
    if "title" in header or len(rows) < 2:
        return -1
    best, best_count = -1, 0
    for col, name in enumerate(header):
        if name in _ROLES:
            continue
        count = sum(1 for cells in rows if col < len(cells) and _linked_phrase(cells[col]))
        if count > best_count:
            best, best_count = col, count
    return best if best_count * 2 >= len(rows) else -1
