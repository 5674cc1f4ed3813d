"""arXiv API: the preprint's own record, with the journal reference and DOI its authors added."""
from __future__ import annotations

from dataclasses import dataclass

from unlearn_bib.resolve.http import Client, ServiceError
from unlearn_bib.resolve.records import Candidate, family_spellings, venue_of, year_of

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def lookup(client: Client, arxiv_id: str) -> tuple[list[Candidate], list[str]]:
    """(a candidate from the record's journal_ref, DOIs the record names) for one arXiv id."""
    import xml.etree.ElementTree as ET

    reply = client.get("arxiv", "/api/query", {"id_list": arxiv_id, "max_results": "1"})
    try:
        root = ET.fromstring(reply.text)
    except ET.ParseError as exc:
        raise ServiceError("arxiv", f"unreadable Atom feed from {reply.url} ({exc})") from None
    for entry in root.findall(f"{ATOM}entry"):
        link = (entry.findtext(f"{ATOM}id") or "").strip()
        if arxiv_id not in link:  # an "Error" entry, or another paper
            continue
        doi = (entry.findtext(f"{ARXIV}doi") or "").strip().lower()
        journal = " ".join((entry.findtext(f"{ARXIV}journal_ref") or "").split())
        if not journal and not doi:
            return [], []
        names = tuple(" ".join((a.findtext(f"{ATOM}name") or "").split()) for a in entry.findall(f"{ATOM}author"))
        year = year_of(journal)
        return [Candidate(
            service="arxiv", record=arxiv_id, url=f"https://arxiv.org/abs/{arxiv_id}",
            title=" ".join((entry.findtext(f"{ATOM}title") or "").split()), authors=names,
            families=tuple(family_spellings(n) for n in names), year=year, venue_text=journal,
            venue_id=venue_of(journal, year), preprint=False,
            anchor=f"journal_ref on the arXiv record {arxiv_id}", doi=doi,
        )] if journal else [], [doi] if doi else []
    return [], []


@dataclass(frozen=True)
class Record:
    """The arXiv record itself: what completes a catalog record imported from a list."""

    arxiv_id: str
    url: str  # the abs page, the evidence a person can open
    title: str
    authors: tuple[str, ...]  # display names, first author first
    published: str  # first version's date, YYYY-MM-DD ("" when the feed gives none)
    doi: str
    journal_ref: str


def record(client: Client, arxiv_id: str) -> Record | None:
    """The arXiv record of one id (None: arXiv has no such paper)."""
    import re
    import xml.etree.ElementTree as ET

    reply = client.get("arxiv", "/api/query", {"id_list": arxiv_id, "max_results": "1"})
    try:
        root = ET.fromstring(reply.text)
    except ET.ParseError as exc:
        raise ServiceError("arxiv", f"unreadable Atom feed from {reply.url} ({exc})") from None
    for entry in root.findall(f"{ATOM}entry"):
        link = (entry.findtext(f"{ATOM}id") or "").strip()
        if not re.search(rf"/{re.escape(arxiv_id)}(?:v\d+)?$", link):  # an "Error" entry, or another paper
            continue
        published = (entry.findtext(f"{ATOM}published") or "").strip()[:10]
        return Record(
            arxiv_id=arxiv_id, url=f"https://arxiv.org/abs/{arxiv_id}",
            title=" ".join((entry.findtext(f"{ATOM}title") or "").split()),
            authors=tuple(n for n in (" ".join((a.findtext(f"{ATOM}name") or "").split())
                                      for a in entry.findall(f"{ATOM}author")) if n),
            published=published if re.fullmatch(r"\d{4}-\d\d-\d\d", published) else "",
            doi=(entry.findtext(f"{ARXIV}doi") or "").strip().lower(),
            journal_ref=" ".join((entry.findtext(f"{ARXIV}journal_ref") or "").split()),
        )
    return None
