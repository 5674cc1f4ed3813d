"""Turn loaded YAML records into a ``Catalog``, collecting every problem with its line.

A strict catalog (the shipped one) must be complete; ``strict=False`` lets records
marked ``needs_verification`` (imported from a table) through without authors; such a record
may also have no ``year`` (a list that gives none: the year stays absent until a source gives it).
"""
from __future__ import annotations

import re

from unlearn_bib.catalog import identifiers as patterns
from unlearn_bib.catalog import venues
from unlearn_bib.errors import Location, Problem, UnlearnBibError
from unlearn_bib.catalog.model import Catalog, Paper, Person, Section, Venue, normalize_title

# Identifier fields are checked against identifiers.py's patterns; free-text fields are escaped by every writer.
LINK_FIELDS = ("url", "code", "list_link")

FIELDS = {
    "key": str, "section": str, "title": str, "title_aliases": list, "authors": list,
    "year": int, "venue": str, "track": str, "arxiv": str, "primary_class": str,
    "openreview": str, "doi": str, "pages": str, "volume": str, "number": str,
    "publisher": str, "url": str, "code": str, "list_year": int, "list_link": str,
    "attack_type": str, "sources": list, "notes": str, "needs_verification": bool,
    "venue_text": str,  # a venue the registry does not know, kept as a list wrote it (`check` flags it)
    "authors_incomplete": bool,  # the source gave only some authors ("X et al.")
    "pinned": list,  # or true: fields `unlearn-bib update` must never change (a person decided them)
}
PINNABLE = ("venue", "track", "year", "doi", "pages", "volume", "number", "openreview")
REQUIRED = ("key", "section", "title", "year")  # and a venue: "venue", or "venue_text" on an imported record
PERSON_FIELDS = {"family", "given", "particle", "suffix", "literal"}


def _braces_balanced(text: str) -> bool:
    if "{" not in text and "}" not in text:
        return True
    depth = 0
    for ch in text:
        depth += ch == "{"
        depth -= ch == "}"
        if depth < 0:
            return False
    return depth == 0


class _Checker:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        # One Person object per distinct name: authors recur across papers, and a shared
        # object is stored (and cached, and pickled) once.
        self.people: dict[tuple, Person] = {}

    def add(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(message, Location(self.path, line), hint))


def _sections(data, check: _Checker) -> tuple[Section, ...]:
    raw = data.get("sections")
    if not isinstance(raw, list) or not raw:
        check.add(getattr(data, "line", None), "the catalog needs a non-empty 'sections' list")
        return ()
    out = []
    first: dict[tuple[str, str], int] = {}
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(item.get("title"), str):
            check.add(getattr(item, "line", None), "each section needs an 'id' and a 'title'")
            continue
        line = item.line
        if not patterns.SECTION_ID.match(item["id"]):
            check.add(line, f"section id {item['id']!r} may only hold lower-case letters, digits and single '-'")
        if not item["title"].strip() or patterns.CONTROL.search(item["title"]):
            check.add(line, f"section title {item['title']!r} must be one line of text without control characters")
        for kind, value in (("id", item["id"]), ("title", item["title"].strip().lower())):
            if (kind, value) in first:
                check.add(line, f"duplicate section {kind} {item[kind]!r} (first on line {first[(kind, value)]})")
            first.setdefault((kind, value), line)
        out.append(Section(item["id"], item["title"]))
    return tuple(out)


