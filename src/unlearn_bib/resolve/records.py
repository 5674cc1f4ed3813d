"""What every service's answer becomes: a ``Candidate`` (one record describing a publication)."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Words in a venue string that name a track; a venue read without them is the main conference.
TRACK_WORDS = {
    "workshop": re.compile(r"(?i:workshops?)\b|\bW\)|\d{4}W\b|[A-Z]{3,}W\b"),  # "Workshop" too (OpenReview)
    "findings": re.compile(r"findings", re.IGNORECASE),
    "datasets-and-benchmarks": re.compile(r"datasets?\s*(?:and|&)\s*benchmarks?|Datasets_and_Benchmarks", re.IGNORECASE),
}


@dataclass(frozen=True)
class Candidate:
    """One service's record of a publication that may be the entry's published version."""

    service: str  # arxiv | crossref | dblp | openreview | s2
    record: str  # the record's id at the service
    url: str  # a link a person can open to check it
    title: str
    authors: tuple[str, ...]  # display names, first author first
    families: tuple[frozenset[str], ...]  # folded spellings of each author's family name
    year: int | None
    venue_text: str  # as the service writes it
    venue_id: str | None  # registry id (track included), None when the registry has no such venue
    preprint: bool  # the record is itself a preprint (arXiv, CoRR, a submission)
    anchor: str = ""  # how an identifier ties it to the entry ("" = found by title only)
    doi: str = ""
    pages: str = ""
    volume: str = ""
    number: str = ""
    openreview: str = ""
    names: tuple[str, ...] = ()  # "Family, Given" per author where the service gives the parts (Crossref), else ()


def family_spellings(name: str) -> frozenset[str]:
    """Folded spellings of a display name's family name ('Yang Song 0001' -> {'song'})."""
    from unlearn_bib.read.names import fold_family, parse_name

    name = re.sub(r"\s+\d{4}$", "", name.strip())  # DBLP's homonym numbers
    person = parse_name(name)
    if "literal" in person:
        return frozenset({fold_family(person["literal"])})
    family = person.get("family", "")
    full = f"{person.get('particle', '')} {family}".strip()
    return frozenset(s for s in (fold_family(family), fold_family(full)) if s)


def person_of(name: str) -> dict[str, str]:
    """A service's display name ('Kelly O. Marshall', 'Yang Song 0001') as a catalog author mapping."""
    from unlearn_bib.read.names import parse_name

    name = " ".join(re.sub(r"\s+\d{4}$", "", name.strip()).split())
    if not name or "{" in name or "\\" in name:
        return {"literal": name} if name else {}
    return {k: v for k, v in parse_name(name).items() if v}


def venue_of(text: str, year: int | None) -> str | None:
    """Registry id for a service's venue string, refusing a main-conference reading of a track."""
    from unlearn_bib.match.venue_text import container_venue

    if not text:
        return None
    vid = container_venue(text, year)
    if vid is None:
        return None
    from unlearn_bib.catalog import venues
    from unlearn_bib.errors import UnlearnBibError

    base, _, track = vid.partition("/")
    for name, pattern in TRACK_WORDS.items():
        if pattern.search(text) and track != name:
            try:  # "NeurIPS 2024 Workshop on ..." is the venue's workshop track, never the main one
                return venues.lookup(venues.short_name(base), name)
            except UnlearnBibError:
                return None
    return vid


def year_of(value) -> int | None:
    """The year in a service's text; a standalone year first ("35(2):e1914, 2025" is 2025, not 1914)."""
    text = str(value or "")
    match = re.search(r"\b(?:19|20)\d\d\b", text) or re.search(r"(?:19|20)\d\d", text)
    return int(match.group(0)) if match else None


def pages_of(text: str) -> str:
    """'3403-3417' / '3403--3417' / '3403 - 3417' -> '3403--3417'; anything odd -> ''."""
    from unlearn_bib.catalog.identifiers import catalog_pages

    return catalog_pages(text or "")
