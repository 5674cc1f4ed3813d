"""Read a .bib file into CSL items the way pandoc's BibTeX reader does (and Zotero's Better BibTeX).

Every standard BibTeX and BibLaTeX entry type and field is mapped (tables in ``bibtables``); ``@string``
macros, month macros and ``#`` are resolved by ``read.bib`` and LaTeX is decoded by ``text.latex`` (the reader
normalize and import use); names are split as BibTeX splits them (``read.names``), ``von`` becoming the
dropping particle as pandoc reads it; ``{braced}`` title words become CSL ``nocase`` spans.
English titles are put in sentence case, braced words kept (``bibcase``), as pandoc reads them.
Where the mapping differs from pandoc's, the comment says why.
"""
from __future__ import annotations

import re
from functools import lru_cache

from unlearn_bib.catalog.identifiers import ARXIV_NEW_ID, page_range
from unlearn_bib.read.bib import MONTHS
from unlearn_bib.text.braces import closing
from unlearn_bib.text.latex import plain as latex_text
from unlearn_bib.text.latex_rich import literal, rich_title
from unlearn_bib.items.bibcase import is_english, sentence_case, tex_scripts
from unlearn_bib.items.bibtables import (COUNTRIES, DEFAULT_GENRES, GENRES, LANGUAGES, PUBSTATES, SERIES_KEYS,
                                         TYPES, VARIANTS)
from unlearn_bib.items.check import CONTROL, CSLItems, collect, date_from_text, split_particle
from unlearn_bib.errors import Location, Problem, UnlearnBibError

# Fields copied as they are (after LaTeX decoding): BibTeX name -> CSL variable.
PLAIN = {
    "edition": "edition", "volume": "volume", "volumes": "number-of-volumes", "pagetotal": "number-of-pages",
    "chapter": "chapter-number", "isbn": "ISBN", "issn": "ISSN", "note": "note", "version": "version",
    "pmid": "PMID", "pmcid": "PMCID", "venue": "event-place", "abstract": None, "keywords": None,
}
TITLES = ("title", "subtitle", "titleaddon", "shorttitle", "booktitle", "booksubtitle", "maintitle",
          "journal", "journaltitle", "journalsubtitle", "shortjournal", "series", "eventtitle", "origtitle")
# Titles an English entry has in sentence case for the style (pandoc's list: not the journal's).
SENTENCE_CASE = frozenset({"title", "subtitle", "titleaddon", "shorttitle", "booktitle", "booksubtitle",
                           "maintitle", "series", "eventtitle", "origtitle"})
DATES = ("date", "year", "day", "urldate", "eventdate", "origdate")
NAMES = {"author": "author", "editor": "editor", "translator": "translator", "bookauthor": "container-author"}


def read_bibtex(text: str, path: str, partial: bool = False) -> CSLItems:
    """A .bib file -> CSLItems in file order, or one UnlearnBibError with every FILE:LINE problem.

    The file is read by ``read.bib`` (the reader normalize and import use): the same names and text."""
    from unlearn_bib.read.bib import read_bib

    bib = read_bib(text, path)
    problems = [Problem(_UNCHANGED.sub("", message), Location(path, line)) for line, message in bib.problems]
    for entry in bib.entries:
        problems.extend(Problem(message, Location(path, line)) for line, message in entry.unread)
    fields = {}
    for entry in bib.entries:
        fields.setdefault(entry.key, entry.fields)
    pairs = []
    for entry in bib.entries:
        if entry.unread:  # reported above; the entry is left out, not half read
            continue
        try:
            own = inherit(entry.fields, fields, entry.entry_type)
            pairs.append((entry.line, entry_item(entry.key, entry.entry_type, own)))
        except _EntryProblem as exc:
            problems.append(Problem(f"entry {entry.key!r}: {exc}", Location(path, entry.line)))
    if not pairs and not problems:
        problems.append(Problem("no BibTeX entries found", Location(path, None)))
    if problems and not (partial and pairs):
        raise UnlearnBibError(*problems)
    # decoded from UTF-8: no surrogates; control characters only where the text has them
    return collect(pairs, path, scan=CONTROL.search(text) is not None, partial=partial, problems=problems)


# normalize leaves a broken entry as it was and says so; here the whole file is refused
_UNCHANGED = re.compile(r"(?:; BibTeX will use the first)?;(?: this entry)? left unchanged$")