def _person(raw, line: int, check: _Checker) -> Person | None:
    if isinstance(raw, dict) and raw.keys() <= PERSON_FIELDS and ("family" in raw or "literal" in raw):
        values = {name: value.strip() for name, value in raw.items() if isinstance(value, str)}
        if len(values) == len(raw) and all(values.values()):  # the common case: nothing to report
            key = tuple(sorted(values.items()))
            person = check.people.get(key)
            if person is None:
                person = check.people[key] = Person(**values)
            return person
    if isinstance(raw, str):
        check.add(line, f"author {raw!r} must be a mapping with 'family' and 'given' (or 'literal')")
        return None
    if not isinstance(raw, dict):
        check.add(line, "each author must be a mapping with 'family' and 'given'")
        return None
    line = getattr(raw, "line", line)
    unknown = set(raw) - PERSON_FIELDS
    if unknown:
        check.add(line, f"unknown author field {sorted(unknown)[0]!r}", "use family, given, particle, suffix or literal")
    values = {}
    for name in PERSON_FIELDS & set(raw):
        if not isinstance(raw[name], str) or not raw[name].strip():
            check.add(line, f"author field {name!r} must be non-empty text")
            return None
        values[name] = raw[name].strip()
    if not values.get("family") and not values.get("literal"):
        check.add(line, "an author needs a 'family' name (or a 'literal' name for an organisation)")
        return None
    return Person(**values)


