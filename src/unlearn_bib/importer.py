"""Grow the catalog from a .bib file or from an awesome list's Markdown tables.

Papers already in the catalog are recognised with the same rule ``normalize`` uses
(``unlearn_bib.normalize.match``) and skipped. New records get keys by the catalog's rule
(``keys.make_key``), venues from the registry (an unknown venue is an error naming it),
and ``needs_verification: true``: a .bib or a table row is a lead, not a verified fact.

The catalog file is grown as text: new sections and records are appended to the end of
their lists, so existing records, their order and comments stay byte for byte. The new
text is validated before anything is written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from unlearn_bib.errors import Location, Problem, UnlearnBibError, error_at
from unlearn_bib.model import Catalog

NEW_CATALOG_HEAD = (
    "# unlearn-bib catalog, started by `unlearn-bib import`. Records marked needs_verification came\n"
    "# from a .bib file or a Markdown table: add authors and sources, then drop the mark\n"
    "# (`unlearn-bib check` lists them).\n"
)


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

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


# --- the catalog file ---------------------------------------------------------------------------

@dataclass
class _Target:
    path: str
    shown: str
    text: str
    catalog: Catalog


def _open_catalog(path: str | None) -> _Target:
    from unlearn_bib.catalog import default_catalog_path, load_yaml, read_bytes
    from unlearn_bib.validate import build_catalog

    if path is None:
        from unlearn_bib import catalog as catalog_module

        target = default_catalog_path()
        if target == catalog_module.PACKAGED_CATALOG:  # an installed copy: never write into site-packages
            raise UnlearnBibError("not in a clone of unlearn-bib: pass the catalog to grow with --papers FILE")
        shown = "papers.yaml"
    else:
        target, shown = Path(path), str(path)
    if not target.exists() or not read_bytes(target).strip():
        return _Target(str(target), shown, "", Catalog((), (), shown))
    data = read_bytes(target)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error_at(shown, data[: exc.start].count(b"\n") + 1, "not valid UTF-8") from None
    return _Target(str(target), shown, text, build_catalog(load_yaml(data, shown), shown, strict=False))


def _list_block(lines: list[str], key: str, shown: str) -> tuple[int, int, int] | None:
    """(index of the ``key:`` line, index to insert new items at, item indent), or None if absent."""
    head = re.compile(rf"^{key}:\s*(\[\s*\])?\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if head.match(line.rstrip("\r\n"))), None)
    if start is None:
        if any(line.startswith(f"{key}:") for line in lines):
            raise error_at(shown, next(i for i, line in enumerate(lines) if line.startswith(f"{key}:")) + 1,
                           f"cannot append to '{key}' written in flow style; write it as a block list")
        return None
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[^\s#\-]", lines[i])), len(lines))
    if end < len(lines):
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
    indent = next((len(m.group(1)) for line in lines[start + 1:end] if (m := re.match(r"^(\s*)- ", line))), 2)
    return start, end, indent


def _reindent(block: str, indent: int) -> str:
    """dump_record writes items at indent 2; move them to the list's own indent."""
    shift = indent - 2
    out = []
    for line in block.splitlines(True):
        out.append(" " * shift + line if shift >= 0 else line[min(-shift, len(line) - len(line.lstrip(" "))):])
    return "".join(out)


def _insert(text: str, key: str, items: list[str], shown: str) -> str:
    """Append YAML list items (each in dump_record's layout) to the top-level list ``key``."""
    if not items:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    found = _list_block(lines, key, shown)
    if found is None:
        lines += [newline, f"{key}:{newline}"]
        start, end, indent = len(lines) - 1, len(lines), 2
    else:
        start, end, indent = found
        if "[" in lines[start]:  # "papers: []  # a comment" -> "papers:  # a comment"
            lines[start] = re.sub(r":\s*\[\s*\]", ":", lines[start], count=1)
    previous = lines[end - 1] if end > 0 else ""
    chunk: list[str] = []
    for item in items:
        if key == "papers" and (chunk or (end - 1 != start and previous.strip())):
            chunk.append(newline)  # papers.yaml separates records by a blank line
        chunk.append(_reindent(item, indent).replace("\n", newline))
    return "".join(lines[:end] + chunk + lines[end:])


