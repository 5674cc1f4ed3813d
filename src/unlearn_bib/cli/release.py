"""The commands about releases: build the bundle, and say what changed between two catalogs or releases."""
from __future__ import annotations

import sys

import click

from unlearn_bib.cli.common import emit, papers_option, tell


@click.command()
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

    from unlearn_bib.catalog.load import default_catalog_path, load_catalog, read_bytes
    from unlearn_bib.release.bundle import build, owned_files
    from unlearn_bib.files.write import write_tree

    path = Path(papers) if papers else default_catalog_path()
    catalog = load_catalog(papers)
    before = None
    if previous:
        from unlearn_bib.release import changes

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


@click.command()
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
    import os

    from unlearn_bib.cli.common import catalog_input, refuse_own_input
    from unlearn_bib.release import changes
    from unlearn_bib.catalog.load import load_catalog

    inputs = [old, catalog_input(new)]
    inputs += [os.path.join(os.path.dirname(p), "papers.json") for p in inputs if p.lower().endswith(".json")]
    refuse_own_input(output, inputs)
    before = changes.load(old)
    after = changes.load(new) if new else changes.Snapshot(load_catalog(None, strict=False), "papers.yaml")
    emit(changes.to_markdown(changes.compare(before, after)), output)
