"""``unlearn-bib import --from bibtex``: each entry of a .bib that is not in the catalog becomes a record.

Records get ``needs_verification: true``: a .bib is a lead, not a verified fact.
"""
from __future__ import annotations

import re
from pathlib import Path

from unlearn_bib.errors import Location, Problem, UnlearnBibError
from unlearn_bib.catalog.identifiers import ARXIV_CLASS, catalog_pages
from unlearn_bib.outcomes import ImportCount
from unlearn_bib.tasks.importer import Plan, Seen, decide, grow, open_catalog, record_problems, slug, venue_fields


def bib_title(raw: str) -> str:
    """A BibTeX title as the catalog writes titles: plain Unicode, {...} kept as case protection.

    Linear: braces are paired once (``brace_pairs``), never rescanned per brace.
    """
    from unlearn_bib.text.braces import pairs as brace_pairs
    from unlearn_bib.text.latex import decode

    text = raw.strip()
    pairs = brace_pairs(text)
    lo, hi = 0, len(text) - 1
    while lo < hi and text[lo] == "{" and pairs[lo] == hi:  # {{Whole Title}}
        lo, hi = lo + 1, hi - 1
        while lo <= hi and text[lo].isspace():
            lo += 1
        while hi >= lo and text[hi].isspace():
            hi -= 1

    def closing(at: int) -> int:
        return pairs[at] if pairs[at] <= hi else -1

    out, i = [], lo
    while i <= hi:
        if text[i] == "{" and not text.startswith("{\\", i):
            end = closing(i)
            if end > 0:
                if end > i + 1:  # an empty {} (as after \ss{}) protects nothing
                    out.append("{" + decode(text[i + 1:end]) + "}")
                i = end + 1
                continue
        j = i
        while j <= hi and not (text[j] == "{" and not text.startswith("{\\", j) and j > i):
            if text[j] == "\\":  # a command and its argument ({c} of \c{c}) are one piece
                command = _COMMAND.match(text, j)
                j = command.end()
                if j <= hi and text[j] == "{":
                    end = closing(j)
                    j = end + 1 if end > 0 else j + 1
            elif text[j] == "{":  # an accent group: skip it whole
                end = closing(j)
                j = end + 1 if end > 0 else j + 1
            else:
                j += 1
        out.append(decode(text[i:j]))
        i = j
    return re.sub(r"\s+", " ", "".join(out)).strip()


_COMMAND = re.compile(r"\\(?:[A-Za-z]+\s*|.\s*)", re.S)


def record_from_entry(entry, section: str, taken: set[str], source: str) -> tuple[dict, list[Problem]]:
    """A catalog record (needs_verification) for a BibTeX entry, or the problems that prevent one."""
    from unlearn_bib.read.bib import entry_year
    from unlearn_bib.catalog.keys import make_key
    from unlearn_bib.text.latex import plain
    from unlearn_bib.match.rule import entry_ids
    from unlearn_bib.read.names import parse_name, split_names
    from unlearn_bib.match.venue_text import container_venue, is_preprint_entry

    where = Location(source, entry.line)
    problems = []
    fields = entry.fields
    ids = entry_ids(entry.fields)
    title = bib_title(fields.get("title", ""))
    if not title:
        problems.append(Problem(f"entry {entry.key!r} has no title", where))
    year = entry_year(fields)
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
    record.update(venue_fields(vid))
    record["year"] = year
    if vid != "arxiv":
        for name in ("volume", "number"):
            value = plain(fields.get(name, ""))
            if value and not value.lower().startswith("abs/"):
                record[name] = value
        pages = catalog_pages(plain(fields.get("pages", "")))
        if pages:
            record["pages"] = pages
    if ids.doi:
        record["doi"] = ids.doi[0]
    if ids.arxiv:
        record["arxiv"] = ids.arxiv[0]
        primary = plain(fields.get("primaryclass", "") or fields.get("eprintclass", ""))
        if ARXIV_CLASS.match(primary):  # optional: anything else is left out
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
    from unlearn_bib.catalog.load import read_bytes
    from unlearn_bib.read.bib import decode_bib, read_bib
    from unlearn_bib.match.rule import CatalogIndex, entry_ids

    target = open_catalog(catalog_path)
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
        plan.count(ImportCount.UNREADABLE)
    index = CatalogIndex(target.catalog)
    taken = {p.key for p in target.catalog}
    seen = Seen()
    records, problems = [], []
    for entry in bib.entries:
        ids = entry_ids(entry.fields)
        where = f"{bib_path}:{entry.line}: {entry.key}"
        if not decide(ids, index, seen, plan, where, entry.line, ids.title):
            continue
        record, trouble = record_from_entry(entry, section, taken, bib_path)
        if trouble:
            problems += trouble
            continue
        taken.add(record["key"])
        records.append(record)
        plan.added.append(record["key"])
        plan.count(ImportCount.ADDED)
        venue = record["venue"] + (f" ({record['track']})" if "track" in record else "")
        plan.reports.append(f"{where}: added as {record['key']} ({venue} {record['year']})")
    if problems:
        raise UnlearnBibError(*problems)
    plan.after = grow(target, new_sections, records) if records or new_sections else target.text
    return plan
