"""Ask every service about one entry and decide; one service failing never stops the others.

Anything that goes wrong while one service's answer is read (a parser meeting a shape it does
not expect, JSON nested 100,000 deep) is that service's "unreadable answer": counted as its
failure, dropped from the cache, and the other services still decide. Every value passes
``vet`` before ``decide`` sees it. When nothing at all could be reached, the run stops.
"""
from __future__ import annotations

from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.resolve.decide import Decision, Query, decide
from unlearn_bib.resolve.http import SERVICES, Client, ServiceError
from unlearn_bib.catalog.identifiers import is_arxiv_doi
from unlearn_bib.resolve.vet import checked_doi, vet_candidate, vet_decision
from unlearn_bib.resolve.records import Candidate

SERVICE_ORDER = ("arxiv", "s2", "crossref", "dblp", "openreview")


def query_from_ids(ids, titles: tuple[str, ...] = ()) -> Query:
    """A Query from normalize's ``Ids`` (entry side): folded first-author family names."""
    return Query(title=ids.title, families=tuple(frozenset({f}) for f in ids.families), arxiv=ids.arxiv,
                 doi=ids.doi, openreview=ids.openreview, titles=titles)


def query_from_paper(paper) -> Query:
    """A Query from a catalog Paper: every spelling of each family name counts."""
    from unlearn_bib.read.names import fold_family

    families = tuple(frozenset(filter(None, {fold_family(p.literal)} if p.literal else
                                      {fold_family(p.family), fold_family(p.full_family)})) for p in paper.authors)
    return Query(title=paper.plain_title, families=families, arxiv=(paper.arxiv,) if paper.arxiv else (),
                 doi=(paper.doi.lower(),) if paper.doi else (), openreview=(paper.openreview,) if paper.openreview else (),
                 titles=tuple(paper.title_aliases))


def resolve(client: Client, query: Query, services: tuple[str, ...] = SERVICE_ORDER) -> Decision:
    """Collect candidates from each service (anchored DOIs first), then decide."""
    from unlearn_bib.resolve import arxiv, crossref, dblp, openreview, s2

    candidates: list[Candidate] = []
    failures: list[str] = []
    dois: dict[str, str] = {d: "the entry's own DOI" for d in query.doi}
    notes: dict[str, str] = {o: "the entry's own OpenReview id" for o in query.openreview}

    def attempt(service: str, call):
        if service not in services:
            return None
        try:
            return call()
        except ServiceError as exc:
            if not exc.recorded:  # raised while reading a reply that arrived
                client.unreadable(service, exc.reason)
            failures.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - any fault reading one service's answer is that service's
            reason = f"unreadable answer ({type(exc).__name__})"
            client.unreadable(service, reason)
            failures.append(f"{SERVICES[service].name}: {reason}")
        return None

    for arxiv_id in query.arxiv[:1]:
        found = attempt("arxiv", lambda: arxiv.lookup(client, arxiv_id))
        if found:
            candidates += found[0]
            for doi in filter(None, map(checked_doi, found[1])):
                dois.setdefault(doi, f"DOI on the arXiv record {arxiv_id}")
        found = attempt("s2", lambda: s2.by_arxiv(client, arxiv_id))
        if found:
            candidates += found[0]
            doi = checked_doi(str(found[1].get("DOI", "") or "")) if isinstance(found[1], dict) else ""
            if doi and not is_arxiv_doi(doi):
                dois.setdefault(doi, f"DOI Semantic Scholar links to arXiv id {arxiv_id}")
    for doi, why in sorted(dois.items()):
        if checked_doi(doi) == doi and not is_arxiv_doi(doi):
            candidates += attempt("crossref", lambda: crossref.by_doi(client, doi, why)) or []
    if query.arxiv and not any(c.service == "crossref" for c in candidates) and query.title:
        first = sorted(query.families[0])[0] if query.families and query.families[0] else ""
        candidates += attempt("crossref", lambda: crossref.search(client, query.title, first, query.arxiv[0])) or []
    if query.title:
        candidates += attempt("dblp", lambda: dblp.search(client, query.title, _anchor_ids(query, dois, notes))) or []
    for cand in list(candidates):
        if cand.openreview and cand.anchor:
            notes.setdefault(cand.openreview, f"OpenReview id named by {cand.service} {cand.record}")
    for note_id, why in sorted(notes.items()):
        candidates += attempt("openreview", lambda: openreview.by_id(client, note_id, why)) or []
    if client.offline():
        raise UnlearnBibError("no service reachable (offline?): " + "; ".join(
            f"{SERVICES[s].name} {r}" for s, r in sorted(client.down.items())) + "; nothing written")
    # A DOI is an anchor for records found by it only when something tied it to the entry.
    dropped: list[str] = []
    checked = []
    for cand in candidates:
        cand, left_out = vet_candidate(cand, query.arxiv)
        checked.append(cand)
        dropped += left_out
    decision = vet_decision(decide(query, checked, failures), query.arxiv)
    decision.dropped = dropped
    return decision


def _anchor_ids(query: Query, dois: dict[str, str], notes: dict[str, str]):
    from types import SimpleNamespace

    return SimpleNamespace(arxiv=query.arxiv, doi=tuple(dois), openreview=tuple(notes))
