"""Personal names where a list row's title should be, for ``mdgroup`` and ``mdlist``:

- ``personal_names(text)``: True for a text that reads as a list of people with initials before each surname,
  ``Y. You, T. Chen, and Y. Shen`` or ``J. Zeng and P. Xie``, maybe ending in ``et al.`` and a venue with its year
  (``… and Y. Shen. *NIPS 2020*``, ``…, X. Arxiv 2020``). Such a text is never a paper's title: under a bullet
  that holds a title it is that paper's citation (``mdgroup``), anywhere else the row is reported (``vetted``);
- ``vetted(found)``: what ``mdlist`` keeps of a row it read (slides left out, ``mdtalk``; a leading ``[tag]`` of a linked title dropped, ``mdlabel``): a dataset's name under a Datasets heading is left
  out, a "title" that reads as personal names is reported with its line, anything else is kept (its venue
  tidied by ``mdtidy``).

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdkind import dataset_name
from unlearn_bib.read.mdprose import prose
from unlearn_bib.read.mdscan import Trouble
from unlearn_bib.read.mdlabel import untagged
from unlearn_bib.read.mdtalk import slides
from unlearn_bib.read.mdtidy import tidy

# "Y. You", "M.-T. Luong", "Q. V. Le", "N. Q. V.Hung", "E. van der Pol", "P. Veliˇckovi´c", "P. Li` o"; a bare "X."
_NAME = re.compile(r"(?:[A-Z][a-z]?\.[ -]?){1,4}(?:(?:van|von|der|den|de|di|da|del|la|le|du|dos)\s)*"
                   r"[^\W\d_][^\s,;&]{0,30}(?:\s[^\W\d_][^\s,;&]{0,30})?|[A-Z]\.?")
# (spaces before a separator are matched from the first of them only, "(?<!\s)\s+": the same splits, and a long run
# of spaces is not rescanned from each of its spaces; a match always ends before a non-space, so its neighbour's
# lookbehind never sees its own spaces)
_SPLIT = re.compile(r"(?:,|(?<!\s)\s+,)\s*(?:and(?![a-z])\s*)?|(?<!\s)\s+and\b\s*|(?:&|(?<!\s)\s+&)\s*")  # "…, H. Pham, andQ. V. Le" as written
_ETAL = re.compile(r"(?<![\s,])[\s,]*\bet\.?\s*al\b\.?$")  # the lookbehind: one start per run of spaces and commas
# a venue and its year after the names: ". *NIPS 2020*", ", X. Arxiv 2020" (the last full stop or comma before it)
# (spaces alone start the match at the first of them, "(?<![\s.,])": a run of spaces is not rescanned from each one)
_TAIL = re.compile(r"(?:\.\s*|,\s*|(?<![\s.,])\s+)([^.,\n]{0,60}?(?<!\d)(?:19|20)\d\d)\s*\.?$")


def personal_names(text: str) -> bool:
    """True when ``text`` (links dropped) is two or more people written with initials, or one and ``et al.``."""
    if "." not in text:
        return False  # initials have full stops (and cleaning the text makes none)
    plain = md.clean(md.without_links(text)).strip(" .,;[]")
    if not plain or len(plain) > 2000:
        return False
    tail = _TAIL.search(plain) if plain[-4:-2] in ("19", "20") else None  # it ends in a year, or no search
    if tail and (md.looks_like_venue(tail.group(1)) or md.is_date(tail.group(1))):
        plain = plain[:tail.start()].strip(" .,;")
    etal = _ETAL.search(plain)
    if etal:
        plain = plain[:etal.start()]
    parts = [p.strip(" .") for p in _SPLIT.split(plain.strip(" .,;")) if p.strip(" .")]
    if len(parts) < (1 if etal else 2) or not any("." in p for p in _SPLIT.split(plain)):
        return False
    return all(_NAME.fullmatch(p) or _NAME.fullmatch(p + ".") for p in parts)


def vetted(found, unit=None):
    """``found`` (a row, a trouble or None) as ``mdlist`` keeps it: None for a dataset's name under a Datasets
    heading or for a paragraph of prose (``unit``, see mdprose), a trouble for a row whose title reads as personal
    names, else ``found`` itself."""
    if found is None or isinstance(found, Trouble):
        return found
    if unit is not None and prose(unit, found) is None:
        return None  # "The role of this list is … surveys on [music generation](…)": running text
    if dataset_name(found.title, [u for _, u, _ in found.links], found.section):
        return None  # "8. Street Scene (WACV 2020) [Download link](…)" under "## Datasets": a dataset, not a paper
    if slides(found.title, found.text):
        return None  # "[[Baidu slides] DNN in Baidu Ads (Baidu 2017)](…)": a talk's slides, not a paper
    if personal_names(found.title):
        return Trouble(found.line, f"{found.title[:60]!r} reads as a list of authors, not a paper's title; not imported "
                                   "(put the title on this line or on the bullet above it)")
    found.title = untagged(found.title, found.title_url)  # "[[DCN] Deep & Cross Network …](…)": the tag is no title
    return tidy(found)  # its venue as shown: no date alone, no "– Mar 2025" after it
