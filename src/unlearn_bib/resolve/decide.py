"""Accept a published version only when an identifier ties it to the entry AND the title and
first author agree under normalize's rules; everything else is reported, never applied.

Peers rewrote entries into unrelated papers from an arXiv id alone (PEERS.md §7a); here an
anchor without agreement, or agreement without an anchor, is "ambiguous", and every decision
lists its evidence: service, record, link, anchor, title score, first-author check.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from unlearn_bib.outcomes import Resolution, Verdict
from unlearn_bib.resolve.records import Candidate

# Which service's details win when several accepted records agree on the venue.
PRIORITY = ("crossref", "dblp", "openreview", "arxiv", "s2")


@dataclass(frozen=True)
class Query:
    """What the entry or catalog record says about itself."""

    title: str
    families: tuple[frozenset[str], ...] | tuple[str, ...]  # first author first
    arxiv: tuple[str, ...] = ()
    doi: tuple[str, ...] = ()
    openreview: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # other titles of the same work (catalog aliases)


@dataclass(frozen=True)
class Evidence:
    service: str
    record: str
    url: str
    venue: str  # as the service writes it
    venue_id: str | None
    year: int | None
    anchor: str
    title_score: float
    first_author: bool
    verdict: Verdict

    def as_dict(self) -> dict:
        return {"service": self.service, "record": self.record, "url": self.url, "venue": self.venue,
                "venue_id": self.venue_id, "year": self.year, "anchor": self.anchor,
                "title_score": round(self.title_score, 3), "first_author_agrees": self.first_author,
                "verdict": self.verdict}


@dataclass
class Decision:
    status: Resolution
    venue_id: str = ""
    year: int | None = None
    doi: str = ""
    pages: str = ""
    volume: str = ""
    number: str = ""
    openreview: str = ""
    reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # service values left out as invalid (resolve.vet)

    @property
    def accepted(self) -> list[Evidence]:
        return [e for e in self.evidence if e.verdict == Verdict.ACCEPTED]


def title_score(query: Query, candidate: Candidate) -> float:
    """match.title_score over the entry's titles: 1.0 for the same normalized title, else the fuzzy ratio."""
    from unlearn_bib.match import rule as match

    return match.title_score((query.title, *query.titles), candidate.title)


def first_author_agrees(query: Query, candidate: Candidate) -> bool:
    """match.first_author_agrees: the first authors share a folded family-name spelling."""
    from unlearn_bib.match import rule as match

    return match.first_author_agrees(query.families, candidate.families)


def decide(query: Query, candidates: list[Candidate], failures: list[str]) -> Decision:
    """The decision over every service's candidates for one entry; see the module doc."""
    from unlearn_bib.match import rule as match

    evidence: list[Evidence] = []
    accepted: list[Candidate] = []
    agreeing: list[Candidate] = []  # title and first author agree, no anchor of their own
    reasons: list[str] = []
    authorless = not any(query.families)  # a record imported without authors (a list row that named none)
    for cand in candidates:
        score = title_score(query, cand)
        author = first_author_agrees(query, cand)
        # no authors to compare: an identifier plus title agreement anchors it; title alone never does
        agrees = match.title_agrees(score) and (author or (authorless and bool(cand.anchor)))
        if cand.preprint:
            verdict = Verdict.PREPRINT
        elif cand.venue_id is None:
            verdict = Verdict.UNKNOWN_VENUE
            if cand.anchor and agrees:
                reasons.append(f"{cand.service} {cand.record} says {cand.venue_text!r}, which the venue registry "
                               "does not know as a main venue or track")
        elif cand.anchor and agrees:
            verdict = Verdict.ACCEPTED
            accepted.append(cand)
        elif cand.anchor:
            verdict = Verdict.DISAGREES
            what = f"title similarity {score:.2f}" if not match.title_agrees(score) else "first author differs"
            reasons.append(f"{cand.service} {cand.record} is tied by {cand.anchor} but {what} "
                           f"({cand.title!r}, {cand.authors[0] if cand.authors else 'no authors'})")
        elif agrees:
            verdict = Verdict.TITLE_ONLY
            agreeing.append(cand)
        else:
            verdict = Verdict.UNRELATED
        evidence.append(Evidence(cand.service, cand.record, cand.url, cand.venue_text, cand.venue_id, cand.year,
                                 cand.anchor, score, author, verdict))
    ids = {c.venue_id for c in accepted}
    if len(ids) > 1:
        shown = "; ".join(f"{c.service} says {c.venue_text!r}" for c in accepted)
        return Decision(Resolution.AMBIGUOUS, reason=f"anchored records disagree on the venue: {shown}", evidence=evidence,
                        failures=failures)
    if accepted:
        venue_id = accepted[0].venue_id
        same = [c for c in agreeing if c.venue_id == venue_id]
        years = {c.year for c in accepted + same if c.year}
        ranked = sorted(accepted + same, key=lambda c: (PRIORITY.index(c.service), c.anchor == ""))
        if len(years) > 1:
            # the venue's year: a DOI's or a proceedings record's year beats a preprint server's guess
            year = next(c.year for c in ranked if c.year)
        else:
            year = next(iter(years), None)
        if year is None:
            return Decision(Resolution.AMBIGUOUS, reason=f"{venue_id} confirmed but no record gives its year",
                            evidence=evidence, failures=failures)
        evidence = [Evidence(e.service, e.record, e.url, e.venue, e.venue_id, e.year, e.anchor, e.title_score,
                             e.first_author, Verdict.CORROBORATES) if e.verdict == Verdict.TITLE_ONLY and e.venue_id == venue_id
                    else e for e in evidence]
        pick = lambda name: next((getattr(c, name) for c in ranked if getattr(c, name)), "")  # noqa: E731
        return Decision(Resolution.RESOLVED, venue_id=venue_id, year=year, doi=pick("doi"), pages=pick("pages"),
                        volume=pick("volume"), number=pick("number"), openreview=pick("openreview"),
                        evidence=evidence, failures=failures)
    if agreeing:
        shown = "; ".join(f"{c.service} {c.record} ({c.venue_text} {c.year or ''})".strip() for c in agreeing)
        reasons.append(f"found by title only, no identifier ties it to this entry: {shown}")
    if reasons:
        return Decision(Resolution.AMBIGUOUS, reason="; ".join(reasons), evidence=evidence, failures=failures)
    if failures:
        return Decision(Resolution.FAILED, reason="; ".join(failures), evidence=evidence, failures=failures)
    return Decision(Resolution.UNPUBLISHED, reason="no service knows a published version", evidence=evidence, failures=failures)