def _section_item(section_id: str, title: str) -> str:
    from unlearn_bib.catalog import yaml_scalar

    return f"  - id: {yaml_scalar(section_id)}\n    title: {yaml_scalar(title)}\n"


def _grow(target: _Target, sections: list[tuple[str, str]], records: list[dict]) -> str:
    from unlearn_bib.catalog import dump_record, load_yaml
    from unlearn_bib.validate import build_catalog

    text = target.text
    if not text.strip():
        text = NEW_CATALOG_HEAD + "sections:\n" + "".join(_section_item(i, t) for i, t in sections) + "\npapers:\n"
        text += "\n".join(dump_record(r) for r in records)
    else:
        text = _insert(text, "sections", [_section_item(i, t) for i, t in sections], target.shown)
        text = _insert(text, "papers", [dump_record(r) for r in records], target.shown)
    try:
        build_catalog(load_yaml(text.encode("utf-8"), target.shown), target.shown, strict=False)
    except UnlearnBibError as exc:
        raise UnlearnBibError(Problem(f"the import would leave {target.shown} invalid; nothing written:"),
                              *exc.problems) from None
    return text


def slug(title: str) -> str:
    from unlearn_bib.keys import ascii_fold

    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(title).lower()).strip("-") or "section"


# --- shared bookkeeping ----------------------------------------------------------------------------

class _Seen:
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


def record_problems(record: dict, where: Location, what: str) -> list[Problem]:
    """Check a new record's identifiers and links against the catalog's patterns, and its text
    for control characters, naming the line of the .bib or README it came from."""
    from unlearn_bib import patterns, validate

    problems = []
    checks = {"arxiv": (validate.ARXIV_ID, "arXiv id"), "primary_class": (validate.ARXIV_CLASS, "arXiv category"),
                "doi": (validate.DOI, "DOI"), "openreview": (validate.OPENREVIEW, "OpenReview id"),
                "pages": (validate.PAGES, "page range")}
    for name, value in record.items():
        if name in checks and not checks[name][0].match(value):
            problems.append(Problem(f"{what}: malformed {checks[name][1]} {value!r}", where))
        elif name in validate.LINK_FIELDS and not patterns.is_web_url(value):
            label = {"url": "link", "list_link": "link", "code": "code link"}[name]
            problems.append(Problem(f"{what}: the {label} {value!r} is not an http:// or https:// address", where,
                                    "only web links are accepted: no javascript:, data: or file:"))
        elif name != "notes" and any(validate.CONTROL.search(text) for text in (
                [value] if isinstance(value, str) else [v for person in value for v in person.values()]
                if name == "authors" else [])):
            problems.append(Problem(f"{what}: the {name} holds a control character or an invisible direction mark",
                                    where))
    return problems


def _venue_fields(vid: str) -> dict:
    from unlearn_bib import venues

    base, _, track = vid.partition("/")
    out = {"venue": venues.short_name(base)}
    if track:
        out["track"] = track
    return out


def _decide(ids, index, seen: _Seen, plan: Plan, where: str, line: int, title: str) -> bool:
    """Report whether a paper is new; True means: add it. Every paper read is remembered, so a
    second row or entry for it is reported as a duplicate even when the catalog has it."""
    from unlearn_bib.normalize import match

    earlier = seen.first(ids)
    if earlier:
        how, first_line, first_title = earlier
        plan.reports.append(f"{where}: duplicate: {how} already on line {first_line} ({first_title!r}); not added twice")
        plan.count("duplicate")
        return False
    seen.add(ids, line, title)
    found = match(ids, index)
    if found.status == "matched":
        plan.reports.append(f"{where}: already in the catalog as {found.paper.key} ({found.how})")
        plan.count("already in the catalog")
        return False
    if found.status == "ambiguous":
        plan.reports.append(f"{where}: ambiguous: {found.reason}; not added")
        plan.count("ambiguous")
        return False
    return True


# --- from BibTeX --------------------------------------------------------------------------------------

