"""`unlearn-bib update`: propose published versions of the catalog's preprints, as a diff.

Each preprint (and, with ``missing``, each record lacking a DOI or pages) goes through the
resolver. A resolved record is edited as text, like ``import`` grows the catalog: only the
changed lines of that record move, comments and layout elsewhere stay byte for byte. The
evidence links are appended to ``sources`` and a sentence to ``notes``. A record with
``pinned: true`` (or ``pinned: [venue, ...]``) keeps what a person decided.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from unlearn_bib.errors import Problem, UnlearnBibError
from unlearn_bib.text.lines import line_at_bytes, newline_of, split_lines
from unlearn_bib.catalog.validate import PINNABLE

SERVICE_NAMES = {"arxiv": "arXiv", "crossref": "Crossref", "dblp": "DBLP", "openreview": "OpenReview",
                 "s2": "Semantic Scholar"}


@dataclass
class Outcome:
    key: str
    status: str  # proposed | unpublished | ambiguous | failed | pinned | current
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

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def _open(path: str | None):
    from pathlib import Path

    from unlearn_bib.catalog.load import default_catalog_path, read_bytes
    from unlearn_bib.files.yamlio import load_yaml
    from unlearn_bib.catalog.validate import build_catalog

    target = Path(path) if path else default_catalog_path()
    shown = str(path) if path else "papers.yaml"
    data = read_bytes(target)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from unlearn_bib.errors import error_at

        raise error_at(shown, line_at_bytes(data, exc.start), "not valid UTF-8") from None
    raw = load_yaml(data, shown)
    catalog = build_catalog(raw, shown, strict=False)
    pins = {}
    for record in raw.get("papers") or []:
        if isinstance(record, dict) and "pinned" in record:
            value = record["pinned"]
            pins[record.get("key")] = set(PINNABLE) if value is True else set(value or [])
    return str(target), shown, text, catalog, pins


def candidates(catalog, missing: bool):
    """The records to check: preprints, and with ``missing`` published ones lacking a DOI or pages.

    Records imported from a list (``needs_verification``) are completed by ``tasks.complete`` instead.
    """
    for paper in catalog:
        if paper.needs_verification:
            continue
        if paper.venue.is_preprint and paper.arxiv:
            yield paper, "preprint"
        elif missing and paper.arxiv and (not paper.doi or not paper.pages):
            yield paper, "missing"


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
    for name in ("volume", "number", "pages", "doi", "openreview"):
        value = getattr(decision, name)
        if value and not getattr(paper, name):
            new[name] = value
    return {k: v for k, v in new.items() if k not in pinned}


# --- editing one record as text ------------------------------------------------------------------

def _record_span(lines: list[str], key: str) -> tuple[int, int, int]:
    """(first line, end line, field indent) of the papers item whose key is ``key``."""
    head = re.compile(rf"^(\s*)- key:\s*['\"]?{re.escape(key)}['\"]?\s*(#.*)?$")
    for i, line in enumerate(lines):
        m = head.match(line.rstrip("\r\n"))
        if m:
            item_indent = len(m.group(1))
            end = i + 1
            while end < len(lines):
                text = lines[end].rstrip("\r\n")
                if text.strip() and not text.lstrip().startswith("#"):
                    indent = len(text) - len(text.lstrip())
                    if indent <= item_indent:
                        break
                end += 1
            while end - 1 > i and not lines[end - 1].strip():
                end -= 1
            return i, end, item_indent + 2
    raise UnlearnBibError(f"record {key!r} not found as '- key: {key}' in the catalog text")


def _field_span(lines: list[str], start: int, end: int, indent: int, name: str) -> tuple[int, int] | None:
    """(first line, end line) of one field of a record, continuation lines and list items included."""
    pattern = re.compile(rf"^(?:\s*- |\s{{{indent}}}){re.escape(name)}:(\s|$)")
    for i in range(start, end):
        if pattern.match(lines[i]):
            j = i + 1
            while j < end and lines[j].strip() and len(lines[j]) - len(lines[j].lstrip()) > indent:
                j += 1
            return i, j
    return None


def edit_record(text: str, key: str, changes: dict, sources: list[str], note: str) -> str:
    """The catalog text with one record's fields set, sources appended and a note added."""
    from unlearn_bib.files.yamlio import RECORD_ORDER, load_yaml, yaml_scalar

    newline = newline_of(text)
    lines = split_lines(text)
    start, end, indent = _record_span(lines, key)
    pad = " " * indent

    def set_field(name: str, value_lines: list[str]) -> None:
        nonlocal end
        span = _field_span(lines, start, end, indent, name)
        if span:
            first = lines[span[0]]
            lead = first[: len(first) - len(first.lstrip())]
            lead = lead + "- " if first.lstrip().startswith("- ") else lead
            value_lines = [lead + value_lines[0].lstrip()] + value_lines[1:]
            lines[span[0]:span[1]] = value_lines
            end += len(value_lines) - (span[1] - span[0])
            return
        order = RECORD_ORDER.index(name) if name in RECORD_ORDER else len(RECORD_ORDER)
        after = start
        for other in RECORD_ORDER[:order]:
            found = _field_span(lines, start, end, indent, other)
            if found:
                after = max(after, found[1] - 1)
        while after + 1 < end and not lines[after].strip():
            after -= 1
        lines[after + 1:after + 1] = value_lines
        end += len(value_lines)

    for name, value in changes.items():
        set_field(name, [f"{pad}{name}: {yaml_scalar(value)}{newline}"])
    if sources:
        span = _field_span(lines, start, end, indent, "sources")
        if span:
            items = lines[span[0] + 1:span[1]]
            item_pad = next((ln[: len(ln) - len(ln.lstrip())] for ln in items if ln.lstrip().startswith("- ")), pad + "  ")
            new = [f"{item_pad}- {yaml_scalar(s)}{newline}" for s in sources]
            lines[span[1]:span[1]] = new
            end += len(new)
        else:
            set_field("sources", [f"{pad}sources:{newline}"] + [f"{pad}  - {yaml_scalar(s)}{newline}" for s in sources])
    if note:
        span = _field_span(lines, start, end, indent, "notes")
        old = ""
        if span:
            snippet = "".join(lines[span[0]:span[1]]).lstrip()
            old = str((load_yaml(snippet.encode("utf-8"), "notes") or {}).get("notes") or "")
        value = f"{old.rstrip()} {note}".strip() if old else note
        set_field("notes", [f"{pad}notes: {yaml_scalar(value)}{newline}"])
    return "".join(lines)


