"""Complete records imported from a list (``needs_verification``) from the services, with evidence.

For a record with an arXiv id, the arXiv record is the anchor: when its title agrees with the
record's (and, if the row gave authors, its first author too), it gives the full author list,
the exact title and the date of first posting; the resolver then gives the published venue,
year, pages and DOI. Every filled fact's record goes into ``sources`` and a sentence into
``notes``. Where the row contradicts the records (a year before the arXiv id's month, a venue
that met before the paper was first posted, a venue the records place elsewhere), the records
win and the contradiction is reported. A record without an arXiv id gets a title search whose
candidates are reported, never applied; only a record with no year (its list gave none) takes the
year of the record its own DOI or OpenReview id anchors. Nothing changes on a record the services
do not anchor. A key made without a year is remade by the rule once the year is known.
"""
from __future__ import annotations

import re

from unlearn_bib.errors import Problem, UnlearnBibError
from unlearn_bib.outcomes import RecordStatus, Resolution, Verdict
from unlearn_bib.tasks.update import Outcome, UpdatePlan, detail_changes, edit_record, replaced_note



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


def _dated_by_identifier(paper, decision, taken: set[str]):
    """For a record with no year and no arXiv id: the year of the record its own DOI or OpenReview id
    anchors (the resolver's decision, resolved, its anchored evidence agreeing on the title), with that
    evidence in ``sources`` and the key remade by the rule; None when nothing anchors it. The record
    stays needs_verification (its authors are not filled from here)."""
    from unlearn_bib.catalog import keys
    from unlearn_bib.match import rule as match

    if paper.year is not None or decision.status != Resolution.RESOLVED or not decision.year:
        return None
    anchored = [e for e in decision.evidence if e.verdict == Verdict.ACCEPTED and e.anchor and e.year == decision.year
                and match.title_agrees(e.title_score) and e.url]
    if not anchored:
        return None
    first = paper.authors[0] if paper.authors else None
    new_key = keys.make_key((first.family or first.literal) if first else "", decision.year, paper.title,
                            taken - {paper.key})
    new_key = "" if new_key == paper.key else new_key
    shown = ", ".join(f"{e.service} {e.record}" for e in anchored)
    note = f"`--online` filled the year {decision.year} from {shown} ({anchored[0].anchor})."
    changes = {"year": decision.year}
    outcome = Outcome(paper.key, RecordStatus.COMPLETED, f"year: {decision.year} from {shown}"
                      + (f", key: {new_key}" if new_key else ""), changes={**changes, **({"key": new_key} if new_key else {})},
                      evidence=[e.as_dict() for e in decision.evidence])
    sources = [u for u in dict.fromkeys(e.url for e in anchored) if u not in paper.sources]
    return outcome, changes, None, new_key, sources, note, []


