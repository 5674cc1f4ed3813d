"""The catalog side of ``unlearn-bib import``: the plan, duplicates, growing papers.yaml as text, writing.

The sources are read by ``import_bib`` (a .bib file) and ``import_table`` (an awesome
list's Markdown tables); both call ``decide`` per paper and ``grow`` once. Papers already
in the catalog are recognised with the same rule ``normalize`` uses (``unlearn_bib.match``)
and skipped. New records get keys by the catalog's rule
(``keys.make_key``), venues from the registry (an unknown venue is an error naming it),
and ``needs_verification: true``: a .bib or a table row is a lead, not a verified fact.

The catalog file is grown by inserting the new lines into its own text (``_spliced``), or, for a
layout that route does not know, through ``catalog.edit`` (a round trip): either way only the new
lines change. New sections go to the end of the list, a new record to the end of its section or
beside the rows it sat between in a table. The new text is validated before anything is written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from unlearn_bib.errors import Location, Problem
from unlearn_bib.outcomes import ImportCount, MatchStatus
from unlearn_bib.catalog.model import Catalog



@dataclass
class Plan:
    """What an import would do: the new catalog text and a report line per item."""

    path: str  # as shown to the user
    file: str  # the file to write
    before: str
    after: str
    reports: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # new keys
    counts: dict[str, int] = field(default_factory=dict)
    matched: dict[int, str] = field(default_factory=dict)  # source line -> the catalog key it already is
    fresh: tuple | None = None  # a new catalog: (sections, records, newline) its text was written from

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


# --- the catalog file ---------------------------------------------------------------------------

@dataclass
class Target:
    """The catalog file an import grows: where it is, its text, what it holds, and its editor."""

    path: str
    shown: str
    text: str
    catalog: Catalog
    editor: object = None  # catalog.edit.Editor


def open_catalog(path: str | None) -> Target:
    """The catalog to grow (``None``: the one ``--papers`` would default to; never the packaged
    snapshot); a missing or empty file starts one."""
    from unlearn_bib.catalog.edit import open_for_edit

    editor = open_for_edit(path)
    return Target(editor.file, editor.shown, editor.before.decode("utf-8"), editor.catalog, editor)


def grow(target: Target, sections: list[tuple[str, str]], records: list[dict],
         places: dict[str, tuple[str, str]] | None = None) -> str:
    """The catalog text with new sections appended and new records placed: each at the end of
    its section, or where ``places`` says (key -> ("after" | "before", another key))."""
    editor = target.editor
    if not editor.before and records:  # a new catalog: written out directly, as the editor would lay it out
        from unlearn_bib.catalog.edit import validate_text

        text, data = _new_catalog(sections, records, editor.newline, read_back=True)
        validate_text(text, editor.shown, data)  # data: the text's reading, known without parsing it back
        return text
    spliced = _spliced(target, sections, records, places or {})
    if spliced is not None:
        editor.validate(spliced)
        return spliced
    for section_id, title in sections:
        editor.add_section(section_id, title)
    for record in records:
        how, other = (places or {}).get(record["key"], ("", None))
        editor.add_records([record], after=other if how == "after" else None,
                           before=other if how == "before" else None)
    text = editor.text()
    editor.validate(text)
    return text


class FreshEditor:
    """The editor of a catalog an import has just started (``Plan.fresh``): its records are the import's
    own dicts, edited as ``catalog.edit.Editor`` edits records (the same calls) and written out again as
    ``_new_catalog`` wrote them, without the round-trip YAML tree (thousands of records: seconds)."""

    def __init__(self, plan: Plan):
        from unlearn_bib.catalog.edit import validate_text

        self.sections, records, self.newline = plan.fresh
        self.file, self.shown, self.before = plan.file, plan.path, plan.after.encode("utf-8")
        self.catalog = validate_text(plan.after, plan.path)  # the text the import checked: read once
        self.doc = {"papers": records}
        self._by = {r["key"]: r for r in records}

    def record(self, key: str) -> dict:
        return self._by[key]

    def set_fields(self, key: str, fields: dict) -> None:
        record = self._by[key]
        record.update(fields)
        if record["key"] != key:
            self._by[record["key"]] = self._by.pop(key)

    def append_to(self, key: str, name: str, values: list) -> None:
        if values:
            self._by[key][name] = list(self._by[key].get(name) or []) + list(values)

    def remove_field(self, key: str, name: str) -> None:
        self._by[key].pop(name, None)

    def text(self) -> str:
        return _new_catalog(self.sections, self.doc["papers"], self.newline)

    def validate(self, text: str):
        from unlearn_bib.catalog.edit import validate_text

        return validate_text(text, self.shown)


def _new_catalog(sections: list[tuple[str, str]], records: list[dict], newline: str, read_back: bool = False):
    """A new catalog's text without the round-trip editor (thousands of records from one list):
    sections, then each section's records in the order given, one blank line between records.
    ``read_back``: (text, what ``load_yaml`` reads from it, or None to let it read the text)."""
    from unlearn_bib.catalog.edit import NEW_CATALOG_HEAD
    from unlearn_bib.files.yamlio import dump_record, yaml_scalar

    rank = {sid: i for i, (sid, _) in enumerate(sections)}
    ordered = sorted(records, key=lambda r: rank.get(r.get("section"), len(rank)))  # stable: list order kept
    head = NEW_CATALOG_HEAD + "sections:\n"
    head += "".join(f"  - id: {yaml_scalar(i)}\n    title: {yaml_scalar(t)}\n" for i, t in sections) + "\npapers:\n"
    dumps = [dump_record(r) for r in ordered]
    text = head + "\n".join(dumps)
    data = _as_read(sections, ordered, dumps, head, text) if read_back else None
    text = text.replace("\n", newline) if newline != "\n" else text
    return (text, data) if read_back else text


def _as_read(sections, ordered: list[dict], dumps: list[str], head: str, text: str):
    """What ``load_yaml`` gives for the text ``_new_catalog`` wrote (each scalar reads back as written: ``yaml_scalar``),
    with the same lines, built from the records; None when a line break other than LF could count lines otherwise."""
    from unlearn_bib.catalog.edit import NEW_CATALOG_HEAD
    from unlearn_bib.files.yamlio import Marked

    if not sections or any(ch in text for ch in "\r\x85\u2028\u2029"):
        return None

    def marked(line: int, values: dict, lines: dict) -> Marked:
        out = Marked(values)
        out.line, out.key_lines = line, lines
        return out

    top = NEW_CATALOG_HEAD.count("\n") + 1  # "sections:"
    listed = [marked(top + 1 + 2 * n, {"id": i, "title": t}, {"id": top + 1 + 2 * n, "title": top + 2 + 2 * n})
              for n, (i, t) in enumerate(sections)]
    line, papers = head.count("\n") + 1, []
    for record, dump in zip(ordered, dumps):
        rows = dump.split("\n")[:-1]
        lines = {row.lstrip(" -").split(":", 1)[0]: line + n for n, row in enumerate(rows) if not row.startswith("      ")}
        values = {name: ([marked(lines[name] + 1 + n, v, dict.fromkeys(v, lines[name] + 1 + n)) if isinstance(v, dict)
                          else v for n, v in enumerate(record[name])] or None)  # "name:" alone: null
                  if isinstance(record[name], list) else record[name] for name in lines}  # in the text's order
        papers.append(marked(line, values, lines))
        line += len(rows) + 1
    return marked(top, {"sections": listed, "papers": papers}, {"sections": top, "papers": head.count("\n")})


_BLOCK_SCALAR = re.compile(r"^[^#\n]*:\s+[|>][+-]?\d*\s*(#.*)?$", re.M)


def _spliced(target: Target, sections: list[tuple[str, str]], records: list[dict],
             places: dict[str, tuple[str, str]]) -> str | None:
    """The grown catalog text made by inserting the new lines into the file's own text, placed as
    the editor would place them (``Editor.add_records``: a hint's neighbour, else the end of the
    record's section), or None when the file is not laid out as papers.yaml is (then the
    round-trip editor does it). Every existing line stays as it is, byte for byte: only lines are
    inserted. Linear in the records, where the editor's tree costs seconds for thousands."""
    from unlearn_bib.files.yamlio import dump_record, yaml_scalar

    editor = target.editor
    doc, text = editor.doc, target.text
    papers, listed = doc.get("papers"), doc.get("sections")
    if (editor.newline not in ("\n", "\r\n") or editor.bom or not papers or not listed or editor._pending
            or getattr(papers.fa, "flow_style", lambda: False)() or _BLOCK_SCALAR.search(text)
            or not all(isinstance(p, dict) and isinstance(p.get("key"), str) for p in papers)):
        return None
    lines = re.split(r"(?<=\n)", text)
    if not lines[-1]:
        lines.pop()
    if not lines or not lines[-1].endswith("\n") or re.match(r"^( *)-( +)\S", lines[papers[0].lc.line]) is None:
        return None
    starts = [p.lc.line for p in papers]
    if any(not re.match(r"^  - \S", lines[at]) for at in starts) or not re.match(r"^  - \S", lines[listed[-1].lc.line]):
        return None  # not the "  - key:" layout dump_record writes
    above = starts[-1] - 1
    while above > 0 and lines[above].lstrip().startswith("#"):
        above -= 1
    if len(starts) > 1 and lines[above].strip():
        return None  # records not separated by a blank line (the editor keeps that layout)
    old_keys = [p["key"] for p in papers]
    where = {key: j for j, key in enumerate(old_keys)}
    section_of = [p.get("section") for p in papers]
    rank = {s.get("id"): i for i, s in enumerate(listed) if isinstance(s, dict)}
    for sid, _ in sections:
        rank.setdefault(sid, len(rank))
    gaps: list[list[str]] = [[] for _ in range(len(papers) + 1)]  # gap j: new records before old record j
    gap_of: dict[str, int] = {}
    last: dict[str, tuple] = {}  # section -> (gap, is_old, key) of its last record in the file's order
    for j, sid in enumerate(section_of):
        last[sid] = (j, True, old_keys[j])
    top = max((rank.get(sid, -1) for sid in section_of), default=-1)

    def order(entry):  # comparable position of a last-record entry
        gap, old, key = entry
        return (gap + 1, -1, 0) if old else (gap, 0, gaps[gap].index(key))

    for record in records:
        key, sid = record["key"], record.get("section", "")
        how, other = places.get(key, ("", None))
        if other in where:
            gap, at = (where[other] + 1, 0) if how == "after" else (where[other], len(gaps[where[other]]))
        elif other in gap_of:
            gap = gap_of[other]
            at = gaps[gap].index(other) + (1 if how == "after" else 0)
        elif sid in last:
            gap, old, mine = last[sid]
            gap, at = (gap + 1, 0) if old else (gap, gaps[gap].index(mine) + 1)
        elif rank.get(sid, len(rank)) > top:
            gap, at = len(papers), len(gaps[-1])
        else:
            return None  # a first record for a section ranked among others: the editor decides
        gaps[gap].insert(at, key)
        gap_of[key] = gap
        entry = (gap, False, key)
        if sid not in last or order(entry) > order(last[sid]):
            last[sid] = entry
    if len(set(gap_of)) != len(records):
        return None
    end = editor.newline
    body = {r["key"]: dump_record(r).replace("\n", end) for r in records}
    inserts: dict[int, str] = {}
    for j in range(len(papers)):
        if gaps[j]:
            at = starts[j]
            while at > 0 and lines[at - 1].lstrip().startswith("#"):
                at -= 1  # a comment above a record stays with it
            inserts[at] = "".join(body[k] + end for k in gaps[j])
    if gaps[-1]:
        inserts[_content_end(lines, starts[-1])] = "".join(end + body[k] for k in gaps[-1])
    if sections:
        added = "".join(f"  - id: {yaml_scalar(i)}{end}    title: {yaml_scalar(t)}{end}" for i, t in sections
                        if i not in {s.get("id") for s in listed if isinstance(s, dict)})
        at = _content_end(lines, listed[-1].lc.line)
        inserts[at] = added + inserts.get(at, "")
    out = []
    for index, line in enumerate(lines):
        out.append(inserts.get(index, ""))
        out.append(line)
    out.append(inserts.get(len(lines), ""))
    return "".join(out)


