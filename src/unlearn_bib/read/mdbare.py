"""Rows written bare, for ``mdlist``:

- ``plain_paragraph(line)``: a paragraph line ``Plain Title [[paper](link)]`` reads as a bullet does: a title,
  then bracketed links of which one leads to a paper;
- ``short_title(title, text)``: a short name of two or three characters (``GCN [https://arxiv.org/…]``) is a
  title when the row shows the address of a paper (a bare address, ``mdauto.autolink``); a short name beside a
  ``[paper](…)`` label may name a dataset or a model and is not taken.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import is_paper_url

_PAPER_LINK = re.compile(r"^\s*\[\[\s*(?:paper|pdf|arxiv)\s*\]\(", re.I)  # "[[paper](…)]"


def plain_paragraph(line: str) -> bool:
    """True for a paragraph ``Plain Title [[paper](link)] …``: three words or more (not a sentence ending in a full
    stop or colon, no link in it), then a bracketed ``[[paper](…)]`` link to a paper (other links and a bold remark may
    follow)."""
    first = md.LINK.search(line)
    if not first:
        return False
    start = line.rfind("[", 0, first.start())
    head = md.clean(line[:start] if start >= 0 else line[:first.start()])
    if not _PAPER_LINK.match(line[start:]) or not 3 <= len(head.split()) <= 40 or head.endswith((".", ":", ",")):
        return False
    return any(is_paper_url(url) or md.PAPER_LABEL.match(label) for label, url, badge in md.links(line) if not badge)


def short_title(title: str, text: str) -> bool:
    """True for a title of two or three characters, not a generic label, in a row that shows a paper's address."""
    return len(title) >= 2 and not md.GENERIC.match(title) and any(
        label == "link" and is_paper_url(u) for label, u, _ in md.links(text))
