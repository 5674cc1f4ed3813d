"""Authors written before a plain title with a dash, for ``mdrescue``:

``* Zhuoran Xiong et al. - Practical Deep Reinforcement Learning Approach for Stock Trading [[Link]](…)``,
``* Marcos López de Prado - The 10 reasons most Machine Learning Funds fails [[Link]](…)``: the names before the
`` - `` are the authors (``et al.`` marks them incomplete), the text after it the title. Only for a title that is
not itself a link's text, whose part before the dash is one to four people (``et al.`` ends it, or two to four
capitalised words or initials, none a word of a title such as "Learning", "Networks", "Survey"), and whose part
after it is three words or more.

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

_DASH = re.compile(r"^([^\-–—:()\[\]\d]{3,120}?)\s+[-–—]\s+(\S.{8,600})$")
# the lookbehind: a search starts once per run of spaces (a start after a space is never the leftmost), so a long
# run is not rescanned from each of its spaces; "\s*,?\s*" written "\s*(?:,\s*)?" reads the same without two
# quantifiers over the same spaces
_ETAL = re.compile(r"(?<!\s)\s*(?:,\s*)?\bet\.?\s+al\.?$", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.(?:[A-Z]\.){0,3}|[A-Z]\.?[A-Z][a-z]+|de|van|von|der|da|di|del|la|le)$")
_TITLE_WORD = re.compile(r"\b(?:learning|learn|networks?|neural|deep|models?|modeling|data|survey|review|analysis|"
                         r"prediction|forecasting|trading|market|stocks?|finance|financial|machine|reinforcement|graph|"
                         r"language|vision|intelligence|introduction|approach|methods?|systems?|algorithms?|theory|"
                         r"training|using|with|for|via|from|the|of|and|on|in|to|a|an|part|chapter|lecture)\b", re.I)


def dash_authors(title: str) -> tuple[str, list[str], bool] | None:
    """(title, authors, incomplete) of a title written ``Names - Title``, or None."""
    found = _DASH.match(title.strip())
    if not found:
        return None
    names, rest = found.group(1).strip(), found.group(2).strip()
    etal = _ETAL.search(names)
    people = names[:etal.start()] if etal else names
    words = people.replace(",", " ").split()
    if not words or len(rest.split()) < 3 or _TITLE_WORD.search(people):
        return None
    if not all(_NAME_WORD.match(w) for w in words) or not (etal or 2 <= len(words) <= 4):
        return None
    authors, incomplete = md.split_authors(people.strip(" ,"))
    return (rest, authors, bool(etal) or incomplete) if authors else None