class _EntryProblem(ValueError):
    """What is wrong with one entry (located by read_bibtex)."""


# --- names ----------------------------------------------------------------------------------------

def names(value: str) -> list[dict]:
    """BibTeX ``and``-separated names -> CSL names (split by ``read.names``, as BibTeX does)."""
    from unlearn_bib.read.names import split_names

    return [csl_name(name) for name in split_names(value)]


def csl_name(name: str) -> dict:
    """One BibTeX name -> a CSL name: von -> dropping particle (pandoc: a style that demotes particles
    prints "Rossum, G. van"), a braced whole name -> literal, trailing lower-case given words ->
    dropping particle too, a particle inside a braced family ("{van Holstein}") -> non-dropping."""
    from unlearn_bib.read.names import split_name

    if name == "others":  # BibTeX and pandoc: only lower-case "others" means et al.
        return {"literal": "others"}
    if name.startswith("{") and closing(name, 0) == len(name) - 1:
        return {"literal": latex_text(name[1:-1])}
    parts = split_name(name)
    family, given, von, suffix = (latex_text(p) for p in (parts.last, parts.first, parts.von, parts.jr))
    if not family:
        family, given = given, ""
    person: dict = {"family": family}
    if parts.von_hyphen:  # "al-Farsi": a particle joined to the name stays in front of it
        person["non-dropping-particle"], von = von + "-", ""
    elif not von:
        particle, person["family"] = split_particle(family)
        if particle:  # "{van Holstein}" as one family name: the particle stays in front
            person["non-dropping-particle"] = particle
    words = given.split()
    trailing = []
    while len(words) > 1 and words[-1][:1].islower():
        trailing.insert(0, words.pop())
    given = re.sub(r"(?<=\b\w\.)(?=\w\b)", " ", " ".join(words))  # "M.J." is "M. J." (pandoc)
    if given:
        person["given"] = given
    dropping = " ".join(trailing + ([von] if von else []))
    if dropping:  # also "Villiers, Anne-Marie de": pandoc's dropping particle
        person["dropping-particle"] = dropping
    if suffix:
        person["suffix"] = suffix
    return person


_USEPREFIX = re.compile(r"(?:^|,)\s*useprefix\s*(?:=\s*true\s*)?(?:,|$)", re.I)


def _prefix_kept(person: dict) -> dict:
    """``options = {useprefix=true}`` (Better BibTeX writes it): "van Holstein, M.", the von part
    a non-dropping particle (pandoc's reading)."""
    if "dropping-particle" not in person or "non-dropping-particle" in person:
        return person
    person = dict(person)
    person["non-dropping-particle"] = person.pop("dropping-particle")
    return person


# --- dates ----------------------------------------------------------------------------------------

def _month(text: str) -> int:
    word = text.strip().lower().rstrip(".")
    if word.isdigit():
        return int(word) if 1 <= int(word) <= 12 else 0
    return _MONTH_NUMBER.get(word[:3], 0) if len(word) >= 3 else 0


_MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS, 1)}  # jan -> 1 (read.bib gives month macros as names)


def iso_date(text: str) -> dict:
    """A biblatex date field (ISO 8601-2) as a CSL date. biblatex counts years astronomically
    (0000 is 1 BC, -0349 is 350 BC) and CSL counts BC years from -1, so a negative year moves
    back by one, as pandoc reads it (year 0 is left as it is, as pandoc leaves it)."""
    date = date_from_text(text)
    for parts in date.get("date-parts", ()):
        if parts[0] < 0:
            parts[0] -= 1
    return date


def issued(fields: dict[str, str]) -> dict | None:
    year = fields.get("year", "").strip()
    if fields.get("date"):
        date = iso_date(fields["date"])
        if "date-parts" in date or not year:
            return date  # a date biber cannot read is ignored and the year stands (pandoc reads it so too)
    if not year:
        return None
    if not re.fullmatch(r"-?\d{1,4}", year):
        return date_from_text(year)
    parts = [int(year)]
    month = _month(fields.get("month", ""))
    if month:
        parts.append(month)
        day = fields.get("day", "").strip()
        if day.isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return {"date-parts": [parts]}


# --- one entry ------------------------------------------------------------------------------------

# What a child entry takes from its ``crossref`` parent under another name (BibLaTeX's
# default inheritance, which pandoc follows): the parent's title is the child's booktitle.
_INHERIT_AS = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_NOT_INHERITED = frozenset({"crossref", "xref", "ids", "entryset", "shorthand", "label", "sortkey", "xdata"})