def _record(raw, check: _Checker, section_ids: set[str], strict: bool) -> Paper | None:
    if not isinstance(raw, dict):
        check.add(getattr(raw, "line", None), "each paper must be a mapping of fields")
        return None
    line = raw.line
    lines = raw.key_lines
    ok = True
    for name, value in raw.items():
        expected = FIELDS.get(name)
        if expected is None:
            from unlearn_bib.text.suggest import did_you_mean

            check.add(lines[name], f"unknown field {name!r}", did_you_mean(str(name), FIELDS) or None)
            ok = False
        elif name == "pinned":
            if value is not True and not (isinstance(value, list) and value and all(v in PINNABLE for v in value)):
                check.add(lines[name], f"pinned must be true or a list of fields from {', '.join(PINNABLE)}; got {value!r}")
                ok = False
        elif expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            check.add(lines[name], f"{name} must be an integer, got {value!r}")
            ok = False
        elif expected is str and isinstance(value, (int, float)) and not isinstance(value, bool) and name in ("pages", "volume", "number", "arxiv"):
            raw[name] = str(value)  # pages: 12 or volume: 38 are fine as numbers
        elif not isinstance(value, expected):
            check.add(lines[name], f"{name} must be {expected.__name__ if expected is not str else 'text'}, got {value!r}")
            ok = False
    needs_verification = raw.get("needs_verification") is True
    if "venue" not in raw and not ("venue_text" in raw or needs_verification):
        check.add(line, f"paper {raw.get('key', '?')!r} has no 'venue'")
        ok = False
    for name in REQUIRED:
        if name not in raw and not (name == "year" and needs_verification):  # an imported record: no year until a source gives one
            check.add(line, f"paper {raw.get('key', '?')!r} has no {name!r}")
            ok = False
    if "authors" not in raw and not needs_verification:
        check.add(line, f"paper {raw.get('key', '?')!r} has no 'authors'")
        ok = False
    if strict and not needs_verification and not raw.get("sources"):
        check.add(line, f"paper {raw.get('key', '?')!r} has no 'sources' (where its facts were verified)")
        ok = False
    if not ok:
        return None
    key = raw["key"]
    if not patterns.KEY.match(key):
        check.add(lines["key"], f"citation key {key!r} may only hold letters, digits, '_', ':' and '-'")
        ok = False
    if raw["section"] not in section_ids:
        check.add(lines["section"], f"unknown section {raw['section']!r}", f"known: {', '.join(sorted(section_ids))}")
        ok = False
    title = raw["title"].strip()
    if not title:
        check.add(lines["title"], "title is empty")
        ok = False
    elif not any(ch.isalnum() for ch in title):  # only emoji, marks or joiners: nothing a writer can print
        check.add(lines["title"], f"title {title!r} has no letter or digit")
        ok = False
    for name in ("title", "title_aliases"):
        for text in [raw[name]] if name == "title" else raw.get(name, []):
            if not isinstance(text, str):
                check.add(lines[name], f"{name} must hold text")
                ok = False
            elif not _braces_balanced(text):
                check.add(lines[name], f"unbalanced braces in {name}: {text!r}")
                ok = False
    arxiv = raw.get("arxiv", "")
    if arxiv and not patterns.ARXIV_ID.match(arxiv):
        check.add(lines["arxiv"], f"malformed arXiv id {arxiv!r}", "expected e.g. 2311.17717 without a version suffix")
        ok = False
    doi = raw.get("doi", "")
    if doi and not patterns.DOI.match(doi):
        check.add(lines["doi"], f"malformed DOI {doi!r}", "expected e.g. 10.1007/978-3-031-73668-1_5, without https://doi.org/")
        ok = False
    if raw.get("openreview") and not patterns.OPENREVIEW.match(raw["openreview"]):
        check.add(lines["openreview"], f"malformed OpenReview id {raw['openreview']!r}")
        ok = False
    if raw.get("pages") and not patterns.PAGES.match(raw["pages"]):
        check.add(lines["pages"], f"pages must look like 73--88, got {raw['pages']!r}")
        ok = False
    if raw.get("primary_class") and not patterns.ARXIV_CLASS.match(raw["primary_class"]):
        check.add(lines["primary_class"], f"malformed arXiv category {raw['primary_class']!r}",
                  "expected e.g. cs.CV or math.OC")
        ok = False
    for name in LINK_FIELDS:
        if raw.get(name) and not patterns.is_web_url(raw[name]):
            check.add(lines[name], f"{name}: {patterns.link_problem(raw[name])}",
                      "only web links are accepted: no javascript:, data: or file:")
            ok = False
    for index, source in enumerate(raw.get("sources", [])):
        if not isinstance(source, str) or not patterns.is_web_url((source.split() or [""])[0]):
            check.add(lines["sources"] + 1 + index,
                      f"a source must start with an http:// or https:// address: {patterns.link_problem(str(source))}")
            ok = False
    for name, value in raw.items():
        pattern = patterns.NOTES_CONTROL if name == "notes" else patterns.CONTROL
        if type(value) is str:  # most fields: one text
            texts = [value]
        else:
            texts = list(value) if isinstance(value, list) else [value]
            texts += [v for person in texts if isinstance(person, dict) for v in person.values()]
        if any(isinstance(t, str) and pattern.search(t) for t in texts):
            check.add(lines[name], f"{name} holds a control character or an invisible direction mark",
                      "remove it: it can hide or reorder what is displayed")
            ok = False
    if raw.get("list_year") is not None and not 1900 <= raw["list_year"] <= 2100:
        check.add(lines["list_year"], f"list_year {raw['list_year']} is out of range")
        ok = False
    year = raw.get("year")
    if year is not None and not 1900 <= year <= 2100:
        check.add(lines["year"], f"year {year} is out of range")
        ok = False
    venue = None
    try:
        if "venue" not in raw:
            venue = unregistered_venue(raw.get("venue_text", "").strip())
            raise LookupError
        vname, vyear = venues.split_year(raw["venue"])
        vid = venues.lookup(vname, raw.get("track", ""))
        if vyear is not None and vyear != year and year is not None:
            check.add(lines["venue"], f"venue says {vyear} but year is {year}")
            ok = False
        venue = venues.resolve(vid, year)
    except UnlearnBibError as exc:
        check.add(lines.get("track") if "no track" in str(exc) else lines["venue"], str(exc.problems[0].message))
        ok = False
    except LookupError:
        pass
    authors = []
    for index, person in enumerate(raw.get("authors", [])):
        parsed = _person(person, lines["authors"] + 1 + index, check)  # one author a line
        ok = ok and parsed is not None
        authors.append(parsed)
    if "authors" in raw and not raw["authors"] and not needs_verification:
        check.add(lines["authors"], "authors is empty")
        ok = False
    if venue is not None and venue.is_preprint and not arxiv and not raw.get("url") and not needs_verification:
        check.add(line, f"preprint {key!r} needs an 'arxiv' id or a 'url'")
        ok = False
    if not ok:
        return None
    text = lambda name: raw.get(name, "").strip()  # noqa: E731
    return Paper(
        key=key, title=title, authors=tuple(authors), year=year, venue=venue, section=raw["section"],
        title_aliases=tuple(a.strip() for a in raw.get("title_aliases", [])), arxiv=arxiv,
        primary_class=text("primary_class"), openreview=text("openreview"), doi=doi, pages=text("pages"),
        volume=text("volume"), number=text("number"), publisher=text("publisher"), url=text("url"),
        code=text("code"), list_year=raw.get("list_year"), list_link=text("list_link"),
        attack_type=text("attack_type"), sources=tuple(raw.get("sources", [])), notes=text("notes"),
        needs_verification=needs_verification, where=Location(check.path, line),
        venue_text=text("venue_text"), authors_incomplete=raw.get("authors_incomplete") is True,
    )


