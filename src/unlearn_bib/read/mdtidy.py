"""Last touches on a row as a person reads the rendered list: an italic run of names right after a bold
title is the authors line (``**Title** *A, B, C* [[pdf](…)]``); a venue is never only a date
(``[[abs](…)], 2023.8`` dates the row, it names no venue) and ends before a spaced dash and a date
(``AAAI 25 – Mar 2025`` is the venue ``AAAI 25``) or a stray comma (``CIKM-2020 ,``), and never comes from a
collapsed ``<details>`` digest; a row without a year takes it from what it shows (``_venue_year``); authors written
before a plain title (``A, B, Title (Venue Year)``) or after a linked one (``[Title](…). A, B.``) are its authors."""
from __future__ import annotations

import re

from unlearn_bib.read import mdinline as md

__all__ = ["authors_first", "italic_people", "tidy"]

# "*A, B, C*" or "_A, B_" at the start of the text after a bold title: one italic run, no nested markers
_ITALIC = re.compile(r"^\s*[.,]?\s*(\*|_)([^*_\[\]\n]{3,2000})\1(?![*_])")
_BOLD_TITLE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\d{1,3}[.)]\s+)?\*\*[^*\n]{4,600}\*\*")
# one person: "Richard S. Sutton", "G.A. Rummery", "Hado van Hasselt", "J. Andrew Bagnell" (2 to 5 words)
_PERSON = re.compile(r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)+)(?:\s+(?:(?:van|von|der|de|den|di|da|del|la|le)\s+)*"
                     r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)+)){1,4}")
_ETAL_FIELD = re.compile(r"^(?:and\s+)?et\.?\s*al\.?$", re.I)
_TOPIC = re.compile(r"^([^,\-–—]{2,40}?)\s+[-–—]\s+")  # "Atari 2600 Games - Volodymyr Mnih, …"
_SHORT_YEAR = re.compile(r"^[A-Z][A-Za-z&]{1,12}\s*(?:'\s*)?(\d\d)$")  # "ICLR 24", "AAAI'25"
# (a lazy text before "\s*" ends on a space only at its shortest, ".{12}|.{13,}?(?<!\s)": one character less would
# do otherwise, the spaces going to "\s*"; the same match, and a run of spaces is not rescanned from each space)
_PAREN_VENUE = re.compile(r"^(.{12}|.{13,}?(?<!\s))\s*\(([A-Z][^()]{1,80}?\s(?:19|20)\d\d)\)$")  # "Title (Annu. Rev. Control 2019)"
_NAMED = re.compile(r"^(?:[A-Z][\w.&'’\-]*|&|of|and|on|in|for|the)$")  # a word of a venue's name: "Annu.", "Int", "of"
_CODE_VENUE = re.compile(r"`([A-Z][^`\n]{1,60}?\s(?:19|20)\d\d)`")  # "[[pdf](…)] `EMNLP 2022`"
_VENUE_DATE_END = re.compile(r"^(.{8,}?),\s*([^,]{2,60}),\s*([^,]{4,20})$")  # "Title, ArXiv, 18 Nov 2015"
# a word no name has: lower case and not a particle ("aware", "approach"), or a sign ("+"); "Hado van Hasselt" is a name
_NOTE_WORD = re.compile(r"\s(?!(?:van|von|der|de|den|di|da|del|la|le|du|dos|bin|ibn|al|y|e)\b)[a-z]|\s[+=/]\s")
_DASH_DATE = re.compile(r"^(.|.{2,}?(?<!\s))\s*[–—-]\s+([^–—]{3,30})$")  # ".+?" ends on a space only at its shortest: see _PAREN_VENUE


def italic_people(after: str) -> str:
    """The names of an italic run of authors right after a bold title ("**Title** *A, B, C* [[pdf](…)]"),
    or "" when the text after the title is something else."""
    found = _ITALIC.match(after)
    if not found:
        return ""
    names = found.group(2).strip(" .,")
    return names if "," in names and md.looks_like_authors(names) else ""


def tidy(row):
    """The row with its venue cleaned as shown (no date alone, no date after a dash, no stray comma), and the
    italic names after its bold title as its authors when nothing else gave them."""
    venue = (row.venue or "").rstrip(" ,;")
    venue = venue[:-1].rstrip() if venue[-1:] in (")", "]") and venue.count(venue[-1]) > venue.count("(" if venue[-1] == ")" else "[") else venue
    dash = _DASH_DATE.match(venue) if len(venue) <= 300 else None  # short texts only: the lazy part meets spaces
    if dash and (md.is_date(dash.group(2).strip()) or re.fullmatch(r"[A-Z][a-z]{2,8}\.?\s+\d\d", dash.group(2).strip())):
        venue = dash.group(1).strip()  # "AAAI 25 – Mar 2025", "arxiv - Nov 2023", "ICLR 24 – Oct 23"
        tail = dash.group(2).strip()  # the row's own date wins over a two-digit venue year, as everywhere
        two = re.search(r"\b(\d\d)$", tail)
        row.year = row.year or md.year_of(tail) or (_century(int(two.group(1))) if two else None)
    if venue and md.is_date(venue):
        venue = ""  # "2023.8": the row's date, read for its year already
    digest = (row.text or "").lower().find("</summary>")
    if venue and digest >= 0 and venue not in row.text[:digest]:
        venue = ""  # "<summary>[Abs]</summary> … (PLMs) …": the collapsed abstract's words, not the row's venue
    row.venue = venue
    if row.year is None:
        _venue_year(row)
    bold = _BOLD_TITLE.match(row.text or "")
    people = italic_people(row.text[bold.end():]) if bold and row.authors is None else ""
    if people:  # "**Title** *A, B, C* [[pdf](…)]": the italic names are the authors
        row.authors, row.authors_incomplete = md.split_authors(people)
        row.authors = row.authors or None
    _names_after(row)
    if row.authors and len(row.authors) == 1 and not row.authors_incomplete and _NOTE_WORD.search(row.authors[0]):
        row.authors = None  # "- DurIAN: <link>" over "  - Duration aware Tacotron": a note on the paper, not a person
    first = authors_first(row.title) if row.authors is None and not row.title_url else None
    if first:  # "- A, B, Title (Venue Year) [[Paper](…)]": the people first, then the title
        row.authors, row.authors_incomplete, row.title = first
    ending = _VENUE_DATE_END.match(row.title) if not row.title_url and len(row.title) <= 1000 else None
    if ending and md.looks_like_venue(ending.group(2)) and md.is_date(ending.group(3)):  # "Title, ArXiv, 18 Nov 2015"
        row.title, row.venue = ending.group(1), row.venue or ending.group(2)
        row.year = row.year or md.year_of(ending.group(3))
    return row


