"""RIS: the tagged format EndNote, Mendeley and Zotero import (and through their plug-ins, Word).

One record per paper, sorted by key, tags in a fixed order, CRLF line ends (the RIS
specification's, and what Zotero's own RIS export writes), UTF-8 without a byte-order mark.
Types: ``CPAPER`` for proceedings papers, ``JOUR`` for journal articles, ``GEN`` for
preprints (Zotero's type for items RIS has no type for). A proceedings paper names its
proceedings in ``T2`` (the secondary title EndNote reads as the conference) and again in ``C3``, the tag
Zotero reads as "Proceedings Title". A value never spans lines: line breaks in it become
spaces, so no value can start a tag line of its own.
"""
from __future__ import annotations

import re

from unlearn_bib.catalog.model import Catalog, Paper, Person
from unlearn_bib.catalog.identifiers import page_range, web_link

EOL = "\r\n"
TAG_ORDER = ("TY", "ID", "AU", "TI", "T2", "C3", "T3", "PY", "VL", "IS", "SP", "EP", "PB", "DO", "UR", "ER")
# Every character Python's str.splitlines() breaks on, and the rest of the C0 controls.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def clean(value: str) -> str:
    """One line of text: line breaks and control characters become single spaces."""
    return " ".join(_BREAKS.sub(" ", value).split())


def person(p: Person) -> str:
    """``Family, Given[, Suffix]`` as RIS's AU tag wants; an organisation as it is."""
    if p.literal:
        return p.literal
    parts = [p.full_family]
    if p.given or p.suffix:
        parts.append(p.given)
    if p.suffix:
        parts.append(p.suffix)
    return ", ".join(parts)


def _pages(pages: str) -> tuple[str, str]:
    first, _, last = page_range(pages).partition("--")
    return first, last


def tags(paper: Paper) -> list[tuple[str, str]]:
    """The record's (tag, value) pairs in TAG_ORDER; empty values left out."""
    venue = paper.venue
    fields: dict[str, list[str]] = {"ID": [paper.key], "AU": [person(a) for a in paper.authors],
                                    "TI": [paper.plain_title]}
    if paper.year:
        fields["PY"] = [str(paper.year)]
    if venue.is_preprint:
        kind = "GEN"
        publisher = "arXiv" if paper.arxiv else paper.effective_publisher
    else:
        publisher = paper.effective_publisher
        if venue.entry_type == "article":
            kind = "JOUR"
            fields["T2"] = [venue.journal]
        else:
            kind = "CPAPER"
            fields["T2"] = [venue.booktitle]
            fields["C3"] = [venue.booktitle]
            fields["T3"] = [venue.series]
        fields["VL"] = [paper.volume]
        fields["IS"] = [paper.number]
        if paper.pages:
            first, last = _pages(paper.pages)
            fields["SP"], fields["EP"] = [first], [last]
        fields["DO"] = [paper.doi]
    fields["PB"] = [publisher]
    fields["UR"] = [web_link(paper.url or paper.link)]  # http(s) only, as every writer
    out = [("TY", kind)]
    for tag in TAG_ORDER[1:-1]:
        out += [(tag, clean(v)) for v in fields.get(tag, ()) if v and clean(v)]
    return out


def format_record(paper: Paper) -> str:
    lines = [f"{tag}  - {value}" for tag, value in tags(paper)]
    lines.append("ER  - ")
    return EOL.join(lines) + EOL


def render(catalog: Catalog) -> str:
    """The whole catalog as RIS, records sorted by key and separated by a blank line."""
    return EOL.join(format_record(p) for p in sorted(catalog, key=lambda p: p.key))