def inherit(own: dict[str, str], every: dict[str, dict[str, str]], kind: str) -> dict[str, str]:
    """The fields of an entry with those of its ``crossref`` parent filled in (one level, as
    BibTeX does); a missing parent is an error."""
    parent_key = own.get("crossref", "").strip()
    if not parent_key:
        return own
    parent = every.get(parent_key) or next((f for k, f in every.items() if k.lower() == parent_key.lower()), None)
    if parent is None:
        raise _EntryProblem(f"crossref {parent_key!r} names no entry of this file")
    merged = dict(own)
    for field, value in parent.items():
        if field in _NOT_INHERITED:
            continue
        target = _INHERIT_AS.get(field, field) if kind in _CONTAINED else field
        merged.setdefault(target, value)
    return merged


_CONTAINED = frozenset({"inbook", "incollection", "inproceedings", "conference", "inreference", "bookinbook",
                        "suppbook", "suppcollection"})


_CODES = frozenset({"id", "type", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language"})
_RICH = frozenset({"title", "title-short", "container-title", "container-title-short", "volume-title", "original-title",
                   "collection-title", "event"})


def entry_item(key: str, entry_type: str, raw: dict[str, str]) -> dict:
    """One entry's resolved fields -> a CSL-JSON item (not yet checked: cslitems.collect does that)."""
    kind = entry_type.lower()
    if kind in ("article", "periodical") and raw.get("series", "").strip():
        raw = {**raw, "series": _journal_series(raw["series"])}
    text = {k: v for k, v in ((k, _text(v)) for k, v in raw.items() if k not in TITLES and k not in NAMES) if v}
    title = {k: _title(v) for k, v in raw.items() if k in TITLES and v.strip()}
    language = _language(text)
    if is_english(LANGUAGES.get(language.lower().replace(" ", ""), language)):
        title = {k: _sentence(v) if k in SENTENCE_CASE else v for k, v in title.items()}
    item: dict = {"id": key, "type": _type(kind, raw)}
    for field, variable in NAMES.items():
        if raw.get(field, "").strip():
            item[variable] = [dict(person) for person in _names(raw[field])]
            if _USEPREFIX.search(raw.get("options", "")):  # biblatex: the prefix belongs to the family name
                item[variable] = [_prefix_kept(person) for person in item[variable]]
    _titles(item, kind, title)
    _publisher(item, kind, text)
    _numbers(item, kind, raw, text)
    for field, variable in PLAIN.items():
        if variable and text.get(field):
            item[variable] = text[field]
    if text.get("part"):  # volume 7, part 2: "7.2"; a part alone is the volume (pandoc)
        item["volume"] = f"{item['volume']}.{text['part']}" if item.get("volume") else text["part"]
    if text.get("addendum"):  # biblatex: printed at the end of the entry; pandoc joins it to the note
        note = item.get("note", "")
        item["note"] = f"{note}{' ' if note[-1:] in '!?.,:;' else '. '}{text['addendum']}" if note else text["addendum"]
    if text.get("pages"):
        item["page"] = page_range(text["pages"], "-")
    genre = text.get("type", "")
    genre = GENRES.get(genre.lower().replace(" ", ""), genre) or DEFAULT_GENRES.get(kind, "")
    if genre:
        item["genre"] = genre
    dates = {k: " ".join(raw[k].replace("{", "").replace("}", "").split()) for k in DATES if k in raw}
    when = issued({**dates, "month": text.get("month", "")})
    if when and str(when.get("literal", "")).lower() == "forthcoming":  # a state, not a date (pandoc)
        item["status"], when = "forthcoming", None
    if when:
        item["issued"] = when
    for field, variable in (("urldate", "accessed"), ("eventdate", "event-date"), ("origdate", "original-date")):
        if dates.get(field):
            item[variable] = iso_date(dates[field])
    _links(item, text)
    if language:
        item["language"] = LANGUAGES.get(language.lower().replace(" ", ""), language)
    if text.get("pubstate"):
        item["status"] = PUBSTATES.get(text["pubstate"].lower().replace(" ", ""), text["pubstate"])
    for variable, value in item.items():  # titles are rich text already (rich_title keeps literal "<" literal)
        if isinstance(value, str) and variable not in _CODES and variable not in _RICH:
            item[variable] = literal(value)
    return item


# Values recur across a file's entries (journals, publishers, years, months, the same authors; a
# title in its crossref'd and its own entries): each distinct value is decoded once per process.
# The functions are pure; names are copied out, so no item shares a dict with another.

@lru_cache(maxsize=1 << 15)
def _text(value: str) -> str:
    return latex_text(value)


@lru_cache(maxsize=1 << 14)
def _title(value: str) -> str:
    # "$\{$USENIX$\}$" (Google Scholar's braces) is "{USENIX}", as pandoc prints it
    return tex_scripts(rich_title(_quotes(re.sub(r"\$(\\[{}])\$", r"\1", value))))


@lru_cache(maxsize=1 << 14)
def _sentence(rich: str) -> str:
    return sentence_case(rich)


@lru_cache(maxsize=1 << 14)
def _names(value: str) -> tuple[dict, ...]:
    return tuple(names(value))


def _titles(item: dict, kind: str, title: dict[str, str]) -> None:
    def joined(main: str, sub: str) -> str:
        return f"{title[main]}: {title[sub]}" if title.get(sub) and title.get(main) else title.get(main, "")

    if title.get("title"):
        item["title"] = joined("title", "subtitle")
        if title.get("titleaddon"):
            item["title"] += ". " + title["titleaddon"]
    if title.get("shorttitle"):
        item["title-short"] = title["shorttitle"]
    journal = "journaltitle" if title.get("journaltitle") else "journal"
    if title.get(journal):
        item["container-title"] = joined(journal, "journalsubtitle")
    # an article's container is its journal: a ``booktitle`` beside it (Semantic Scholar's exports)
    # is not (biblatex's data model; pandoc reads the journal)
    if title.get("booktitle") and (kind in _CONTAINED or not title.get(journal)):
        book = joined("booktitle", "booksubtitle")
        if title.get("maintitle") and item["type"] in ("chapter", "paper-conference", "entry-encyclopedia"):
            item["container-title"], item["volume-title"] = title["maintitle"], book
        else:
            item["container-title"] = book
    elif title.get("maintitle") and item["type"] == "book":
        # one volume of a multi-volume work: CSL 1.0.2's volume-title ("Title of a specific
        # volume of a multi-volume work"), the work's title as the title (pandoc's mapping)
        item["title"], item["volume-title"] = title["maintitle"], item.get("title", "")
        if not item["volume-title"]:
            del item["volume-title"]
    if title.get("shortjournal"):
        item["container-title-short"] = title["shortjournal"]
    if title.get("series"):
        item["collection-title"] = title["series"]
    if title.get("eventtitle"):
        item["event"] = title["eventtitle"]
    if title.get("origtitle"):  # the work's title in its first edition or language (APA, Chicago print it)
        item["original-title"] = title["origtitle"]


def _publisher(item: dict, kind: str, text: dict[str, str]) -> None:
    """publisher, else institution/school, else organization; pandoc joins an organization
    and a publisher with '; ' (the organization first)."""
    names = [text.get("organization", ""), text.get("publisher", "")]
    if kind in ("phdthesis", "mastersthesis", "thesis", "techreport", "report") or not any(names):
        names = [text.get("institution", "") or text.get("school", "")] + names
    publisher = "; ".join(n for n in names if n)
    if not publisher and text.get("howpublished") and not _is_url(text["howpublished"]):
        publisher = text["howpublished"]
    if publisher:
        item["publisher"] = publisher
    if kind == "patent" and text.get("location"):  # biblatex: the countries where the patent is valid
        places = re.split(r"\s+and\s+", text["location"])
        item["jurisdiction"] = "; ".join(COUNTRIES.get(p.strip().lower(), p.strip()) for p in places)
    # ``address`` first, as pandoc reads it: an ACM export's ``location`` is the conference's place
    place = text.get("address") if kind == "patent" else text.get("address") or text.get("location")
    if place:
        item["publisher-place"] = re.sub(r"\s+and\s+", "; ", place)


def _numbers(item: dict, kind: str, raw: dict[str, str], text: dict[str, str]) -> None:
    number, issue = text.get("number", ""), text.get("issue", "")
    if item["type"] in ("article-journal", "periodical", "article-magazine", "article-newspaper"):
        value = ", ".join(v for v in (number, issue) if v)
        if value:
            item["issue"] = value
    elif number and (kind in _IN_SERIES or raw.get("series", "").strip() and item["type"] in
                     ("book", "chapter", "paper-conference")):
        # biblatex: "The number of a journal or the volume/number of a book in a series"
        item["collection-number"] = number
    elif number:
        item["number"] = number


_IN_SERIES = frozenset({"book", "collection", "proceedings", "reference", "mvbook", "mvcollection", "mvproceedings",
                        "mvreference", "bookinbook", "inbook", "incollection", "inproceedings", "conference",
                        "inreference", "suppbook", "suppcollection"})


def _type(kind: str, raw: dict[str, str]) -> str:
    """The CSL type: the table, an article's ``entrysubtype`` (magazine, newspaper), and an
    unpublished work with an event is a talk (CSL 1.0.2's speech: "a paper, talk, poster, or
    symposium at a conference"), as pandoc reads them. @misc and unknown types have none (""), as
    pandoc writes them: biblatex sets them as standalone works, a style's default branch."""
    subtype = raw.get("entrysubtype", "").strip().lower()
    if kind in ("article", "periodical", "suppperiodical") and subtype in ("magazine", "newspaper"):
        return f"article-{subtype}"
    if kind == "unpublished" and any(raw.get(f, "").strip() for f in ("eventtitle", "eventdate", "venue")):
        return "speech"
    return TYPES.get(kind, "")


def _journal_series(value: str) -> str:
    """A journal's series as biblatex prints it: "3" is "3rd series", the key "newseries" is
    "new series" (biblatex.def's series format for article and periodical); else as typed."""
    plain = value.strip()
    if plain.isdigit():
        number = int(plain)
        suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{plain}{suffix} series"
    return SERIES_KEYS.get(plain.lower(), value)




def _language(text: dict[str, str]) -> str:
    language = text.get("langid") or text.get("language") or ""
    variant = re.search(r"variant\s*=\s*(\w+)", text.get("langidopts", ""))
    if variant and language.strip().lower() == "english":
        return VARIANTS.get(variant.group(1).lower(), language)
    return language


# TeX's quotation marks (``...'', `...') and typed double quotes: the CSL data's plain quotes, which
# the style prints with its own marks, inner ones alternating ("“…‘x’…”", pandoc and citeproc-js).
# Any other straight ' is what TeX sets for it, a right quote (’): 'Other' is ’Other’, as pandoc reads it.
_TEX_QUOTES = re.compile(r"(?<!\\)(?:``|''|[“”])|(?<![\\`])`(?!`)|(?<![\\'])'(?!')")


def _quotes(value: str) -> str:
    if "`" not in value and "'" not in value and "“" not in value and "”" not in value:
        return value
    opened = 0  # `...' quotations open

    def one(match: re.Match) -> str:
        nonlocal opened
        mark = match.group(0)
        if mark not in "`'":
            return '"'
        if mark == "'" and not opened:
            return "’"
        opened += 1 if mark == "`" else -1
        return "'"
    return _TEX_QUOTES.sub(one, value)


def _is_url(value: str) -> bool:
    return bool(re.match(r"^(?:<)?https?://\S+$", value.strip()))


_EPRINT_LINKS = {"pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/", "jstor": "https://www.jstor.org/stable/",
                 "googlebooks": "https://books.google.com?id="}


def _links(item: dict, text: dict[str, str]) -> None:
    url = text.get("url", "")
    if not url and _is_url(text.get("howpublished", "")):
        url = text["howpublished"].strip("<>")
    eprint = text.get("eprint", "")
    kind = (text.get("eprinttype") or text.get("archiveprefix") or "").lower()
    if eprint and kind in ("arxiv", "") and re.fullmatch(r"(?:arXiv:)?[\w.\-/]+\d(?:v\d+)?", eprint):
        if kind == "arxiv" or re.fullmatch(rf"{ARXIV_NEW_ID}(?:v\d+)?", eprint):
            url = url or f"https://arxiv.org/abs/{eprint.removeprefix('arXiv:')}"
    elif eprint and kind in _EPRINT_LINKS:  # pandoc: a link (styles print it as one), a pmid field stays PMID
        url = url or _EPRINT_LINKS[kind] + eprint.strip()
    if url:
        item["URL"] = url
    if text.get("doi"):
        item["DOI"] = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text["doi"], flags=re.I)
