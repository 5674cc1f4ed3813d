"""Inline Markdown of an awesome list's rows: links, badges, decorations, venue tags, dates, authors.

Pure string work in linear time: every pattern is anchored on a distinct opening character and
never nests quantifiers over the same characters, so a hostile line cannot make it backtrack.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# [label](url), [label]( <url> "title"), and a badge [![alt](img)](url): the label may hold one
# level of brackets (a badge's image), the URL one level of parentheses (Wikipedia-style).
LINK = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
                  r"(?:\s+\"[^\"\n]*\")?\s*\)")
LINK_START = re.compile(r"\[\[|\[[^\[\]\n]{0,300}\]\(")  # where a link begins: "[[Paper](" or "[label](", not "[cs, math]"
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*\)")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
_SHORTCODE = re.compile(r":[a-z0-9_+\-]{2,40}:")
_BRACKET_TAG = re.compile(r"\[\s*[^\w\s\[\]][^\[\]\n]{0,80}\](?!\()")  # [💬 Topic], [⭐ note]; not [📄Paper](…)
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|~~)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~&$'\"])")
_NEW = re.compile(r"^\s*(?:new|hot)\b[!:]*\s*", re.I)
_NEW_MARK = re.compile(r"^\s*(?:(?:[Nn]ew|[Hh]ot|NEW|HOT)[!:]|NEW\b|HOT\b)")  # "New!", "NEW": a mark, not a word

# Labels of links that are not the paper's title.
GENERIC = re.compile(r"^\W*(paper|papers|pdf|arxiv|abs|link|code|codes|github|git|project|project page|page|website|"
                     r"web|home ?page|demo|video|videos|slides?|poster|blog|dataset|data|model|models|"
                     r"checkpoints?|bibtex|bib|citation|openreview|doi|html|url|star|stars|"
                     r"hugging ?face|colab|notebook|supp|supplementary|talk|benchmark|leaderboard|"
                     r"google drive|ppt|report|tweet|twitter|zhihu|cvf|acm|ieee|springer|proceedings|pub)\W*$", re.I)
PAPER_LABEL = re.compile(r"^\W*(paper|pdf|arxiv|abs|openreview|doi|html|cvf|acm|ieee|springer|proceedings|pub|ref|reference)\W*$", re.I)
VENUE_LABEL = re.compile(r"(?!" + GENERIC.pattern + r")|^\W*arxiv\W*$", re.I)  # a link label that may name a venue ("[arxiv](…)"); anchored: used with match only
CODE_LABEL = re.compile(r"^\W*(code|codes|github|git)\W*$", re.I)

YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?!\d|\.\d)")  # "2023.xx", "2023.": the year; "2023.06" is a date
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
# "(Mar., 2025)", "Mar 2025", "2024-05", "2024.05", "4 Feb 2023", "[202410]"
# "21st Sep., 2021": a day written as an ordinal is a day
DATE = re.compile(rf"^\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH},?\s*((?:19|20)\d\d)\s*$|^\s*((?:19|20)\d\d)(?:[-./]\d{{1,2}}(?:[-./]\d{{1,2}})?)?\s*$"
                  r"|^\s*((?:19|20)\d\d)(?:0[1-9]|1[0-2])\s*$", re.I)
# A venue as lists write it: an acronym or name, maybe with a year ("CVPR 2024", "ICLR'24", "ICLR2025").
VENUE_WORD = re.compile(r"^[A-Za-z][A-Za-z&.\-]*[A-Za-z.]?(?:[\s\-][A-Za-z&().\-]+)*")
_SHORT_YEAR = re.compile(r"^(.*?[A-Za-z).])\s*['\u2018\u2019] ?(\d\d)$")  # "ICLR'24", "CVPR' 16", "Signal Process. '20", "ICLR‘24"
_YEAR_MONTH_IN = re.compile(r"(?<![\d.])((?:19|20)\d\d)[-./](?:0?[1-9]|1[0-2])(?!\d)(?!\.\d)")  # not an arXiv id 2012.06659
_SHORT_YEAR_IN = re.compile(r"[A-Za-z).] ?['\u2018\u2019](\d\d)(?![\d'])")  # "NeurIPS'24 Workshop", "WWW '25 short", "NurIPS‘22"


def _two_digits(year: str) -> int:
    """A venue's two-digit year: '04 and '25 are 2004 and 2025, '98 is 1998 (no list names a venue of 2041 yet)."""
    return (2000 if int(year) <= 40 else 1900) + int(year)


def year_of(text: str) -> int | None:
    """The year a date or venue text names ("Mar., 2025", "2024-05", "CVPR 2024", "ICLR'24")."""
    found = DATE.match(text)
    if found:
        return int(next(g for g in found.groups() if g))
    short = _SHORT_YEAR.match(text.strip())
    if short:
        return _two_digits(short.group(2))
    years = YEAR.findall(text)
    if not years:
        years = _YEAR_MONTH_IN.findall(text)  # "arXiv 2024.06": a venue with the month it was posted
    if not years:
        years = [str(_two_digits(y)) for y in _SHORT_YEAR_IN.findall(text)]
    return int(years[0]) if len(years) == 1 else None


def is_date(text: str) -> bool:
    """True for a date with no venue in it ("Mar., 2025", "2024-05", "9 Jan 2021")."""
    return bool(DATE.match(text))


def looks_like_venue(text: str) -> bool:
    """A short tag that names a venue: "CVPR 2024", "NeurIPS 2023 Workshop", "ICLR'24", "TMLR", "arXiv"."""
    text = text.strip().strip("`").strip()  # "`Preprint`": a venue in a code span
    if text.lower() in ("arxiv", "arxiv preprint", "preprint"):  # "Preprint": a table's Venue cell for an arXiv paper
        return True
    if not 2 <= len(text) <= 60 or GENERIC.match(text) or is_date(text):
        return False
    words = text.replace("'", " '").split()
    if not words or len(words) > 8:
        return False
    first = words[0].rstrip(",")
    letters = [ch for ch in first if ch.isalpha()]
    upper = sum(1 for ch in letters if ch.isupper())
    acronym = (upper >= 2 and upper >= 0.4 * len(letters)) or first.lower() in ("arxiv", "nips", "neurips")
    dated = bool(YEAR.search(text)) or bool(_SHORT_YEAR.match(text)) and first[:1].isupper()  # "Thesis' 10"
    return bool(_ASCII_LETTER_FIRST.match(first)) and (acronym or dated and len(words) <= 4)


_ASCII_LETTER_FIRST = re.compile(r"^[A-Za-z]")


def links(text: str) -> list[tuple[str, str, bool]]:
    """(label, url, is_badge) of every link in ``text``, in order; images alone are not links."""
    # the scanner and the row readers ask again for the links of the same line: short lines are remembered
    if "](" not in text:
        return []  # every link has its "](": most lines of a list have no link
    return list(_links_short(text)) if len(text) <= 1000 else _links(text)


def _links(text: str) -> list[tuple[str, str, bool]]:
    out = []
    for found in LINK.finditer(text):
        if found.group(1):  # ![alt](src): an image, not a link
            continue
        label, url = found.group(2), found.group(3)
        if url.startswith("#") or not url:  # a link inside the page: a table of contents
            continue
        badge = label.lstrip().startswith("![")
        if badge:
            alt = re.match(r"\s*!\[([^\[\]]*)\]", label)
            label = alt.group(1) if alt else ""
        out.append((clean(label), url, badge))
    return out


_links_short = functools.lru_cache(maxsize=4096)(lambda text: tuple(_links(text)))


# a bare URL, as GitHub shows it linked; not an HTML attribute's value (href="…") nor a Markdown link's target
BARE_URL = re.compile(r"(?<![\w\"'=(/])https?://[^\s<>()\[\]\"'`|]+")


def without_links(text: str) -> str:
    """``text`` with links, bare URLs, badges and images removed."""
    if "](" in text:  # each step only where it can match
        text = LINK.sub(" ", text)
    if "://" in text:
        text = BARE_URL.sub(" ", text)
    return _EMPTY_BRACKETS.sub(" ", text) if "[" in text else text


_EMPTY_BRACKETS = re.compile(r"\[\s*\]")


def strip_decorations(text: str) -> str:
    """Emoji, HTML tags, shortcodes, badges and "🔥 New" removed; emphasis markers kept."""
    if "![" in text:  # each step only where its opening character is
        text = _IMAGE.sub(" ", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if ":" in text:
        text = _SHORTCODE.sub(lambda m: "" if not text[m.end():m.end() + 1].isalnum() else " ", text)  # "Ha-NeRF:laughing::"
    if "[" in text:
        text = _BRACKET_TAG.sub(lambda m: m.group(0) if _emphasised_tag(m.group(0)) else " ", text)
    if not text.isascii():
        text = _NEW_WORD.sub(lambda m: " " if _after_decoration(text, m.start()) else m.group(0), text)  # "🔥 New Title"
        text = _NON_ASCII.sub(_without_decorations, text)  # an ASCII character is never a decoration
    return text


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_decorations(found: re.Match) -> str:
    return "".join(ch for ch in found.group(0) if not _decoration(ch))


def _emphasised_tag(text: str) -> bool:
    """``[*ICLR'25*]``, ``[**Korean J Med Educ., 2023**]``: a venue or date tag set in emphasis inside its brackets (any
    name then a comma and its year), not a decoration like ``[💬 Topic]``."""
    inner = _EMPHASIS.sub("", text[1:-1]).strip()
    return text[1:2] in "*_" and bool(inner) and (looks_like_venue(inner) or is_date(inner) or bool(
        re.search(r"^[A-Z][^,]{1,60},\s*(?:19|20)\d\d$", inner)))  # "[**Korean J Med Educ., 2023**]": a name, its year


_NEW_WORD = re.compile(r"(?<!\w)(?:new|hot)\b[!:]*", re.I)


def _after_decoration(text: str, start: int) -> bool:
    """True when the nearest character before ``start`` (spaces and tags skipped, ten characters back at most) is an emoji."""
    before = _TAG.sub(" ", text[max(0, start - 10):start]).rstrip()
    return bool(before) and _decoration(before[-1])


def _decoration(ch: str) -> bool:
    if ch in "\u200d\ufe0f\ufe0e\u20e3":
        return True
    category = unicodedata.category(ch)
    return category in ("So", "Cs", "Co") or (category == "Sk" and ord(ch) >= 0x1F000)


_SPECIAL = re.compile(r"[*_~\\<:&\[!]|^\s*(?:new|hot)\b", re.I)


def clean(text: str) -> str:
    """Plain text of a cell or label: decorations, emphasis and escapes gone, spaces collapsed."""
    # a row's cells and labels are cleaned several times on the way (a title, then its row, then a rescue):
    # short texts are remembered, long ones (a 10 MB line) are not kept
    return _clean_short(text) if len(text) <= 1000 else _clean(text)


def _clean(text: str) -> str:
    if text.isascii() and not _SPECIAL.search(text):
        return " ".join(text.split())
    lead = text.lstrip()[:1]  # "🔥 New Title", "**New** Title": a decoration before the word, or the word set apart
    marked = not (lead.isalnum() or lead in "*_") or bool(_NEW_SET_APART.match(text))
    text = strip_decorations(text)
    if "*" in text or "_" in text or "~" in text:  # each step only where its marker is
        text = _EMPHASIS.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    text = text.replace("&amp;", "&").replace("&nbsp;", " ")
    text = " ".join(text.split())
    if text.lower().startswith(("new ", "new:", "new!", "hot ")) and (marked or _NEW_MARK.match(text)):
        text = _NEW.sub("", text)  # "🔥 New Title", "New! Title"; "New Trends for …" is the title's own word
    return text.strip()


_NEW_SET_APART = re.compile(r"\s*([*_]{1,3})(?:new|hot)[!:]*\1", re.I)  # "**New** Title"
_clean_short = functools.lru_cache(maxsize=4096)(_clean)


def clean_title(text: str) -> str:
    """A title as shown: clean text without a trailing period, colon or comma; a title wholly in quotes
    (after a short label and a colon, maybe) is the quoted text."""
    text = clean(_EMPTY_BRACKETS.sub(" ", BARE_URL.sub(" ", text))).strip(" \\")  # a URL is never part of a title
    quoted = _QUOTED_TITLE.match(text)  # '"Title".', 'Squad: "Squad: 100,000+ questions …"': the quoted text
    return _DASH_END.sub("", (quoted.group(1) if quoted else text).rstrip(" |").rstrip(".,;:").strip())  # "Title - URL", "Title | [pdf](…)"


_DASH_END = re.compile(r"\s[-\u2013\u2014]$")
_QUOTED_TITLE = re.compile(r'^(?:[^"“”:]{1,40}:\s*)?["“]([^"“”]{4,})["”][.,;:]?$')


_NOBODY = re.compile(r"^(?:(?:the )?authors? )?(?:(?:are |is )?(?:not|un)[ -]?(?:specified|given|known|available|listed)\b.*|"
                     r"unknown|n/?a|none|tbd|-+)$", re.I)


_INVERTED = re.compile(r"^([^\W\d][\w'\-]+),\s*([A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+)?(?:\s+(?:[A-Z]\.?|[a-z]{2,4}))*)(?=,|\s+and\s|$)")


def split_authors(text: str) -> tuple[list[str], bool]:
    """(names, incomplete) from "A, B and C" or "X et al."; link labels kept, links dropped."""
    text = LINK.sub(lambda m: m.group(2), text)
    text = clean(text).strip().rstrip(".").strip()
    if "(" in text:  # "Zhou (AIWaves)", "Bennamoun (*: Equal contribution)": an affiliation or a note
        text = re.sub(r"\s*\([^()]{0,200}\)", "", text)
    if _NOBODY.match(text):  # "Authors not specified in the provided information", "Unknown", "N/A"
        return [], False
    incomplete = False
    found = re.search(r"[,\s]*\b(?:et|te)\.?\s+al\b\.?$", text, re.I)
    if found:
        text, incomplete = text[:found.start()], True
    found = re.search(r"[,\s]+and (?:others|more)$", text, re.I)
    if found:
        text, incomplete = text[:found.start()], True
    names = [n.strip(" .") for n in _NAME_SEPARATOR.split(text)]
    inverted = _INVERTED.match(text)  # "LeCun, Yann, Yoshua Bengio and …": the first author written surname first
    joined = inverted and (all(" " in n for n in names[2:] if n) if names[2:] else incomplete or
                           re.search(r"\b[A-Z]\.?$", inverted.group(2)))
    if joined and len(names) >= 2:  # not "Hinton, Bengio, and LeCun": surnames only
        names[:2] = [f"{inverted.group(1)}, {inverted.group(2)}"]
    names = [n for n in names if not _ANONYMOUS.fullmatch(n)]  # under review: no names
    return [n for n in names if n and any(ch.isalpha() for ch in n)], incomplete


_NAME_SEPARATOR = re.compile(r",|;|\s+and\s+|\s+&\s+")
_ANONYMOUS = re.compile(r"(?i)anonymous(?: authors?)?")
_LETTER_FIRST = re.compile(r"^[^\W\d_]")


def looks_like_authors(text: str) -> bool:
    """A line of names: mostly capitalised words, commas between them, no link label or venue."""
    plain = clean(LINK.sub(lambda m: m.group(2), text)).rstrip(".")
    if not plain or len(plain) > 3000 or not _LETTER_FIRST.match(plain):
        return False
    names, _ = split_authors(text)
    if not names:
        return False
    words = [w for n in names for w in n.split()]
    return all(len(n.split()) <= 6 for n in names) and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)
