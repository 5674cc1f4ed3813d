"""A short tag opening a linked title's text, for ``mdnames.vetted``:

- ``untagged(title, url)``: in ``* [[DCN] Deep & Cross Network for Ad Click Predictions (Stanford 2017)](…)`` the
  bracketed ``[DCN]`` at the start of the link's text is the list's short name for the paper, shown before its title,
  not part of it: the title is what follows (three words or more). A title without a link, or whose bracket is
  followed by too little, is left as it is.

Linear time.
"""
from __future__ import annotations

import re

_TAG = re.compile(r"^\[([^\[\]\n]{1,40})\]\s*(\S.{0,2000})$")


def untagged(title: str, url: str) -> str:
    """``title`` without a leading bracketed tag when the title is a link's text (see the module's text)."""
    found = _TAG.match(title) if url else None
    return found.group(2) if found and len(found.group(2).split()) >= 3 else title
