"""The catalog side of ``unlearn-bib import``: the plan, duplicates, growing papers.yaml as text, writing.

The sources are read by ``import_bib`` (a .bib file) and ``import_table`` (an awesome
list's Markdown tables); both call ``decide`` per paper and ``grow`` once. Papers already
in the catalog are recognised with the same rule ``normalize`` uses (``unlearn_bib.match``)
and skipped. New records get keys by the catalog's rule
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
from unlearn_bib.catalog.model import Catalog
from unlearn_bib.text.lines import ends_line, line_at_bytes, newline_of, split_lines

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
class Target:
    """The catalog file an import grows: where it is, its text and what it holds."""

    path: str
    shown: str
    text: str
    catalog: Catalog


def open_catalog(path: str | None) -> Target:
    """The catalog to grow (``None``: the repository's papers.yaml); a missing or empty file starts one."""
    from unlearn_bib.catalog.load import default_catalog_path, read_bytes
    from unlearn_bib.catalog.validate import build_catalog
    from unlearn_bib.files.yamlio import load_yaml

    if path is None:
        from unlearn_bib.catalog import load as catalog_module

        target = default_catalog_path()
        if target == catalog_module.PACKAGED_CATALOG:  # an installed copy: never write into site-packages
            raise UnlearnBibError("not in a clone of unlearn-bib: pass the catalog to grow with --papers FILE")
        shown = "papers.yaml"
    else:
        target, shown = Path(path), str(path)
    if not target.exists() or not read_bytes(target).strip():
        return Target(str(target), shown, "", Catalog((), (), shown))
    data = read_bytes(target)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error_at(shown, line_at_bytes(data, exc.start), "not valid UTF-8") from None
    return Target(str(target), shown, text, build_catalog(load_yaml(data, shown), shown, strict=False))


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
    newline = newline_of(text)
    lines = split_lines(text)
    if lines and not ends_line(lines[-1]):
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
    from unlearn_bib.files.yamlio import yaml_scalar

    return f"  - id: {yaml_scalar(section_id)}\n    title: {yaml_scalar(title)}\n"


def grow(target: Target, sections: list[tuple[str, str]], records: list[dict]) -> str:
    from unlearn_bib.catalog.validate import build_catalog
    from unlearn_bib.files.yamlio import dump_record, load_yaml

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


def summary(plan: Plan, source: str) -> str:
    """One line of counts: "README.md: 3 added, 37 already in the catalog"."""
    order = ("added", "already in the catalog", "duplicate", "ambiguous", "unreadable")
    parts = [f"{plan.counts.get(k, 0)} {k}" for k in order if k in plan.counts or k in ("added", "already in the catalog")]
    return f"{source}: {', '.join(parts)}"


def write(plan: Plan) -> None:
    """Write the grown catalog atomically (nothing when nothing changed)."""
    from unlearn_bib.files.write import write_atomic

    if plan.after != plan.before:
        write_atomic(plan.file, plan.after.encode("utf-8"), expect=plan.before.encode("utf-8"))
