"""A title bullet over unlabelled field sub-bullets, for ``mdgroup``:

- ``fielded(head, children)``: a bullet holding only a title (no link, three words or more, not a date, a venue with
  a year or personal names) whose sub-bullets are each a venue (``  * ICML 2023``, ``  * ACL findings 2024``), a date,
  a labelled field (``Code: …``), the authors (``  - A, B, C``: names with commas, once) or links without a title of their own (``  * https://openreview.net/forum?id=…``,
  ``  * [paper](…)``, ``  * [http://arxiv.org/abs/…](http://arxiv.org/abs/…)``) is ONE paper, as a reader of the
  rendered list sees it: the bullet's title, the sub-bullets' venue and links. At most one sub-bullet names a venue
  (a bullet over several venues is a section), and one names a venue or a date or links a paper; else the
  bullet is left as it is (a category over its items). A venue sub-bullet is read as ``Venue: …``.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdnames import personal_names
from unlearn_bib.read.mdnick import person as _person
from unlearn_bib.read.mdscan import FIELD, Unit, is_paper_url

# "**Title (AAAI 2022)**": the venue tag inside the bold is set after it, where tags are read
_BOLD_TAG = re.compile(r"^(\*\*|__)([^*_\n]{4,400}?)\s*\(([A-Za-z][^()\n]{1,40}(?:19|20)\d\d)\)\s*\1\s*$")
_URL_LABEL = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$", re.I)


def _linked_only(text: str) -> bool:
    """True for a line of links and nothing else, whose labels are generic words or addresses (no title)."""
    found = md.links(text)
    return bool(found) and not md.clean(md.without_links(text)).strip(" /|,;-") and all(
        badge or md.GENERIC.match(label) or _URL_LABEL.match(label) for label, _, badge in found)


def fielded(head: Unit, children: list[Unit]) -> Unit | None:
    """One paper from a title bullet and its field sub-bullets (see the module's text), or None."""
    text = md.clean(" ".join(head.lines))
    if (not children or len(head.lines) > 1 or md.links(head.lines[0]) or head.own or len(text.split()) < 3
            or text.endswith(":") or md.is_date(text) or md.looks_like_venue(text) or FIELD.match(text)
            or personal_names(text)):
        return None
    lines, venues, anchored, people = [_BOLD_TAG.sub(r"\1\2 (\3)", head.lines[0])], 0, False, False
    for child in children:
        line = " ".join(child.lines)
        plain = md.clean(line).strip(" .")
        if _linked_only(line):
            anchored = anchored or any(is_paper_url(url) or md.PAPER_LABEL.match(label)
                                       for label, url, badge in md.links(line) if not badge)
            lines.append(line)
        elif FIELD.match(plain) or md.is_date(plain):
            anchored = anchored or md.is_date(plain)
            lines.append(line)
        elif md.looks_like_authors(plain) and not md.links(line) and not people and ("," in plain or _person(plain)):
            people = True  # "  - A, B, C": the paper's authors, unlabelled
            lines.append("Authors: " + plain)
        elif md.looks_like_venue(plain) and not md.links(line):
            venues += 1
            anchored = True  # "AAAI", "Artificial Intelligence": a venue under a title names the paper's venue
            lines.append("Venue: " + plain)
        else:
            return None
    if venues > 1 or not anchored:
        return None
    return Unit("item", head.line, lines, indent=head.indent, context=dict(head.context))
