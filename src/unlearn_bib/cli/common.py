"""What the command modules share: the catalog/file options, loading, writing, and report lines on stderr."""
from __future__ import annotations

import click

CITATION_FORMATS = ("text", "markdown", "html")
EXPORT_FORMATS = ("bibtex", "biblatex", "csljson", "tables") + CITATION_FORMATS + ("ris",)


def tell(line: str) -> None:
    """A report line on stderr, control characters in it escaped (user data cannot drive the terminal)."""
    from unlearn_bib.text.terminal import visible

    click.echo(visible(line), err=True)


FEW = 3  # warnings of one kind about this many records or fewer name each record; more are one line


def tell_records(lines: list[str], summary: str, verbose: bool = False) -> None:
    """Warnings of one kind, one line per record (export's, release's): each line when there are a few or
    with --verbose, else ``summary`` alone (a count, what to do, and that --verbose names each). The one
    place of this rule, so that 54 authorless records of one imported list are one line, not 54."""
    if verbose or len(lines) <= FEW:
        for line in lines:
            tell(line)
    elif lines:
        tell(summary)


def verbose_option(func):
    return click.option("--verbose", "-v", is_flag=True,
                        help=f"Name every record a warning is about (by default more than {FEW} records "
                        "sharing a warning are one line).")(func)


def papers_option(func):
    return click.option(
        "--papers", "papers", type=click.Path(dir_okay=False), default=None,
        help="Catalog to read (default: ./papers.yaml or one in an enclosing folder of the git checkout, else the "
        "packaged snapshot). Formatting commands also take a .bib or CSL-JSON file.",
    )(func)


def filter_options(func):
    options = [
        click.option("--section", "sections", multiple=True, help="Only this section (repeatable), e.g. concept-unlearning."),
        click.option("--key", "keys", multiple=True,
                     help="Only this paper (repeatable): a key, arXiv id, DOI, OpenReview id, URL or title words."),
        click.option("--year", type=int, default=None, help="Only papers published in this year."),
        click.option("--since", type=int, default=None, help="Only papers published in this year or later."),
        click.option("--venue", default="", help='Only this venue, e.g. "ECCV" or "NeurIPS".'),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def selection(sections, keys, year, since, venue):
    from unlearn_bib.catalog.select import Selection

    if year is not None and since is not None:
        raise click.UsageError("--year and --since cannot be combined")
    return Selection(tuple(sections), tuple(keys), year, since, venue)


LEFT_OUT = "unlearn_bib.left_out"  # in click's shared context meta: entries were left out, the exit status is 1


def load(papers, *, strict=True):
    """Load the catalog (a Catalog), or a user's .bib / CSL-JSON file (CSLItems, see sources.py)."""
    from unlearn_bib.items.load import is_foreign, load_items

    import gc

    if is_foreign(papers):
        items = load_items(papers, partial=True)
        if items.problems:  # one bad entry is reported and left out; the rest is formatted, the exit is 1
            from unlearn_bib.text.terminal import visible_lines

            for problem in items.problems:
                click.echo(f"Error: {visible_lines(str(problem))}", err=True)
            tell(f"{papers}: {len(items.problems)} problem{'s' if len(items.problems) != 1 else ''} (above): "
                 f"{'that entry is' if len(items.problems) == 1 else 'those entries are'} left out, "
                 f"{len(items)} {'entry' if len(items) == 1 else 'entries'} used")
            click.get_current_context().meta[LEFT_OUT] = True
        gc.freeze()  # as for the catalog, below
        return items
    from unlearn_bib.catalog.load import load_catalog

    catalog = load_catalog(papers, strict=strict)
    # The catalog lives until the command ends: the cyclic GC need not walk its objects at
    # every collection while exporting (-12% for 10,000 papers). Undone in cli.Group.invoke.

    gc.freeze()
    return catalog


def _real(path) -> str:
    """The file a write to ``path`` replaces: the folder resolved (also when it or the file does not exist yet)."""
    import os

    return os.path.realpath(os.path.abspath(os.fspath(path)))


def refuse_own_input(output, inputs, hint: str = "") -> None:
    """Every command with -o: refuse a target that is one of the command's inputs (real paths compared,
    so ``nosuchdir/../refs.bib`` and a symlink to the input count; hard links too)."""
    import os

    if not output:
        return
    target = _real(output)
    for path in inputs:
        if not path:
            continue
        same = _real(path) == target
        if not same and os.path.exists(output) and os.path.exists(path):
            try:
                same = os.path.samefile(output, path)
            except OSError:
                same = False
        if same:
            raise click.UsageError(f"-o {output} is the input file {path}; nothing written"
                                   + (f": {hint}" if hint else ": choose another output file"))


def catalog_input(papers):
    """The file a command reads as its catalog: --papers, or the default one."""
    if papers:
        return papers
    from unlearn_bib.catalog.load import default_catalog_path

    return str(default_catalog_path())


def emit(text: str, output: str | None) -> None:
    if output:
        from unlearn_bib.files.write import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


def is_foreign(papers) -> bool:
    from unlearn_bib.items.load import is_foreign as foreign

    return foreign(papers)


def foreign_items(papers, keys=(), year=None, since=None, sections=(), venue=""):
    """A user's .bib / CSL-JSON file as CSL items, filtered by --key/--year/--since."""
    if sections or venue:
        raise click.UsageError("--section and --venue select from a catalog; a .bib or CSL-JSON file has neither")
    if year is not None and since is not None:
        raise click.UsageError("--year and --since cannot be combined")
    items = load(papers)
    for note in items.notes:
        tell(f"warning: {note}")
    if keys:
        from unlearn_bib.items.load import item_ids

        keys = item_ids(tuple(keys), items)
    return items.pick(tuple(keys), year, since)
