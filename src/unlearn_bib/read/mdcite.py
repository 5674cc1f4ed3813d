"""What a list writes about a paper besides its title: a citation line, a note, a venue badge.

- ``citation(text)``: the line after a title that cites it, ``Authors. Venue Year.``,
  ``A, B, and C. *Venue*, Year.`` or ``*A*, B, C, ICML 2024.`` -> (authors, incomplete, venue, year); names
  written as BibTeX does, ``Last, First and Last, First, 2020``, stay whole (``Last, First``);
- ``bibtex_tail(title)``: an unlinked ``Title, Last, First and Last, First, 2017`` -> (title, citation); also a
  plain title whose sentence ends before its people, ``Title. Xie, Qizhe et al.(Google) CVPR 2020``, ``Title. Hinton
  et al.`` (its ``arXiv:ID`` read apart), ``Title. Cho, Jang Hyun & Hariharan, Bharath. ICCV 2019``;
- ``etal_citation(text)``: one emphasised span after a title, ``*First Author (Affiliation) et al. Venue.*``
  -> (authors, incomplete, venue, None);
- ``NOTE``: a labelled line that describes an item (``Key Word: …``, ``ExpEnv: …``, ``Publisher: …``);
- ``badge_venue(text)``: the venue a shields.io badge names (``badge/Conference-ICML'23-blue``);
- ``after_title(rest)``: what follows a title as one citation, ``(Shokri et al., 2017)`` (authors and year, no
  venue) or `` - *Y Tang et al*, `ICASSP 2021` `` (italic authors, then the venue in inline code)
  -> (authors, incomplete, venue, year).

Linear time: no pattern nests quantifiers over the same characters.
"""
from __future__ import annotations

import re
from urllib.parse import unquote

from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdapa import names_then_venue

NOTE = re.compile(r"^\W{0,4}([A-Za-z][A-Za-z]*(?:[ -][A-Za-z]+){0,2})\s?:\s+\S")
_CODE_SPAN = re.compile(r"`[^`\n]{0,80}`")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?![\d])")
_SENTENCE_END = re.compile(r"\.\s+")
_INITIAL = re.compile(r"(?:^|[\s.\-])[A-Z]$")  # "Joshua B." ends in an initial, not a sentence
# ... unless the names are written "Surname I I" and what follows is no name: "Castaneda A O. 2016.", "Littman, Michael
# L. ICML, 1994", "Könönen V. Web Intelligence and Agent Systems, 2004" end the names; "Joshua B. Tenenbaum, …",
# "Stephanie C. Y. Chan", "Robert L. Logan IV, …", "Aaron C. van den Oord", "John A. Smith and …" go on: after an initial a
# name goes on with one surname (particles and a suffix aside) up to the next comma, full stop, "&" or "and"
# (two letters, not "{2,}": the pattern only says whether such an ending is there, and "{2,}" would rescan a long
# word from each of its letters)
_SURNAME_INITIALS = re.compile(r"[^\W\d_]{2} (?:[A-Z] ){0,2}[A-Z]$")
# (the field may end before spaces and "and" only where the spaces begin, "(?<!\s)": the lazy field stops there first
# anyway, and its match always starts after a sentence's spaces; a run of spaces is not rescanned from each space)
_NEXT_FIELD = re.compile(r"[^,.&\n]{0,120}?(?=,|\.|&|(?<!\s)\s+and\b|$)")
_PARTICLE = re.compile(r"(?:van|von|de|da|der|den|di|du|le|la|De|Van|Von|Da|Le|La|Di|Du)$")
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?$")


def _names_end(plain: str, at: int) -> bool:
    """True when the text from ``at`` is not the rest of a name (see above)."""
    field = _NEXT_FIELD.match(plain, at)
    words = field.group(0).split() if field else []
    if not words or _PARTICLE.match(words[0]):
        return False
    if words[0][:1].isdigit() or re.fullmatch(r"[A-Z]{2,}", words[0]) and not _SUFFIX.match(words[0]):
        return True  # "2016.", "ICML, 1994"
    return len(words) >= 2 and not _SUFFIX.match(words[1])


