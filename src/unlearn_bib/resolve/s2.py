"""Semantic Scholar Graph API: the paper behind an arXiv id, with its venue and other ids."""
from __future__ import annotations

from urllib.parse import quote

from unlearn_bib.catalog.identifiers import is_arxiv_doi
from unlearn_bib.resolve.http import Client
from unlearn_bib.resolve.records import Candidate, family_spellings, pages_of, venue_of, year_of

FIELDS = "title,authors,year,venue,publicationVenue,externalIds,journal,publicationTypes"
PREPRINT_VENUES = {"arxiv.org", "arxiv", "corr", "biorxiv", "medrxiv", "ssrn", "social science research network"}


def _dblp_year(key: str) -> int | None:
    """The venue's year from the DBLP key S2 links, because S2's ``year`` is often the arXiv posting's."""
    # A real S2 record: year 2022, DBLP key conf/icml/AherAK23 (ICML 2023). CoRR keys give None.
    import re

    match = re.fullmatch(r"(?:conf|journals)/(?!corr/)[^/]+/[^/]*?(\d{2})[a-z]?", key)
    if not match:
        return None
    short = int(match.group(1))
    return 2000 + short if short < 50 else 1900 + short


def by_arxiv(client: Client, arxiv_id: str) -> tuple[list[Candidate], dict]:
    """(the paper as a candidate unless S2 knows it only as a preprint, its externalIds)."""
    reply = client.get("s2", f"/graph/v1/paper/arXiv:{quote(arxiv_id, safe='')}", {"fields": FIELDS}, accept=(200, 404))
    if reply.status == 404:
        return [], {}
    data = reply.json("s2")
    if not isinstance(data, dict):
        return [], {}
    external = data.get("externalIds") or {}
    if str(external.get("ArXiv", "")) != arxiv_id:
        return [], {}  # S2 answered with a record that does not carry this arXiv id: no link
    venue_info = data.get("publicationVenue") or {}
    venue = str(data.get("venue") or venue_info.get("name") or "")
    journal = data.get("journal") or {}
    if not venue or venue.strip().lower() in PREPRINT_VENUES:
        return [], external
    year = _dblp_year(str(external.get("DBLP", "") or "")) or year_of(data.get("year"))
    names = tuple(str(a.get("name", "")) for a in data.get("authors") or [])
    venue_id = venue_of(venue, year) or venue_of(str(venue_info.get("name", "")), year)
    doi = str(external.get("DOI", "") or "").lower()
    if is_arxiv_doi(doi):
        doi = ""
    return [Candidate(
        service="s2", record=str(data.get("paperId", "")),
        url=f"https://www.semanticscholar.org/paper/{data.get('paperId', '')}", title=" ".join(str(data.get("title", "")).split()),
        authors=names, families=tuple(family_spellings(n) for n in names), year=year, venue_text=venue,
        venue_id=venue_id, preprint=False, anchor=f"Semantic Scholar record carries arXiv id {arxiv_id}", doi=doi,
        pages=pages_of(str(journal.get("pages", "") or "")), volume="",
    )], external
