"""CSL-JSON items: the bridge to every CSL processor (citeproc-py, pandoc, Zotero).

Types: ``paper-conference`` / ``article-journal`` for published papers, ``article`` with
``publisher: arXiv`` and ``number: arXiv:ID`` for preprints, as pandoc and Zotero expect.
"""
from __future__ import annotations

import json

from unlearn_bib.catalog.model import Catalog, Paper, Person


def person(p: Person) -> dict:
    if p.literal:
        return {"literal": p.literal}
    out = {"family": p.family}
    if p.given:
        out["given"] = p.given
    if p.particle:
        out["non-dropping-particle"] = p.particle
    if p.suffix:
        out["suffix"] = p.suffix
    return out


def item(paper: Paper) -> dict:
    venue = paper.venue
    data: dict = {
        "id": paper.key,
        "title": paper.plain_title,
        "author": [person(a) for a in paper.authors],
    }
    if paper.year:
        data["issued"] = {"date-parts": [[paper.year]]}
    if venue.is_preprint:
        data["type"] = "article"
        if paper.arxiv:
            data["publisher"] = "arXiv"
            data["number"] = f"arXiv:{paper.arxiv}"
        elif paper.effective_publisher:
            data["publisher"] = paper.effective_publisher
        if paper.web_url or paper.link:  # http(s) only
            data["URL"] = paper.web_url or paper.link
        return data
    if venue.entry_type == "article":
        data["type"] = "article-journal"
        data["container-title"] = venue.journal
    else:
        data["type"] = "paper-conference"
        data["container-title"] = venue.booktitle
        if venue.series:
            data["collection-title"] = venue.series
    if paper.volume:
        data["volume"] = paper.volume
    if paper.number:
        data["issue"] = paper.number
    if paper.pages:
        data["page"] = paper.pages.replace("--", "-")
    if paper.effective_publisher:
        data["publisher"] = paper.effective_publisher
    if paper.doi:
        data["DOI"] = paper.doi
    url = paper.web_url or paper.link  # http(s) only
    if url and not url.startswith("https://doi.org/"):
        data["URL"] = url
    return data


def items(catalog: Catalog) -> list[dict]:
    return [item(p) for p in sorted(catalog, key=lambda p: p.key)]


def render(catalog: Catalog) -> str:
    return json.dumps(items(catalog), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