_ITALIC = re.compile(r"(?<![*\w])\*([^*\n]{2,150})\*(?![*\w])|(?<![_\w])_([^_\n]{2,150})_(?![_\w])")
_VENUE_COMMA_YEAR = re.compile(r"^(.+?),\s*((?:19|20)\d\d)$")
# a venue's year written short, when no four-digit year is there: "ICLR'17", "CVPR' 14", or an arXiv month "Arxiv 1707"
# (YYMM; 20YY is left out: "arXiv 2012" is a year)
_ARXIV_MONTH = re.compile(r"(?i)\barxiv\s?(0[7-9]|1\d|2[1-9])(?:0[1-9]|1[0-2])\b")
_SHORT_DATED = re.compile(r"(?:[A-Za-z)]\s?['\u2018\u2019] ?\d\d(?![\d'])|\b(?i:arxiv)\s?(?:0[7-9]|1\d|2[1-9])(?:0[1-9]|1[0-2])\b)"
                          r"(?=(?:\s[A-Za-z]{1,20}){0,4}\s?$)")  # at the end: "*ICLR'18 Workshop*", not "ICLR' 14 | [pdf]"
# a name in a list of names written as a link to its home page: "[Jin-Dong Dong](https://…), An-Chieh Cheng": the name
_NAME_LINK = re.compile(r"(^\s*|,\s|\band\s)\[([A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){1,3})\]\(\s*https?://(?!github\.com|gitlab\.com|huggingface\.co)[^()\s]{1,300}\)(?=,|\s+and\b|\.)")
# "Blodgett, Su Lin  and Barocas, Solon  and Wallach, Hanna, 2020" (optionally ", EMNLP" before the year): names as
# BibTeX writes them, "Last, First" joined by "and"; one comma in each name, so the split is never in doubt
_BIB_NAME = r"[^\W\d][^,;()\[\]\n]{0,60},\s*[^\W\d][^,;()\[\]\n]{0,60}?"
_BIBTEX_NAMES = re.compile(rf"^({_BIB_NAME}(?:\s+and\s+{_BIB_NAME})+)(?:,\s*([^,\n]{{2,60}}?))?,\s*((?:19|20)\d\d)$")
_SHIELD = re.compile(r"!\[[^\[\]\n]{0,100}\]\(\s*https?://img\.shields\.io/badge/([^()\s]{1,300})\)", re.I)
_SHIELD_LABELS = ("conference", "journal", "venue", "publish", "published", "publication", "accepted", "pub")


def bibtex_tail(text: str) -> tuple[str, tuple[list[str], bool, str, int | None]] | None:
    """(title, citation) of an unlinked title followed by names as BibTeX writes them and a year
    (``Title, Barocas, Solon and Crawford, Kate, 2017``): the title ends at the comma where the names begin."""
    words = 0  # the words before a comma, counted until there are three (they only grow): no recount per comma
    for found in re.finditer(r",\s+", text) if re.search(r"\sand\s", text) else ():  # the names need an "and"
        words = words if words >= 3 else len(text[:found.start()].split())
        if words >= 3 and _BIBTEX_NAMES.match(text[found.end():].strip(" .")):
            cited = citation(text[found.end():].strip(" ."))
            return (text[:found.start()].strip(), cited) if cited else None
    return _names_after_title(text)


_GIVEN = r"[^\W\d][\w'\-]*(?:\s[^\W\d][\w'\-]*)?,\s*[^\W\d][\w'\-]*(?:\s[^\W\d][\w'\-]*\.?){0,2}"  # "Cho, Jang Hyun"
# after the title's full stop: "Xie, Qizhe et al.", "Zhang, Zizhao. et al.", "Z. Meng et al", or "Surname, Given & Surname, Given"; an
# affiliation in parentheses; then a venue with its year, "arXiv:2020" (a year), or nothing
# (it starts where a word does, "(?<![\w'\-])", as after the sentence's spaces where it is tried: a long word is not
# rescanned from each of its letters)
_PLAIN_NAMES = re.compile(rf"(?<![\w'\-])((?:[A-Z]\.\s?){{0,3}}[^\W\d][^.,()&\n]{{0,30}}(?:,\s*[^\W\d][^.,()&\n]{{0,30}})?\.?\s+et\.?\s*al\b\.?"
                          rf"|{_GIVEN}(?:\s+(?:&|and)\s+{_GIVEN})+)\s*(?:\(([^()\n]{{1,40}})\))?\s*\.?\s*(.*)")