def evidence_note(decision) -> str:
    """One sentence for the record's notes: what was found where, by which anchor."""
    from unlearn_bib.catalog import venues

    base, _, track = decision.venue_id.partition("/")
    label = venues.short_name(decision.venue_id) if track else venues.short_name(base)
    found = "; ".join(f"{SERVICE_NAMES.get(e.service, e.service)} {e.record} ({e.anchor or 'same title and first author'})"
                      for e in decision.evidence if e.verdict in ("accepted", "corroborates"))
    return f"`unlearn-bib update` found the published version ({label} {decision.year}): {found}."


def plan_update(client, path: str | None = None, *, missing: bool = False, progress=None) -> UpdatePlan:
    """Resolve the catalog's preprints and return the edited catalog text (nothing written)."""
    from unlearn_bib.files.yamlio import load_yaml
    from unlearn_bib.resolve.resolver import query_from_paper, resolve
    from unlearn_bib.catalog.validate import build_catalog

    file, shown, text, catalog, pins = _open(path)
    plan = UpdatePlan(shown, file, text, text)
    todo = list(candidates(catalog, missing))
    after = text
    for number, (paper, kind) in enumerate(todo, 1):
        if progress:
            progress(number, len(todo), paper.key)
        pinned = pins.get(paper.key, set())
        if pinned >= set(PINNABLE):
            plan.outcomes.append(Outcome(paper.key, "pinned", "pinned: true; not checked"))
            continue
        decision = resolve(client, query_from_paper(paper))
        evidence = [e.as_dict() for e in decision.evidence]
        if decision.status != "resolved":
            plan.outcomes.append(Outcome(paper.key, decision.status, decision.reason, evidence=evidence))
            continue
        changes = changes_for(paper, decision, kind, pinned)
        if not changes:
            why = "pinned" if pinned else "current"
            plan.outcomes.append(Outcome(paper.key, why, f"{decision.venue_id} {decision.year}: nothing to change"
                                         + (f" (pinned: {', '.join(sorted(pinned))})" if pinned else ""), evidence=evidence))
            continue
        urls = [e.url for e in decision.evidence if e.verdict in ("accepted", "corroborates") and e.url
                and e.url not in paper.sources]
        after = edit_record(after, paper.key, changes, list(dict.fromkeys(urls)), evidence_note(decision))
        plan.outcomes.append(Outcome(paper.key, "proposed", ", ".join(f"{k}: {v}" for k, v in changes.items()),
                                     changes=changes, evidence=evidence))
    if after != text:
        try:
            build_catalog(load_yaml(after.encode("utf-8"), shown), shown, strict=False)
        except UnlearnBibError as exc:
            raise UnlearnBibError(Problem(f"the update would leave {shown} invalid; nothing written:"),
                                  *exc.problems) from None
    plan.after = after
    return plan


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


# public names for tasks.complete, which edits records the same way
open_catalog = _open
record_span = _record_span
field_span = _field_span
