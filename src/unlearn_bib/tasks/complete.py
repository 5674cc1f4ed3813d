"""Complete records imported from a list (``needs_verification``) from the services, with evidence.

A record is anchored by the authoritative record its own identifier names: the arXiv record of its
arXiv id, else the Crossref record of its DOI (arXiv's own 10.48550 DOI aside), else its OpenReview
note. The anchor counts when its title agrees with the record's (and, if the row gave authors, its
first author too); it then gives the full author list and the exact title. The venue and year come,
for an arXiv id, from the resolver (the published venue, year, pages and DOI) or the date of first
posting; for a DOI, from its Crossref record (venue, year, pages, volume, number); for an OpenReview
id, from the accepted venue of its note (a submission gives no venue). Every filled fact's record
goes into ``sources`` and a sentence into ``notes``. Where the row contradicts the records (a year
before the arXiv id's month, a venue that met before the paper was first posted, a venue or year
the records place elsewhere), the records win and the contradiction is reported. A record with no
identifier gets a title search whose candidates are reported, never applied. Nothing changes on a
record the services do not anchor. Once authors are known, a provisional key, or a key made without
a year, is remade by the catalog's rule.
"""
from __future__ import annotations

import re

from unlearn_bib.errors import Problem, UnlearnBibError
from unlearn_bib.outcomes import RecordStatus, Resolution, Verdict
from unlearn_bib.tasks.update import Outcome, UpdatePlan, detail_changes, edit_record, replaced_note

NOTHING = ({}, None, "", [], "", [])  # what a record that is not completed gets besides its outcome
SERVICE_LABELS = {"arxiv": "arXiv", "crossref": "Crossref", "openreview": "OpenReview"}


def _open(path: str | None, text: str | None, shown: str | None, editor=None):
    """(editor, catalog, raw records by key): the catalog file, or ``text`` standing for it (an import's
    new text, not written yet), or the ``editor`` given (``importer.FreshEditor``)."""
    from unlearn_bib.catalog.edit import edit_text, open_for_edit

    if editor is None:
        editor = open_for_edit(path, read_only=True) if text is None else edit_text(text, str(path), shown or str(path))
    raw = {r.get("key"): r for r in editor.doc.get("papers") or [] if isinstance(r, dict)}
    return editor, editor.catalog, raw


def _posted(rec, arxiv_id: str) -> tuple[int, int] | None:
    """(year, month) of first posting: the feed's date, else the new-style id's YYMM."""
    if rec.published:
        return int(rec.published[:4]), int(rec.published[5:7])
    match = re.match(r"(\d\d)(\d\d)\.\d{4,5}$", arxiv_id)
    return (2000 + int(match.group(1)), int(match.group(2))) if match else None


def _families(names) -> tuple[frozenset[str], ...]:
    from unlearn_bib.resolve.records import family_spellings

    return tuple(family_spellings(n) for n in names)


def _paper_families(paper) -> tuple[frozenset[str], ...]:
    from unlearn_bib.read.names import fold_family

    return tuple(frozenset(filter(None, {fold_family(p.literal)} if p.literal else
                                  {fold_family(p.family), fold_family(p.full_family)})) for p in paper.authors)


def _row_venue_contradiction(paper, posted: tuple[int, int] | None) -> str:
    """Why the row's venue and year cannot be this paper's, given its first posting ("" = no reason)."""
    from unlearn_bib.catalog import venues

    if posted is None or paper.year is None:  # no year in the row: nothing it could contradict
        return ""
    year, month = posted
    label = f"{paper.venue.short} {paper.year}"
    if paper.year < year:
        return f"the row says {label}, but the paper was first posted on arXiv in {year}-{month:02d}"
    held = None if paper.venue.is_preprint else venues.held_by_month(paper.venue.id)
    if held and paper.year == year and month > held:
        return (f"the row says {label}, but {paper.venue.short} meets by month {held} and the paper was first "
                f"posted on arXiv in {year}-{month:02d}")
    return ""


# --- the anchor: one record an identifier of the paper names ----------------------------------------