def authors_first(title: str) -> tuple[list[str], bool, str] | None:
    """(authors, incomplete, title) when a plain title begins with the people who wrote it:
    "Richard Sutton, Doina Precup, Satinder Singh, Between MDPs and Semi-MDPs: …", "A and B, Title",
    "V. Mnih, et. al., Title", "Atari 2600 Games - A, B et al., Title" (a topic before a dash). Two people
    at least, or one and ``et al.``, and a title of two words or more after them; None otherwise."""
    if "," not in title:
        return None  # one field: names with no title after them, or a title
    topic = _TOPIC.match(title)
    text = title[topic.end():] if topic else title
    fields = [f.strip() for f in re.split(r"\s*,\s*", text)]
    names, incomplete, used = [], False, 0
    for part in fields:
        if _ETAL_FIELD.match(part):
            incomplete, used = True, used + 1
            break
        tail = re.search(r"\s+et\.?\s*al\.?$", part)
        people = [p.strip() for p in re.split(r"\s+and\s+|^and\s+", part[:tail.start()] if tail else part) if p.strip()]
        if not people or not all(_PERSON.fullmatch(p) for p in people):
            break
        names, used, last = names + people, used + 1, len(people)
        if tail:
            incomplete = True
            break
    if names and not incomplete and (used == len(fields) or md.looks_like_venue(fields[used]) or md.is_date(fields[used])):
        names, used = names[:-last], used - 1  # "A, B, Natural Actor-Critic", "A, B, Title, ArXiv, 18 Nov 2015": a title
    rest = ", ".join(fields[used:]).strip()
    if not names or (len(names) < 2 and not incomplete) or len(rest.split()) < 2 or used >= len(fields):
        return None
    return names, incomplete, rest


def _venue_year(row) -> None:
    """A year for a row that has none, from what the rendered row shows: a venue with a two-digit year
    (``ICLR 24``: 2024), a parenthesis ending the title with a venue and its year (``(Int J Adapt Control
    Signal Process 2019)``), a venue with its year in inline code after the links (`` `EMNLP 2022` ``)."""
    short = _SHORT_YEAR.match(row.venue)
    if short:
        row.year = _century(int(short.group(1)))
        return
    paren = _PAREN_VENUE.match(row.title) if not row.venue and len(row.title) <= 1000 else None
    if paren and (md.looks_like_venue(paren.group(2)) or all(_NAMED.match(w) for w in paren.group(2).split()[:-1])):
        row.title, row.venue, row.year = paren.group(1).rstrip(" ,."), paren.group(2), md.year_of(paren.group(2))
        return
    code = _CODE_VENUE.search(md.LINK.sub(" ", row.text or "")) if not row.venue else None
    if code and md.looks_like_venue(code.group(1)):
        row.venue, row.year = code.group(1), md.year_of(code.group(1))


def _century(two: int) -> int:
    """A two-digit year as the reader reads it everywhere: '00-'40 are 20YY, '41-'99 19YY."""
    return 2000 + two if two <= 40 else 1900 + two


def _names_after(row) -> None:
    """Authors the rendered row shows around its title: ``[Title](link). A, B, C.`` (names after a linked
    title and a full stop), and the last name of an italic run read as a venue (``*A, B, C* [[pdf](…)] 2022.3``
    read as authors A, B and venue "C , 2022.3": C is an author, the date no venue)."""
    text = row.text or ""
    if row.authors is None and row.title_url:
        at = text.find("](" + row.title_url + ")")
        after = text[at + len(row.title_url) + 3:] if at >= 0 else ""
        found = re.match(r"^\.\s+([^\[\]*_`()\n]{3,2000}?)\.?\s*(?:\[|$)", after)
        if found and "," in found.group(1) and md.looks_like_authors(found.group(1)):
            row.authors, row.authors_incomplete = md.split_authors(found.group(1))
            row.authors = row.authors or None
    core = re.sub(r"[\s,]*(?:19|20)\d\d(?:[.\-/]\d{1,2})?$", "", row.venue).strip(" ,")
    if row.authors and core and core not in row.authors and _closes_emphasis(core, text):
        row.authors, row.venue = row.authors + [core], ""


def _closes_emphasis(core: str, text: str) -> bool:
    """True when ``core`` follows a comma or a space in ``text`` and an emphasis marker follows it (spaces
    between allowed): ", C*". A plain search, not a pattern made per venue (each would be compiled)."""
    start = text.find(core, 1)
    while start >= 0:
        end = start + len(core)
        if text[start - 1] == "," or text[start - 1].isspace():
            while end < len(text) and text[end].isspace():
                end += 1
            if end < len(text) and text[end] in "*_":
                return True
        start = text.find(core, start + 1)
    return False
