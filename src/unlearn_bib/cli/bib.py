"""The commands that rewrite a .bib or the catalog from outside data: normalize, update, import (and --online)."""
from __future__ import annotations

import sys

import click

from unlearn_bib.cli.common import tell


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
        click.option("--mailto", default="", callback=_mailto,
                     help="Contact e-mail sent to the services as they ask (or UNLEARN_BIB_MAILTO)."),
        click.option("--budget", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
                     help="Time for all requests of the run (default: 1200); then the services are no longer asked."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _mailto(ctx, param, value):
    from unlearn_bib.errors import UnlearnBibError
    from unlearn_bib.resolve.http import check_mailto

    try:
        return check_mailto(value or "")
    except UnlearnBibError as exc:
        raise click.BadParameter(str(exc.problems[0].message).removeprefix("--mailto ")) from None


def _client(cache_dir, no_cache, mailto, budget=None):
    from unlearn_bib.resolve.http import Client

    return Client(cache_dir="" if no_cache else cache_dir, mailto=mailto, budget=budget,
                  warn=lambda message: tell(f"warning: {message}"))


@click.command(short_help="Rewrite the catalog's papers in your .bib as published.")
@click.argument("bibfile", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the normalized .bib here (atomically); default: stdout.")
@click.option("--in-place", is_flag=True, help="Overwrite BIBFILE itself (atomically).")
@click.option("--dry-run", is_flag=True, help="Print a unified diff of what would change; write nothing.")
@click.option("--papers", type=click.Path(dir_okay=False), default=None,
              help="Catalog to match against (default: ./papers.yaml, an enclosing folder's, or the shipped one).")
@online_options
def normalize(bibfile, output, in_place, dry_run, papers, online, strict, quiet, cache_dir, no_cache, mailto, budget):
    """Rewrite the catalog's papers in your .bib into their published form.

    Each entry that is a catalog paper (matched by arXiv id, DOI, OpenReview id or
    title) gets the catalog's entry type and bibliographic fields; your citation key
    and your own fields (keywords, file, abstract, your arXiv class, an OpenReview
    link, ...) stay; a field that only repeats the catalog's (Google Scholar's
    organization = publisher) goes. A BibLaTeX file is answered in BibLaTeX.
    Everything else in the file stays byte for byte. A report per entry goes to stderr: normalized (from
    what to what), already current, unmatched, ambiguous (left alone).

    \b
    Examples:
      unlearn-bib normalize refs.bib -o refs.normalized.bib
      unlearn-bib normalize refs.bib --dry-run
      unlearn-bib normalize refs.bib --in-place
    """
    import os

    from unlearn_bib.catalog.load import load_catalog, read_bytes
    from unlearn_bib.read.bib import decode_bib
    from unlearn_bib.tasks.normalize import format_report, normalize_bib, unified_diff

    if in_place and output:
        raise click.UsageError("--in-place and -o/--output cannot be combined")
    from unlearn_bib.cli.common import catalog_input, refuse_own_input

    refuse_own_input(output, [bibfile], "use --in-place to overwrite it")
    refuse_own_input(output, [catalog_input(papers)])
    text = decode_bib(read_bytes(bibfile), bibfile)
    failed = False
    if online:
        from unlearn_bib.tasks.online import format_online_report, normalize_online
        from unlearn_bib.resolve.progress import Progress, summary

        client = _client(cache_dir, no_cache, mailto, budget)
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
        from unlearn_bib.files.write import write_atomic

        if output or result.text != text:
            write_atomic(bibfile if in_place else output, data)
        return
    click.echo(data, nl=False)


UPDATE_CHANGES = 3  # exit status of `update` when it proposes (or writes) changes


@click.command(short_help="Propose published versions of preprints, with evidence.")
@click.option("--papers", type=click.Path(dir_okay=False), default=None,
              help="Catalog to check (default: ./papers.yaml or one in an enclosing folder of the checkout).")
@click.option("--missing", is_flag=True, help="Also check published records that lack a DOI or pages.")
@click.option("--write", is_flag=True, help="Apply the proposed changes to the catalog (atomically).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report on stdout instead of the diff.")
@online_options
def update(papers, missing, write, as_json, online, strict, quiet, cache_dir, no_cache, mailto, budget):
    """Propose published versions of the catalog's preprints, with evidence.

    Prints a unified diff of the catalog (new venue, year, pages, DOI; the evidence
    links appended to `sources`, a sentence to `notes`); --write applies it. A record
    with `pinned: true` (or `pinned: [venue, year]`) keeps what a person decided.
    Records marked needs_verification (imported from a list) are completed as
    `import --online` completes them: authors, title, date, venue, with evidence.
    Exit status: 0 nothing new, 3 changes proposed (or written with --write),
    1 an error (or, with --strict, a service that failed).

    \b
    Examples:
      unlearn-bib update --online
      unlearn-bib update --online --write
      unlearn-bib update --online --missing --json > report.json
    """
    import json

    from unlearn_bib.tasks import update as updater
    from unlearn_bib.tasks.normalize import unified_diff

    from unlearn_bib.catalog.load import find_catalog

    found = find_catalog(papers)
    if write:
        from unlearn_bib.catalog.edit import writable

        writable(found)  # before asking any service
    if not online:
        from unlearn_bib.catalog.load import load_catalog

        catalog = load_catalog(papers, strict=False)
        todo = [p.key for p, _ in updater.candidates(catalog, missing)] + [p.key for p in catalog if p.needs_verification]
        click.echo(f"update: {found.describe()}: {len(todo)} record{'s' if len(todo) != 1 else ''} to check "
                   f"({', '.join(todo) or 'none'}); pass --online to ask the services "
                   "(nothing was sent)", err=True)
        return
    from unlearn_bib.resolve.progress import Progress, stats_dict, summary

    from unlearn_bib.tasks import complete

    client = _client(cache_dir, no_cache, mailto, budget)
    plan = updater.plan_update(client, papers, missing=missing, progress=Progress("update", quiet), write=write)
    # records imported from a list (needs_verification): completed from arXiv and the resolver
    filled = complete.plan_complete(client, plan.file, text=plan.after, shown=plan.path, progress=Progress("complete", quiet))
    plan.outcomes += filled.outcomes
    plan.after = filled.after
    for line in updater.report_lines(plan):
        tell(line)
    if not quiet:
        statuses = complete.summary_statuses(plan)
        tell(summary("update", statuses, client.stats))
    if as_json:
        from unlearn_bib.text.terminal import json_visible

        click.echo(json_visible(json.dumps(updater.as_json(plan, stats_dict(client.stats)), indent=2, ensure_ascii=False)))
    else:
        click.echo(unified_diff(plan.before, plan.after, plan.path), nl=False)
    if strict and client.stats.failures:
        raise click.ClickException("--strict: a service failed (see above)" + ("; nothing written" if write else ""))
    if plan.after != plan.before:
        if write:  # under the folder lock `import` takes; refused if the catalog changed while the services answered
            updater.write_plan(plan)
            tell(f"{plan.editor.describe()}: written")
        sys.exit(UPDATE_CHANGES)


def _complete_online(plan, online) -> None:
    """`import --online`: complete the records just added and those the file's rows matched that still
    need verification (an offline import run again with --online); the plan's text changes, nothing is written."""
    from unlearn_bib.resolve.progress import Progress, summary
    from unlearn_bib.tasks import complete
    from unlearn_bib.tasks.update import report_lines

    quiet, cache_dir, no_cache, mailto = online
    client = _client(cache_dir, no_cache, mailto)
    todo = set(plan.added) | set(plan.matched.values())  # needs_verification ones only (plan_complete checks)
    from unlearn_bib.tasks.importer import FreshEditor

    filled = complete.plan_complete(client, plan.file, text=plan.after, shown=plan.path, only=todo,
                                    progress=Progress("import --online", quiet),
                                    editor=FreshEditor(plan) if plan.fresh else None)
    for line in report_lines(filled):
        tell(line)
    if not quiet:
        tell(summary("import --online", complete.summary_statuses(filled), client.stats))
    plan.after = filled.after


@click.command(name="import", short_help="Add the papers of a .bib or an awesome list the catalog lacks.")
@click.option("--from", "source", type=click.Choice(["bibtex", "markdown"]), required=True,
              help="What FILE is: a .bib, or an awesome list of papers in Markdown (a README).")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--papers", type=click.Path(dir_okay=False), default=None,
              help="Catalog to grow (default: ./papers.yaml or one in an enclosing folder of the checkout); "
              "a missing or empty file starts a new one.")
@click.option("--section", default=None, help="Section id for papers from a .bib (needed when the catalog has several).")
@click.option("--dry-run", is_flag=True, help="Print the change to the catalog as a unified diff; write nothing.")
@click.option("--strict", is_flag=True, help="With --from markdown: all or nothing; one reported row stops the import.")
@click.option("--online", is_flag=True, help="Complete the new records (and unverified ones the rows match) from arXiv and the resolver, with evidence; "
              "without it nothing leaves this machine.")
@click.option("--quiet", "-q", is_flag=True, help="With --online: no progress and no summary on stderr.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="With --online: HTTP cache directory (default: ~/.cache/unlearn-bib/http).")
@click.option("--no-cache", is_flag=True, help="With --online: do not read or write the HTTP cache.")
@click.option("--mailto", default="", help="With --online: contact e-mail sent to the services as they ask.")
def import_(source, file, papers, section, dry_run, strict, online, quiet, cache_dir, no_cache, mailto):
    """Add the papers of a .bib or of an awesome list (README) that the catalog lacks.

    A README is read in the layouts lists use (tables, bullets, paragraph blocks, one
    heading per paper) and row by row: each row is imported, merged with the catalog
    record or earlier row of the same paper, or reported with its line; a summary per
    file follows. --strict makes it all or nothing. New records get keys by the catalog's
    rule, `needs_verification: true`, the row's authors and a source; a venue the registry
    lacks is kept as written (`check` lists it). Existing records, their order and
    comments are left as they are; the file is written atomically.

    \b
    Examples:
      unlearn-bib import --from bibtex refs.bib --section concept-unlearning --dry-run
      unlearn-bib import --from markdown README.md
      unlearn-bib import --from markdown README.md --papers new-catalog.yaml
      unlearn-bib import --from markdown README.md --online

    With --online, each new record with an arXiv id is completed from arXiv and the
    resolver (authors, exact title, date, published venue, pages, DOI; the records used
    go into `sources`); where the row contradicts them the records win and it is reported.
    Rows without an identifier get a title search whose candidates are reported, not applied.
    """
    import os
    from contextlib import nullcontext

    from unlearn_bib.catalog.edit import writable
    from unlearn_bib.catalog.load import find_catalog
    from unlearn_bib.files.write import locked

    if section and source != "bibtex":
        raise click.UsageError("--section is for --from bibtex; a README's headings name the sections")
    found = find_catalog(papers, new_here=True)  # outside any list's folder: a new papers.yaml here
    if not dry_run:
        writable(found)
    if found.how == "new":
        papers = found.shown
    folder = os.path.dirname(os.path.realpath(found.path))
    online = (quiet, cache_dir, no_cache, mailto) if online else None
    with nullcontext() if dry_run else locked(folder):  # concurrent imports into one catalog take turns
        tell(f"catalog: {found.describe()}")
        _import(source, file, papers, section, dry_run, online, strict)


def _import(source, file, papers, section, dry_run, online=None, strict=False):
    """Read the catalog, add FILE's new papers, write it back (under the caller's lock)."""
    from unlearn_bib.tasks import import_table
    from unlearn_bib.tasks import importer

    if source == "bibtex":
        from unlearn_bib.tasks import import_bib

        plan = import_bib.import_bibtex(file, papers, section)
    else:
        plan = import_table.import_markdown(file, papers, strict=strict)
    for line in plan.reports:
        tell(line)
    tell(importer.summary(plan, file) if source == "bibtex" else import_table.summary(plan, file))
    if online and (plan.added or plan.matched):
        _complete_online(plan, online)
    if dry_run:
        from unlearn_bib.tasks.normalize import unified_diff

        click.echo(unified_diff(plan.before, plan.after, plan.path), nl=False)
        return
    importer.write(plan)
    if plan.added:
        tell(f"{plan.path}: added {len(plan.added)} record{'s' if len(plan.added) != 1 else ''} marked "
             "needs_verification (`unlearn-bib check` lists them)")