_REFERENCE = re.compile(r"\[\[?[^\[\]\n]{0,40}\]?\]\[[^\[\]\n]{0,40}\]")  # "[[code]][1.10]": a reference-style link


def _names_after_title(text: str) -> tuple[str, tuple[list[str], bool, str, int | None]] | None:
    """(title, citation) of ``Title. Names et al. (Affiliation) Venue Year`` (see ``bibtex_tail``), or None; only
    the end of ``text`` is tried (linear time)."""
    for stop in re.compile(r"\.\s+").finditer(text, max(0, len(text) - 240)):  # names and venue: the last 240 characters
        title = text[:stop.start()].strip()
        found = _PLAIN_NAMES.fullmatch(text, stop.end())
        if len(title.split()) < 2 or not found:
            continue
        tail = md.clean(_REFERENCE.sub(" ", found.group(3))).strip(" .,;")
        tail = re.sub(r"^arxiv\s*:?\s*\d{4}\.\d{4,5}(?:v\d+)?[.,]?\s*", "", tail, flags=re.I)  # the id, read apart
        dated = re.fullmatch(r"(?i)arxiv\s*:?\s*(?:19|20)\d\d", tail)  # "arXiv:2020": a year, no id and no venue
        year = int(tail[-4:]) if dated else md.year_of(tail)
        if tail and not (year and (md.looks_like_venue(tail) or tail.lower().startswith("arxiv"))):
            continue
        venue = "" if dated or tail.lower().startswith("arxiv") and not md.looks_like_venue(tail) else tail
        names = found.group(1).strip(" .")
        etal = _ETAL.search(names)
        people = [" ".join(n.split()) for n in re.split(r"\s+(?:&|and)\s+", names[:etal.start()] if etal else names)]
        return title, ([n.strip(" ,.") for n in people if n.strip(" ,.")], bool(etal), venue, year)
    return None


