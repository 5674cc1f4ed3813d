"""`normalize --online`: entries the catalog does not have go through the resolver.

The catalog stays first: ``normalize_bib`` rewrites catalog papers and nothing about them
goes online. Each remaining preprint entry is resolved; a resolved one is rewritten like a
catalog paper (entry type and venue fields from the registry, the user's key, title,
authors and own fields kept), everything else in the file stays byte for byte.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from unlearn_bib.tasks.normalize import Report, Result, entry_lines
from unlearn_bib.outcomes import EntryStatus, Resolution, Verdict


@dataclass
class OnlineResult:
    result: Result
    decisions: dict[str, object] = field(default_factory=dict)  # "line:key" -> Decision


def _paper_for(entry, decision):
    """A Paper carrying the entry's own title and authors and the resolved venue."""
    from unlearn_bib.catalog import venues
    from unlearn_bib.catalog.model import Paper, Person
    from unlearn_bib.text.latex import plain
    from unlearn_bib.read.names import parse_name, split_names

    people = []
    for name in split_names(entry.fields.get("author", "")):
        parts = parse_name(name)
        if parts and parts != {"family": "others"}:  # as BibTeX: "Others" is a name
            people.append(Person(**parts))
    from unlearn_bib.match.rule import entry_ids

    ids = entry_ids(entry.fields)
    return Paper(
        key=entry.key, title=plain(entry.fields.get("title", "")), authors=tuple(people), year=decision.year,
        venue=venues.resolve(decision.venue_id, decision.year), arxiv=ids.arxiv[0] if ids.arxiv else "",
        doi=decision.doi, pages=decision.pages, volume=decision.volume, number=decision.number,
    )


def _rewrite(entry, decision) -> str:
    from unlearn_bib.tasks.normalize import merge, render_entry

    entry_type, fields, _dropped = merge(entry, _paper_for(entry, decision))
    own = {name.lower(): raw for name, raw in entry.raw_fields}
    fields = [(name, own[name.lower()]) if name.lower() in ("title", "author") and name.lower() in own else (name, raw)
              for name, raw in fields]
    from unlearn_bib.text.lines import newline_of

    newline = newline_of(entry.raw)
    return render_entry(entry_type, entry.key, fields, newline)


def _unsafe(decision) -> str:
    """What in a resolved decision may not go into a .bib ('' when nothing): the last check before a rewrite."""
    from unlearn_bib.catalog.identifiers import CONTROL
    from unlearn_bib.resolve.vet import detail_ok

    for name in ("doi", "pages", "volume", "number"):
        value = getattr(decision, name) or ""
        if value and (CONTROL.search(value) or not detail_ok(name, value)):
            return f"the service's {name} is not a valid {name}"
    return ""


def _left_out(decision) -> str:
    dropped = getattr(decision, "dropped", None)
    return f" (left out: {'; '.join(dropped)})" if dropped else ""


def _label(decision) -> str:
    from unlearn_bib.catalog import venues

    return f"{venues.short_name(decision.venue_id)} {decision.year}"


def normalize_online(text: str, catalog, path: str, client, progress=None) -> OnlineResult:
    """normalize_bib, then the resolver for the preprint entries the catalog does not have."""
    from unlearn_bib.read.bib import read_bib
    from unlearn_bib.tasks.normalize import describe, normalize_bib
    from unlearn_bib.match.venue_text import is_preprint_entry
    from unlearn_bib.match.rule import entry_ids
    from unlearn_bib.resolve.resolver import query_from_ids, resolve

    first = normalize_bib(text, catalog, path)
    unmatched = {r.line for r in first.reports if r.status == EntryStatus.UNMATCHED}
    original = read_bib(text, path).entries
    current = read_bib(first.text, path).entries
    if len(original) != len(current):  # cannot happen: normalize rewrites entries one for one
        return OnlineResult(first)
    todo = [(old, new) for old, new in zip(original, current)
            if old.line in unmatched and old.entry_type not in ("comment", "preamble", "string")
            and is_preprint_entry(old.entry_type, old.fields)]
    replacements = []
    reports = {r.line: r for r in first.reports}
    out = OnlineResult(first)
    for number, (old, new) in enumerate(todo, 1):
        if progress:
            progress(number, len(todo), old.key)
        decision = resolve(client, query_from_ids(entry_ids(old.fields)))
        out.decisions[f"{old.line}:{old.key}"] = decision
        unsafe = _unsafe(decision) if decision.status == Resolution.RESOLVED else ""
        if unsafe:
            reports[old.line] = Report(old.line, old.key, EntryStatus.UNDECIDED, f"not rewritten: {unsafe}")
        elif decision.status == Resolution.RESOLVED:
            replacements.append((new.start, new.end, _rewrite(new, decision)))
            how = "; ".join(f"{e.service} {e.record}" for e in decision.evidence if e.verdict == Verdict.ACCEPTED)
            reports[old.line] = Report(old.line, old.key, EntryStatus.RESOLVED,
                                       f"{describe(old.entry_type, old.fields)} -> {_label(decision)} "
                                       f"[resolved online ({how})]" + _left_out(decision))
        elif decision.status in (Resolution.AMBIGUOUS, Resolution.FAILED):
            reports[old.line] = Report(old.line, old.key, EntryStatus.UNDECIDED, f"not resolved online: {decision.reason}")
        else:
            reports[old.line] = Report(old.line, old.key, EntryStatus.UNMATCHED, "no published version found online")
    pieces, pos = [], 0
    for start, end, new_text in sorted(replacements):
        pieces += [first.text[pos:start], new_text]
        pos = end
    pieces.append(first.text[pos:])
    out.result = Result("".join(pieces), sorted(reports.values(), key=lambda r: r.line))
    return out


LABELS = {EntryStatus.NORMALIZED: "normalized", EntryStatus.RESOLVED: "resolved online",
          EntryStatus.CURRENT: "already current", EntryStatus.UNMATCHED: "unmatched", EntryStatus.AMBIGUOUS: "ambiguous",
          EntryStatus.UNDECIDED: "undecided online", EntryStatus.UNVERIFIED: "not rewritten",
          EntryStatus.BROKEN: "unreadable"}


def format_online_report(result: Result, path: str) -> list[str]:
    """normalize's per-entry lines plus the online outcomes, then one summary line."""
    lines = entry_lines(result, path, LABELS)
    total = sum(r.status != EntryStatus.BROKEN for r in result.reports)
    counts = [f"{result.count(s)} {label}" for s, label in LABELS.items() if s != EntryStatus.BROKEN
              and (result.count(s) or s in (EntryStatus.NORMALIZED, EntryStatus.RESOLVED, EntryStatus.CURRENT,
                                            EntryStatus.UNMATCHED))]
    lines.append(f"{path}: {total} entries: {', '.join(counts)}")
    return lines