def _content_end(lines: list[str], start: int) -> int:
    """The index of the line after the last line of the list item starting at ``start`` (its own
    lines, not the blank lines and comments after it)."""
    end = start + 1
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if len(line) - len(line.lstrip(" ")) <= 2:
            break
        end = index + 1
    return end


def places_in_table(rows: list[tuple[str, str]], section_of: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Where each new record of one table goes so the table regenerates in the row order it
    was read in: ``rows`` are (key, "old" | "new") in table order, ``section_of`` the catalog
    section of each key. A new row goes after the nearest row above it that the catalog holds
    in the same section (or added just before), else before the nearest such row below it."""
    places: dict[str, tuple[str, str]] = {}
    for at, (key, kind) in enumerate(rows):
        if kind != "new":
            continue
        mine = section_of.get(key)
        above = next((k for k, _ in reversed(rows[:at]) if section_of.get(k) == mine), None)
        below = next((k for k, what in rows[at + 1:] if what == "old" and section_of.get(k) == mine), None)
        if above:
            places[key] = ("after", above)
        elif below:
            places[key] = ("before", below)
    return places


def slug(title: str) -> str:
    """A section id from a heading ("Concept Unlearning" -> "concept-unlearning")."""
    from unlearn_bib.text.fold import ascii_fold

    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(title).lower()).strip("-") or "section"


# --- shared bookkeeping ----------------------------------------------------------------------------

class Seen:
    """Identifiers of the papers this import has already accepted, to refuse a second copy."""

    def __init__(self):
        self.where: dict[tuple[str, str], tuple[int, str]] = {}

    def first(self, ids) -> tuple[str, int, str] | None:
        keys = [("arXiv id", a) for a in ids.arxiv] + [("DOI", d) for d in ids.doi]
        keys += [("OpenReview id", o) for o in ids.openreview] + [("title", ids.norm_title)]
        for kind, value in keys:
            if value and (kind, value) in self.where:
                line, title = self.where[(kind, value)]
                return f"{kind} {value}" if kind != "title" else "the same title", line, title
        return None

    def add(self, ids, line: int, title: str) -> None:
        for kind, values in (("arXiv id", ids.arxiv), ("DOI", ids.doi), ("OpenReview id", ids.openreview),
                             ("title", (ids.norm_title,))):
            for value in values:
                if value:
                    self.where.setdefault((kind, value), (line, title))


def take_year(record: dict | None, later: dict | None, line: int, taken: set[str]) -> tuple[str, str] | None:
    """(old key, new key) when ``record`` (imported from an undated list row) takes the year of ``later``, the
    record the dated row on ``line`` of the same paper would make (and its venue, when the undated row named
    none); the key is remade by the rule with the year."""
    from unlearn_bib.catalog.keys import make_key

    if record is None or "year" in record or not later or "year" not in later:
        return None
    record["year"] = later["year"]
    if "venue" not in record and "venue_text" not in record:
        record.update({k: later[k] for k in ("venue", "track", "venue_text") if k in later})
    record["notes"] = re.sub(r" No year: .*$", "", record["notes"]) + f" The year {later['year']} from line {line}."
    old, first = record["key"], (record.get("authors") or [{}])[0]
    record["key"] = make_key(first.get("family") or first.get("literal", ""), later["year"], record["title"], taken - {old})
    taken.discard(old)
    taken.add(record["key"])
    return old, record["key"]


def record_problems(record: dict, where: Location, what: str) -> list[Problem]:
    """Check a new record's identifiers and links against the catalog's patterns, and its text
    for control characters, naming the line of the .bib or README it came from."""
    from unlearn_bib.catalog import identifiers as patterns

    problems = []
    checks = {"arxiv": (patterns.ARXIV_ID, "arXiv id"), "primary_class": (patterns.ARXIV_CLASS, "arXiv category"),
              "doi": (patterns.DOI, "DOI"), "openreview": (patterns.OPENREVIEW, "OpenReview id"),
              "pages": (patterns.PAGES, "page range")}
    links = {"url": "link", "list_link": "link", "code": "code link"}
    for name, value in record.items():
        if name in checks and not checks[name][0].match(value):
            problems.append(Problem(f"{what}: malformed {checks[name][1]} {value!r}", where))
        elif name in links and not patterns.is_web_url(value):
            problems.append(Problem(f"{what}: the {links[name]} {patterns.link_problem(value)}", where,
                                    "only web links are accepted: no javascript:, data: or file:"))
        elif name != "notes" and any(patterns.CONTROL.search(text) for text in (
                [value] if isinstance(value, str) else [v for person in value for v in person.values()]
                if name == "authors" else [])):
            problems.append(Problem(f"{what}: the {name} holds a control character or an invisible direction mark",
                                    where))
    return problems


def venue_fields(vid: str) -> dict:
    """The record's venue (and track) fields for a registry id ("cvpr/workshop")."""
    from unlearn_bib.catalog import venues

    base, _, track = vid.partition("/")
    out = {"venue": venues.short_name(base)}
    if track:
        out["track"] = track
    return out


def decide(ids, index, seen: Seen, plan: Plan, where: str, line: int, title: str) -> bool:
    """Report whether a paper is new; True means: add it. Every paper read is remembered, so a
    second row or entry for it is reported as a duplicate even when the catalog has it."""
    from unlearn_bib.match.rule import match

    earlier = seen.first(ids)
    if earlier:
        how, first_line, first_title = earlier
        plan.reports.append(f"{where}: duplicate: {how} already on line {first_line} ({first_title!r}); not added twice")
        plan.count(ImportCount.DUPLICATE)
        return False
    seen.add(ids, line, title)
    found = match(ids, index)
    if found.status == MatchStatus.MATCHED:
        plan.matched[line] = found.paper.key
        plan.reports.append(f"{where}: already in the catalog as {found.paper.key} ({found.how})")
        plan.count(ImportCount.ALREADY)
        return False
    if found.status == MatchStatus.AMBIGUOUS:
        plan.reports.append(f"{where}: ambiguous: {found.reason}; not added")
        plan.count(ImportCount.AMBIGUOUS)
        return False
    return True


def summary(plan: Plan, source: str) -> str:
    """One line of counts: "README.md: 3 added, 37 already in the catalog"."""
    always = (ImportCount.ADDED, ImportCount.ALREADY)
    parts = [f"{plan.counts.get(k, 0)} {k}" for k in ImportCount if k in plan.counts or k in always]
    return f"{source}: {', '.join(parts)}"


def write(plan: Plan) -> None:
    """Write the grown catalog atomically under the folder lock (nothing when nothing changed)."""
    from unlearn_bib.catalog.edit import save_text

    if plan.after != plan.before:
        save_text(plan.file, plan.path, plan.before.encode("utf-8"), plan.after)
