"""`unlearn-bib update`: propose published versions of the catalog's preprints, as a diff.

Each preprint (and, with ``missing``, each record lacking a DOI or pages) goes through the
resolver; arXiv's own DOI (10.48550/arXiv.ID) counts as no DOI, the publication's replaces it. A resolved record is edited through ``catalog.edit``, like ``import`` grows the catalog: only
the changed lines of that record move, comments and layout elsewhere stay byte for byte. The
evidence links are appended to ``sources`` and a sentence to ``notes``. A record with
``pinned: true`` (or ``pinned: [venue, ...]``) keeps what a person decided.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from unlearn_bib.catalog.identifiers import is_arxiv_doi
from unlearn_bib.catalog.validate import PINNABLE
from unlearn_bib.outcomes import RecordStatus, Resolution, Verdict

SERVICE_NAMES = {"arxiv": "arXiv", "crossref": "Crossref", "dblp": "DBLP", "openreview": "OpenReview",
                 "s2": "Semantic Scholar"}


@dataclass
class Outcome:
    key: str
    status: RecordStatus
    message: str = ""
    changes: dict = field(default_factory=dict)
    evidence: list = field(default_factory=list)


@dataclass
class UpdatePlan:
    path: str  # as shown
    file: str
    before: str
    after: str
    outcomes: list[Outcome] = field(default_factory=list)
    editor: object = None  # catalog.edit.Editor

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def _open(path: str | None, *, write: bool = False):
    """The catalog open for editing (``catalog.edit``), and each record's pinned fields."""
    from unlearn_bib.catalog.edit import open_for_edit

    editor = open_for_edit(path, read_only=not write)
    pins = {}
    for record in editor.doc.get("papers") or []:
        if isinstance(record, dict) and "pinned" in record:
            value = record["pinned"]
            pins[record.get("key")] = set(PINNABLE) if value is True else set(value or [])
    return editor, pins


def candidates(catalog, missing: bool):
    """The records to check: preprints, and with ``missing`` published ones lacking a DOI or pages.

    Records imported from a list (``needs_verification``) are completed by ``tasks.complete`` instead.
    """
    for paper in catalog:
        if paper.needs_verification:
            continue
        if paper.venue.is_preprint and paper.arxiv:
            yield paper, "preprint"
        elif missing and paper.arxiv and (lacks(paper, "doi") or not paper.pages):
            yield paper, "missing"


DETAILS = ("volume", "number", "pages", "doi", "openreview")  # what a resolved publication fills in


def lacks(paper, name: str) -> bool:
    """Whether the resolver may fill the record's ``name``: it has none, or, for ``doi``, only arXiv's own DOI
    of the preprint (10.48550/arXiv.ID), which the publication's DOI replaces (the arXiv id keeps naming the
    preprint). The one rule for `update --online` and for `import --online` (``tasks.complete``)."""
    value = getattr(paper, name)
    return not value or (name == "doi" and is_arxiv_doi(value))


def detail_changes(paper, decision) -> dict:
    """Field -> value of a resolved publication's details the record lacks (``lacks``)."""
    out = {}
    for name in DETAILS:
        value = getattr(decision, name)
        if value and value != getattr(paper, name) and lacks(paper, name) and not (name == "doi" and is_arxiv_doi(value)):
            out[name] = value
    return out


def replaced_note(paper, changes: dict) -> str:
    """' arXiv's DOI X gave way to the publication's.' when a change replaces it, else ''."""
    return f" arXiv's DOI {paper.doi} gave way to the publication's." if "doi" in changes and paper.doi else ""


def changes_for(paper, decision, kind: str, pinned: set[str]) -> dict:
    """Field -> new value for the record, pinned fields and values already there left out."""
    from unlearn_bib.catalog import venues

    new: dict = {}
    if kind == "preprint":
        base, _, track = decision.venue_id.partition("/")
        new["venue"] = venues.short_name(base)
        if track:
            new["track"] = track
        new["year"] = decision.year
    elif decision.venue_id != paper.venue.id or decision.year != paper.year:
        return {}  # a different publication than the record's: not a detail of this one
    new.update(detail_changes(paper, decision))
    return {k: v for k, v in new.items() if k not in pinned}


# --- editing one record ---------------------------------------------------------------------------

def edit_record(editor, key: str, changes: dict, sources: list[str], note: str) -> None:
    """Set one record's fields, append evidence links to its sources and a sentence to its notes."""
    editor.set_fields(key, changes)
    editor.append_to(key, "sources", sources)
    if note:
        old = str(editor.record(key).get("notes") or "")
        editor.set_fields(key, {"notes": f"{old.rstrip()} {note}".strip() if old else note})


def evidence_note(decision) -> str:
    """One sentence for the record's notes: what was found where, by which anchor."""
    from unlearn_bib.catalog import venues

    base, _, track = decision.venue_id.partition("/")
    label = venues.short_name(decision.venue_id) if track else venues.short_name(base)
    found = "; ".join(f"{SERVICE_NAMES.get(e.service, e.service)} {e.record} ({e.anchor or 'same title and first author'})"
                      for e in decision.evidence if e.verdict in (Verdict.ACCEPTED, Verdict.CORROBORATES))
    return f"`unlearn-bib update` found the published version ({label} {decision.year}): {found}."


