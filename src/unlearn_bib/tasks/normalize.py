"""Rewrite a user's BibTeX entries that are catalog papers into the published form, and report.

Survey authors collect BibTeX from Google Scholar, DBLP and the authors' READMEs, so most
entries still say ``journal = {arXiv preprint arXiv:2311.17717}`` long after the paper
appeared at a conference. ``normalize_bib`` replaces every entry that is a catalog paper by
the catalog's entry (keeping the user's key and the user's own extra fields) and leaves
everything else in the file byte for byte as it was.

Which entry is which paper is decided by ``match`` (the rule ``unlearn-bib import`` uses
too); the .bib is read by ``read.bib`` (the reader every command uses), venue strings are recognised by ``venue_text``.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from unlearn_bib.read.bib import BibEntry, entry_year, quiet_bibtexparser, read_bib
from unlearn_bib.text.latex import plain
from unlearn_bib.match.rule import CatalogIndex, entry_ids, match
from unlearn_bib.catalog.model import Catalog, Paper
from unlearn_bib.text.lines import ends_line, newline_of, split_lines
from unlearn_bib.match.venue_text import container_venue, is_preprint_entry
from unlearn_bib.outcomes import EntryStatus, MatchStatus


# --- rewriting ---------------------------------------------------------------------------------

# Bibliographic fields: always replaced by the catalog's (dropped when the catalog has none).
REPLACED = frozenset((
    "author", "title", "booktitle", "journal", "journaltitle", "series", "publisher", "year", "date", "doi",
    "url", "eprint", "eprinttype", "archiveprefix", "primaryclass", "eprintclass", "howpublished", "type",
))
# Fields of one publication the catalog may lack (pages from DBLP, an editor list): kept only when
# the user's entry already is the published version (same venue and year), since an arXiv
# record's volume "abs/2311.17717" or month says nothing about the conference paper.
SAME_PUBLICATION = frozenset((
    "volume", "number", "issue", "pages", "month", "address", "location", "organization", "editor", "isbn",
    "issn", "institution", "school", "chapter", "edition", "venue", "eventdate", "eventtitle", "booksubtitle",
    "maintitle",
))
_STALE_NOTE = re.compile(r"arxiv|preprint|accepted|to appear|under review|in submission|submitted", re.IGNORECASE)


def same_publication(entry: BibEntry, paper: Paper) -> bool:
    """Does the user's entry already describe the catalog's published version?"""
    if is_preprint_entry(entry.entry_type, entry.fields) or paper.venue.is_preprint:
        return False
    if paper.year is None or entry_year(entry.fields) != paper.year:  # no year yet: nothing to call the same
        return False
    container = entry.fields.get("booktitle") or entry.fields.get("journal") or ""
    return container_venue(container, paper.year) == paper.venue.id


def _norm_value(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and (raw[0], raw[-1]) in (("{", "}"), ('"', '"')):
        raw = raw[1:-1]
    return re.sub(r"\s+", " ", raw).strip()


def catalog_fields(paper: Paper, dialect: str = "bibtex") -> tuple[str, list[tuple[str, str]]]:
    """(entry type, [(field name, raw value)]) of the catalog's BibTeX (or BibLaTeX) entry for a paper."""
    import bibtexparser

    from unlearn_bib.export.bibtex import Options, format_entry

    with quiet_bibtexparser():
        library = bibtexparser.parse_string(format_entry(paper, Options(dialect)), parse_stack=[])
    entry = library.entries[0]
    return entry.entry_type.lower(), [(f.key, f.value) for f in entry.fields]


# BibLaTeX's own entry types and fields: a file that uses them is answered in BibLaTeX.
_BIBLATEX_TYPES = frozenset(("online", "report", "thesis", "dataset", "software", "mvbook", "collection"))
# (DBLP's BibTeX has eprinttype and Zotero's urldate, so those say nothing.)
_BIBLATEX_FIELDS = frozenset(("eprintclass", "journaltitle"))
# The user's arXiv fields: kept when they name the catalog paper's own arXiv record.
_EPRINT_FIELDS = frozenset(("eprint", "archiveprefix", "primaryclass", "eprinttype", "eprintclass"))
# A user's field that repeats one of the catalog's (Google Scholar's organization = {Springer}
# beside the catalog's publisher = {Springer}) would print twice ("Springer, Springer, 2024").
_REPEATS = frozenset(("organization", "institution", "venue", "eventtitle"))
_OPENREVIEW_URL = re.compile(r"^https?://openreview\.net/(?:forum|pdf)\?id=([A-Za-z0-9_-]+)$")


def dialect_of(entries: list[BibEntry]) -> str:
    """"biblatex" when the file's entries use BibLaTeX's own types or fields, else "bibtex"."""
    for entry in entries:
        fields = set(entry.fields)
        if entry.entry_type in _BIBLATEX_TYPES or _BIBLATEX_FIELDS & fields or ("date" in fields and "year" not in fields):
            return "biblatex"
    return "bibtex"


