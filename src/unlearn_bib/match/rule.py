"""Is this entry (or table row) that catalog paper? The one matching rule, its thresholds and its evidence.

Used by ``normalize`` and ``import`` (and meant for anything else that must recognise a
catalog paper). The rule: identifiers first (arXiv id, DOI, OpenReview id), then the
normalized title (aliases count), then a fuzzy title only above a conservative threshold
and only when the first authors agree. Whatever is not certain is ``ambiguous``, with the
reason, and left to a person.

    index = CatalogIndex(catalog)             # once per run
    found = match(entry_ids(fields), index)   # or Ids(title=..., arxiv=(...,)) for a table row
    found.status, found.paper, found.how      # "matched", Paper, "arXiv id 2311.17717"
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from unlearn_bib.text.latex import plain
from unlearn_bib.catalog.identifiers import ARXIV_DOI, ARXIV_NEW_ID, ARXIV_OLD_ID, clean_doi
from unlearn_bib.catalog.model import Catalog, Paper, normalize_title
from unlearn_bib.read.names import fold_family, parse_name, split_names
from unlearn_bib.outcomes import MatchStatus

# --- thresholds -----------------------------------------------------------------------------

FUZZY_ACCEPT = 0.90  # title similarity needed (with agreeing first authors) to accept a fuzzy match
FUZZY_REPORT = 0.80  # closer than this but not accepted: reported as ambiguous
ID_TITLE_AGREEMENT = 0.5  # word overlap an identifier match needs between the two titles
MIN_TITLE_WORDS = 4  # an exact title match without authors to confirm it needs this many words, or the same year (or both none)

# --- identifiers in what people write ----------------------------------------------------------

_ARXIV_NEW = ARXIV_NEW_ID
_ARXIV_OLD = ARXIV_OLD_ID
_ARXIV_IN_TEXT = re.compile(
    rf"arxiv(?:\.org/(?:abs|pdf|html)/|[^0-9a-z]{{0,3}}(?:preprint|e-?print|abs)?[^0-9a-z]{{0,12}}(?:arxiv[:\s]*)?)"
    rf"({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?",
    re.IGNORECASE,
)
_ARXIV_BARE = re.compile(rf"^(?:arxiv:\s*)?(?:abs/)?({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.IGNORECASE)
_DOI_IN_TEXT = re.compile(r"(?:doi\.org/|doi:\s*)(10\.\d{4,9}/[^\s{}\"<>]+)", re.IGNORECASE)
_OPENREVIEW = re.compile(r"openreview\.net/(?:forum|pdf)/?\?([^\s{}]*)", re.IGNORECASE)  # then the id in the query
_QUERY_ID = re.compile(r"(?:^|&)id=([A-Za-z0-9_\-]+)")

_PREPRINT_CONTAINER = re.compile(r"arxiv|corr\b|biorxiv|medrxiv|preprint|ssrn|openreview", re.IGNORECASE)

# Fields that identify the entry's own paper (Google Scholar, DBLP, arXiv, Zotero, Mendeley, JabRef).
ID_FIELDS = ("eprint", "arxivid", "arxiv", "url", "journal", "volume", "doi", "pdf", "openreview")
# Free text. A value that is nothing but an identifier (``note = {arXiv:2311.17717}``,
# ``howpublished = {\url{https://arxiv.org/abs/2311.17717}}``) states the entry's own id; an
# identifier inside prose may be another paper's (a follow-up's note citing the original), so it
# is only a hint: it never matches on its own, a title match still needs its full agreement.
HINT_FIELDS = ("note", "howpublished", "annote", "annotation", "abstract", "addendum", "comment", "comments")
_ID_STATEMENT = re.compile(  # the parts an identifier statement may have; no nested repetition (linear)
    rf"https?://\S+|doi:\s*10\.\S+|arxiv[:\s]*(?:abs/)?(?:{_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?"
    r"|\[[a-z\-]+(?:\.[A-Za-z\-]+)?\]|\\(?:url|href|path)\b|\b(?:19|20)\d\d\b|\b(?:arxiv|preprint|e-?print)\b",
    re.IGNORECASE,
)


def states_only_ids(value: str) -> bool:
    """Is a free-text value nothing but identifiers (links, ``arXiv:ID [cs.CV]``), no prose around them?"""
    rest = _ID_STATEMENT.sub(" ", value)
    return not re.sub(r"[\s{}()\[\].,;:]+", "", rest) and bool(_text_ids(value))


@dataclass(frozen=True)
class Ids:
    """What a BibTeX entry or a table row says about which paper it is."""

    title: str = ""  # plain text
    arxiv: tuple[str, ...] = ()
    doi: tuple[str, ...] = ()
    openreview: tuple[str, ...] = ()
    families: tuple[str, ...] = ()  # folded family names, first author first
    hints: tuple[tuple[str, str, str], ...] = ()  # (kind, id, field) named in free text, not anchors
    container: str = ""  # the journal or booktitle a published entry names (plain text); "" for a preprint
    kind: str = ""  # "article" (a journal) or "inproceedings" (a booktitle) for a published entry
    year: int | None = None

    @property
    def norm_title(self) -> str:
        return normalize_title(self.title)


def arxiv_in(text: str) -> list[str]:
    """The arXiv ids a text names ("arXiv preprint arXiv:2311.17717v2" -> ["2311.17717"])."""
    return [m.group(1) for m in _ARXIV_IN_TEXT.finditer(text)]


def link_ids(link: str) -> tuple[str, str, str]:
    """(arXiv id, OpenReview id, DOI) named by one link; empty strings where none."""
    arxiv = next(iter(arxiv_in(link)), "")
    match = _OPENREVIEW.search(link)
    match = _QUERY_ID.search(match.group(1)) if match else None  # two linear steps, never a backtracking scan
    openreview = match.group(1) if match else ""
    match = _DOI_IN_TEXT.search(link)
    doi = clean_doi(match.group(1)) if match else ""
    if doi and ARXIV_DOI.match(doi):
        arxiv, doi = arxiv or ARXIV_DOI.match(doi).group(1), ""
    return arxiv, openreview, doi


def _text_ids(value: str) -> list[tuple[str, str]]:
    """(kind, id) of every identifier a free text names."""
    found = [("arXiv id", a) for a in arxiv_in(value)]
    a, o, d = link_ids(value)
    found += [("arXiv id", a)] if a else []
    found += [("OpenReview id", o)] if o else []
    found += [("DOI", d)] if d else []
    return list(dict.fromkeys(found))


def entry_ids(fields: dict[str, str]) -> Ids:
    """Identifiers from an entry's fields (lower-case names, evaluated values); free text gives hints only."""
    stated = [name for name in HINT_FIELDS if fields.get(name) and states_only_ids(fields[name])]
    hints = [(kind, value, name) for name in HINT_FIELDS if name not in stated
             for kind, value in _text_ids(fields.get(name, ""))]
    arxiv: list[str] = []
    dois: list[str] = []
    openreview: list[str] = []
    for name in (*ID_FIELDS, *stated):
        value = fields.get(name, "")
        if not value:
            continue
        if name in ("eprint", "arxivid", "arxiv"):
            match = _ARXIV_BARE.match(value.strip())
            if match:
                arxiv.append(match.group(1))
        if name == "volume":
            match = re.match(rf"^abs/({_ARXIV_NEW}|{_ARXIV_OLD})$", value.strip(), re.IGNORECASE)
            if match and "corr" in fields.get("journal", "").lower():
                arxiv.append(match.group(1))
            continue
        if name == "doi":
            doi = clean_doi(value)
            match = ARXIV_DOI.match(doi)
            if match:
                arxiv.append(match.group(1))
            elif doi:
                dois.append(doi)
            continue
        if name == "openreview" and re.fullmatch(r"[A-Za-z0-9_\-]{6,}", value.strip()):
            openreview.append(value.strip())
        arxiv += arxiv_in(value)
        a, o, d = link_ids(value)
        arxiv += [a] if a else []
        openreview += [o] if o else []
        dois += [d] if d else []
    families = tuple(
        fold_family(" ".join(filter(None, (person.get("particle", ""), person.get("family", "")))) or person.get("literal", ""))
        for person in (parse_name(n) for n in split_names(fields.get("author", "")))
        if person and person != {"family": "others"}  # as BibTeX: "Others" is a name
    )
    container, kind = "", ""
    for name, what in (("journal", "article"), ("booktitle", "inproceedings")):
        text = plain(fields.get(name, "")).strip()
        if text and not _PREPRINT_CONTAINER.search(text):
            container, kind = text, what
            break
    year = re.search(r"\b(1[89]\d\d|2\d\d\d)\b", fields.get("year", "") or fields.get("date", ""))
    return Ids(
        container=container, kind=kind, year=int(year.group(1)) if year else None,
        title=plain(fields.get("title", "")),
        arxiv=tuple(dict.fromkeys(arxiv)),
        doi=tuple(dict.fromkeys(dois)),
        openreview=tuple(dict.fromkeys(openreview)),
        families=families,
        hints=tuple(dict.fromkeys(hints)),
    )


