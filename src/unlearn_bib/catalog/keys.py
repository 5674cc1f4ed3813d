"""Citation keys: assigned once, stored in the catalog, never changed.

New keys follow the common convention family name + year + first significant title
word, e.g. ``gong2024reliable``; a collision gets a deterministic suffix (b, c, ...). A record
imported without a year (unverified) gets the same key with the year left out
(``gongreliable``, ``anonreliable``), remade by the rule when a source gives the year.
"""
from __future__ import annotations

import re

from unlearn_bib.text.fold import ascii_fold

STOP_WORDS = frozenset(
    "a an the on of in for to and or with via from by at is are be as into towards toward do does "
    "how what when why your our its their this that these those".split()
)


_WORD_GAP = re.compile(r"[\s\-:–—/]+")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_NOT_LOWER = re.compile(r"[^a-z]")


def first_word(title: str) -> str:
    title = title.replace("{", "").replace("}", "")
    for word in _WORD_GAP.split(title if title.isascii() else ascii_fold(title)):
        word = _NOT_ALNUM.sub("", word).lower()
        if word and word not in STOP_WORDS:
            return word
    return "untitled"


def make_key(family: str, year: int | None, title: str, taken: set[str]) -> str:
    base = _NOT_LOWER.sub("", (family if family.isascii() else ascii_fold(family)).lower()) or "anon"
    key = f"{base}{year or ''}{first_word(title)}"
    if key not in taken:
        return key
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        if key + suffix not in taken:
            return key + suffix
    n = 2
    while f"{key}{n}" in taken:
        n += 1
    return f"{key}{n}"


def is_provisional(key: str, title: str | None = None) -> bool:
    """A key made before any author was known (``anon2024erasing``): replaced once authors are filled.
    With the record's ``title``, also the key of a record whose list gave no year (``anonerasing``)."""
    if re.fullmatch(r"anon(?:19|20)\d\d[a-z0-9]*", key):
        return True
    return title is not None and re.fullmatch(f"anon{first_word(title)}(?:[b-z]|[0-9]+)?", key) is not None