def plan_update(client, path: str | None = None, *, missing: bool = False, progress=None,
                write: bool = False) -> UpdatePlan:
    """Resolve the catalog's preprints and return the edited catalog text (nothing written).
    With ``write`` the catalog must be writable (not the packaged snapshot): checked first."""
    from unlearn_bib.resolve.resolver import query_from_paper, resolve

    editor, pins = _open(path, write=write)
    catalog, text = editor.catalog, editor.before.decode("utf-8")
    plan = UpdatePlan(editor.shown, editor.file, text, text)
    plan.editor = editor
    todo = list(candidates(catalog, missing))
    edited = False
    for number, (paper, kind) in enumerate(todo, 1):
        if progress:
            progress(number, len(todo), paper.key)
        pinned = pins.get(paper.key, set())
        if pinned >= set(PINNABLE):
            plan.outcomes.append(Outcome(paper.key, RecordStatus.PINNED, "pinned: true; not checked"))
            continue
        decision = resolve(client, query_from_paper(paper))
        evidence = [e.as_dict() for e in decision.evidence]
        if decision.status != Resolution.RESOLVED:
            plan.outcomes.append(Outcome(paper.key, RecordStatus(decision.status), decision.reason, evidence=evidence))
            continue
        changes = changes_for(paper, decision, kind, pinned)
        if not changes:
            why = RecordStatus.PINNED if pinned else RecordStatus.CURRENT
            plan.outcomes.append(Outcome(paper.key, why, f"{decision.venue_id} {decision.year}: nothing to change"
                                         + (f" (pinned: {', '.join(sorted(pinned))})" if pinned else ""), evidence=evidence))
            continue
        urls = [e.url for e in decision.evidence if e.verdict in (Verdict.ACCEPTED, Verdict.CORROBORATES) and e.url
                and e.url not in paper.sources]
        edit_record(editor, paper.key, changes, list(dict.fromkeys(urls)),
                    evidence_note(decision) + replaced_note(paper, changes))
        edited = True
        plan.outcomes.append(Outcome(paper.key, RecordStatus.PROPOSED, ", ".join(f"{k}: {v}" for k, v in changes.items())
                                     + dropped_note(decision), changes=changes, evidence=evidence))
    if edited:
        plan.after = editor.text()
        editor.validate(plan.after)
    return plan


def write(plan: UpdatePlan) -> bool:
    """Write the proposed catalog: atomic, under the folder lock ``import`` takes, refused if the
    catalog changed while the services answered."""
    return plan.editor.save(plan.after)


def report_lines(plan: UpdatePlan) -> list[str]:
    lines = [f"{plan.path}: {o.key}: {o.status}" + (f": {o.message}" if o.message else "") for o in plan.outcomes]
    return lines


def as_json(plan: UpdatePlan, stats) -> dict:
    return {
        "catalog": plan.path,
        "changed": plan.after != plan.before,
        "records": [{"key": o.key, "status": o.status, "message": o.message, "changes": o.changes,
                     "evidence": o.evidence} for o in plan.outcomes],
        "services": stats,
    }


# --- writing, and what guards it (kept apart from the record editor above) ------------------------

def write_plan(plan: UpdatePlan) -> None:
    """Write the edited catalog through its editor (under the folder lock `import` takes, and only if
    the file still holds what the plan was made from); every proposed value is checked once more first."""
    from unlearn_bib.errors import UnlearnBibError

    problems = [f"{o.key}: {p}" for o in plan.outcomes for p in change_problems(o.changes)]
    if problems:
        raise UnlearnBibError(f"{plan.path}: refusing to write values no catalog field may hold: {'; '.join(problems)}")
    write(plan)


def dropped_note(decision) -> str:
    """' (left out: ...)' for service values that failed the checks, '' when none did."""
    dropped = getattr(decision, "dropped", None)
    return f" (left out: {'; '.join(dropped)})" if dropped else ""


def change_problems(changes: dict) -> list[str]:
    """What is wrong with proposed values (service answers pass resolve.vet; this is the last check)."""
    from unlearn_bib.catalog.identifiers import CONTROL
    from unlearn_bib.resolve.vet import detail_ok

    out = []
    for name, value in changes.items():
        if name == "year":
            if not isinstance(value, int) or not 1900 <= value <= 2100:
                out.append(f"year {value!r}")
        elif name in ("needs_verification", "authors_incomplete"):
            if not isinstance(value, bool):
                out.append(f"{name} {value!r}")
        elif name == "key":
            from unlearn_bib.catalog.identifiers import KEY

            if not isinstance(value, str) or not KEY.fullmatch(value):
                out.append(f"key {str(value)[:60]!r}")
        elif not isinstance(value, str) or CONTROL.search(value) or not detail_ok(name, value):
            out.append(f"{name} {str(value)[:60]!r}")
    return out