# --- the catalog side --------------------------------------------------------------------------

def _paper_families(paper: Paper) -> list[set[str]]:
    """For each author, the folded spellings their family name may take."""
    out = []
    for person in paper.authors:
        if person.literal:
            out.append({fold_family(person.literal)})
        else:
            out.append({fold_family(person.family), fold_family(person.full_family)})
    return out


class CatalogIndex:
    """Lookup tables over a catalog, built once per run."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.arxiv = {p.arxiv: p for p in catalog if p.arxiv}
        self.doi = {p.doi.lower(): p for p in catalog if p.doi}
        self.openreview = {p.openreview: p for p in catalog if p.openreview}
        self.titles: dict[str, Paper] = {}
        self.all_titles: list[tuple[str, Paper]] = []
        for paper in catalog:
            for title in (paper.plain_title, *paper.title_aliases):
                key = normalize_title(title)
                if key:
                    self.titles.setdefault(key, paper)
                    self.all_titles.append((key, paper))
        self.title_keys = [key for key, _ in self.all_titles]  # for rapidfuzz's batch scoring


@dataclass(frozen=True)
class Match:
    """The verdict of ``match``, with its evidence: ``how`` it matched, or ``reason`` it is ambiguous."""

    status: MatchStatus
    paper: Paper | None = None
    how: str = ""  # "arXiv id 2311.17717", "title", "similar title (0.93)"
    reason: str = ""  # why ambiguous


# --- the agreement rules (also the online resolver's: one rule everywhere) ----------------------

def title_score(titles, other: str) -> float:
    """How close the nearest of ``titles`` is to ``other``: 1.0 for the same normalized title, else
    difflib's ratio of the normalized titles (``titles`` as its first sequence)."""
    theirs = normalize_title(other)
    best = 0.0
    for title in titles:
        mine = normalize_title(title)
        if not mine or not theirs:
            continue
        score = 1.0 if mine == theirs else difflib.SequenceMatcher(None, mine, theirs, autojunk=False).ratio()
        best = max(best, score)
    return best