def bib_title(raw: str) -> str:
    """A BibTeX title as the catalog writes titles: plain Unicode, {...} kept as case protection."""
    from unlearn_bib.latex import decode
    from unlearn_bib.normalize import _closing

    text = raw.strip()
    while text.startswith("{") and _closing(text, 0) == len(text) - 1:  # {{Whole Title}}
        text = text[1:-1].strip()
    out, i = [], 0
    while i < len(text):
        if text[i] == "{" and not text.startswith("{\\", i):
            end = _closing(text, i)
            if end > 0:
                out.append("{" + decode(text[i + 1:end]) + "}")
                i = end + 1
                continue
        j = i + 1
        while j < len(text) and not (text[j] == "{" and not text.startswith("{\\", j)):
            if text[j] == "{":  # an accent group: skip it whole
                end = _closing(text, j)
                j = end + 1 if end > 0 else j + 1
            else:
                j += 1
        out.append(decode(text[i:j]))
        i = j
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _pages(text: str) -> str:
    text = re.sub(r"\s*(?:-+|–|—)\s*", "--", text.strip())
    return text if re.fullmatch(r"[0-9A-Za-z]+(--[0-9A-Za-z]+)?", text) else ""


def record_from_entry(entry, section: str, taken: set[str], source: str) -> tuple[dict, list[Problem]]:
    """A catalog record (needs_verification) for a BibTeX entry, or the problems that prevent one."""
    from unlearn_bib import validate
    from unlearn_bib.keys import make_key
    from unlearn_bib.normalize import _year, container_venue, is_preprint_entry, parse_name, plain, split_names

    where = Location(source, entry.line)
    problems = []
    fields = entry.fields
    ids = entry.ids()
    title = bib_title(fields.get("title", ""))
    if not title:
        problems.append(Problem(f"entry {entry.key!r} has no title", where))
    year = _year(fields)
    if year is None:
        problems.append(Problem(f"entry {entry.key!r} has no year", where))
    people = [parse_name(n) for n in split_names(fields.get("author", ""))]
    truncated = any(p == {"family": "others"} for p in people)
    authors = [p for p in people if p and p != {"family": "others"}]
    if is_preprint_entry(entry.entry_type, fields):
        vid = "arxiv"
    else:
        container = fields.get("booktitle") or fields.get("journal") or ""
        vid = container_venue(container, year)
        if vid is None and not plain(container):
            problems.append(Problem(f"entry {entry.key!r} names no venue (no booktitle, journal or arXiv id)", where,
                                    "add the venue, or leave the entry out of the import"))
        elif vid is None:
            problems.append(Problem(f"unknown venue {plain(container)!r} in entry {entry.key!r}", where,
                                    "add it to the venue registry (src/unlearn_bib/data/venues.yaml) or fix the entry"))
    if problems:
        return {}, problems
    first = authors[0] if authors else {}
    key = make_key(first.get("family") or first.get("literal", ""), year, title, taken)
    record: dict = {"key": key, "section": section, "title": title}
    if authors:
        record["authors"] = authors
    record.update(_venue_fields(vid))
    record["year"] = year
    if vid != "arxiv":
        for name in ("volume", "number"):
            value = plain(fields.get(name, ""))
            if value and not value.lower().startswith("abs/"):
                record[name] = value
        pages = _pages(plain(fields.get("pages", "")))
        if pages:
            record["pages"] = pages
    if ids.doi:
        record["doi"] = ids.doi[0]
    if ids.arxiv:
        record["arxiv"] = ids.arxiv[0]
        primary = plain(fields.get("primaryclass", "") or fields.get("eprintclass", ""))
        if validate.ARXIV_CLASS.match(primary):  # optional: anything else is left out
            record["primary_class"] = primary
    if ids.openreview:
        record["openreview"] = ids.openreview[0]
    url = plain(fields.get("url", ""))
    if url and not (ids.arxiv and "arxiv.org" in url) and "doi.org/" not in url and "openreview.net" not in url:
        record["url"] = url
    record["needs_verification"] = True
    note = f"Imported from {Path(source).name} (entry {entry.key}, line {entry.line}); not verified against the publisher yet."
    if truncated:
        note += " The author list there ends in 'and others': complete it."
    record["notes"] = note
    return record, record_problems(record, where, f"entry {entry.key!r}")


