"""A paragraph of prose is not a paper, whatever links its sentences hold.

``The role of this list is to gather articles … There are surveys on [music generation](arXiv pdf) …``:
a reader sees running text, the links are words of its sentences. A paragraph block whose first
line is plain text (no link, no emphasis) and every link of which sits inside a sentence (a
lower-case word or a comma after a link just before it: "surveys on [music generation](…), [speech](…)") gives no row. A paper written as
a paragraph shows its links apart: after a full stop or a bracket ("NeurIPS 2020. [[Paper](…)]"), or as its title.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_IN_SENTENCE = re.compile(r"(?:\b[a-z]{2,}|\),)\s$")  # "… surveys on " or "…(…), " just before the "["
_MARKUP = re.compile(r"[*_`\[<#|]")


def _links_in_sentences(line: str) -> bool | None:
    """True when every outside link of ``line`` follows a lower-case word, None when it has none."""
    seen = False
    for found in md.LINK.finditer(line):
        url = found.group(3) or ""
        if found.group(1) or url.startswith("#") or not url:
            continue  # an image, a link inside the page
        seen = True
        if not _IN_SENTENCE.search(line[max(0, found.start() - 40):found.start()]):
            return False
    return True if seen else None


def prose(unit, found):
    """``found`` (what ``mdlist`` read from ``unit``), or None when ``unit`` is a paragraph of prose."""
    if found is None or unit.kind != "block" or not hasattr(found, "title"):
        return found
    first = unit.lines[0].strip()
    if _MARKUP.search(first) or not first.endswith((".", "!", ":")) or len(first.split()) < 8:
        return found
    verdicts = [v for v in (_links_in_sentences(line) for line in unit.lines[1:]) if v is not None]
    return None if verdicts and all(verdicts) else found
