"""``unlearn-bib import --from markdown``: each row of an awesome list's paper tables not in the catalog becomes a record.

Records get ``needs_verification: true`` and no authors or sources yet: a table row is a lead.
"""
from __future__ import annotations

import re
from pathlib import Path

from unlearn_bib.errors import Location, Problem, UnlearnBibError, error_at
from unlearn_bib.tasks.importer import (Plan, Seen, decide, grow, open_catalog, places_in_table, record_problems, slug,
                                        venue_fields)
from unlearn_bib.catalog.identifiers import web_link

# [text](url), [text]( url ), [text](<url>) and [text](url "title"), as CommonMark reads them.
_LINK = re.compile(r"^\[(?P<text>.*)\]\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*))"
                   r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)$", re.S)


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\|`*_\[\]()#+\-.!<>~&$])", r"\1", text)


def _link(cell: str) -> tuple[str, str]:
    match = _LINK.match(cell.strip())
    if match:
        url = match.group("url") if match.group("angled") is None else match.group("angled")
        return _unescape(match.group("text").strip()), url.strip()
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
    from unlearn_bib.catalog import venues
    from unlearn_bib.catalog.keys import make_key
    from unlearn_bib.match.rule import Ids, link_ids

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
        link = web_link(link) or link  # "doi:10.1145/..." means the DOI
    arxiv, openreview, doi = link_ids(link) if link else ("", "", "")
    record: dict = {"key": make_key("", year, title, taken), "section": section, "title": title}
    record.update(venue_fields(vid))
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
    from unlearn_bib.catalog.load import read_bytes
    from unlearn_bib.export.tables import paper_tables
    from unlearn_bib.match.rule import CatalogIndex

    target = open_catalog(catalog_path)
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
    seen = Seen()
    records, problems = [], []
    places: dict[str, tuple[str, str]] = {}  # a new record's place: beside the rows it sat between
    section_of = {p.key: p.section for p in target.catalog}
    for table in tables:
        order: list[tuple[str, str]] = []
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
            if not decide(ids, index, seen, plan, label, line, record["title"]):
                if line in plan.matched:
                    order.append((plan.matched[line], "old"))
                continue
            order.append((record["key"], "new"))
            section_of[record["key"]] = section
            taken.add(record["key"])
            records.append(record)
            plan.added.append(record["key"])
            plan.count("added")
            plan.reports.append(f"{label}: added as {record['key']} ({record['venue']}"
                                f"{' ' + record['track'] if 'track' in record else ''} {record['year']})")
        places.update(places_in_table(order, section_of))
    if problems:
        raise UnlearnBibError(*problems)
    used = {r["section"] for r in records}
    new_sections = [(i, t) for i, t in new_sections if i in used or not target.text.strip()]
    plan.after = grow(target, new_sections, records, places) if records or new_sections else target.text
    return plan