def citation(text: str) -> tuple[list[str], bool, str, int | None] | None:
    """(authors, incomplete, venue, year) of a citation line, or None when ``text`` is not one:
    names first (each of at most six words, mostly capitalised), then a venue with a year."""
    text = re.sub(r"^\s*by\s+", "", text)  # "[Title](link) by A, B. Venue, 2020"
    raw = _CODE_SPAN.sub(" ", md.without_links(_NAME_LINK.sub(r"\1\2", text)))
    plain = md.clean(raw).strip(" .,;[]")
    if not plain or len(plain) > 3000:
        return None
    month = _MONTH_TAIL.search(plain)  # "A, et al., ACL 2019, Jun 2019": the month it came out, after the venue's year;
    if month:  # "A, et al., arXiv preprint, May 2019": the date is the year field
        plain = plain[:month.start()] if _YEAR.search(plain, 0, month.start()) else plain[:month.start()] + ", " + plain[-4:]
    years = list(_YEAR.finditer(plain)) or list(_SHORT_DATED.finditer(plain))  # "A and B. *ICLR'17*", "*Arxiv 1707*"
    if not years:
        return None
    italic = [next(g for g in found.groups() if g) for found in _ITALIC.finditer(raw)]  # a citation has a year: now read them
    bib = _BIBTEX_NAMES.match(plain)
    if bib and md.looks_like_authors(bib.group(1).replace(",", " ")):  # "Last, First and Last, First, 2020"
        names = [" ".join(n.split()) for n in re.split(r"\s+and\s+", bib.group(1))]
        return names, False, (bib.group(2) or "").strip(), int(bib.group(3))
    end = years[-1].start()
    cut = None
    for found in _SENTENCE_END.finditer(plain, 0, end):
        if not _INITIAL.search(plain[max(0, found.start() - 2):found.start()]) or _SURNAME_INITIALS.search(
                plain, max(0, found.start() - 40), found.start()) and _names_end(plain, found.end()):
            cut = found  # "Littman M L. Cognitive Systems Research, 2001": the initials end the names
            break
    lead = _ITALIC.match(raw.lstrip(" .,"))
    after = raw.lstrip(" .,")[lead.end():] if lead else ""
    if lead and not after.lstrip().startswith(",") and (_YEAR.search(after) or _SHORT_DATED.search(md.clean(after).strip(" .,;"))):
        # "*A, B, and C* NAACL 2021": the italic part is the authors, whatever follows it
        names, venue = md.clean(next(g for g in lead.groups() if g)), md.clean(after).strip(" .,;[]")
    elif cut:  # "A, B, and C. Venue, 2022": the first full stop after a name ends the authors
        names, venue = plain[:cut.start()], plain[cut.end():]
    else:  # "A, B, C, ICML 2024": the venue is the part after the last comma before the year
        shut = _GROUPED.sub(lambda found: "_" * len(found.group(0)), plain)  # "arXiv:ID [cs, math], 2021": one field
        comma = shut.rfind(",", 0, end)
        if comma > 0 and not plain[comma + 1:end].strip():  # "A, Findings of ACL, 2022"
            named = comma if re.match(r"\.\s+[A-Z]", plain[years[-1].end():]) and " " in plain[:comma].strip() else -1
            comma = max(shut.rfind(",", 0, comma), named)  # "Yaodong Yang, 2021. PhD Thesis": the venue after the year
        if comma <= 0:
            return None
        names, venue = plain[:comma], plain[comma + 1:]
    venue = venue.strip(" .,;")
    first = re.match(r"((?:19|20)\d\d)\.\s+(.+)$", venue)  # "Yaodong Yang, 2021. PhD Thesis": the venue after the year
    venue = first.group(2) if first else venue
    nobody = re.fullmatch(r"(?i)anonymous(?: authors?)?(?:,?\s*et\.?\s*al\.?)?", names.strip())  # "Anonymous et al. *ICLR 2025*"
    if not venue or len(venue) > 150 or "] [" in venue or not (md.looks_like_authors(names) or nobody):  # "[May, 2021] [JBHI, 2022]": tags
        return None
    authors, incomplete = md.split_authors(names)
    shown = next((md.clean(v).strip(" .,") for v in italic if md.clean(v).strip(" .,") and md.clean(v).strip(" .,") in venue
                  and md.clean(v).strip(" .,") not in names), "")
    year = md.year_of(venue)
    split = _VENUE_COMMA_YEAR.match(venue)
    if split:
        venue, year = split.group(1), int(split.group(2))
    if shown and venue.startswith(shown):  # "*IEEE Transactions on …*, 2022": the italic part is the venue
        venue = shown
    if year is None and re.search(r"\(((?:19|20)\d\d)\)", venue):  # "Journal 15.1 (2014): 1929-1958": pages follow the year
        year = int(re.search(r"\(((?:19|20)\d\d)\)", venue).group(1))
    if year is None:
        found = _YEAR.findall(venue)
        year = int(found[-1]) if found else None
    venue = "" if _YEAR.fullmatch(venue) else venue  # "Castaneda A O. 2016.": a year, no venue
    year = int(first.group(1)) if first and year is None else year
    month = _ARXIV_MONTH.search(venue) if year is None else None
    year = 2000 + int(month.group(1)) if month else year  # "Arxiv 1707": the arXiv month, July 2017
    return authors, incomplete, venue, year


_ETAL = re.compile(r"\bet\.?\s*al\b\.?")
_MONTH_TAIL = re.compile(r",\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s+(?:19|20)\d\d$", re.I)
_GROUPED = re.compile(r"\[[^\[\]\n]{1,60}\]")  # a bracket's commas separate no fields: "[cs, math]"