def _words(raw: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", plain(_norm_value(raw)).lower())


def _repeats(raw: str, values: list[str]) -> bool:
    """Does ``raw`` say what one of ``values`` says (the same words, or the start of them)?"""
    mine = _words(raw)
    for value in values:
        theirs = _words(value)
        n = min(len(mine), len(theirs))
        if mine and theirs and mine[:n] == theirs[:n]:
            return True
    return False


def _own_field(lower: str, raw: str, entry: BibEntry, paper: Paper, ours: dict[str, str]) -> bool:
    """A field of the user's the catalog would replace, kept because it is right and adds to it:
    the paper's own arXiv fields, or an OpenReview link to the paper."""
    if lower in _EPRINT_FIELDS:
        eprint = (entry.fields.get("eprint") or "").strip()
        return bool(paper.arxiv) and re.sub(r"v\d+$", "", eprint) == paper.arxiv and lower not in ours
    if lower == "url":
        found = _OPENREVIEW_URL.match(_norm_value(raw))
        return bool(found) and (not paper.openreview or found.group(1) == paper.openreview)
    return False


def merge(entry: BibEntry, paper: Paper, dialect: str = "bibtex") -> tuple[str, list[tuple[str, str]], list[str]]:
    """The rewritten entry's type and fields, and the user's fields that were dropped."""
    entry_type, fields = catalog_fields(paper, dialect)
    if dialect == "biblatex" and entry_type == "misc" and entry.entry_type == "online":
        entry_type = "online"  # the user's BibLaTeX type for a preprint stays
    ours = {name.lower(): raw for name, raw in fields}
    keep_publication = same_publication(entry, paper)
    containers = [ours[n] for n in ("publisher", "booktitle", "journal", "journaltitle", "series") if n in ours]
    kept, dropped = [], []
    for name, raw in entry.raw_fields:
        lower = name.lower()
        if _own_field(lower, raw, entry, paper, ours):
            if lower == "url" and "url" in ours:
                fields = [(n, raw if n.lower() == "url" else v) for n, v in fields]
                continue
            kept.append((name, raw))
            continue
        if lower in ours:
            continue
        if lower in REPLACED or (lower in SAME_PUBLICATION and not keep_publication) or (
                lower == "note" and _STALE_NOTE.search(entry.fields.get("note", ""))) or (
                lower in _REPEATS and _repeats(raw, containers)):
            dropped.append(name)
            continue
        kept.append((name, raw))
    return entry_type, fields + kept, dropped


def render_entry(entry_type: str, key: str, fields: list[tuple[str, str]], newline: str = "\n") -> str:
    from unlearn_bib.export.bibtex import WIDTH

    lines = [f"@{entry_type}{{{key},"]
    lines += [f"  {name.ljust(WIDTH)} = {raw.strip()}," for name, raw in fields]
    lines.append("}")
    return newline.join(lines)


def describe(entry_type: str, fields: dict[str, str]) -> str:
    """'@article, arXiv preprint arXiv:2311.17717, 2023' - where an entry says it appeared."""
    where = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished") or fields.get("publisher") or ""
    where = plain(where)
    if not where and (fields.get("eprint") or "").strip():
        where = f"{plain(fields.get('archiveprefix', '') or 'eprint')} {fields['eprint'].strip()}"
    if len(where) > 60:
        where = where[:57] + "..."
    year = fields.get("year", "") or fields.get("date", "")[:4]
    return ", ".join(x for x in (f"@{entry_type}", where, year.strip()) if x)


def _same_meaning(name: str, old: str, new: str) -> bool:
    """Do two values of a field say the same thing, written differently ({\\"u} and ü, braces,
    "First Last" and "Last, First")?"""
    if name.lower() in ("author", "editor"):
        from unlearn_bib.read.names import parse_name, split_names

        def people(raw: str) -> list[dict[str, str]]:
            return [parse_name(n) for n in split_names(_norm_value(raw))]

        return people(old) == people(new)
    fold = lambda raw: " ".join(plain(_norm_value(raw)).replace("{", "").replace("}", "").split())  # noqa: E731
    return fold(old) == fold(new)


def _venue_label(paper: Paper) -> str:
    return paper.venue.short if paper.venue.is_preprint or not paper.year else f"{paper.venue.short} {paper.year}"


@dataclass(frozen=True)
class Report:
    line: int
    key: str
    status: EntryStatus
    message: str = ""


@dataclass
class Result:
    text: str
    reports: list[Report] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.reports)