def import_bibtex(bib_path: str, catalog_path: str | None = None, section: str | None = None) -> Plan:
    from unlearn_bib.catalog import read_bytes
    from unlearn_bib.normalize import CatalogIndex, decode_bib, read_bib

    target = _open_catalog(catalog_path)
    bib = read_bib(decode_bib(read_bytes(bib_path), bib_path), bib_path)
    known = {s.id: s.title for s in target.catalog.sections}
    new_sections: list[tuple[str, str]] = []
    if section is None:
        if len(known) != 1:
            choices = ", ".join(known) if known else "none yet"
            raise UnlearnBibError(f"choose the section for the new papers with --section (known: {choices})")
        section = next(iter(known))
    elif section not in known:
        if known:
            raise UnlearnBibError(f"unknown section {section!r} (known: {', '.join(known)})")
        new_sections.append((slug(section), section.replace("-", " ").strip().title()))
        section = slug(section)
    plan = Plan(target.shown, target.path, target.text, target.text)
    for line, message in bib.problems:
        plan.reports.append(f"{bib_path}:{line}: skipped: {message}")
        plan.count("unreadable")
    index = CatalogIndex(target.catalog)
    taken = {p.key for p in target.catalog}
    seen = _Seen()
    records, problems = [], []
    for entry in bib.entries:
        ids = entry.ids()
        where = f"{bib_path}:{entry.line}: {entry.key}"
        if not _decide(ids, index, seen, plan, where, entry.line, ids.title):
            continue
        record, trouble = record_from_entry(entry, section, taken, bib_path)
        if trouble:
            problems += trouble
            continue
        taken.add(record["key"])
        records.append(record)
        plan.added.append(record["key"])
        plan.count("added")
        venue = record["venue"] + (f" ({record['track']})" if "track" in record else "")
        plan.reports.append(f"{where}: added as {record['key']} ({venue} {record['year']})")
    if problems:
        raise UnlearnBibError(*problems)
    plan.after = _grow(target, new_sections, records) if records or new_sections else target.text
    return plan


# --- from an awesome list's Markdown tables -----------------------------------------------------------