def title_agrees(score: float) -> bool:
    """Is a ``title_score`` close enough to call two titles one work's (``FUZZY_ACCEPT``)?"""
    return score >= FUZZY_ACCEPT


def first_author_agrees(mine, theirs) -> bool:
    """Do two author lists start with the same person? Items: a folded family name or a set of its spellings."""
    if not mine or not theirs:
        return False
    spell = lambda item: ({item} if isinstance(item, str) else set(item)) - {""}  # noqa: E731
    return bool(spell(mine[0]) & spell(theirs[0]))


# --- the rule ----------------------------------------------------------------------------------

def _title_words(text: str) -> set[str]:
    return set(normalize_title(text).split())


def _word_overlap(a: str, b: str) -> float:
    wa, wb = _title_words(a), _title_words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _titles_agree(title: str, paper: Paper) -> bool:
    return any(_word_overlap(title, t) >= ID_TITLE_AGREEMENT for t in (paper.plain_title, *paper.title_aliases))


def _first_author_agrees(ids: Ids, paper: Paper) -> bool:
    return first_author_agrees(ids.families, _paper_families(paper))


def _shares_author(ids: Ids, paper: Paper) -> bool:
    spellings = set().union(*_paper_families(paper)) if paper.authors else set()
    return bool(spellings & set(ids.families))


def _conflicts(ids: Ids, paper: Paper) -> str:
    """An identifier of the entry that contradicts the paper, described; '' if none."""
    if len(ids.arxiv) > 1:  # a paper has one arXiv id: two are two papers
        return f"the entry names {len(ids.arxiv)} arXiv ids ({', '.join(ids.arxiv)})"
    if ids.arxiv and paper.arxiv and paper.arxiv not in ids.arxiv:
        return f"arXiv id {ids.arxiv[0]} differs from the catalog's {paper.arxiv}"
    if ids.arxiv and not paper.arxiv:
        return f"arXiv id {ids.arxiv[0]} is not recorded for it in the catalog"
    if ids.doi and paper.doi and paper.doi.lower() not in ids.doi:
        return f"DOI {ids.doi[0]} differs from the catalog's {paper.doi}"
    if ids.openreview and paper.openreview and paper.openreview not in ids.openreview:
        return f"OpenReview id {ids.openreview[0]} differs from the catalog's {paper.openreview}"
    return ""


