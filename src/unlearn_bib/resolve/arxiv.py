"""arXiv API: the preprint's own record, with the journal reference and DOI its authors added."""
from __future__ import annotations

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
