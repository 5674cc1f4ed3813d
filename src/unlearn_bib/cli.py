"""The command line: parse options, run the library, print data on stdout and errors on stderr.

This is the one place where ``UnlearnBibError`` becomes a message and exit code 1.
Heavy modules are imported inside command bodies so that start-up stays fast.
"""
from __future__ import annotations

import sys

import click

from unlearn_bib import __version__
from unlearn_bib.errors import UnlearnBibError

CITATION_FORMATS = ("text", "markdown", "html")
EXPORT_FORMATS = ("bibtex", "biblatex", "csljson", "tables") + CITATION_FORMATS


class Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UnlearnBibError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # `unlearn-bib export | head`
            sys.stderr.close()
            sys.exit(0)


def papers_option(func):
    return click.option(
        "--papers", "papers", type=click.Path(dir_okay=False), default=None,
        help="Catalog to read (default: the shipped papers.yaml). Formatting commands also take a .bib or CSL-JSON file.",
    )(func)


def filter_options(func):
    options = [
        click.option("--section", "sections", multiple=True, help="Only this section (repeatable), e.g. concept-unlearning."),
        click.option("--key", "keys", multiple=True, help="Only this citation key (repeatable)."),
        click.option("--year", type=int, default=None, help="Only papers published in this year."),
        click.option("--since", type=int, default=None, help="Only papers published in this year or later."),
        click.option("--venue", default="", help='Only this venue, e.g. "ECCV" or "NeurIPS".'),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _selection(sections, keys, year, since, venue):
    from unlearn_bib.select import Selection

    if year is not None and since is not None:
        raise click.UsageError("--year and --since cannot be combined")
    return Selection(tuple(sections), tuple(keys), year, since, venue)


def load(papers, *, strict=True):
    """Load the catalog, or a user's .bib / CSL-JSON file, into a Catalog."""
    if papers and papers.lower().endswith((".bib", ".json")):
        from unlearn_bib.sources import load_foreign

        return load_foreign(papers)
    from unlearn_bib.catalog import load_catalog

    return load_catalog(papers, strict=strict)


def emit(text: str, output: str | None) -> None:
    if output:
        from unlearn_bib.output import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="unlearn-bib")
def main():
    """A verified bibliography of machine unlearning for diffusion models.

    \b
    Examples:
      unlearn-bib export --format bibtex > refs.bib
      unlearn-bib export --format text --style ieee --section benchmark
      unlearn-bib cite gong2024reliable --style apa
      unlearn-bib check
    """


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="bibtex", show_default=True,
              help="Output format.")
@click.option("--style", default="apa", show_default=True, help="CSL style for text/markdown/html (see `unlearn-bib styles`).")
@click.option("--arxiv-style", type=click.Choice(["eprint", "journal"]), default="eprint", show_default=True,
              help='How BibTeX writes preprints: @misc with eprint fields, or Google Scholar\'s @article with journal = "arXiv preprint arXiv:ID".')
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here (atomically) instead of stdout.")
@filter_options
@papers_option
def export(fmt, style, arxiv_style, output, sections, keys, year, since, venue, papers):
    """Export the bibliography.

    \b
    Examples:
      unlearn-bib export --format bibtex > refs.bib
      unlearn-bib export --format biblatex -o refs-biblatex.bib
      unlearn-bib export --format csljson --since 2024
      unlearn-bib export --format bibtex --venue ECCV --arxiv-style journal
      unlearn-bib export --format markdown --style ieee --section benchmark
      unlearn-bib export --papers my.bib --format text --style ieee
    """
    catalog = _selection(sections, keys, year, since, venue).apply(load(papers))
    emit(render(catalog, fmt, style=style, arxiv_style=arxiv_style), output)


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
    from unlearn_bib.export import citations

    return citations.render(catalog, style, fmt)


@main.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@filter_options
@papers_option
def list_(as_json, sections, keys, year, since, venue, papers):
    """List the papers: key, year, venue, title.

    \b
    Examples:
      unlearn-bib list
      unlearn-bib list --section concept-restoration --json
    """
    from unlearn_bib.export.tables import venue_cell

    catalog = _selection(sections, keys, year, since, venue).apply(load(papers, strict=False))
    rows = [{"key": p.key, "year": p.year, "venue": venue_cell(p), "title": p.plain_title} for p in catalog]
    if as_json:
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["key"]) for r in rows), default=3)
    vwidth = max((len(r["venue"]) for r in rows), default=5)
    for r in rows:
        click.echo(f"{r['key']:<{width}}  {r['year']}  {r['venue']:<{vwidth}}  {r['title']}")


@main.command()
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
    from unlearn_bib.catalog import load_catalog
    from unlearn_bib.validate import verification_problems

    catalog = load_catalog(papers, strict=True)
    problems = verification_problems(catalog)
    if problems:
        raise UnlearnBibError(*problems)
    click.echo(f"{catalog.path}: {len(catalog)} papers, no problems", err=True)


@main.command()
def venues():
    """List the venue registry: id, short name, full name and aliases."""
    from unlearn_bib.venues import all_venues

    for vid, short, name, aliases in all_venues():
        extra = f"  (also: {', '.join(aliases)})" if aliases else ""
        click.echo(f"{vid:<32} {short:<16} {name}{extra}")
