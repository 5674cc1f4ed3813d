"""CSL items, the formatting currency: checked CSL 1.0.2 dicts from any source, in file order.

A user's CSL-JSON (``csljson_read``) and .bib (``bibcsl``) both end here: each item is
validated and put in the shape every CSL processor reads (names with all their parts,
dates as ``date-parts`` with month and day, ranges, seasons, ``circa`` and literals),
nothing else changed. The catalog makes its items in ``export.csljson``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from unlearn_bib.errors import Location, Problem, UnlearnBibError

TYPES = frozenset("""
article article-journal article-magazine article-newspaper bill book broadcast chapter classic
collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing
interview legal_case legislation manuscript map motion_picture musical_score pamphlet
paper-conference patent performance periodical personal_communication post post-weblog regulation
report review review-book software song speech standard thesis treaty webpage
""".split())
NAME_VARIABLES = frozenset("""
author chair collection-editor compiler composer container-author contributor curator director
editor editorial-director editor-translator executive-producer guest host illustrator interviewer
narrator organizer original-author performer producer recipient reviewed-author script-writer
series-creator translator
""".split())
DATE_VARIABLES = frozenset("accessed available-date event-date issued original-date submitted".split())
# CSL 1.0.2's standard (text and number) variables: a list or an object there is an error.
# Other fields are not CSL: a list or an object in one (Manubot's "archives", greycite's
# "redirects-to") is left out, as pandoc and citeproc-js ignore fields they do not know.
TEXT_VARIABLES = frozenset("""
abstract annote archive archive_collection archive_location archive-place authority call-number
chapter-number citation-key citation-label citation-number collection-number collection-title
container-title container-title-short dimensions division DOI edition event event-title event-place
first-reference-note-number genre ISBN ISSN issue jurisdiction keyword language license locator medium
note number number-of-pages number-of-volumes original-publisher original-publisher-place original-title
page page-first part-number part-title PMCID PMID printing-number publisher publisher-place references
reviewed-genre reviewed-title scale section source status supplement-number title title-short
type URL version volume volume-title volume-title-short year-suffix
""".split())
NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")
MAX_ITEMS_NAMES = 10_000  # names in one variable: more is not a bibliography


@dataclass(frozen=True)
class CSLItems:
    """A list of CSL items read from ``path``; ``lines[i]`` is where item i starts."""

    items: tuple[dict, ...]
    path: str
    lines: tuple[int, ...]
    notes: tuple[Problem, ...] = ()  # what was read leniently (a type no style names, an empty name)
    problems: tuple[Problem, ...] = ()  # entries left out (``partial`` reading only)

    def __len__(self) -> int:
        return len(self.items)

    def pick(self, keys: tuple[str, ...] = (), year: int | None = None, since: int | None = None) -> "CSLItems":
        """Only ``keys`` (in the order given; an unknown key is an error), issued in ``year`` or ``since``."""
        chosen = list(zip(self.items, self.lines))
        if keys:
            by_id = {item["id"]: (item, line) for item, line in chosen}
            missing = [k for k in keys if k not in by_id]
            if missing:
                from unlearn_bib.text.suggest import did_you_mean

                hint = did_you_mean(missing[0], by_id)
                hint = f" ({hint})" if hint else ""
                raise UnlearnBibError(f"{self.path}: no item with id {missing[0]!r}{hint}")
            chosen = [by_id[k] for k in dict.fromkeys(keys)]
        if year is not None:
            chosen = [pair for pair in chosen if issued_year(pair[0]) == year]
        if since is not None:
            chosen = [pair for pair in chosen if (issued_year(pair[0]) or 0) >= since]
        return CSLItems(tuple(i for i, _ in chosen), self.path, tuple(n for _, n in chosen), self.notes,
                        self.problems)


def issued_year(item: dict) -> int | None:
    parts = (item.get("issued") or {}).get("date-parts")
    return parts[0][0] if parts else None


# --- names ---------------------------------------------------------------------------------------

_PARTICLE = re.compile(r"^((?:[^\W\d_A-Z\u00c0-\u00de][\w]*(?:\s+|(?<=\w)['’-]))+)(?=\w)(.+)$")


def split_particle(family: str) -> tuple[str, str]:
    """'van der Berg' -> ('van der', 'Berg'); 'al-Farsi' -> ('al-', 'Farsi'), as citeproc-js and
    pandoc read a CSL-JSON family name that starts with lower-case words."""
    match = _PARTICLE.match(family)
    if not match or not match.group(2)[:1].isupper():
        return "", family
    return match.group(1).strip(), match.group(2)


_MESSY = re.compile(r"^\s|\s$|\s\s|[^\S ]")  # white space to tidy
_SIMPLE_NAME = frozenset({"family", "given"})


def _simple_name(raw) -> dict | None:
    """The common case, checked quickly: a family name (not empty, not starting lower-case)
    and maybe a given name, both tidy; None for anything else."""
    if type(raw) is dict and raw.keys() <= _SIMPLE_NAME:
        family, given = raw.get("family"), raw.get("given", "")
        if (type(family) is str and type(given) is str and family and not family[0].islower()
                and not _MESSY.search(family) and not _MESSY.search(given)):
            return {"family": family, "given": given} if given else {"family": family}
    return None


def _name(raw, problems: list[str]) -> dict | None:
    simple = _simple_name(raw)
    if simple is not None:
        return simple
    if not isinstance(raw, dict):
        problems.append("each name must be an object with 'family' and 'given' (or 'literal')")
        return None
    parts = {}
    for part in ("literal",) + NAME_PARTS:
        value = raw.get(part)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            problems.append(f"name part {part!r} must be text")
            return None
        value = " ".join(str(value).split())
        if value:
            parts[part] = value
    if "literal" in parts:
        return {"literal": parts["literal"]}
    if "family" not in parts:
        if "given" in parts:  # a mononym
            return {"literal": parts["given"]}
        problems.append("a name has neither 'family' nor 'literal'")
        return None
    if "non-dropping-particle" not in parts and "dropping-particle" not in parts and raw.get("parse-names") is not False:
        particle, family = split_particle(parts["family"])
        if particle:
            parts["non-dropping-particle"], parts["family"] = particle, family
    name = {part: parts[part] for part in NAME_PARTS if part in parts}
    if "suffix" in name and raw.get("comma-suffix") in (True, "true", 1):
        name["comma-suffix"] = True  # "Bill Gates, III" (CSL-JSON schema; pandoc and citeproc-js print it)
    return name


def _names(value, problems: list[str], notes: list[str] | None = None) -> list[dict] | None:
    if not isinstance(value, list):
        problems.append("must be a list of names")
        return None
    if len(value) > MAX_ITEMS_NAMES:
        problems.append(f"has {len(value)} names (at most {MAX_ITEMS_NAMES})")
        return None
    # a simple name is never empty: only the others are asked both questions
    names = [simple if simple is not None else _name(n, problems)
             for n in value if (simple := _simple_name(n)) is not None or not _empty_name(n)]
    if len(names) < len(value):  # "{}" in PubMed/Manubot author lists: citeproc-js leaves it out too
        if notes is not None:
            notes.append("an empty name (no part) left out")
    return None if None in names else names


def _empty_name(raw) -> bool:
    return isinstance(raw, dict) and all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values())



# --- dates ---------------------------------------------------------------------------------------

_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_DATE = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def _part(value, what: str, low: int, high: int, problems: list[str]) -> int | None:
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,6}\s*", value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        shown = repr(value) if len(repr(value)) <= 30 else repr(value)[:27] + "..."
        problems.append(f"{what} must be a whole number from {low} to {high}, not {shown}")
        return None
    return value


def _date_parts(parts, problems: list[str]) -> list | None:
    if not isinstance(parts, list) or not 1 <= len(parts) <= 2:
        problems.append("'date-parts' must be a list of one date (or two for a range), e.g. [[2020, 5, 17]]")
        return None
    out = []
    for one in parts:
        if not isinstance(one, list) or len(one) > 3:
            problems.append("each date in 'date-parts' must be [year], [year, month] or [year, month, day]")
            return None
        one = [p for p in one if p not in ("", None)]
        if not one:
            continue
        year = _part(one[0], "the year", -9999, 9999, problems)
        month = _part(one[1], "the month", 1, 24, problems) if len(one) > 1 else 0
        day = _part(one[2], "the day", 1, 31, problems) if len(one) > 2 else 0
        if year is None or month is None or day is None:
            return None
        out.append([year] + ([month] if month else []) + ([day] if day else []))
    return out


def date_from_text(text: str) -> dict:
    """'2020', '2020-05', '2020-05-17', '2020-05/2020-07', '2020~', '2020?' (EDTF) -> a CSL date;
    anything else is kept as a literal date."""
    raw = text.strip()
    circa = raw.endswith(("~", "?", "%"))
    body = raw.rstrip("~?%")
    halves = body.split("/") if body.count("/") == 1 else [body]
    parts = []
    for half in halves:
        match = _DATE.match(half)
        if not match:
            return {"literal": raw}
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if not 1 <= (month or 1) <= 24 or not 1 <= (day or 1) <= 31:
            return {"literal": raw}
        parts.append([year] + ([month] if month else []) + ([day] if day and month else []))
    date: dict = {"date-parts": parts}
    if circa:
        date["circa"] = True
    return date


def _date(value, problems: list[str]) -> dict | None:
    if isinstance(value, str):
        return _seasons(date_from_text(value)) if value.strip() else {}
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return _date(str(value), problems) if isinstance(value, int) else _bad_date(problems)
    if not isinstance(value, dict):
        return _bad_date(problems)
    date: dict = {}
    if "date-parts" in value:
        parts = _date_parts(value["date-parts"], problems)
        if parts is None:
            return None
        if parts:
            date["date-parts"] = parts
    elif isinstance(value.get("raw"), str) and value["raw"].strip():
        date = date_from_text(value["raw"])
    for key in ("literal", "season"):
        if key in value and value[key] not in ("", None):
            if isinstance(value[key], bool) or not isinstance(value[key], (str, int)):
                problems.append(f"'{key}' of a date must be text")
                return None
            if key == "literal" and "date-parts" in date:
                continue
            date[key] = value[key] if key == "season" else " ".join(value[key].split())
    if value.get("circa") not in (None, False, 0, ""):
        date["circa"] = True
    if "season" in date and "date-parts" not in date:
        if "literal" not in date:
            problems.append("a date with a season needs a year in 'date-parts'")
            return None
        del date["season"]
    return _seasons(date)


def _bad_date(problems: list[str]):
    problems.append("a date must be an object with 'date-parts' (or 'literal'), e.g. {\"date-parts\": [[2020, 5]]}")
    return None


def _seasons(date: dict) -> dict:
    """Months 13-16 and 21-24 are seasons (citeproc-js); citeproc-py wants ``season`` instead."""
    parts = date.get("date-parts")
    if parts and (len(parts[0]) > 1 and parts[0][1] > 12 or len(parts) > 1 and len(parts[1]) > 1 and parts[1][1] > 12):
        month = parts[0][1] if len(parts[0]) > 1 else 0
        if month > 12:
            date["season"] = (month - 13) % 4 + 1 if month <= 16 else month - 20
        date["date-parts"] = [p[:1] if len(p) > 1 and p[1] > 12 else p for p in parts]
    season = date.get("season")
    if isinstance(season, str) and season.strip().lower() in _SEASONS:
        date["season"] = _SEASONS[season.strip().lower()]
    return date


# --- items ---------------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_item(raw, where: Location, problems: list[Problem], scan: bool = True,
               lenient: list[Problem] | None = None) -> dict | None:
    """One CSL-JSON item as the engine should see it, or None with the problems added.

    ``scan=False`` skips the search for lone surrogates and control characters, for text
    that cannot hold any (decoded from UTF-8, without a control character or a ``\\u`` escape
    that could make one). ``lenient`` collects the notes on what was read leniently."""
    if not isinstance(raw, dict):
        problems.append(Problem("each CSL-JSON item must be an object", where))
        return None
    own: list[str] = []  # problems: the item is refused
    soft: list[str] = []  # notes: the item is kept, read as pandoc and citeproc-js read it
    key = raw.get("id")
    if isinstance(key, bool) or not isinstance(key, (str, int)) or not str(key).strip():
        problems.append(Problem("item has no 'id' (text or a number)", where))
        return None
    key = str(key).strip()
    item: dict = {"id": key}
    for field, value in raw.items():
        if field == "id" or value is None:
            continue
        if field in NAME_VARIABLES:
            before, noted = len(own), len(soft)
            checked = _names(value, own, soft) or None
            own[before:] = [f"'{field}': {message}" for message in own[before:]]
            soft[noted:] = [f"'{field}': {message}" for message in soft[noted:]]
        elif field in DATE_VARIABLES:
            before = len(own)
            checked = _date(value, own) or None
            own[before:] = [f"'{field}': {message}" for message in own[before:]]
        elif isinstance(value, str):
            checked = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            checked = str(value)
        elif isinstance(value, (list, dict, bool)):
            if field not in TEXT_VARIABLES:
                continue  # software-specific extras no style reads (custom, categories, archives...)
            own.append(f"{field!r} must be text or a number")
            continue
        else:
            continue
        if checked is not None and (checked != "" or field == "type"):
            item[field] = checked  # "type": "" is pandoc's untyped item (a @misc): no condition names it
    kind = item.get("type", "")
    if kind and kind not in TYPES:
        from unlearn_bib.text.suggest import did_you_mean

        hint = did_you_mean(kind, sorted(TYPES))
        soft.append(f"unknown CSL type {kind!r}" + (f" ({hint})" if hint else "")
                   + ": formatted as a type no style condition names, as pandoc and citeproc-js do")
    elif "type" not in raw:  # no type: both engines format it through no type condition (not as a document);
        # an empty one is pandoc's reading of a .bib's @misc, said by no warning
        soft.append("no 'type': formatted as a type no style condition names, as pandoc and citeproc-js do")
    if scan and _has_surrogate(item):
        own.append("text with a lone surrogate (\\ud800-\\udfff): not a Unicode character")
    if scan:
        control = _find(item, CONTROL)
        if control:
            own.append(f"text with the control character U+{ord(control):04X} (not printable: refused)")
    for message in own:
        problems.append(Problem(f"item {key!r}: {message}", where))
    if lenient is not None:
        lenient.extend(Problem(f"item {key!r}: {message}", where) for message in soft)
    return None if own else item


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls but tab and line ends


def _find(value, pattern: re.Pattern) -> str:
    """The first character of ``value`` (strings in lists and dicts too) that ``pattern`` matches, or ""."""
    if isinstance(value, str):
        match = pattern.search(value)
        return match.group(0) if match else ""
    if isinstance(value, list):
        return next(filter(None, (_find(v, pattern) for v in value)), "")
    if isinstance(value, dict):
        return next(filter(None, (_find(v, pattern) for v in value.values())), "")
    return ""


def _has_surrogate(value) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    if isinstance(value, dict):
        return any(_has_surrogate(v) for v in value.values())
    return False


def collect(pairs, path: str, scan: bool = True, partial: bool = False, problems=()) -> CSLItems:
    """[(line, raw item)] -> CSLItems in file order; every problem (and a repeated id) reported.

    ``problems``: those the caller found already. Any problem raises UnlearnBibError, unless
    ``partial``: then the items that are sound are returned with the problems beside them (an
    error still when none is)."""
    problems: list[Problem] = list(problems)
    notes: list[Problem] = []
    items, lines = [], []
    first: dict[str, int] = {}
    for line, raw in pairs:
        where = Location(path, line)
        item = check_item(raw, where, problems, scan, notes)
        if item is None:
            continue
        if item["id"] in first:
            problems.append(Problem(f"duplicate id {item['id']!r} (first on line {first[item['id']]})", where))
            continue
        first[item["id"]] = line
        items.append(item)
        lines.append(line)
    if problems and not (partial and items):
        raise UnlearnBibError(*problems)
    return CSLItems(tuple(items), path, tuple(lines), tuple(notes), tuple(problems))
