"""citeproc-py's string arithmetic on plain ``str``: what ``String``/``MixedString`` do at a seam.

citeproc-py holds rendered text as ``String`` or ``MixedString`` (a list of pieces re-joined
whenever it is read), which tidy the seam where two pieces meet: a double space or a doubled
".,;:!?" loses one character, and an empty piece is dropped; a plain ``str`` joins as it is.
The compiled renderer (``compiled``) carries text as a pair ``(text, rich)``, ``rich`` saying
whether citeproc-py would hold it as a ``String``/``MixedString``, and applies the same rules
here, so that the result is the same text, byte for byte.
"""
from __future__ import annotations

from citeproc.string import MixedString, String

_SEAM = frozenset(".,;:!?")
_RICH = (String, MixedString)


def seam(left: str, other: str) -> str:
    """citeproc.string.normalize_seam on plain text."""
    if left and other:
        last, first = left[-1], other[0]
        if (last == " " and first == " ") or (last == first and first in _SEAM):
            return other[1:]
    return other


def add(a, b):
    """``a + b`` as citeproc-py computes it: a plain ``str`` pair joins as it is; with a
    String or MixedString on either side, an empty other side is dropped and the seam tidied."""
    at, ar = a
    bt, br = b
    if ar:
        if not bt:
            return a
    elif br:
        if not at:
            return b
    else:
        return at + bt, False
    bt = seam(at, bt)
    return (at + bt, True) if bt else (at, True)


def join(pieces, delimiter: str):
    """citeproc.string.join: the delimiter and each piece tidied against what precedes them.

    ``add(add(out, (seam(out[0], delimiter), False)), (seam(..., text), rich))`` per piece,
    written out (a seam is tidied once more where ``add`` sees a rich side);
    ``tests/test_csl_seams_join.py`` checks it against that form."""
    if len(pieces) == 1:
        return pieces[0]
    at, ar = pieces[0]
    for bt, br in pieces[1:]:
        d = delimiter
        if at and d:
            last, first = at[-1], d[0]
            if (last == " " and first == " ") or (last == first and first in _SEAM):
                d = d[1:]
        if not ar:
            at += d
        elif d:
            d = seam(at, d)
            if d:
                at += d
        bt = seam(at, bt)
        if ar:
            if bt:
                bt = seam(at, bt)
                if bt:
                    at += bt
        elif br:
            if at:
                bt = seam(at, bt)
                if bt:
                    at += bt
            else:
                at = bt
            ar = True
        else:
            at += bt
    return at, ar


def wrap(value, prefix: str, suffix: str):
    """Affixed.wrap (called only where the element has an affix)."""
    text, rich = value
    value = add((prefix, False), (seam(prefix, text), rich))
    return add(value, (seam(value[0], suffix), False))


def dress(value, wrappers, prefix: str, suffix: str):
    """A group's or names' joined output as citeproc-py finishes it: the formatting wrappers
    (font style, text-case...) in order, then the affixes where there are any."""
    if wrappers:
        text = value[0]
        for formatting in wrappers:
            text = formatting(text)
        value = (text, False)
    return wrap(value, prefix, suffix) if prefix or suffix else value


def pair(rendered):
    if rendered is None:
        return None
    if isinstance(rendered, _RICH):
        return str(rendered), True
    return (rendered, False) if isinstance(rendered, str) else (str(rendered), False)