def etal_citation(text: str) -> tuple[list[str], bool, str, None] | None:
    """(authors, incomplete, venue, None) of one emphasised span before a row's links that names the
    first author(s) with "et al." (incomplete) or a full stop, then the venue: ``*Liang Chen et al. arXiv.*``,
    ``*Wangchunshu Zhou (AIWaves) et al.arXiv.*`` (an affiliation in parentheses is not a name),
    ``*H Leung. Systems for Advanced Applications.*``; None otherwise."""
    first = md.LINK.search(text)
    span = text[:first.start() if first else len(text)].strip().rstrip("[( ").strip()
    italic = _ITALIC.fullmatch(span)
    if not italic:
        return None
    inner = md.clean(next(g for g in italic.groups() if g))
    found = _ETAL.search(inner) or next((end for end in _SENTENCE_END.finditer(inner)  # "*H Leung. Venue.*"
                                         if not _INITIAL.search(inner[max(0, end.start() - 2):end.start()])), None)
    if not found or found.start() < 2:
        return None
    names, venue = inner[:found.start()], inner[found.end():].strip(" .,;")
    if not md.looks_like_authors(names) or len(venue) > 100:
        return None
    authors, _ = md.split_authors(names)
    return (authors, found.re is _ETAL, venue, None) if authors else None


def badge_venue(text: str) -> str:
    """The venue a shields.io badge names: ``badge/Conference-ICML'23-blue`` -> "ICML'23",
    ``badge/Journal-TMLR_2025-blue`` -> "TMLR 2025"; "" when no badge names one."""
    for found in _SHIELD.finditer(text):
        path = found.group(1).split("?")[0].replace("--", "\0").replace("__", "\1")
        parts = path.split("-")
        if len(parts) != 3 or parts[0].strip().lower() not in _SHIELD_LABELS:
            continue
        message = unquote(parts[1].replace("\0", "-").replace("_", " ").replace("\1", "_")).strip()
        if message and len(message) <= 80 and not md.is_date(message):
            return " ".join(message.split())
    return ""


_SUMMARY = re.compile(r"^\s*<summary>([^<>]{0,3000})<em>([^<>]{1,200})</em>\s*(?:((?:19|20)\d\d)\s*)?</summary>", re.I)


def summary_citation(line: str) -> tuple[str, str, int | None] | None:
    """(authors, venue, year) of a collapsed citation ``<summary> A, B, C <em>Venue</em> 2021 </summary>``
    under a paper's item; None for any other line (``<summary>Bibtex</summary>``, an abstract)."""
    found = _SUMMARY.match(line)
    if not found:
        return None
    return found.group(1).strip(), found.group(2).strip(), int(found.group(3)) if found.group(3) else None


# what may stand between a title and its citation: a dash, a comma, a pipe or "by"
_LEAD = re.compile(r"^\s*(?:[-\u2013\u2014,|]|by\b)\s*", re.I)
_SEPARATOR = re.compile(r"(?<!\s)\s+[-\u2013\u2014|]\s+")  # from the first of a run of spaces only: no rescans
# "(Shokri et al., 2017)", "(Hayes et al. 2019)", "(Smith and Jones, ICML 2020)", "(Chen,et al., 2019))"
_PAREN = re.compile(r"^[\s,]*\(([^()|\n]{2,200})\)")
# (anchored: it is only used whole, with fullmatch, and a search from every position would rescan the spaces)
_NAMES_YEAR = re.compile(r"^([^\d]{2,150}?),?\s*((?:19|20)\d\d)")
# "*Y Tang et al*, `ICASSP 2021`", "`arXiv 2019, ICLR 2020`" (glued to the link or after a dash)
_CODE_CITE = re.compile(r"^(?:([*_])([^*_`\n]{2,300})\1\s*,?\s*)?(`{1,3})([^`\n]{2,80})\3")
_ETAL_END = re.compile(r"\bet\.?\s*al\b\.?$")
_PAIR = re.compile(r"^([^,&]{2,40}?)\s+(?:and|&)\s+([^,&]{2,40})")  # anchored: used whole (fullmatch) only
_NOT_NAMES = re.compile(r"\b(conference|symposium|journal|transactions|workshop|proceedings|letters|nature|science|"
                        r"review|magazine|networks?|computing|learning|intelligence|systems|vision|research|preprint)\b", re.I)


def _people(names: str) -> bool:
    """Names that cannot be a venue's: "X et al." or two names joined by "and"/"&". One name alone is not
    taken: "(De Cristofaro, 2020)" is written as "(Interspeech, 2020)" is."""
    if _ETAL_END.search(names):
        return True
    pair = _PAIR.fullmatch(names)
    return bool(pair) and all(len(p.split()) <= 3 for p in pair.groups()) and not _NOT_NAMES.search(names) and (
        md.looks_like_authors(names))


