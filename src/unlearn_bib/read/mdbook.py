"""Among books, a paper: what in a ``Books`` section is not a book.

A list's "Tutorial and Books" section mixes books with theses and conference tutorials
(``[Many-agent Reinforcement Learning](pdf) by Yaodong Yang, 2021. PhD Thesis.``,
``[Multiagent Reinforcement Learning](pdf) by A, B, C. ECML, 2013.``). The books are left out; a row that
names its venue and year, where the venue is a thesis or a conference or journal and not a publisher
(``Cambridge University Press``, ``MIT Press 2016``, ``Springer``, ``O'Reilly``), is a paper. A row with no venue
(``[Title](link) by A, B, 2023.``) stays a book.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_THESIS = re.compile(r"(?i)\b(?:thesis|dissertation)\b")
_PUBLISHER = re.compile(r"(?i)\b(?:press|publish\w*|publications|springer|wiley|o'?reilly|manning|packt|elsevier|crc|apress|"
                        r"morgan|book|books|edition|chapman|cambridge|oxford|princeton)\b")


def not_a_book(row) -> bool:
    """True when a row of a Books section is a thesis's or a conference's (see the module's text)."""
    venue = (row.venue or "").strip()
    if not venue or row.year is None or _PUBLISHER.search(venue):
        return False
    return bool(_THESIS.search(venue)) or md.looks_like_venue(venue)