def _published_elsewhere(ids: Ids, paper: Paper) -> str:
    """Why a published entry found by its title alone may be another publication of the work
    (a journal version of a conference paper, another year); '' when nothing says so."""
    if not ids.kind:
        return ""
    from unlearn_bib.catalog import venues
    from unlearn_bib.errors import UnlearnBibError

    venue = paper.venue
    name, named_year = venues.split_year(ids.container)
    try:  # "ICML 2025", "NeurIPS": a name the registry knows
        same_venue = venues.lookup(name).split("/")[0] == venue.id.split("/")[0]
    except UnlearnBibError:
        fold = lambda text: re.sub(r"[^0-9a-z]+", "", plain(text).lower())  # noqa: E731
        texts = [fold(x) for x in (venue.journal, venue.booktitle, venue.short, venue.name) if fold(x)]
        same_venue = len(fold(name)) >= 4 and any(t.startswith(fold(name)) or fold(name).startswith(t) for t in texts)
    if same_venue and (named_year is None or named_year == paper.year):
        return ""
    kind = "preprint" if venue.is_preprint else venue.entry_type
    shown = f"{ids.container} {ids.year or ''}".strip()
    theirs = f"{venue.short} {paper.year or ''}".rstrip()
    if kind != ids.kind:
        what = "a journal article" if ids.kind == "article" else "a proceedings paper"
        return f"the entry is {what} ({shown}) and {paper.key} is {theirs}; no identifier ties them"
    if ids.year and paper.year and ids.year != paper.year:
        return f"the entry is from {ids.year} ({shown}) and {paper.key} is {theirs}; no identifier ties them"
    return ""


def _anchors(ids: Ids, index: CatalogIndex) -> dict[str, tuple[Paper, str]]:
    hits: dict[str, tuple[Paper, str]] = {}
    for kind, values, table in (("arXiv id", ids.arxiv, index.arxiv), ("DOI", ids.doi, index.doi),
                                ("OpenReview id", ids.openreview, index.openreview)):
        for value in values:
            paper = table.get(value)
            if paper is not None:
                hits.setdefault(paper.key, (paper, f"{kind} {value}"))
    return hits


def _hinted(ids: Ids, index: CatalogIndex) -> list[tuple[Paper, str]]:
    """Catalog papers that free text names, with where: [(paper, "arXiv id 2311.17717 in note")]."""
    tables = {"arXiv id": index.arxiv, "DOI": index.doi, "OpenReview id": index.openreview}
    out = []
    for kind, value, name in ids.hints:
        paper = tables[kind].get(value)
        if paper is not None:
            out.append((paper, f"{kind} {value} in {name}"))
    return out


def _similar(norm: str, index: CatalogIndex) -> list[tuple[float, Paper]]:
    """Catalog papers whose title (or alias) is at least FUZZY_REPORT close, closest first.

    The score is difflib's ratio. rapidfuzz's Indel ratio (2 * longest common subsequence / total
    length, in C) is never below it, since difflib's matching blocks are one common subsequence,
    so titles under the cut-off there are skipped without changing any result."""
    from rapidfuzz import fuzz, process

    near = process.extract(norm, index.title_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_REPORT * 100 - 1e-6, limit=None)
    scored: dict[str, tuple[float, Paper]] = {}
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(norm)  # seq2 is the one SequenceMatcher indexes: index the entry's title once
    for _key, _upper, position in sorted(near, key=lambda hit: hit[2]):  # catalog order, as before
        key, candidate = index.all_titles[position]
        matcher.set_seq1(key)
        ratio = matcher.ratio()
        if ratio >= FUZZY_REPORT and ratio > scored.get(candidate.key, (0.0, None))[0]:
            scored[candidate.key] = (ratio, candidate)
    return sorted(scored.values(), key=lambda item: (-item[0], item[1].key))


def _titled_as_other(ids: Ids, index: CatalogIndex, paper: Paper) -> Paper | None:
    """Another catalog paper the entry's title names (the same title, or closer to it than to ``paper``)."""
    norm = ids.norm_title
    if not norm or norm in {normalize_title(t) for t in (paper.plain_title, *paper.title_aliases)}:
        return None
    other = index.titles.get(norm)
    if other is not None:
        return other if other.key != paper.key else None
    ranked = _similar(norm, index)
    if not ranked or ranked[0][1].key == paper.key or not title_agrees(ranked[0][0]):
        return None
    own = max((r for r, p in ranked if p.key == paper.key), default=0.0)
    return ranked[0][1] if ranked[0][0] > own else None