def normalize_bib(text: str, catalog: Catalog, path: str = "refs.bib") -> Result:
    """Rewrite every catalog paper in a .bib text into its published form; see the module doc."""
    bib = read_bib(text, path)
    dialect = dialect_of(bib.entries)
    index = CatalogIndex(catalog)
    reports: list[Report] = []
    replacements: list[tuple[int, int, str]] = []
    seen: dict[str, BibEntry] = {}
    for line, message in bib.problems:
        reports.append(Report(line, "", EntryStatus.BROKEN, message))
    for entry in bib.entries:
        if entry.entry_type in ("comment", "preamble", "string"):
            continue
        found = match(entry_ids(entry.fields), index)
        if found.status == MatchStatus.UNMATCHED:
            reports.append(Report(entry.line, entry.key, EntryStatus.UNMATCHED, found.reason))
            continue
        if found.status == MatchStatus.AMBIGUOUS:
            reports.append(Report(entry.line, entry.key, EntryStatus.AMBIGUOUS, found.reason + "; left unchanged"))
            continue
        paper = found.paper
        also = seen.get(paper.key)
        note = f" (also entry {also.key!r} on line {also.line}: the same paper twice?)" if also else ""
        seen.setdefault(paper.key, entry)
        if paper.needs_verification:
            reports.append(Report(entry.line, entry.key, EntryStatus.UNVERIFIED,
                                  f"is {paper.key} ({found.how}), but that catalog record still needs verification; left unchanged"))
            continue
        entry_type, fields, dropped = merge(entry, paper, dialect)
        before = {(n.lower(), _norm_value(v)) for n, v in entry.raw_fields}
        after = {(n.lower(), _norm_value(v)) for n, v in fields}
        if entry_type == entry.entry_type and before == after:
            reports.append(Report(entry.line, entry.key, EntryStatus.CURRENT, f"is {paper.key} ({found.how}){note}"))
            continue
        newline = newline_of(entry.raw, newline_of(text))
        replacements.append((entry.start, entry.end, render_entry(entry_type, entry.key, fields, newline)))
        old = {n.lower(): _norm_value(v) for n, v in entry.raw_fields}
        differ = [n for n, v in fields if n.lower() in old and old[n.lower()] != _norm_value(v)]
        changed = [n for n in differ if not _same_meaning(n, old[n.lower()], dict(fields)[n])]
        reformatted = [n for n in differ if n not in changed]
        added = [n for n, _ in fields if n.lower() not in old]
        details = "; ".join(part for part in (
            f"changed {', '.join(changed)}" if changed else "",
            f"reformatted {', '.join(reformatted)}" if reformatted else "",
            f"added {', '.join(added)}" if added else "",
            f"removed {', '.join(dropped)}" if dropped else "",
        ) if part)
        reports.append(Report(
            entry.line, entry.key, EntryStatus.NORMALIZED,
            f"{describe(entry.entry_type, entry.fields)} -> @{entry_type}, {_venue_label(paper)} "
            f"[{paper.key}, by {found.how}]" + (f" ({details})" if details else "") + note,
        ))
    out, pos = [], 0
    for start, end, new in sorted(replacements):
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    reports.sort(key=lambda r: r.line)
    return Result("".join(out), reports)


LABELS = {EntryStatus.NORMALIZED: "normalized", EntryStatus.CURRENT: "already current",
          EntryStatus.UNMATCHED: "unmatched", EntryStatus.AMBIGUOUS: "ambiguous",
          EntryStatus.UNVERIFIED: "not rewritten", EntryStatus.BROKEN: "unreadable"}


def entry_lines(result: Result, path: str, labels: dict) -> list[str]:
    """One line per entry (and per broken block): FILE:LINE: key: label: message."""
    return [f"{path}:{r.line}: " + (f"{r.key}: " if r.key else "") + labels[r.status]
            + (f": {r.message}" if r.message else "") for r in result.reports]


def format_report(result: Result, path: str) -> list[str]:
    """One line per entry (and per broken block), then a summary line."""
    lines = entry_lines(result, path, LABELS)
    total = sum(r.status != EntryStatus.BROKEN for r in result.reports)
    always = (EntryStatus.NORMALIZED, EntryStatus.CURRENT, EntryStatus.UNMATCHED, EntryStatus.AMBIGUOUS)
    counts = [f"{result.count(s)} {LABELS[s]}" for s in LABELS if s in always or (result.count(s) and s != EntryStatus.BROKEN)]
    broken = result.count(EntryStatus.BROKEN)
    tail = f"; {broken} unreadable block{'s' if broken != 1 else ''} left as {'they were' if broken != 1 else 'it was'}" if broken else ""
    lines.append(f"{path}: {total} entries: {', '.join(counts)}{tail}")
    return lines


def unified_diff(before: str, after: str, path: str) -> str:
    diff = difflib.unified_diff(split_lines(before), split_lines(after), path, path)
    text = ""
    for line in diff:
        if line.endswith("\r"):  # a CR-only file: shown one line per line
            line += "\n"
        text += line if ends_line(line) else line + "\n\\ No newline at end of file\n"
    return text


__all__ = ["normalize_bib", "format_report", "unified_diff", "merge", "Report", "Result"]
