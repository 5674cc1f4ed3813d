"""arXiv API: the preprint's own record, with the journal reference and DOI its authors added."""
from __future__ import annotations

from dataclasses import dataclass

from unlearn_bib.resolve.http import Client, ServiceError
from unlearn_bib.resolve.records import Candidate, family_spellings, venue_of, year_of

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def lookup(client: Client, arxiv_id: str) -> tuple[list[Candidate], list[str]]:
    """(a candidate from the record's journal_ref, DOIs the record names) for one arXiv id."""
    rec = record(client, arxiv_id)
    if rec is None or not (rec.journal_ref or rec.doi):
        return [], []
    journal, year = rec.journal_ref, year_of(rec.journal_ref)
    candidate = Candidate(
        service="arxiv", record=arxiv_id, url=rec.url, title=rec.title, authors=rec.authors,
        families=tuple(family_spellings(n) for n in rec.authors), year=year, venue_text=journal,
        venue_id=venue_of(journal, year), preprint=False,
        anchor=f"journal_ref on the arXiv record {arxiv_id}", doi=rec.doi,
    )
    return [candidate] if journal else [], [rec.doi] if rec.doi else []


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
    """The arXiv record of one id (None: arXiv has no such paper); asked once per run (``client.parsed``)."""
    memo = getattr(client, "parsed", None)
    if memo is not None and ("arxiv", arxiv_id) in memo:
        return memo[("arxiv", arxiv_id)]
    found = _record(client, arxiv_id)
    if memo is not None:
        memo[("arxiv", arxiv_id)] = found
    return found


def _record(client: Client, arxiv_id: str) -> Record | None:
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
