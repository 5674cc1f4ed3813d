"""Venue strings as people write them ("Proc. of the 31st ACM ...", "arXiv preprint") -> registry ids."""
from __future__ import annotations

import re

from unlearn_bib.text.fold import ascii_fold
from unlearn_bib.text.latex import plain
from unlearn_bib.match.rule import entry_ids

_ORDINAL = (r"(?:\d+(?:st|nd|rd|th)|(?:(?:twenty|thirty|forty|fifty|sixty)-?)?(?:first|second|third|fourth|fifth|"
            r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
            r"seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth))")
# Stripped from the front one at a time; every intermediate form is tried against the registry.
_LEADING = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?:in\s+)?(?:proceedings|proc\.?)\s+(?:of\s+)?(?:the\s+)?", r"^the\s+", r"^(?:19|20)\d\d\s+(?:on\s+)?",
    rf"^{_ORDINAL}\s+", r"^on\s+", r"^ieee\s*/\s*cvf\s+", r"^ieee\s+", r"^acm\s+sigsac\s+", r"^acm\s+",
    r"^(?:annual\s+)?conference\s+on\s+",
)]
_PREPRINT = re.compile(r"arxiv|corr\b|biorxiv|medrxiv|preprint|ssrn", re.IGNORECASE)


def _fold(text: str) -> str:
    return re.sub(r"[^0-9a-z&]+", "", ascii_fold(text).lower())


def _registry_lookup(name: str) -> str | None:
    from unlearn_bib.catalog import venues
    from unlearn_bib.errors import UnlearnBibError

    name, _ = venues.split_year(name.strip(" ,.;:-"))
    if not name:
        return None
    try:
        return venues.lookup(name)
    except UnlearnBibError:
        return venues.find(name)[0]  # "CVPRW", "ICLR'24", "EMNLP Findings"


def _candidates(text: str):
    yield text
    for group in re.findall(r"\(([^()]+)\)", text):  # "(CVPR)"
        yield group
    stripped = re.sub(r"\s*\([^()]*\)", "", text).strip()
    changed = True
    while changed:
        changed = False
        for pattern in _LEADING:
            new = pattern.sub("", stripped, count=1).strip()
            if new != stripped and new:
                stripped, changed = new, True
                yield stripped
    for part in re.split(r"\s+[-\u2013\u2014]+\s+|,\s*", text):  # DBLP: "Computer Vision - ECCV 2024 - 18th ..."
        if part and part != text:
            yield from _candidates(part)


def container_venue(text: str, year: int | None = None) -> str | None:
    """Registry id for a journal or booktitle as Google Scholar, DBLP or an author writes it."""
    from unlearn_bib.catalog import venues

    text = plain(text)
    if not text:
        return None
    folded = _fold(text)
    if year:
        for vid, _short, name, _aliases in venues.all_venues():
            venue = venues.resolve(vid, year)
            if folded in {_fold(venue.booktitle), _fold(venue.journal)} - {""}:
                return vid
    workshop = re.search(r"\s+workshops?$", text, re.IGNORECASE)
    if workshop:
        base = container_venue(text[:workshop.start()], None)
        if base and "/" not in base:
            return _registry_lookup(f"{venues.short_name(base)} Workshops") or base
    for candidate in _candidates(text):
        found = _registry_lookup(candidate)
        if found:
            return found
    return None


def is_preprint_entry(entry_type: str, fields: dict[str, str]) -> bool:
    """An entry that describes a preprint: an arXiv/CoRR journal, or no venue but an arXiv id."""
    container = fields.get("journal") or fields.get("booktitle") or ""
    if container:
        return bool(_PREPRINT.search(container))
    if any(_PREPRINT.search(fields.get(name, "")) for name in ("howpublished", "publisher")):
        return True
    return bool(entry_ids(fields).arxiv)