_LINK = re.compile(r"^\[(?P<text>.*)\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)$", re.S)


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\|`*_\[\]()#+\-.!<>~&])", r"\1", text)


def _link(cell: str) -> tuple[str, str]:
    match = _LINK.match(cell.strip())
    if match:
        return _unescape(match.group("text").strip()), match.group("url").strip()
    return _unescape(cell.strip()), ""


def _derived_link(record: dict) -> str:
    if record.get("arxiv"):
        return f"https://arxiv.org/abs/{record['arxiv']}"
    if record.get("openreview"):
        return f"https://openreview.net/forum?id={record['openreview']}"
    if record.get("doi"):
        return f"https://doi.org/{record['doi']}"
    return record.get("url", "")


def _row_record(cells: dict[str, str], where: Location, section: str, taken: set[str], source: str):
    """(record, ids, problems) for one table row."""
    from unlearn_bib import patterns, venues
    from unlearn_bib.keys import make_key
    from unlearn_bib.normalize import Ids, link_ids

    title, link = _link(cells.get("paper", ""))
    problems = []
    if not title:
        problems.append(Problem("the Paper cell is empty", where))
    year_cell = cells.get("year", "").strip()
    list_year = int(year_cell) if re.fullmatch(r"(19|20)\d\d", year_cell) else None
    if list_year is None:
        problems.append(Problem(f"the Year cell {year_cell!r} is not a year", where))
    venue_cell = cells.get("venue", "").strip()
    vid = None
    venue_year = None
    if not venue_cell:
        problems.append(Problem("the Venue cell is empty", where, "write arXiv for a preprint"))
    else:
        name, venue_year = venues.split_year(venue_cell)
        try:
            vid = venues.lookup(name)
        except UnlearnBibError as exc:
            problems.append(Problem(exc.problems[0].message, where, "add it to the venue registry or fix the cell"))
    if problems:
        return None, None, problems
    year = venue_year or list_year
    if link.lower().startswith("doi:"):
        link = patterns.web_link(link) or link  # "doi:10.1145/..." means the DOI
    arxiv, openreview, doi = link_ids(link) if link else ("", "", "")
    record: dict = {"key": make_key("", year, title, taken), "section": section, "title": title}
    record.update(_venue_fields(vid))
    record["year"] = year
    for name, value in (("doi", doi), ("arxiv", arxiv), ("openreview", openreview)):
        if value:
            record[name] = value
    if link and not (arxiv or openreview or doi):
        record["url"] = link
    code_text, code = _link(cells.get("code", ""))
    if code:
        record["code"] = code
    record["list_year"] = list_year
    if link and link != _derived_link(record):
        record["list_link"] = link
    attack = cells.get("type", "").strip()
    if attack:
        record["attack_type"] = _unescape(attack)
    record["needs_verification"] = True
    note = f"Imported from the table in {Path(source).name} (line {where.line}); authors and sources not added yet."
    if code_text and not code:
        note += f" The Code cell says {code_text!r}."
    record["notes"] = note
    ids = Ids(title=re.sub(r"[{}]", "", title), arxiv=(arxiv,) if arxiv else (), doi=(doi,) if doi else (),
              openreview=(openreview,) if openreview else ())
    problems = record_problems(record, where, "the row")
    return (None, None, problems) if problems else (record, ids, [])


def import_markdown(md_path: str, catalog_path: str | None = None) -> Plan:
    from unlearn_bib.catalog import read_bytes
    from unlearn_bib.export.tables import paper_tables
    from unlearn_bib.normalize import CatalogIndex

    target = _open_catalog(catalog_path)
    data = read_bytes(md_path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error_at(md_path, data[: exc.start].count(b"\n") + 1, "not valid UTF-8") from None
    tables = paper_tables(text)
    if not tables:
        raise error_at(md_path, None, "no table of papers found (a pipe table whose first column is 'Paper')")
    plan = Plan(target.shown, target.path, target.text, target.text)
    by_title = {s.title.strip().lower(): s.id for s in target.catalog.sections}
    ids_known = {s.id for s in target.catalog.sections}
    new_sections: list[tuple[str, str]] = []
    index = CatalogIndex(target.catalog)
    taken = {p.key for p in target.catalog}
    seen = _Seen()
    records, problems = [], []
    for table in tables:
        header = [h.strip().lower() for h in table.header]
        missing = [c for c in ("paper", "year", "venue") if c not in header]
        if missing:
            problems.append(Problem(f"the table has no {missing[0].title()} column", Location(md_path, table.line)))
            continue
        heading = _unescape(table.title) or "Papers"
        section = by_title.get(heading.lower())
        if section is None:
            section = slug(heading)
            if section not in ids_known:
                new_sections.append((section, heading))
                ids_known.add(section)
            by_title[heading.lower()] = section
        for line, cells in table.rows:
            where = Location(md_path, line)
            row = dict(zip(header, cells))
            record, ids, trouble = _row_record(row, where, section, taken, md_path)
            if trouble:
                problems += trouble
                continue
            label = f"{where}: {record['title'][:60]!r}"
            if not _decide(ids, index, seen, plan, label, line, record["title"]):
                continue
            taken.add(record["key"])
            records.append(record)
            plan.added.append(record["key"])
            plan.count("added")
            plan.reports.append(f"{label}: added as {record['key']} ({record['venue']}"
                                f"{' ' + record['track'] if 'track' in record else ''} {record['year']})")
    if problems:
        raise UnlearnBibError(*problems)
    used = {r["section"] for r in records}
    new_sections = [(i, t) for i, t in new_sections if i in used or not target.text.strip()]
    plan.after = _grow(target, new_sections, records) if records or new_sections else target.text
    return plan


def summary(plan: Plan, source: str) -> str:
    order = ("added", "already in the catalog", "duplicate", "ambiguous", "unreadable")
    parts = [f"{plan.counts.get(k, 0)} {k}" for k in order if k in plan.counts or k in ("added", "already in the catalog")]
    return f"{source}: {', '.join(parts)}"


def write(plan: Plan) -> None:
    """Write the grown catalog atomically (nothing when nothing changed)."""
    from unlearn_bib.output import write_atomic

    if plan.after != plan.before:
        write_atomic(plan.file, plan.after.encode("utf-8"))