def _venue_with_year(text: str) -> bool:
    """"ICLR 2023", "arXiv 2018", "ACL 2023 Findings": an acronym's venue and one year (not "Google Research, 2021")."""
    words = text.split()
    return bool(words) and bool(md.year_of(text)) and not md.is_date(text) and md.looks_like_venue(text) and (
        sum(ch.isupper() for ch in words[0]) >= 2 or words[0].lower().startswith("arxiv"))


def after_title(rest: str) -> tuple[list[str], bool, str, int | None] | None:
    """(authors, incomplete, venue, year) of a citation written right after a title: authors and a year, or
    authors and a venue, in parentheses (``(Shokri et al., 2017)``: no venue); after a dash or "by", authors and a
    venue (`` - A Smith et al., ICASSP 2021``), or a venue with its year alone or after authors between dashes or
    pipes (`` — ICLR 2023``, `` - A, B - NeurIPS 2022 - [[Paper](…)]``); italic authors and a venue with its year in inline code
    (`` - *Y Tang et al*, `ICASSP 2021` ``, the authors may be missing; a span naming two venues, ``arXiv 2019,
    ICLR 2020``, gives no year). None for anything else."""
    lead = _LEAD.match(rest)
    text = rest[lead.end():] if lead else rest.lstrip()
    named = names_then_venue(text) if lead and lead.group(0).strip().lower() in ("-", "\u2013", "\u2014", "by") else None
    if named:  # " - [[CODE]](…) - Jain, A., & Bregler, C. (ICLR 2013)"
        return named
    found = _CODE_CITE.match(text)
    if found:
        names, venue = (found.group(2) or "").strip(), " ".join(found.group(4).split())
        if not _YEAR.search(venue) or md.is_date(venue) or names and not (_ETAL.search(names) or lead and ":" not in names
                                                                            and md.looks_like_authors(names)):
            return None  # "`LLM`": a topic tag; "`2021`": a date, no venue; "_Title: A and B_ ```EMNLP 2023```": a title
        authors, incomplete = md.split_authors(names) if names else ([], False)
        return authors, incomplete, venue, md.year_of(venue)
    comma = not lead or lead.group(0).strip() == ","
    found = _PAREN.match(text) if comma else None
    if found:
        inner = md.clean(found.group(1))
        dated = _NAMES_YEAR.fullmatch(inner)
        if dated and _people(dated.group(1).strip(" ,")):
            authors, incomplete = md.split_authors(dated.group(1))
            return (authors, incomplete, "", int(dated.group(2))) if authors else None
        cited = citation(inner)
        if cited and (cited[1] or len(cited[0]) == 2) and _people(inner[:inner.find(cited[2])].strip(" ,")):
            return cited
        return None
    if comma:  # ", A et al., Venue Year": mdlist reads it
        return None
    first = md.LINK.search(text)
    head = md.clean(text[:first.start() if first else len(text)]).strip(" .,;|[(-\u2013\u2014")
    fields = [f.strip(" .,;") for f in _SEPARATOR.split(head) if f.strip(" .,;")]
    if len(fields) == 1 and _venue_with_year(fields[0]):  # " — ICLR 2023", " | ICLR 2023 | [code](…)"
        return [], False, fields[0], md.year_of(fields[0])
    if len(fields) == 2 and md.looks_like_authors(fields[0]) and _venue_with_year(fields[1]):  # " - A, B - NeurIPS 2022 -"
        authors, incomplete = md.split_authors(fields[0])
        return authors, incomplete, fields[1], md.year_of(fields[1])
    text = text.split(" | ")[0]
    dated = _NAMES_YEAR.fullmatch(md.clean(md.without_links(text)).strip(" .,;[]()"))
    if dated and _people(dated.group(1).strip(" ,")):  # " - Shokri et al., 2017"
        authors, incomplete = md.split_authors(dated.group(1))
        return (authors, incomplete, "", int(dated.group(2))) if authors else None
    cited = citation(text)
    venue = cited[2].strip("()[] ") if cited else ""
    if cited and md.looks_like_venue(venue) and not md.is_date(venue):  # not " - Google Research, 2021"
        return cited[0], cited[1], venue, cited[3]
    return None
