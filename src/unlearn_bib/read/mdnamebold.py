"""A short name written before a bold title: ``- GPT-2 **Title**. 2018. [Paper](…)``,
``- MT-NLG **"Title"**. 2021.``, ``1. <u>T5</u>: **"Title"**. *A et al.* JMLR 2019.``, ``<u>mT0 && BLOOMZ</u>: **"Title"**``.

A reader of the rendered list sees the model's or method's name, then the paper's title in bold: the name is the
list's label for the paper (as ``[Name] [Title](link)`` or ``Name - [Title](link)`` are), the bold text, without the
quotation marks around it, is the title, and what follows it is the row's fields.

Also ``bare_year(rest)``: a year written as a field of its own after the title (``**Title**. 2018. [Paper](…)``,
``**Title**, 2019, [Paper](…)``) is the row's year; ``year_alone(unit, row)`` applies it to a row read without a
year: after a linked title (``[Title](link). 2017.``, ``GPT-2 [Title](link) 2019``) or at the end of a plain title
(``Title. 2017. [[pdf]](…)``: the year is no part of the title).
"""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdscan import FIELD

# one to three words of a name (no spaces inside a word, no emphasis or link), maybe underlined, maybe a colon, then bold
_NAMED = re.compile(r"^(?:<u>)?([\w.+&\-]{1,30}(?: [\w.+&\-]{1,30}){0,2})(?:</u>)?(?:\s*:\s*|\s+)(\*\*|__)([^*_\n]{4,400}?)\2(?![*_])")
_QUOTES = re.compile(r"^[\"\u201c](.+?)[\"\u201d]\.?$")
_BARE_YEAR = re.compile(r"^[\s.,;:]*((?:19|20)\d\d)[\s.,;]*$")


def named_bold(lead: str) -> tuple[str, str, str] | None:
    """(title, "", rest) of ``Name **Title** rest`` (see the module), else None. The name is a word or three that
    holds a capital or a digit ("GPT-2", "LaMDA", "PaLM 2"; any name before a quoted bold title: "chinchilla"),
    never a field label ("Paper **Title**" is read elsewhere)."""
    found = _NAMED.match(lead)
    if not found:
        return None
    name, inner = found.group(1), found.group(3).strip()
    quoted = _QUOTES.match(inner)
    if not re.search(r"[A-Za-z]", name) or not (quoted or re.search(r"[A-Z0-9]", name)) or FIELD.match(name + ": x"):
        return None
    title = md.clean(quoted.group(1) if quoted else inner).strip()
    if len(title.split()) < 3 or md.GENERIC.match(title):
        return None
    return title, "", lead[found.end():]


def bare_year(rest: str) -> int | None:
    """The year of ``. 2018. [Paper](…)`` after a title: a year standing alone before the first link."""
    found = _BARE_YEAR.match(md.clean(md.LINK_START.split(rest, maxsplit=1)[0]))
    return int(found.group(1)) if found else None


_TITLE_YEAR = re.compile(r"^(.{8,}?[^\s.,;])[.,;]\s*((?:19|20)\d\d)\.?$")


def year_alone(unit, row) -> None:
    """Date a row that has no year by a year standing alone after its title (see the module)."""
    if row.year is not None:
        return
    link = next((m for m in md.LINK.finditer(unit.lines[0]) if m.group(3) == row.title_url), None) if row.title_url else None
    if link:
        row.year = bare_year(unit.lines[0][link.end():])
        return
    found = _TITLE_YEAR.match(row.title)
    if found:
        row.title, row.year = found.group(1), int(found.group(2))