def match(ids: Ids, index: CatalogIndex) -> Match:
    """Which catalog paper an entry or row is: the one matching rule of normalize and import.

    ``matched``: ``paper`` and ``how`` (the evidence). ``ambiguous``: ``reason``, and the
    suspected ``paper`` when there is one; never to be acted on without a person.
    ``unmatched``: nothing in the catalog comes close (``reason`` says so when free text named
    a catalog paper that the title and authors are not).
    """
    hits = _anchors(ids, index)
    if len(hits) > 1:
        shown = " but ".join(f"{how} is {paper.key}" for paper, how in hits.values())
        return Match(MatchStatus.AMBIGUOUS, reason=f"identifiers name different catalog papers: {shown}")
    if hits:
        paper, how = next(iter(hits.values()))
        if ids.title and not _titles_agree(ids.title, paper):
            return Match(MatchStatus.AMBIGUOUS, paper, how,
                         f"{how} is {paper.key} ({paper.plain_title!r}) but the entry's title is {ids.title!r}")
        conflict = _conflicts(ids, paper)
        if conflict:
            return Match(MatchStatus.AMBIGUOUS, paper, how, f"{how} is {paper.key} but {conflict}")
        other = _titled_as_other(ids, index, paper)
        if other is not None:
            return Match(MatchStatus.AMBIGUOUS, paper, how,
                         f"{how} is {paper.key} but the title is {other.key}'s ({other.plain_title!r})")
        if ids.families and paper.authors and not _shares_author(ids, paper):
            return Match(MatchStatus.AMBIGUOUS, paper, how, f"{how} is {paper.key} but no author in common")
        return Match(MatchStatus.MATCHED, paper, how)
    found = _by_title(ids, index)
    hinted = _hinted(ids, index)
    if found.status == MatchStatus.MATCHED:
        agreeing = [where for paper, where in hinted if paper.key == found.paper.key]
        return Match(MatchStatus.MATCHED, found.paper, found.how + "".join(f", {where} agrees" for where in agreeing[:1]))
    if found.status == MatchStatus.UNMATCHED and hinted:
        paper, where = hinted[0]
        return Match(MatchStatus.UNMATCHED, reason=f"{where} names {paper.key}, but the title and authors are another paper's")
    return found


def _by_title(ids: Ids, index: CatalogIndex) -> Match:
    """The title stage: the normalized title (aliases count), then a close title with the same first author."""
    norm = ids.norm_title
    if not norm:
        return Match(MatchStatus.UNMATCHED)
    paper = index.titles.get(norm)
    if paper is not None:
        conflict = _conflicts(ids, paper)
        if conflict:
            return Match(MatchStatus.AMBIGUOUS, paper, "title", f"same title as {paper.key} but {conflict}")
        if ids.families and paper.authors and not _shares_author(ids, paper):
            return Match(MatchStatus.AMBIGUOUS, paper, "title", f"same title as {paper.key} but no author in common")
        if not ids.families and len(norm.split()) < MIN_TITLE_WORDS and ids.year != paper.year:
            return Match(MatchStatus.AMBIGUOUS, paper, "title", f"short title {ids.title!r} and no authors to confirm {paper.key}")
        elsewhere = _published_elsewhere(ids, paper)
        if elsewhere:
            return Match(MatchStatus.AMBIGUOUS, paper, "title", f"same title as {paper.key} but {elsewhere}")
        return Match(MatchStatus.MATCHED, paper, "title")

    ranked = _similar(norm, index)
    if not ranked:
        return Match(MatchStatus.UNMATCHED)
    ratio, best = ranked[0]
    how = f"similar title ({ratio:.2f})"
    accepted = [p for r, p in ranked if title_agrees(r)]
    if len(accepted) > 1:
        return Match(MatchStatus.AMBIGUOUS, best, how, f"title is close to several papers: {', '.join(p.key for p in accepted)}")
    if not title_agrees(ratio):
        return Match(MatchStatus.AMBIGUOUS, best, how, f"title resembles {best.key} ({best.plain_title!r}) only at {ratio:.2f}")
    if not _first_author_agrees(ids, best):
        first = ids.families[0] if ids.families else "none"
        theirs = best.authors[0].family if best.authors else "none"
        return Match(MatchStatus.AMBIGUOUS, best, how, f"title is close to {best.key} but the first authors differ ({first} / {theirs})")
    conflict = _conflicts(ids, best)
    if conflict:
        return Match(MatchStatus.AMBIGUOUS, best, how, f"title is close to {best.key} but {conflict}")
    elsewhere = _published_elsewhere(ids, best)
    if elsewhere:
        return Match(MatchStatus.AMBIGUOUS, best, how, f"title is close to {best.key} but {elsewhere}")
    return Match(MatchStatus.MATCHED, best, how)
