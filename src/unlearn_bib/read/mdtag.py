"""A link label that names a venue by its full name and year, after a plain title.

``named_venue(label)``: ``Title [[The Annals of Statistics 2021]](link)``, ``[[Journal of Big Data 2019]](…)``,
``[[Engineering Applications of AI 2021]](…)``: a capitalised name of two to eight words ending in a four-digit
year is what a reader of the rendered list takes for the venue's tag (``md.looks_like_venue`` only knows short
tags, an acronym or up to four words with a year). The caller asks only about the links after a plain title.

Linear time: one pattern, no nested quantifiers.
"""
from __future__ import annotations

import re

_NAMED = re.compile(r"(?:The )?[A-Z][\w&.\-]*(?: (?:[A-Z][\w&.\-]*|of|and|on|in|for|the|&)){1,7},? (?:19|20)\d\d")


def named_venue(label: str) -> bool:
    """True for ``The Annals of Statistics 2021`` (see the module's text)."""
    return bool(_NAMED.fullmatch(label.strip()))
