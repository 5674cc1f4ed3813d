"""The awesome list's own README tables, in the seed list's layout."""
from __future__ import annotations

from unlearn_bib.model import Catalog, Paper

COLUMNS = ("Paper", "Year", "Venue", "Code")


def venue_cell(paper: Paper) -> str:
    if paper.venue.is_preprint:
        return paper.venue.short
    return f"{paper.venue.short} {paper.year}"


def code_cell(paper: Paper) -> str:
    if not paper.code:
        return ""
    label = "GitHub" if "github.com" in paper.code else "Code"
    return f"[{label}]({paper.code})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def row(paper: Paper, with_type: bool) -> list[str]:
    cells = [
        f"[{_cell(paper.plain_title)}]({paper.link})",
        str(paper.list_year or paper.year),
        venue_cell(paper),
        code_cell(paper),
    ]
    if with_type:
        cells.append(_cell(paper.attack_type))
    return cells


def section_rows(catalog: Catalog) -> list[tuple[str, list[str], list[list[str]]]]:
    """(section title, header, rows) in catalog order: what `--check` compares."""
    out = []
    for section in catalog.sections:
        papers = [p for p in catalog if p.section == section.id]
        if not papers:
            continue
        with_type = any(p.attack_type for p in papers)
        header = list(COLUMNS) + (["Type"] if with_type else [])
        out.append((section.title, header, [row(p, with_type) for p in papers]))
    return out


def render(catalog: Catalog) -> str:
    parts = []
    for title, header, rows in section_rows(catalog):
        lines = [f"## {title}", "", "| " + " | ".join(header) + " |",
                 "| " + " | ".join(":---:" for _ in header) + " |"]
        lines += ["| " + " | ".join(cells) + " |" for cells in rows]
        parts.append("\n".join(lines).replace("|  |", "| |"))
    return "\n\n".join(parts) + "\n"