class _Anchored:
    """What filling from an anchored record gathers: changes, authors, what was filled, contradictions."""

    def __init__(self, label: str, score: float, named: bool):
        self.label = label  # "arXiv 2310.05873", "Crossref 10.1145/…", "OpenReview 4aMedv0ONH"
        self.score = score  # title similarity
        self.named = named  # the row named authors (the first-author rule applied)
        self.changes: dict = {}
        self.people: list[dict] | None = None
        self.filled: list[str] = []
        self.reports: list[str] = []


def _refused(label: str, title: str, authors, paper):
    """(_Anchored, "") when the record's title, and the first author if the row names one, agree with the
    record's; else (None, why nothing changed)."""
    from unlearn_bib.match import rule as match

    score = match.title_score((paper.plain_title, *paper.title_aliases), title)
    if not match.title_agrees(score):
        return None, f"{label} is {title!r}, not this title (similarity {score:.2f}); nothing changed"
    mine = _paper_families(paper)
    if mine and not match.first_author_agrees(mine, _families(authors)):
        return None, (f"{label} has first author {authors[0] if authors else 'none'}, the row another; "
                      "nothing changed")
    return _Anchored(label, score, bool(mine)), ""


def _authors_and_title(done: _Anchored, title: str, authors, paper, raw: dict, names=()) -> None:
    """The anchor's full author list (when the row had none, fewer, others after the first, or "et al.")
    and its exact title (unless it holds markup). ``names``: the authors as "Family, Given" where the
    service gives the parts (a family name of two words stays one)."""
    from unlearn_bib.resolve.records import person_of

    mine, theirs = _paper_families(paper), _families(authors)
    service = done.label.split(" ")[0]
    if authors and (not mine or raw.get("authors_incomplete") or list(mine) != list(theirs)[:len(mine)]
                    or len(theirs) > len(mine)):
        done.people = [person_of(name) for name in (names if len(names) == len(authors) else authors)]
        if mine and list(mine) != list(theirs)[:len(mine)]:
            done.reports.append(f"the row's authors differ from {service}'s after the first; "
                                f"{service}'s {len(done.people)} kept")
        done.filled.append(f"{len(done.people)} authors")
    if title and title != paper.plain_title and not re.search(r"[$\\{}]", title):
        done.changes["title"] = title
        done.filled.append("the exact title")


def _venue_and_year(done: _Anchored, paper, venue_id: str | None, venue_text: str, year: int | None) -> str:
    """Take the records' venue (a registry id, else its text) and year, reporting where the row said
    otherwise; returns why nothing may change ("" = filled)."""
    from unlearn_bib.catalog import venues

    named = bool(paper.venue.id or paper.venue.short) and not paper.venue.is_preprint  # the row named a venue
    said = f"the row says {paper.venue.short} {paper.year or ''}".rstrip()
    if venue_id:
        base, _, track = venue_id.partition("/")
        if paper.venue.track and not track and venue_id != paper.venue.id:
            return (f"the records say {venue_id} {year} but the record has track {paper.venue.track!r}: its venue "
                    "is left for a person")
        if named and venue_id != paper.venue.id:
            done.reports.append(f"{said}; the records say {venues.short_name(venue_id)} {year or ''}".rstrip()
                                + ": the records win")
        if venue_id != paper.venue.id:
            done.changes["venue"] = venues.short_name(base)
            if track:
                done.changes["track"] = track
        shown = venues.short_name(venue_id)
    else:
        if named and paper.venue.id:  # a registry venue against a text the registry does not know: a person decides
            return (f"{said}; {done.label} says {venue_text!r}, which the venue registry does not know: "
                    "left for a person")
        if venue_text != paper.venue_text:
            if named:
                done.reports.append(f"{said}; the records say {venue_text!r} {year or ''}".rstrip() + ": the records win")
            done.changes["venue_text"] = venue_text
        shown = repr(venue_text)
    same = venue_id == paper.venue.id if venue_id else venue_text == paper.venue_text
    if year is not None and year != paper.year:  # a preprint row's year is its posting's: no contradiction
        if paper.year is not None and not paper.venue.is_preprint and (same or not named):
            # (a row naming another venue was reported above, with its year)
            done.reports.append(f"the row says {paper.year}; the records say {year}: the records win")
        done.changes["year"] = year
    done.filled.append(f"venue {shown} {year or ''}".rstrip())
    return ""


