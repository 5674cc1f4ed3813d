"""The awesome list's own README tables, in the seed list's layout."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from unlearn_bib.catalog.model import Catalog, Paper
from unlearn_bib.catalog.identifiers import web_link
from unlearn_bib.text.markdown import escape as escape_markdown

COLUMNS = ("Paper", "Year", "Venue", "Code")


def venue_cell(paper: Paper) -> str:
    if paper.venue.is_preprint or not paper.venue.id:  # a venue the registry lacks: as the list wrote it
        return paper.venue.short
    return f"{paper.venue.short} {paper.year}" if paper.year else paper.venue.short  # no year yet: the name alone


def code_cell(paper: Paper) -> str:
    code = paper.code_link
    if not code:
        return ""  # no code, or a link that is not http(s): never rendered as a link
    label = "GitHub" if code.startswith(("https://github.com/", "http://github.com/")) else "Code"
    return f"[{label}]({link_target(code)})"


def _cell(text: str) -> str:
    """Cell text as Markdown shows it: markup characters (text/markdown.py, the cell separator
    among them) backslash-escaped, line breaks folded."""
    return escape_markdown(" ".join(text.split()))


def link_target(url: str) -> str:
    """A Markdown link destination: http(s) only, parentheses encoded so they cannot end it."""
    return web_link(url).replace("(", "%28").replace(")", "%29")


def row(paper: Paper, with_type: bool) -> list[str]:
    cells = [
        f"[{_cell(paper.plain_title)}]({link_target(paper.link)})" if link_target(paper.link) else _cell(paper.plain_title),
        str(paper.list_year or paper.year or ""),  # an unverified record without a year: an empty cell
        _cell(venue_cell(paper)),
        code_cell(paper),
    ]
    if with_type:
        cells.append(_cell(paper.attack_type))
    return cells


def section_rows(catalog: Catalog) -> list[tuple[str, list[str], list[list[str]]]]:
    """(section heading, header, rows) in catalog order, as Markdown text: what `--check` compares."""
    out = []
    for section in catalog.sections:
        papers = [p for p in catalog if p.section == section.id]
        if not papers:
            continue
        with_type = any(p.attack_type for p in papers)
        header = list(COLUMNS) + (["Type"] if with_type else [])
        heading = escape_markdown(" ".join(section.title.split()), heading=True)  # a '#' could close it
        out.append((heading, header, [row(p, with_type) for p in papers]))
    return out


def render(catalog: Catalog) -> str:
    parts = []
    for title, header, rows in section_rows(catalog):
        lines = [f"## {title}", "", "| " + " | ".join(header) + " |",
                 "| " + " | ".join(":---:" for _ in header) + " |"]
        lines += ["| " + " | ".join(cells) + " |" for cells in rows]
        parts.append("\n".join(lines).replace("|  |", "| |"))
    return "\n\n".join(parts) + "\n"


# --- reading the tables back: `export --format tables --check FILE` and `import --from markdown` --

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")  # "## C#" keeps its '#'
_ALIGN = re.compile(r"^:?-{1,}:?$")


@dataclass
class ParsedTable:
    """One Markdown table of a list: its heading, header cells and rows (line, cells)."""

    title: str
    line: int
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def split_cells(line: str) -> list[str]:
    """'| a | b \\| c | `x|y` |' -> ['a', 'b \\| c', '`x|y`']: escaped pipes and code spans kept."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    cells, current, code, i = [], "", False, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current += text[i:i + 2]
            i += 2
            continue
        if ch == "`":
            code = not code
        if ch == "|" and not code:
            cells.append(current.strip())
            current = ""
        else:
            current += ch
        i += 1
    if current.strip():
        cells.append(current.strip())
    return cells


def parse_tables(text: str) -> list[ParsedTable]:
    """Every pipe table of a Markdown file with the heading it stands under."""
    tables: list[ParsedTable] = []
    heading = ""
    lines = text.splitlines()
    i = 0
    in_fence = False
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            i += 1
            continue
        match = _HEADING.match(line)
        if match:
            heading = (match.group(2) or "").strip()
            i += 1
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.lstrip().startswith("|") and nxt.lstrip().startswith("|"):
            align = split_cells(nxt)
            if align and all(_ALIGN.match(c.replace(" ", "")) for c in align):
                table = ParsedTable(heading, i + 1, split_cells(line))
                i += 2
                while i < len(lines) and lines[i].lstrip().startswith("|"):
                    table.rows.append((i + 1, split_cells(lines[i])))
                    i += 1
                tables.append(table)
                continue
        i += 1
    return tables