def complete_record(client, paper, raw: dict, taken: set[str]):
    """(Outcome, scalar changes, authors or None, new key or "", sources, note, reports) for one record."""
    from unlearn_bib.catalog import keys, venues
    from unlearn_bib.match import rule as match
    from unlearn_bib.resolve import arxiv
    from unlearn_bib.resolve.decide import Query
    from unlearn_bib.resolve.http import ServiceError
    from unlearn_bib.resolve.records import person_of
    from unlearn_bib.resolve.resolver import query_from_paper, resolve

    nothing = (None, {}, None, "", [], "", [])
    if not paper.arxiv:  # a DOI or OpenReview id alone: the resolver's title search, reported
        decision = resolve(client, query_from_paper(paper))
        found = [e for e in decision.evidence if match.title_agrees(e.title_score)]
        shown = "; ".join(f"{e.service} {e.record} ({e.venue or 'no venue'} {e.year or ''})".strip() for e in found)
        message = (f"no arXiv id: title search found {shown} (not applied; add the arXiv id to complete it)"
                   if found else f"no arXiv id, and the title search found nothing ({decision.status}"
                   + (f": {decision.reason}" if decision.status == Resolution.FAILED else "") + ")")
        status = (RecordStatus.CANDIDATES if found else RecordStatus.FAILED if decision.status == Resolution.FAILED
                  else RecordStatus.UNANCHORED)
        dated = _dated_by_identifier(paper, decision, taken)
        if dated:
            return dated
        return (Outcome(paper.key, status, message,
                        evidence=[e.as_dict() for e in decision.evidence]),) + nothing[1:]
    try:
        rec = arxiv.record(client, paper.arxiv)
    except ServiceError as exc:
        return (Outcome(paper.key, RecordStatus.FAILED, str(exc)),) + nothing[1:]
    if rec is None:
        return (Outcome(paper.key, RecordStatus.UNANCHORED, f"arXiv has no record {paper.arxiv}; nothing changed"),) + nothing[1:]
    score = match.title_score((paper.plain_title, *paper.title_aliases), rec.title)
    if not match.title_agrees(score):
        return (Outcome(paper.key, RecordStatus.UNANCHORED, f"arXiv {paper.arxiv} is {rec.title!r}, not this title "
                        f"(similarity {score:.2f}); nothing changed"),) + nothing[1:]
    mine = _paper_families(paper)
    theirs = _families(rec.authors)
    if mine and not match.first_author_agrees(mine, theirs):
        return (Outcome(paper.key, RecordStatus.UNANCHORED, f"arXiv {paper.arxiv} has first author "
                        f"{rec.authors[0] if rec.authors else 'none'}, the row another; nothing changed"),) + nothing[1:]

    reports: list[str] = []
    changes: dict = {}
    filled: list[str] = []
    people = None
    if rec.authors and (not mine or raw.get("authors_incomplete") or list(mine) != list(theirs)[:len(mine)]
                        or len(theirs) > len(mine)):
        people = [person_of(name) for name in rec.authors]
        if mine and list(mine) != list(theirs)[:len(mine)]:
            reports.append(f"the row's authors differ from arXiv's after the first; arXiv's {len(people)} kept")
        filled.append(f"{len(people)} authors")
    if rec.title and rec.title != paper.plain_title and not re.search(r"[$\\{}]", rec.title):
        changes["title"] = rec.title
        filled.append("the exact title")
    posted = _posted(rec, paper.arxiv)
    families = theirs or mine
    query = Query(title=rec.title or paper.plain_title, families=families, arxiv=(paper.arxiv,),
                  doi=(paper.doi.lower(),) if paper.doi else (),
                  openreview=(paper.openreview,) if paper.openreview else (), titles=(paper.plain_title,))
    decision = resolve(client, query)
    urls = [rec.url]
    if decision.status == Resolution.RESOLVED:
        base, _, track = decision.venue_id.partition("/")
        if decision.venue_id != paper.venue.id and not paper.venue.is_preprint:
            reports.append(f"the row says {paper.venue.short} {paper.year or ''}".rstrip() + "; the records say "
                           f"{venues.short_name(decision.venue_id)} {decision.year}: the records win")
        if paper.venue.track and not track and decision.venue_id != paper.venue.id:
            return (Outcome(paper.key, RecordStatus.UNANCHORED, f"the records say {decision.venue_id} {decision.year} but the "
                            f"record has track {paper.venue.track!r}; nothing changed, edit it by hand"),) + nothing[1:]
        if decision.venue_id != paper.venue.id:
            changes["venue"] = venues.short_name(base)
            if track:
                changes["track"] = track
        if decision.year != paper.year:
            if paper.venue.id == decision.venue_id and paper.year is not None:
                reports.append(f"the row says {paper.year}; the records say {decision.year}: the records win")
            changes["year"] = decision.year
        changes.update(detail_changes(paper, decision))  # the list's arXiv DOI gives way, as in `update`
        filled.append(f"venue {venues.short_name(decision.venue_id)} {decision.year}")
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
            filled.append(f"arXiv {posted[0]}")
            verified = True
        elif paper.venue.is_preprint:
            if posted and paper.year != posted[0]:
                if paper.year is not None:
                    reports.append(f"the row says {paper.year}; arXiv first posted it in {posted[0]}: arXiv wins")
                changes["year"] = posted[0]
            filled.append(f"arXiv {posted[0] if posted else paper.year}")
            verified = True
        else:  # the row's venue: neither confirmed nor contradicted
            reports.append(f"{paper.venue.short} {paper.year or ''}".rstrip() + " is the row's claim; no service confirms it "
                           f"({decision.status}: {decision.reason}); left marked needs_verification")
            verified = False
    if verified:
        changes["needs_verification"] = False
        if "authors_incomplete" in raw:
            changes["authors_incomplete"] = False
    new_key = ""
    year_filled = paper.year is None and changes.get("year") is not None  # a key made without a year is remade
    if people and keys.is_provisional(paper.key, paper.title) and not paper.authors or year_filled:
        person = people[0] if people else {"family": paper.authors[0].family, "literal": paper.authors[0].literal} \
            if paper.authors else {}
        first = person.get("family") or person.get("literal", "")
        new_key = keys.make_key(first, changes.get("year", paper.year),
                                changes.get("title", paper.title), taken - {paper.key})
        new_key = "" if new_key == paper.key else new_key
    if not changes and people is None:
        return (Outcome(paper.key, RecordStatus.UNCHANGED, "agrees with arXiv and the services; nothing to fill"
                        + ("; " + "; ".join(reports) if reports else ""),
                        evidence=[e.as_dict() for e in decision.evidence]),) + nothing[1:]
    others = [f"{e.service} {e.record}" for e in decision.evidence if e.verdict in (Verdict.ACCEPTED, Verdict.CORROBORATES)]
    note = (f"`--online` filled {', '.join(filled) or 'nothing'} from arXiv {paper.arxiv} (title similarity "
            f"{score:.2f}, " + ("first author agrees" if mine else "anchored by the identifier") + ")"
            + (f", the venue confirmed by {', '.join(others)}" if decision.status == Resolution.RESOLVED and others else "")
            + "." + replaced_note(paper, changes) + (" Contradictions: " + "; ".join(reports) + "." if reports else ""))
    shown = dict(changes)
    if people is not None:
        shown["authors"] = f"{len(people)} from arXiv"
    if new_key:
        shown["key"] = new_key
    message = ", ".join(f"{k}: {v}" for k, v in shown.items())
    if reports:
        message += "; " + "; ".join(reports)
    outcome = Outcome(paper.key, RecordStatus.COMPLETED, message, changes=shown,
                      evidence=[{"service": "arxiv", "record": paper.arxiv, "url": rec.url, "title": rec.title,
                                 "published": rec.published, "verdict": Verdict.ANCHOR}]
                      + [e.as_dict() for e in decision.evidence])
    sources = [u for u in dict.fromkeys(urls) if u not in paper.sources]
    return outcome, changes, people, new_key, sources, note, reports


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