def _finished(done: _Anchored, paper, raw: dict, taken: set[str], verified: bool, urls: list[str],
              evidence: list[dict], confirmed: list[str]):
    """The completed record's (Outcome, changes, authors, new key, sources, note, reports): the key remade
    by the rule once authors are known (a provisional key) or the year is (a key made without one)."""
    from unlearn_bib.catalog import keys

    changes, people, reports = done.changes, done.people, done.reports
    if verified:
        changes["needs_verification"] = False
        if "authors_incomplete" in raw:
            changes["authors_incomplete"] = False
    new_key = ""
    year_filled = paper.year is None and changes.get("year") is not None
    if people and keys.is_provisional(paper.key, paper.title) and not paper.authors or year_filled:
        person = people[0] if people else {"family": paper.authors[0].family, "literal": paper.authors[0].literal} \
            if paper.authors else {}
        first = person.get("family") or person.get("literal", "")
        new_key = keys.make_key(first, changes.get("year", paper.year), changes.get("title", paper.title),
                                taken - {paper.key})
        new_key = "" if new_key == paper.key else new_key
    service = done.label.split(" ")[0]
    if not changes and people is None:
        return (Outcome(paper.key, RecordStatus.UNCHANGED, f"agrees with {service} and the services; nothing to fill"
                        + ("; " + "; ".join(reports) if reports else ""), evidence=evidence),) + NOTHING
    note = (f"`--online` filled {', '.join(done.filled) or 'nothing'} from {done.label} (title similarity "
            f"{done.score:.2f}, " + ("first author agrees" if done.named else "anchored by the identifier") + ")"
            + (f", the venue confirmed by {', '.join(confirmed)}" if confirmed else "")
            + "." + replaced_note(paper, changes) + (" Contradictions: " + "; ".join(reports) + "." if reports else ""))
    shown = dict(changes)
    if people is not None:
        shown["authors"] = f"{len(people)} from {service}"
    if new_key:
        shown["key"] = new_key
    message = ", ".join(f"{k}: {v}" for k, v in shown.items())
    if reports:
        message += "; " + "; ".join(reports)
    outcome = Outcome(paper.key, RecordStatus.COMPLETED, message, changes=shown, evidence=evidence)
    sources = [u for u in dict.fromkeys(urls) if u not in paper.sources]
    return outcome, changes, people, new_key, sources, note, reports


def _by_arxiv(client, paper, raw: dict, taken: set[str]):
    """Anchored by the arXiv record; the resolver gives the published venue (see the module doc)."""
    from unlearn_bib.resolve import arxiv
    from unlearn_bib.resolve.decide import Query
    from unlearn_bib.resolve.http import ServiceError
    from unlearn_bib.resolve.resolver import resolve

    try:
        rec = arxiv.record(client, paper.arxiv)
    except ServiceError as exc:
        return (Outcome(paper.key, RecordStatus.FAILED, str(exc)),) + NOTHING
    if rec is None:
        return (Outcome(paper.key, RecordStatus.UNANCHORED, f"arXiv has no record {paper.arxiv}; nothing changed"),) + NOTHING
    done, why = _refused(f"arXiv {paper.arxiv}", rec.title, rec.authors, paper)
    if done is None:
        return (Outcome(paper.key, RecordStatus.UNANCHORED, why),) + NOTHING
    _authors_and_title(done, rec.title, rec.authors, paper, raw)
    changes, reports = done.changes, done.reports
    posted = _posted(rec, paper.arxiv)
    query = Query(title=rec.title or paper.plain_title, families=_families(rec.authors) or _paper_families(paper),
                  arxiv=(paper.arxiv,), doi=(paper.doi.lower(),) if paper.doi else (),
                  openreview=(paper.openreview,) if paper.openreview else (), titles=(paper.plain_title,))
    decision = resolve(client, query)
    urls = [rec.url]
    if decision.status == Resolution.RESOLVED:
        refused = _venue_and_year(done, paper, decision.venue_id, "", decision.year)
        if refused:
            return (Outcome(paper.key, RecordStatus.UNANCHORED, refused + "; nothing changed"),) + NOTHING
        changes.update(detail_changes(paper, decision))  # the list's arXiv DOI gives way, as in `update`
        urls += [e.url for e in decision.evidence if e.verdict in (Verdict.ACCEPTED, Verdict.CORROBORATES) and e.url]
        verified = True
    else:
        why = _row_venue_contradiction(paper, posted)
        supports = [e for e in decision.evidence if e.verdict == Verdict.TITLE_ONLY and e.venue_id == paper.venue.id
                    and e.year == paper.year]
        if why and supports:  # posted after the venue met, yet a record of that venue has its title and author
            reports.append(why + f"; but {supports[0].service} {supports[0].record} lists it at {paper.venue.short} "
                           f"{paper.year} (by title only): left for a person")
            verified = False
        elif why and paper.venue.track:
            reports.append(why + "; the record has a track: left for a person")
            verified = False
        elif why:
            reports.append(why + ": the arXiv record wins (a preprint of that year)")
            changes["venue"] = "arXiv"
            changes["year"] = posted[0]
            done.filled.append(f"arXiv {posted[0]}")
            verified = True
        elif paper.venue.is_preprint:
            if posted and paper.year != posted[0]:
                if paper.year is not None:
                    reports.append(f"the row says {paper.year}; arXiv first posted it in {posted[0]}: arXiv wins")
                changes["year"] = posted[0]
            done.filled.append(f"arXiv {posted[0] if posted else paper.year}")
            verified = True
        else:  # the row's venue: neither confirmed nor contradicted
            reports.append(f"{paper.venue.short} {paper.year or ''}".rstrip() + " is the row's claim; no service confirms it "
                           f"({decision.status}: {decision.reason}); left marked needs_verification")
            verified = False
    confirmed = [f"{e.service} {e.record}" for e in decision.evidence
                 if e.verdict in (Verdict.ACCEPTED, Verdict.CORROBORATES)] if decision.status == Resolution.RESOLVED else []
    evidence = ([{"service": "arxiv", "record": paper.arxiv, "url": rec.url, "title": rec.title,
                  "published": rec.published, "verdict": Verdict.ANCHOR}] + [e.as_dict() for e in decision.evidence])
    return _finished(done, paper, raw, taken, verified, urls, evidence, confirmed)