def paper_tables(text: str) -> list[ParsedTable]:
    """The tables of papers (first column "Paper"), one per heading, rows padded to the header."""
    merged: dict[str, ParsedTable] = {}
    for table in parse_tables(text):
        if not table.header or table.header[0].strip().lower() != "paper":
            continue
        width = len(table.header)
        rows = [(line, (cells + [""] * width)[:width] if len(cells) <= width else cells) for line, cells in table.rows]
        if table.title in merged:
            merged[table.title].rows += rows
        else:
            merged[table.title] = ParsedTable(table.title, table.line, table.header, rows)
    return list(merged.values())


def _row_text(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def compare(catalog: Catalog, text: str, path: str) -> list[str]:
    """What differs between the tables in a Markdown file and the catalog's; [] when current.

    Rows are compared cell by cell after trimming, so padding and alignment rows never matter.
    """
    ours = [(title, header, rows) for title, header, rows in section_rows(catalog)]
    theirs = {t.title: t for t in paper_tables(text)}
    out: list[str] = []
    for title, header, rows in ours:
        table = theirs.pop(title, None)
        if table is None:
            out.append(f"{path}: no table under a heading '{title}' ({len(rows)} rows in the catalog)")
            continue
        if [c.lower() for c in table.header] != [c.lower() for c in header]:
            out.append(f"{path}:{table.line}: '{title}': columns are {table.header}, the catalog's are {header}")
            continue
        have = [tuple(cells) for _, cells in table.rows]
        want = [tuple(cells) for cells in rows]
        if have == want:
            continue
        lines = [line for line, _ in table.rows]
        matcher = difflib.SequenceMatcher(None, have, want, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                continue
            where = f"{path}:{lines[a1]}" if a1 < len(lines) else f"{path}:{(lines[-1] + 1) if lines else table.line + 2}"
            out.append(f"{where}: '{title}': {op}")
            out += [f"-{_row_text(list(r))}" for r in have[a1:a2]]
            out += [f"+{_row_text(list(r))}" for r in want[b1:b2]]
    for title, table in theirs.items():
        out.append(f"{path}:{table.line}: table under '{title}' has no section in the catalog ({len(table.rows)} rows)")
    return out


# --- writing the tables back: `export --format tables --write FILE` ----------------------------------

MARK_OPEN = "<!-- unlearn-bib:tables -->"
MARK_CLOSE = "<!-- /unlearn-bib:tables -->"


def splice(text: str, tables: str, path: str) -> str:
    """``text`` with what stands between its two marker lines replaced by ``tables``.

    Each marker must be alone on its line, once, the opening one first; anything else is an
    error naming the file and line, and nothing outside the markers ever changes.
    """
    from unlearn_bib.errors import error_at
    from unlearn_bib.text.lines import newline_of, split_lines

    lines = split_lines(text)
    found = {MARK_OPEN: [], MARK_CLOSE: []}
    for number, line in enumerate(lines):
        if line.strip() in found:
            found[line.strip()].append(number)
    for marker, at in found.items():
        if not at:
            raise error_at(path, None, f"no {marker} line: put {MARK_OPEN} and {MARK_CLOSE} on lines of their own "
                           "where the tables go")
        if len(at) > 1:
            raise error_at(path, at[1] + 1, f"{marker} appears again (first on line {at[0] + 1}); keep one of each")
    start, end = found[MARK_OPEN][0], found[MARK_CLOSE][0]
    if end < start:
        raise error_at(path, end + 1, f"{MARK_CLOSE} comes before {MARK_OPEN}")
    newline = newline_of(text)
    head = "".join(lines[: start + 1])
    if not head.endswith(("\n", "\r")):
        head += newline
    body = newline + tables.replace("\n", newline) + newline
    return head + body + "".join(lines[end:])
