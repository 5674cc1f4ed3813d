"""Helpers of the layout tests (tests/test_lists_layouts*.py): a snippet of a list, read."""
from unlearn_bib.read.mdlist import read_list


def one(text):
    """The one row a snippet holds (no trouble reported)."""
    rows, troubles = read_list(text)
    assert not troubles and len(rows) == 1, (rows, troubles)
    return rows[0]


def fields(text):
    """(title, venue, year, needs_id) of each row of a snippet (no trouble reported)."""
    rows, troubles = read_list(text)
    assert not troubles, troubles
    return [(r.title, r.venue, r.year, r.needs_id) for r in rows]