def _fetch(client, service: str, call):
    """(candidates, "") from one service's answer, or (None, why it failed), as the resolver counts failures."""
    from unlearn_bib.resolve.http import SERVICES, ServiceError
    from unlearn_bib.resolve.vet import vet_candidate

    try:
        return [vet_candidate(c)[0] for c in call()], ""
    except ServiceError as exc:
        if not exc.recorded:  # raised while reading a reply that arrived
            client.unreadable(service, exc.reason)
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - any fault reading the answer is that service's
        client.unreadable(service, f"unreadable answer ({type(exc).__name__})")
        return None, f"{SERVICES[service].name}: unreadable answer ({type(exc).__name__})"


def _by_identifier(client, paper, raw: dict, taken: set[str], service: str, ident: str):
    """Anchored by the Crossref record of the paper's DOI or its OpenReview note: authors, exact title, and
    the venue, year (and pages, volume, number) that record gives."""
    from unlearn_bib.resolve import crossref, openreview

    label = f"{SERVICE_LABELS[service]} {ident}"
    found, failed = _fetch(client, service, lambda: crossref.by_doi(client, ident, "the entry's own DOI")
                           if service == "crossref" else openreview.by_id(client, ident, "the entry's own OpenReview id"))
    if found is None:
        return (Outcome(paper.key, RecordStatus.FAILED, failed),) + NOTHING
    if not found:
        what = "no published work (journal or proceedings article, book chapter) with the DOI" \
            if service == "crossref" else "no note"
        return (Outcome(paper.key, RecordStatus.UNANCHORED, f"{SERVICE_LABELS[service]} has {what} {ident}; "
                        "nothing changed"),) + NOTHING
    cand = found[0]
    done, why = _refused(label, cand.title, cand.authors, paper)
    if done is None:
        return (Outcome(paper.key, RecordStatus.UNANCHORED, why),) + NOTHING
    _authors_and_title(done, cand.title, cand.authors, paper, raw, cand.names)
    verified = False
    if cand.preprint:  # an OpenReview submission that was not accepted: no venue from it
        done.reports.append(f"{label} is a submission, not an accepted paper ({cand.venue_text or 'no venue'}): "
                            "no venue filled; left marked needs_verification")
    elif cand.venue_id or cand.venue_text:
        refused = _venue_and_year(done, paper, cand.venue_id, cand.venue_text, cand.year)
        if refused:
            done.reports.append(refused)  # the authors and title are the anchor's; venue and year stay the row's
        else:
            done.changes.update(detail_changes(paper, cand))  # pages, volume, number the record lacks
            verified = cand.year is not None or paper.year is not None
    evidence = [{"service": service, "record": ident, "url": cand.url, "title": cand.title, "venue": cand.venue_text,
                 "year": cand.year, "verdict": Verdict.ANCHOR}]
    return _finished(done, paper, raw, taken, verified, [cand.url], evidence, [])


