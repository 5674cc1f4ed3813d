"""Crossref: a DOI's metadata, and works that declare an arXiv preprint (``has-preprint``)."""
from __future__ import annotations

import re
from urllib.parse import quote

from unlearn_bib.catalog.identifiers import is_arxiv_doi
from unlearn_bib.resolve.http import Client, ServiceError
from unlearn_bib.resolve.records import Candidate, family_spellings, pages_of, venue_of, year_of

PUBLISHED_TYPES = {"proceedings-article", "journal-article", "book-chapter"}


def _preprint_links(item: dict) -> set[str]:
    """arXiv ids this work declares as its preprint."""
    from unlearn_bib.match.rule import link_ids

    out = set()
    for rel in (item.get("relation") or {}).get("has-preprint", []) or []:
        value = str(rel.get("id", ""))
        arxiv = link_ids(f"https://doi.org/{value}")[0] if is_arxiv_doi(value) else ""
        if rel.get("id-type") == "arxiv":
            arxiv = value.removeprefix("arXiv:")
        if arxiv:
            out.add(arxiv)
    return out


def _plain(text: str) -> str:
    """Crossref's JATS/HTML markup and entities dropped ('<scp>R</scp>', '&amp;'), spaces collapsed."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", str(text))).split())


def _candidate(item: dict, anchor: str) -> Candidate | None:
    kind = item.get("type", "")
    doi = str(item.get("DOI", "")).lower()
    if kind not in PUBLISHED_TYPES or not doi:
        return None
    names, parts = [], []
    for person in item.get("author") or []:
        names.append(" ".join(filter(None, (person.get("given", ""), person.get("family", "")))) or person.get("name", ""))
        family, given = str(person.get("family", "") or ""), str(person.get("given", "") or "")
        parts.append(f"{family}, {given}" if family and given and "," not in family + given else names[-1])
    containers = [_plain(c) for c in item.get("container-title") or [] if c]
    issued = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]
    year = year_of(issued)
    venue_text = containers[-1] if containers else ""
    venue_id = None
    for text in reversed(containers):  # Springer lists the series first, the proceedings last
        venue_id = venue_of(text, year)
        if venue_id:
            venue_text = text
            break
    from unlearn_bib.read.names import fold_family

    families = tuple(frozenset({fold_family(p["family"])}) if p.get("family") else family_spellings(p.get("name", ""))
                     for p in item.get("author") or [])
    return Candidate(
        service="crossref", record=doi, url=f"https://doi.org/{doi}", title=_plain(" ".join(item.get("title") or [""])),
        authors=tuple(names), families=families, year=year, venue_text=venue_text, venue_id=venue_id,
        preprint=False, anchor=anchor, doi=doi, pages=pages_of(item.get("page", "")),
        volume=str(item.get("volume", "") or ""), number=str(item.get("issue", "") or ""), names=tuple(parts),
    )


def by_doi(client: Client, doi: str, anchor: str) -> list[Candidate]:
    reply = client.get("crossref", f"/works/{quote(doi, safe='/')}", accept=(200, 404))
    if reply.status == 404:
        return []
    message = reply.json("crossref").get("message")
    if not isinstance(message, dict):
        raise ServiceError("crossref", f"no 'message' in the answer from {reply.url}")
    found = _candidate(message, anchor)
    return [found] if found else []


def search(client: Client, title: str, first_family: str, arxiv_id: str) -> list[Candidate]:
    """Works like this title; anchored only when one declares this arXiv id as its preprint."""
    params = {"query.bibliographic": title, "rows": "5",
              "select": "DOI,title,author,container-title,issued,type,page,volume,issue,relation"}
    if first_family:
        params["query.author"] = first_family
    data = client.get("crossref", "/works", params).json("crossref")
    items = ((data.get("message") or {}).get("items") or []) if isinstance(data, dict) else []
    out = []
    for item in items:
        linked = arxiv_id and arxiv_id in _preprint_links(item)
        found = _candidate(item, f"Crossref has-preprint relation to arXiv:{arxiv_id}" if linked else "")
        if found:
            out.append(found)
    return out
