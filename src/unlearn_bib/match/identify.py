"""Find the catalog paper a reader means: by key, arXiv id, DOI, OpenReview id or title words.

People know a paper by its arXiv id or a word of its title, rarely by the catalog's key.
Identifiers go through the same matching rule as ``normalize`` and ``import`` (one module);
title words select the papers whose title (or an earlier title) has every word. Anything
not certain is an error that lists the candidates or the closest titles.
"""
from __future__ import annotations

import re

from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.match.rule import CatalogIndex, Ids, entry_ids, link_ids, match
from unlearn_bib.catalog.model import Catalog, Paper, normalize_title
from unlearn_bib.outcomes import MatchStatus

MAX_SUGGESTIONS = 3
MIN_SIMILARITY = 0.7  # a suggestion must be at least this close (Indel similarity, 0..1) to the query
MAX_QUERY = 300  # characters of a query compared for suggestions (a title is far shorter; keeps a huge query fast)
_DOI_START = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/", re.IGNORECASE)
_KEY_LIKE = re.compile(r"^[a-z]+\d{4}[a-z0-9]*$")  # huang2024receler: a mistyped key gets the closest key


def identifiers(query: str) -> Ids:
    """The arXiv ids, DOIs and OpenReview ids a typed identifier (id or URL) names."""
    text = query.strip()
    fields = {"eprint": text, "url": text}
    if _DOI_START.match(text):
        fields["doi"] = text
    ids = entry_ids(fields)
    arxiv, openreview, doi = link_ids(text)
    return Ids(
        arxiv=tuple(dict.fromkeys((*ids.arxiv, *([arxiv] if arxiv else ())))),
        doi=tuple(dict.fromkeys((*ids.doi, *([doi] if doi else ())))),
        openreview=tuple(dict.fromkeys((*ids.openreview, *([openreview] if openreview else ())))),
    )


def _describe(paper: Paper) -> str:
    venue = paper.venue.short if paper.venue.is_preprint or not paper.year else f"{paper.venue.short} {paper.year}"
    return f"  {paper.key}  {paper.year or 'n.d.'}  {venue}  {paper.plain_title}"


def _word_hits(words: list[str], title: str) -> bool:
    """Every query word starts a word of the title ("recel" finds "Receler")."""
    title_words = normalize_title(title).split()
    return all(any(t.startswith(w) for t in title_words) for w in words)


def _closest(query: str, catalog: Catalog) -> list[Paper]:
    """Papers whose title (or a word of it, or an earlier title) or key is closest to the query, best first."""
    from rapidfuzz import fuzz, process

    query = query[:MAX_QUERY]
    norm = normalize_title(query)
    texts, owners = [], []  # every text a paper can be recognised by, and its paper's index
    for number, paper in enumerate(catalog.papers):
        for text in (paper.plain_title, *paper.title_aliases):
            title = normalize_title(text)
            texts.extend((title, *title.split()))
            owners.extend([number] * (1 + len(title.split())))
    best: dict[int, float] = {}
    cutoff = MIN_SIMILARITY * 100
    for choice, score, at in process.extract_iter(norm, texts, scorer=fuzz.ratio, score_cutoff=cutoff):
        best[owners[at]] = max(best.get(owners[at], 0.0), score)
    keys = [paper.key for paper in catalog.papers]
    for choice, score, at in process.extract_iter(query.lower(), keys, scorer=fuzz.ratio, score_cutoff=cutoff):
        best[at] = max(best.get(at, 0.0), score)
    ranked = sorted(best.items(), key=lambda pair: (-pair[1], catalog.papers[pair[0]].key))
    return [catalog.papers[number] for number, _ in ranked[:MAX_SUGGESTIONS]]


def find(query: str, catalog: Catalog, index: CatalogIndex | None = None) -> Paper:
    """The one paper ``query`` names; ``UnlearnBibError`` listing candidates or suggestions otherwise."""
    paper = catalog.get(query)
    if paper is not None:
        return paper
    where = catalog.path or "catalog"
    shown = _shown(query)
    index = index or CatalogIndex(catalog)
    ids = identifiers(query)
    bare = query.strip()
    if not (ids.arxiv or ids.doi or ids.openreview) and bare in index.openreview:
        ids = Ids(openreview=(bare,))
    if ids.arxiv or ids.doi or ids.openreview:
        found = match(ids, index)
        if found.status == MatchStatus.MATCHED:
            return found.paper
        if found.status == MatchStatus.AMBIGUOUS:
            raise UnlearnBibError(f"{where}: {shown} is ambiguous: {found.reason}")
        named = ", ".join([*(f"arXiv id {a}" for a in ids.arxiv), *(f"DOI {d}" for d in ids.doi),
                           *(f"OpenReview id {o}" for o in ids.openreview)])
        raise UnlearnBibError(f"{where}: no paper with {named} (`unlearn-bib list` shows every paper)")

    norm = normalize_title(query)
    exact = index.titles.get(norm) if norm else None
    if exact is not None:
        return exact
    words = list(dict.fromkeys(norm.split()))  # a repeated word asks nothing more
    hits = [p for p in catalog if words and any(_word_hits(words, t) for t in (p.plain_title, *p.title_aliases))]
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = "\n".join(_describe(p) for p in sorted(hits, key=lambda p: p.key))
        raise UnlearnBibError(f"{where}: {shown} matches {len(hits)} papers; give a key, an id or more words:\n{listed}")
    if _KEY_LIKE.match(query):
        from unlearn_bib.text.suggest import did_you_mean

        hint = did_you_mean(query[:MAX_QUERY], [p.key for p in catalog])
        hint = f" ({hint})" if hint else ""
        raise UnlearnBibError(f"{where}: no paper with key {shown}{hint}")
    close = _closest(query, catalog)
    if close:
        listed = "\n".join(_describe(p) for p in close)
        raise UnlearnBibError(f"{where}: no paper matches {shown}; the closest titles:\n{listed}")
    raise UnlearnBibError(f"{where}: no paper matches {shown} (`unlearn-bib list` shows every paper)")


def _shown(query: str) -> str:
    """The query as messages quote it: repr, at most 80 characters of it."""
    return repr(query) if len(query) <= 80 else repr(query[:80]) + f"... ({len(query)} characters)"


def resolve_keys(queries: tuple[str, ...], catalog: Catalog) -> tuple[str, ...]:
    """The catalog keys the queries name, in order; keys pass through untouched."""
    if all(catalog.get(q) is not None for q in queries):
        return tuple(queries)
    index = CatalogIndex(catalog)
    return tuple(find(q, catalog, index).key for q in queries)


def search(query: str, catalog: Catalog, index: CatalogIndex | None = None) -> list[Paper]:
    """Every paper ``query`` names: the one paper ``find`` is sure of, or all whose title has every
    word (a search, for `list`); ``UnlearnBibError`` with suggestions when none matches."""
    if catalog.get(query) is None and not (ids := identifiers(query)).arxiv and not ids.doi and not ids.openreview:
        words = normalize_title(query).split()
        hits = [p for p in catalog if words and any(_word_hits(words, t) for t in (p.plain_title, *p.title_aliases))]
        if len(hits) > 1:
            return hits
    return [find(query, catalog, index)]
