"""Slides are a talk's, not a paper, for ``mdnames.vetted``:

- ``slides(title, text)``: True for a row whose title or leading tag says it is slides: the word ``slides`` closing
  a bracketed tag (``[[Baidu slides] DNN in Baidu Ads (Baidu 2017)](…)``) or ending the title, before a parenthesised
  note (``Search Ranking and Personalization at Airbnb Slides (Airbnb 2018)``). A title that only mentions slides
  inside its phrase (``Learning to Generate Slides from Papers``) is not matched unless the word ends it.

Linear time.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_SLIDES_TAG = re.compile(r"\[[^\[\]\n]{0,60}\bslides\s*\]", re.I)  # "[Recsys Intro slides]"
_SLIDES_END = re.compile(r"\bslides\s*(?:\([^()\n]{0,80}\))?\s*$", re.I)  # "… at Airbnb Slides (Airbnb 2018)"


def slides(title: str, text: str) -> bool:
    """True when the row shows slides (see the module's text); ``text`` is the row's line, links kept."""
    head = text.split("](", 1)[0]  # the first link's text: "[[Baidu slides] DNN in Baidu Ads (Baidu 2017)"
    return bool(_SLIDES_TAG.search(head) or _SLIDES_END.search(md.clean(title)) or _SLIDES_END.search(head.strip(" *-[")))