def _title_search(client, paper):
    """No identifier to anchor it: the resolver's title search, its candidates reported, never applied."""
    from unlearn_bib.match import rule as match
    from unlearn_bib.resolve.resolver import query_from_paper, resolve

    decision = resolve(client, query_from_paper(paper))
    found = [e for e in decision.evidence if match.title_agrees(e.title_score)]
    shown = "; ".join(f"{e.service} {e.record} ({e.venue or 'no venue'} {e.year or ''})".strip() for e in found)
    message = (f"no arXiv id: title search found {shown} (not applied; add its arXiv id, DOI or OpenReview id to complete it)"
               if found else f"no arXiv id, and the title search found nothing ({decision.status}"
               + (f": {decision.reason}" if decision.status == Resolution.FAILED else "") + ")")
    status = (RecordStatus.CANDIDATES if found else RecordStatus.FAILED if decision.status == Resolution.FAILED
              else RecordStatus.UNANCHORED)
    return (Outcome(paper.key, status, message, evidence=[e.as_dict() for e in decision.evidence]),) + NOTHING


def complete_record(client, paper, raw: dict, taken: set[str]):
    """(Outcome, scalar changes, authors or None, new key or "", sources, note, reports) for one record."""
    from unlearn_bib.catalog.identifiers import is_arxiv_doi

    if paper.arxiv:
        return _by_arxiv(client, paper, raw, taken)
    if paper.doi and not is_arxiv_doi(paper.doi):
        return _by_identifier(client, paper, raw, taken, "crossref", paper.doi.lower())
    if paper.openreview:
        return _by_identifier(client, paper, raw, taken, "openreview", paper.openreview)
    return _title_search(client, paper)


def plan_complete(client, path: str | None = None, *, text: str | None = None, shown: str | None = None,
                  only=None, progress=None, editor=None) -> UpdatePlan:
    """Complete the catalog's needs_verification records (nothing written).

    ``text``: the catalog's text to start from (an import's, not written yet; ``path`` is then
    where it will go); ``only``: the keys to complete (default: every needs_verification record).
    """
    editor, catalog, raw = _open(path, text, shown, editor)
    start = editor.before.decode("utf-8")
    plan = UpdatePlan(editor.shown, editor.file, start, start)
    todo = [p for p in catalog if p.needs_verification and (only is None or p.key in only)]
    taken = {p.key for p in catalog}
    edited = False
    for number, paper in enumerate(todo, 1):
        if progress:
            progress(number, len(todo), paper.key)
        outcome, changes, people, new_key, sources, note, _reports = complete_record(
            client, paper, raw.get(paper.key, {}), taken)
        plan.outcomes.append(outcome)
        if outcome.status != RecordStatus.COMPLETED:
            continue
        edit_record(editor, paper.key, changes, sources, note)
        if "venue" in changes:  # the registry's venue replaces the row's text for it
            editor.remove_field(paper.key, "venue_text")
        elif "venue_text" in changes:  # a venue the registry does not know, as the records write it
            editor.remove_field(paper.key, "venue")
            editor.remove_field(paper.key, "track")
        if people is not None:
            editor.set_fields(paper.key, {"authors": people})
        if new_key:
            editor.set_fields(paper.key, {"key": new_key})
            taken.add(new_key)
        edited = True
    if edited:
        after = editor.text()
        try:
            editor.validate(after)
        except UnlearnBibError as exc:
            raise UnlearnBibError(Problem(f"completing would leave {editor.shown} invalid; nothing written:"),
                                  *exc.problems) from None
        plan.after = after
    return plan


def summary_statuses(plan: UpdatePlan) -> list[str]:
    return [o.status for o in plan.outcomes]  # outcomes.tally counts each
