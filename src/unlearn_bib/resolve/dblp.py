"""DBLP publication search: conference and journal records found by title."""
from __future__ import annotations

import re

from unlearn_bib.resolve.http import Client
from unlearn_bib.resolve.records import Candidate, family_spellings, pages_of, venue_of, year_of


def _list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def search(client: Client, title: str, ids) -> list[Candidate]:
    """Records with words of this title; anchored when a record names the entry's arXiv id,
    DOI or OpenReview id (DBLP lists arXiv and OpenReview links under ``ee``)."""
    from unlearn_bib.catalog.model import normalize_title
    from unlearn_bib.match.rule import link_ids

    query = normalize_title(title)
    if not query:
        return []
    data = client.get("dblp", "/search/publ/api", {"q": query, "format": "json", "h": "10"}).json("dblp")
    hits = _list((((data or {}).get("result") or {}).get("hits") or {}).get("hit")) if isinstance(data, dict) else []
    out = []
    for hit in hits:
        info = hit.get("info") or {}
        names = tuple(a.get("text", "") if isinstance(a, dict) else str(a)
                      for a in _list((info.get("authors") or {}).get("author")))
        year = year_of(info.get("year"))
        venue = " ".join(_list(info.get("venue")))
        volume = str(info.get("volume", "") or "")
        links = _list(info.get("ee"))
        doi = str(info.get("doi", "") or "").lower()
        preprint = venue.strip().lower() == "corr" or info.get("type") == "Informal and Other Publications"
        named = set()
        for link in links:
            a, o, d = link_ids(str(link))
            named |= {("arXiv id", a), ("OpenReview id", o), ("DOI", d)}
        if volume.startswith("abs/"):
            named.add(("arXiv id", volume[4:]))
        anchor = ""
        for kind, values in (("arXiv id", ids.arxiv), ("DOI", ids.doi), ("OpenReview id", ids.openreview)):
            hit_ids = {v for k, v in named if k == kind and v} | ({doi} if kind == "DOI" and doi else set())
            common = sorted(set(values) & hit_ids)
            if common and not anchor:
                anchor = f"DBLP record names {kind} {common[0]}"
        pages = pages_of(str(info.get("pages", "") or ""))
        out.append(Candidate(
            service="dblp", record=str(info.get("key", "")), url=str(info.get("url", "")) or f"https://dblp.org/rec/{info.get('key', '')}",
            title=re.sub(r"\.$", "", " ".join(str(info.get("title", "")).split())), authors=names,
            families=tuple(family_spellings(n) for n in names), year=year, venue_text=venue,
            venue_id=None if preprint else venue_of(venue, year), preprint=preprint, anchor=anchor, doi=doi,
            pages=pages, volume="" if preprint else volume, number=str(info.get("number", "") or ""),
            openreview=next((v for k, v in named if k == "OpenReview id" and v), ""),
        ))
    return out
