"""``unlearn-bib import --from markdown``: an awesome list's papers, row by row, into the catalog.

``read.mdlist`` finds the rows (tables, bullets, blocks, headings); the identifiers come from the
row's links and text through ``catalog.identifiers``. Every row ends as exactly one of:

- imported: a new record with ``needs_verification: true``, the row's title, year, identifiers,
  authors (``authors_incomplete`` after "et al.") and a ``sources`` entry naming the list's file
  and line; a venue the registry lacks is kept as ``venue_text`` (``check`` flags it); a code link
  (or, beside an identifier, a paper link) that is no web address is left out and reported;
- merged: the same paper as a catalog record or an earlier row (same arXiv id, DOI or OpenReview
  id with agreeing titles, or the same title with no conflicting identifier); nothing changes;
- reported: with its line and the reason (an identifier shared by a different title, an
  unreadable row, ...).

A row that gives no year anywhere (no year cell, tag or heading, no arXiv id; a heading like
"Before 2017") is imported without ``year`` and reported as such: the year is filled from a
source (``update --online``) or by hand, never guessed; the heading's text stays in ``notes``.

The rows that can be imported are, even when others cannot; with ``strict`` one reported row
stops the import and nothing is written.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from unlearn_bib.errors import Location, Problem, UnlearnBibError, error_at
from unlearn_bib.tasks.importer import (Plan, grow, open_catalog, places_in_table, record_problems, slug, take_year,
                                        venue_fields)

_SHORT_YEAR = re.compile(r"^(.*?[A-Za-z])\s*'(\d\d)$")


_DOI_ORG = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.I)
_NOT_THE_PAPER = re.compile(r"^\W*(code|codes|github|git|data|dataset|software|code\s*&\s*data)\W*$", re.I)


# arXiv and OpenReview hold papers only: their links give the paper's id whatever the label ("[code](openreview…)")
_PAPERS_ONLY = re.compile(r"https?://(?:www\.|export\.|browse\.)?(?:arxiv\.org/|openreview\.net/(?:forum|pdf)\?)", re.I)


def row_ids(row) -> dict[str, str]:
    """{"arxiv"|"doi"|"openreview": id} from the row's links (title link first) and its text; an arXiv DOI link
    gives both the arXiv id and the DOI."""
    from unlearn_bib.catalog.identifiers import ARXIV_DOI, DOI_LINK, link_identifier, text_arxiv, text_doi

    found: dict[str, str] = {}
    urls = ([row.title_url] if row.title_url else []) + [url for label, url, _ in row.links  # arXiv holds papers only:
                                                         if not _NOT_THE_PAPER.match(label) or url == row.title_url
                                                         or _PAPERS_ONLY.match(url)]
    for url in urls:
        doi = DOI_LINK.match(url.strip())  # "doi:10.1145/…" written as a link
        ids = ("doi", doi.group(1)) if doi else link_identifier(url)
        if ids and ids[0] not in found:
            found[ids[0]] = ids[1]
        written = _DOI_ORG.sub("", url.strip()).rstrip("/")
        arxiv_doi = ARXIV_DOI.match(written) if written != url.strip() else None
        if arxiv_doi and "doi" not in found:  # doi.org/10.48550/arXiv.ID: the arXiv id above, and the DOI as written
            found["doi"] = written[:arxiv_doi.end(1)]
    if "doi" not in found:  # a citation as a link's text: "[A (2020). Title. Journal, 5(52), https://doi.org/10.…](page)"
        written = next((doi for label, _, _ in row.links for doi in [text_doi(label)] if doi), "")
        if written:
            found["doi"] = written
    if "arxiv" not in found:
        arxiv = text_arxiv(re.sub(r"\]\([^()\s]*\)", "]", row.text))  # written out, not inside a link
        if arxiv:
            found["arxiv"] = arxiv
    return found


def _short(title: str, limit: int = 60) -> str:
    """A title for a report line: quoted, cut at a word with an ellipsis when long."""
    if len(title) > limit:
        title = title[:limit].rsplit(" ", 1)[0].rstrip(" ,:;-") + "…"
    return repr(title)


def _venue(text: str, year: int | None) -> tuple[dict, int | None]:
    """The record's venue fields for a list's venue text, and the year the text names."""
    fields, venue_year = _venue_of(text)
    return dict(fields), venue_year


@lru_cache(maxsize=4096)  # a list names a few venue strings on thousands of rows
def _venue_of(text: str) -> tuple[dict, int | None]:
    from unlearn_bib.catalog import venues

    if len(set(re.findall(r"(?<![\d.])(?:19|20)\d\d(?!\d)", text))) > 1:  # "arXiv 2019, ICLR 2020": a preprint and its
        return {"venue_text": text}, None  # publication, two venues; kept as written for a person, the row keeps its year
    name, venue_year = venues.split_year(text)
    short = _SHORT_YEAR.match(name) if venue_year is None else None
    if short:  # "ICLR'24"
        name, venue_year = short.group(1).strip(), 2000 + int(short.group(2))
    vid = venues.known(name.strip())
    if vid is None:  # the registry's reading of list venue strings ("EMNLP 2024 Findings", "CVPRW")
        vid, found_year, _track = venues.find(text)
        if vid is None:
            return {"venue_text": text}, venue_year
        venue_year = venue_year or found_year
    return venue_fields(vid), venue_year


_CODE_HOST = re.compile(r"(?i)^https?://(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co)/")
_PAPER_LABEL = re.compile(r"(?i)^\W*(?:paper|pdf|link|full\s*text)\W*$")
# where an article's own page lives: a link here is a paper's (proceedings, publishers, SSRN, Semantic Scholar)
_ARTICLE_HOST = re.compile(r"(?i)^https?://(?:www\.)?(?:papers\.nips\.cc|proceedings\.neurips\.cc|proceedings\.mlr\.press|"
                           r"openaccess\.thecvf\.com|aclanthology\.org|dl\.acm\.org|ieeexplore\.ieee\.org|link\.springer\.com|"
                           r"sciencedirect\.com/science/article|papers\.ssrn\.com|nature\.com/articles|mdpi\.com|"
                           r"(?:pdfs\.)?semanticscholar\.org|ojs\.aaai\.org|aaai\.org/ocs|"
                           r"hal\.[a-z.]{2,30}/hal-\d|jmlr\.org/papers/|[^/\s]{1,80}/(?:\w{1,20}/)?(?:full)?article/)")
# an open archive's paper (HAL), a journal's paper, a page under "/article/" or "/fullarticle/"


def _reads_as_paper(row, ids: dict) -> bool:
    """Whether a row that gives no year still shows a paper (imported then without a year): an identifier,
    a registry venue, a link labelled as the paper (`[[Paper]](…)`, `[pdf]`, `[Link]`) or to an article's
    page, or a PDF as the title's link beside named authors; never a title linking a code repository.
    A bare name linking a home page, a blog, a dataset's site or a file of the list's own repository
    gives none of these: such a row is reported, as before."""
    from unlearn_bib.catalog import venues
    from unlearn_bib.catalog.identifiers import is_web_url

    if row.title_url and _CODE_HOST.match(row.title_url.strip()):
        return False
    if ids or (row.venue and venues.find(row.venue)[0]):
        return True
    for label, url, badge in row.links:
        url = url.strip()
        if badge or not is_web_url(url) or _CODE_HOST.match(url):
            continue
        if _PAPER_LABEL.match(label) or _ARTICLE_HOST.match(url):
            return True
    title_link = row.title_url.strip()  # a PDF as the title's link, beside named authors or under a title of 3+ words (not under Datasets)
    titled = len(row.title.split()) >= 3 and not re.search(r"(?i)data\s*sets?|tools?|resources?", row.section or "")
    return bool(title_link and is_web_url(title_link) and (row.authors or row.people or titled)
                and re.search(r"(?i)\.pdf(?:[?#]|$)", title_link))


def _derived_link(record: dict) -> str:
    if record.get("arxiv"):
        return f"https://arxiv.org/abs/{record['arxiv']}"
    if record.get("openreview"):
        return f"https://openreview.net/forum?id={record['openreview']}"
    if record.get("doi"):
        return f"https://doi.org/{record['doi']}"
    return ""


def _record(row, ids: dict, section: str, taken: set[str], source: str, where: Location, strict: bool = False):
    """(record, problems, reports of links left out) for one row; ``strict`` leaves nothing out (the row is
    reported instead)."""
    from unlearn_bib.catalog.keys import make_key

    year = row.year
    fields: dict = {}
    venue = row.venue
    if venue and getattr(row, "venue_guess", False):
        from unlearn_bib.catalog import venues

        venue = venue if venues.find(venue)[0] else ""  # "### 2025" > "#### LLM": a topic, not a venue
    if venue:
        fields, venue_year = _venue(venue, year)
        year = venue_year or year
    elif ids.get("arxiv"):
        fields = {"venue": "arXiv"}
    if year is None and ids.get("arxiv") and re.match(r"\d{4}\.", ids["arxiv"]):
        year = 2000 + int(ids["arxiv"][:2])  # a preprint's year: the month its arXiv id was given
    no_year = None
    if year is None:  # a paper is imported without a year (never an invented one), and said so
        why = (f"the heading says {row.year_text!r}, which gives no year" if row.year_text
               else "nothing in the row or its headings gives a year")
        if not _reads_as_paper(row, ids):
            return None, [Problem(f"{_short(row.title)}: {why}, and no identifier, venue or paper link shows "
                                  "it is a paper", where, "add a year or a paper link to the row")], []
        no_year = Problem(f"{_short(row.title)}: imported with no year: {why}", where,
                          "`unlearn-bib update --online --write` fills it from the arXiv record, or add `year:` by hand"
                          if ids.get("arxiv") else
                          "`unlearn-bib update --online --write` fills it from the record its DOI or OpenReview id names, "
                          "or add `year:` by hand" if ids else
                          "add `year:` to the record by hand, or an identifier (arXiv id, DOI) that "
                          "`unlearn-bib update --online --write` fills it from")
        if strict:
            return None, [no_year], []
    people = ([dict(person) for person in row.people] if row.people
              else [dict(_person(name)) for name in row.authors] if row.authors else [])
    first = people[0] if people else {}  # the catalog's key rule as soon as a first author is known
    record: dict = {"key": make_key(first.get("family") or first.get("literal", ""), year, row.title, taken),
                    "section": section, "title": row.title}
    record.update(fields)
    if year is not None:
        record["year"] = year
    for name in ("doi", "arxiv", "openreview"):
        if ids.get(name):
            record[name] = ids[name]
    from unlearn_bib.catalog.identifiers import is_web_url

    link = row.title_url.strip()
    if link.lower().startswith("doi:"):
        link = ""  # the DOI itself, taken above
    if link and not ids:
        record["url"] = link  # checked below: a link that is not http(s) reports the row
    if row.list_year is not None:
        record["list_year"] = row.list_year
    if link and is_web_url(link) and ids and link != _derived_link(record):
        record["list_link"] = link
    left_out = [] if strict else _bad_links(row, link if ids else "", where)  # imported without them, each reported
    if row.code and (strict or is_web_url(row.code)):  # strict: record_problems reports the row
        record["code"] = row.code
    if people:  # the row's BibTeX citation's name parts, else its authors as written
        record["authors"] = people
        if row.authors_incomplete:
            record["authors_incomplete"] = True
    if row.extra.get("type"):
        record["attack_type"] = row.extra["type"]
    record["needs_verification"] = True
    name = _file_name(source)
    listed = f"listed in {name}, line {row.line}"
    if link and is_web_url(link):  # a source is a web address first; the list's file and line follow it
        record["sources"] = [f"{link} ({listed})"]
    record["notes"] = f"Imported from {name}, line {row.line}; not verified yet." + (
        f" No year: the list's heading says {row.year_text!r}." if year is None and row.year_text else
        " No year: the list gives none." if year is None else "")
    problems = record_problems(record, where, "the row")
    if "title" in record and ("{" in row.title) != ("}" in row.title):
        problems.append(Problem("the title has an unbalanced brace", where))
    return (None, problems, []) if problems else (record, [], ([no_year] if no_year else []) + left_out)


@lru_cache(maxsize=16)  # the list's file name, on every record
def _file_name(source: str) -> str:
    return Path(source).name


def _bad_links(row, paper_link: str, where: Location) -> list[Problem]:
    """A report per link of the row that is no web address and that the record leaves out: the code
    link, and the paper's own link when an identifier stands for the paper (without one, that link is
    the record's ``url`` and ``record_problems`` reports the row). Relative links and other schemes
    that are not attempts at a web address (``./paper.pdf``, ``ftp:``) are not links to keep either way."""
    from unlearn_bib.catalog.identifiers import is_web_url, link_problem

    shown = _short(row.title)
    out = []
    if row.code and not is_web_url(row.code):
        out.append(Problem(f"{shown}: imported without its code link: {link_problem(row.code)}", where,
                           "only http(s) links are kept"))
    others = [url for _label, url, badge in row.links if not badge and url not in (row.code, row.title_url)]
    for url in dict.fromkeys(([paper_link] if paper_link else []) + others):
        if re.match(r"(?i)https?:", url) and not is_web_url(url):
            out.append(Problem(f"{shown}: imported without its link {link_problem(url)}", where,
                               "only http(s) links are kept"))
    return out


@lru_cache(maxsize=8192)  # authors recur across a list's rows (copied by the caller)
def _person(name: str) -> dict:
    """A Person entry from a name as a list writes it ("Jane Q. Doe", "Doe, Jane", "Graves")."""
    from unlearn_bib.read.names import parse_name

    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()} if given.strip() else {"family": family.strip()}
    parsed = {k: v for k, v in parse_name(name).items() if v and isinstance(v, str)}
    return parsed if parsed.get("family") else {"literal": name}


class _Rows:
    """The papers this import accepted, by identifier and title, to merge a repeated row."""

    def __init__(self, catalog=()):
        self.by: dict[tuple[str, str], tuple[int, str, dict, dict | None]] = {}
        self.catalog = {(kind, getattr(p, kind)) for p in catalog for kind in ("arxiv", "doi", "openreview")}

    def earlier(self, ids: dict, title: str) -> tuple[str, tuple, bool] | None:
        """(how, the earlier entry, whether it is the same paper) for a row seen before, else None:
        the same identifier with agreeing titles, or the same title with no conflicting identifier."""
        from unlearn_bib.catalog.model import normalize_title
        from unlearn_bib.match.rule import title_agrees, title_score

        for kind in ("arxiv", "doi", "openreview"):
            if ids.get(kind) and (kind, ids[kind]) in self.by:
                entry = self.by[(kind, ids[kind])]
                return f"{kind} {ids[kind]}", entry, title_agrees(title_score([entry[1]], title))
        entry = self.by.get(("title", normalize_title(title)))
        if entry:
            clash = [k for k in ids if entry[2].get(k) and entry[2][k] != ids[k]]
            return ("the same title" + (f" but another {clash[0]} id" if clash else ""), entry, not clash)
        return None

    def add(self, ids: dict, title: str, line: int, record: dict | None) -> None:
        from unlearn_bib.catalog.model import normalize_title

        entry = (line, title, dict(ids), record)
        for kind, value in list(ids.items()) + [("title", normalize_title(title))]:
            self.by.setdefault((kind, value), entry)

    def merge(self, entry: tuple, ids: dict) -> None:
        """Give a record imported from an earlier row the identifiers this row adds (an OpenReview
        link beside an arXiv one)."""
        line, title, known, record = entry
        for kind, value in ids.items():
            if kind not in known and (kind, value) not in self.by and (kind, value) not in self.catalog:
                known[kind] = value
                if record is not None:
                    record[kind] = value
                self.by[(kind, value)] = entry


def import_markdown(md_path: str, catalog_path: str | None = None, strict: bool = False) -> Plan:
    from unlearn_bib.catalog.load import read_bytes
    from unlearn_bib.match.rule import CatalogIndex, Ids, Match, match
    from unlearn_bib.catalog.identifiers import clean_doi
    from unlearn_bib.outcomes import MatchStatus
    from unlearn_bib.read.mdlist import read_list

    target = open_catalog(catalog_path)
    data = read_bytes(md_path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error_at(md_path, len(re.split(rb"\r\n|\r|\n", data[: exc.start])), "not valid UTF-8") from None  # CR, LF, CRLF
    rows, troubles = read_list(text)
    plan = Plan(target.shown, target.path, target.text, target.text)
    for name in ("rows seen", "imported", "merged", "reported"):
        plan.counts[name] = 0
    by_title = {s.title.strip().lower(): s.id for s in target.catalog.sections}
    ids_known = {s.id for s in target.catalog.sections}
    new_sections: list[tuple[str, str]] = []
    index = CatalogIndex(target.catalog)
    empty = None if len(target.catalog) else Match(MatchStatus.UNMATCHED)  # a new catalog: nothing to match
    taken = {p.key for p in target.catalog}
    accepted = _Rows(target.catalog)
    records, problems = [], []
    order: dict[str, list[tuple[str, str]]] = {}  # per section: (key, "old" | "new") in the list's order
    section_of = {p.key: p.section for p in target.catalog}

    def report(problem: Problem) -> None:
        problems.append(problem)
        plan.count("reported")

    for trouble in troubles:
        plan.count("rows seen")
        report(Problem(trouble.message, Location(md_path, trouble.line)))
    for row in rows:
        ids = row_ids(row)
        if row.needs_id and not ids:
            continue  # nothing says it is a paper: a tool, a post, a product
        plan.count("rows seen")
        where = Location(md_path, row.line)
        heading = row.section or "Papers"
        section = by_title.get(heading.lower())
        if section is None:
            section = slug(heading)
            while section in ids_known and section not in {i for i, _ in new_sections}:
                section += "-list"
            if section not in ids_known:
                new_sections.append((section, heading))
                ids_known.add(section)
            by_title[heading.lower()] = section
        earlier = accepted.earlier(ids, row.title)
        if earlier:
            how, entry, same = earlier
            if same:
                accepted.merge(entry, ids)
                plan.count("merged")
                dated = take_year(entry[3], _record(row, ids, section, taken, md_path, where)[0], row.line,
                                  taken)
                if dated:  # the record an undated row made takes this row's year, and its key by the rule
                    old, new = dated
                    section_of[new] = section_of.pop(old)
                    order[section_of[new]] = [(new if k == old else k, kind) for k, kind in order[section_of[new]]]
                    plan.added[plan.added.index(old)] = new
                    problems = [p for p in problems if not (p.where.line == entry[0] and "no year" in p.message)]
                    plan.counts["no year"] -= 1
            else:
                report(Problem(f"{_short(row.title)}: {how} than line {entry[0]} ({_short(entry[1])}); not imported"
                               if how.startswith("the same title") else
                               f"{_short(row.title)}: {how} is also on line {entry[0]} for another title "
                               f"({_short(entry[1])}); not imported", where, "fix the link of one of the two rows"))
            continue
        found = empty or match(Ids(title=row.title, arxiv=tuple(v for k, v in ids.items() if k == "arxiv"),
                          doi=tuple(clean_doi(v) for k, v in ids.items() if k == "doi"),  # compared without case
                          openreview=tuple(v for k, v in ids.items() if k == "openreview"), year=row.year), index)
        if found.status == "matched":
            accepted.add(ids, row.title, row.line, None)
            order.setdefault(section, []).append((found.paper.key, "old"))
            plan.matched[row.line] = found.paper.key
            plan.count("merged")
            continue
        if found.status == "ambiguous":
            report(Problem(f"{_short(row.title)}: {found.reason}; not imported", where))
            continue
        record, trouble, left_out = _record(row, ids, section, taken, md_path, where, strict)
        if trouble:
            for problem in trouble[:1]:
                report(problem)
            continue
        problems += left_out
        plan.counts["links left out"] = plan.counts.get("links left out", 0) + sum(1 for p in left_out if "no year" not in p.message)
        plan.counts["no year"] = plan.counts.get("no year", 0) + sum(1 for p in left_out if "no year" in p.message)
        accepted.add(ids, row.title, row.line, record)
        order.setdefault(section, []).append((record["key"], "new"))
        section_of[record["key"]] = section
        taken.add(record["key"])
        records.append(record)
        plan.added.append(record["key"])
        plan.count("imported")
    if not plan.counts["rows seen"]:
        raise error_at(md_path, None, "no papers found (no table with a Paper or Title column, no list of linked "
                       "or bold titles with a paper link, venue or identifier)")
    if problems and strict:
        raise UnlearnBibError(*problems, Problem(f"{md_path}: --strict: {len(problems)} rows reported; nothing written"))
    plan.reports += [str(p) for p in sorted(problems, key=lambda p: p.where.line or 0)]
    used = {r["section"] for r in records}
    new_sections = [(i, t) for i, t in new_sections if i in used]
    places: dict[str, tuple[str, str]] = {}  # a new record's place: beside the rows it sat between
    for rows_of_section in order.values():
        if any(kind == "old" for _, kind in rows_of_section):  # else the end of the section is the place
            places.update(places_in_table(rows_of_section, section_of))
    plan.after = grow(target, new_sections, records, places) if records else target.text
    if records and not target.text:  # a new catalog, written from these records: --online edits them as they are
        plan.fresh = (new_sections, records, target.editor.newline)
    return plan


def summary(plan: Plan, source: str) -> str:
    """The per-file summary: "README.md: 466 rows seen, 460 imported, 2 merged, 4 reported"."""
    counts = plan.counts
    seen = counts.get("rows seen", 0)
    return (f"{source}: {seen} row{'' if seen == 1 else 's'} seen, {counts.get('imported', 0)} imported, "
            f"{counts.get('merged', 0)} merged, {counts.get('reported', 0)} reported"
            + (f"; {left} link{'' if left == 1 else 's'} left out (above)" if (left := counts.get('links left out')) else "")
            + (f"; {none} imported with no year (above)" if (none := counts.get('no year')) else ""))
