"""Every value a service sends passes the catalog's patterns before anything is proposed.

A service is outside this machine's control: its answer may be wrong, hostile or garbled.
Before a candidate reaches ``decide`` its identifiers and details are checked against what
the catalog accepts (``catalog.identifiers``): a DOI of at most ``MAX_DOI`` characters
without ``.``/``..`` segments, pages, volume and issue of a plain shape, an OpenReview id,
an http(s) link; a year not before the arXiv id's and not after next year; no control
characters or direction marks anywhere. A value that fails is left out and said so
(``Candidate``'s other values still count); the decision is checked again at the end.
"""
from __future__ import annotations

import re
from dataclasses import replace

from unlearn_bib.outcomes import Resolution

MAX_DOI = 200
MAX_TEXT = 1000  # a title, a venue string, a name
MAX_RECORD = 200  # a service's record id
VOLUME = re.compile(r"[0-9A-Za-z]+(?:[-./][0-9A-Za-z]+){0,3}\Z")  # 15079, 36, 2024-1, S1
MAX_VOLUME = 24


def _control():
    from unlearn_bib.catalog.identifiers import CONTROL

    return CONTROL


def plain_text(value: str, limit: int = MAX_TEXT) -> str:
    """Service text without control characters and direction marks, at most ``limit`` characters."""
    return _control().sub("", str(value or ""))[:limit]


def checked_doi(value: str) -> str:
    """The DOI in lower case if the catalog would accept it (and it addresses nothing but itself), else ''."""
    from unlearn_bib.catalog.identifiers import DOI

    doi = str(value or "").strip().lower()
    if not doi or len(doi) > MAX_DOI or not DOI.match(doi):
        return ""
    if any(part in (".", "..") for part in doi.split("/")) or "//" in doi:
        return ""
    return doi


def detail_ok(name: str, value: str) -> bool:
    """pages / volume / number / openreview / doi of the shape the catalog accepts."""
    from unlearn_bib.catalog.identifiers import OPENREVIEW, PAGES

    if name == "pages":
        return bool(PAGES.match(value)) and len(value) <= 40
    if name in ("volume", "number"):
        return len(value) <= MAX_VOLUME and bool(VOLUME.match(value))
    if name == "openreview":
        return bool(OPENREVIEW.match(value)) and len(value) <= 64
    if name == "doi":
        return checked_doi(value) == value
    return True


def arxiv_year(arxiv_id: str) -> int | None:
    """The year an arXiv id was given out: 2311.17717 -> 2023, cs/0701001 -> 2007."""
    match = re.match(r"(\d\d)(\d\d)\.\d{4,5}\Z", arxiv_id) or re.match(r"[a-z\-]+(?:\.[A-Z]{2})?/(\d\d)(\d\d)\d{3}\Z",
                                                                      arxiv_id)
    if not match:
        return None
    short = int(match.group(1))
    return 1900 + short if short >= 91 else 2000 + short


def year_problem(year: int | None, arxiv_ids, this_year: int | None = None) -> str:
    """Why a published year cannot be right for this preprint ('' when it can)."""
    if year is None:
        return ""
    if this_year is None:
        from datetime import date

        this_year = date.today().year
    if year > this_year + 1:
        return f"year {year} is after next year"
    if year < 1900:
        return f"year {year} is out of range"
    firsts = [y for y in (arxiv_year(a) for a in arxiv_ids) if y]
    if firsts and year < min(firsts):
        return f"year {year} is before the arXiv id {arxiv_ids[0]} was given out ({min(firsts)})"
    return ""


def vet_candidate(cand, arxiv_ids=()) -> tuple[object, list[str]]:
    """(the candidate with every unacceptable value left out, what was left out and why)."""
    from unlearn_bib.catalog.identifiers import is_web_url

    dropped: list[str] = []
    who = f"{cand.service} {plain_text(cand.record, 80)}"

    def keep(name: str, value: str, ok: bool) -> str:
        if value and not ok:
            dropped.append(f"{who}: {name} {plain_text(value, 60)!r} is not a valid {name}; left out")
            return ""
        return value

    changes = {
        "record": plain_text(cand.record, MAX_RECORD),
        "url": keep("link", cand.url, len(cand.url) <= 2000 and is_web_url(cand.url)),
        "title": plain_text(cand.title),
        "authors": tuple(plain_text(a, 200) for a in cand.authors[:500]),
        "names": tuple(plain_text(a, 200) for a in cand.names[:500]),
        "venue_text": plain_text(cand.venue_text),
        "anchor": plain_text(cand.anchor),
        "doi": keep("DOI", cand.doi, bool(checked_doi(cand.doi)) and checked_doi(cand.doi) == cand.doi),
    }
    for name in ("pages", "volume", "number", "openreview"):
        changes[name] = keep(name, getattr(cand, name), detail_ok(name, getattr(cand, name)))
    problem = year_problem(cand.year, tuple(arxiv_ids))
    if problem:
        dropped.append(f"{who}: {problem}; its year is left out")
        changes["year"] = None
    return replace(cand, **changes), dropped


def vet_decision(decision, arxiv_ids=()) -> object:
    """The final check of a resolved decision: a value that fails is dropped, an impossible year unresolves it."""
    if decision.status != Resolution.RESOLVED:
        return decision
    problem = year_problem(decision.year, tuple(arxiv_ids))
    if problem:
        return replace(decision, status=Resolution.AMBIGUOUS, reason=f"{decision.venue_id}: {problem}")
    changes = {name: "" for name in ("doi", "pages", "volume", "number", "openreview")
               if getattr(decision, name) and not detail_ok(name, getattr(decision, name))}
    return replace(decision, **changes) if changes else decision