def _duplicates(papers: list[Paper], check: _Checker) -> None:
    seen: dict[tuple[str, str], Paper] = {}
    for paper in papers:
        ids = [("citation key", paper.key), ("arXiv id", paper.arxiv), ("DOI", paper.doi.lower()),
               ("OpenReview id", paper.openreview)]
        ids += [("title", normalize_title(t)) for t in (paper.plain_title, *paper.title_aliases)]
        for kind, value in dict.fromkeys(ids):
            if not value:
                continue
            first = seen.get((kind, value))
            if first is not None and first.key != paper.key or (first is not None and kind == "citation key"):
                shown = value if kind != "title" else paper.plain_title
                check.add(paper.where.line, f"duplicate {kind} {shown!r} (first in {first.key!r} on line {first.where.line})")
            else:
                seen[(kind, value)] = paper


def build_catalog(data, path: str, *, strict: bool = True) -> Catalog:
    check = _Checker(path)
    if not isinstance(data, dict) or "papers" not in data:
        raise UnlearnBibError(Problem("a catalog is a mapping with 'sections' and 'papers'", Location(path, 1)))
    unknown = set(data) - {"sections", "papers"}
    for name in sorted(unknown):
        check.add(data.key_lines[name], f"unknown top-level field {name!r}")
    sections = _sections(data, check)
    raw_papers = data["papers"]
    if not isinstance(raw_papers, list):
        raise UnlearnBibError(Problem("'papers' must be a list", Location(path, data.key_lines["papers"])))
    ids = {s.id for s in sections}
    papers = [p for p in (_record(raw, check, ids, strict) for raw in raw_papers) if p is not None]
    _duplicates(papers, check)
    if check.problems:
        raise UnlearnBibError(*check.problems)
    return Catalog(tuple(papers), sections, path)


def verification_problems(catalog: Catalog) -> list[Problem]:
    """Records that still need a person to verify them (reported by `check`)."""
    out = [Problem(f"paper {p.key!r} needs verification (imported from a list or .bib"
                   f"{'' if p.authors else ', no authors yet'}{'' if p.year else ', no year yet'}"
                   ": not checked against a source)", p.where,
                   "run `unlearn-bib update --online`, or check it by hand and remove needs_verification")
           for p in catalog if p.needs_verification]
    out += [Problem(f"paper {p.key!r}: venue {p.venue_text!r} is not in the venue registry; kept as written",
                    p.where, f"add it to {REGISTRY_HINT} or set 'venue' to a registry name")
            for p in catalog if p.venue_text and not p.venue.id]
    return out


REGISTRY_HINT = "src/unlearn_bib/data/venues.yaml"
_JOURNAL_WORDS = re.compile(r"\b(journal|transactions|trans\.|letters|magazine|review|nature|science|surveys|"
                            r"access|computing surveys|T[A-Z]{2,5}|TPAMI|JMLR|TMLR|IJCV)\b", re.IGNORECASE)


def unregistered_venue(text: str) -> Venue:
    """The Venue of an imported record whose venue the registry lacks: its text as the list wrote it,
    as a journal when the text says so (Journal, Transactions, Letters, Review, TPAMI, ...), else
    as proceedings; no text at all: an unpublished work (a @misc with its link)."""
    if not text:
        return Venue(id="", short="", name="", entry_type="preprint")
    if _JOURNAL_WORDS.search(text):
        return Venue(id="", short=text, name=text, entry_type="article", journal=text)
    return Venue(id="", short=text, name=text, entry_type="inproceedings", booktitle=text)
