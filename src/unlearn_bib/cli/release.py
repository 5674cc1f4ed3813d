"""The commands about releases: build the bundle, and say what changed between two catalogs or releases."""
from __future__ import annotations

import sys

import click

from unlearn_bib.cli.common import emit, papers_option, tell, tell_records, verbose_option


@click.command(short_help="Build the release bundle: bibliographies, page, checksums.")
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help="Directory to write the bundle to.")
@click.option("--previous", type=click.Path(dir_okay=False), default=None,
              help="The previous release's manifest.json (or its papers.json): adds CHANGES.md and a 'what changed' section.")
@click.option("--release-name", default="", metavar="NAME",
              help="The list's release, e.g. v2025.03 (the git tag): named in CITATION.cff, CHANGES.md and manifest.json.")
@papers_option
@verbose_option
def release(out, papers, previous, release_name, verbose):
    """Build the release bundle: refs.bib, BibLaTeX, CSL-JSON, styled lists, tables, web page, checksums.

    A new OUT is built beside it and renamed into place when complete. An existing OUT must be
    empty or a previous bundle: its own files are replaced, anything else there stays; a failed
    build leaves it as it was. Two builds of the same catalog are byte-identical; a date
    appears in manifest.json only when SOURCE_DATE_EPOCH is set.

    Records without authors (imported, not yet verified) are left out of every bibliography,
    with a warning naming each (one line for more than three; --verbose names each); the page
    lists them marked "unverified". --previous must lie outside OUT (the build replaces OUT's
    manifest): copy the previous release aside first.

    \b
    Examples:
      unlearn-bib release --out dist
      SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) unlearn-bib release --out dist
      unlearn-bib release --out dist --previous old-dist/manifest.json --release-name v2025.03
      cd dist && sha256sum -c SHA256SUMS
    """
    import os

    from unlearn_bib.catalog.load import find_catalog, load_catalog, read_bytes
    from unlearn_bib.release.bundle import build, owned_files
    from unlearn_bib.files.write import write_tree

    import re

    if release_name and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}", release_name):
        raise click.UsageError(f"--release-name {release_name!r}: use letters, digits, '.', '_', '+' and '-' "
                               "(up to 64), e.g. v2025.03")
    if previous and _inside(previous, out):
        raise click.UsageError(f"--previous {previous} lies inside --out {out}, which this build replaces (a rerun would "
                               f"compare the bundle with itself); copy the previous release aside first, e.g. "
                               f"cp -r {out} previous-release && unlearn-bib release --out {out} --previous "
                               "previous-release/manifest.json")
    found = find_catalog(papers)
    path = found.path
    catalog = load_catalog(papers)
    before = None
    if previous:
        from unlearn_bib.release import changes

        before = changes.load(previous)
        tell(f"CHANGES.md: compared with {before.description}")
    tty = sys.stderr.isatty()

    def progress(step):
        if tty:
            click.echo(f"\r\033[Kbuilding: {step}", err=True, nl=False)

    warnings = []
    files = build(catalog, read_bytes(path), source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"), progress=progress,
                  previous=before, warn=warnings.append, release_name=release_name)
    if tty:
        click.echo("\r\033[K", err=True, nl=False)
    from unlearn_bib.catalog.select import left_out_summary

    tell_records(warnings, left_out_summary(len(warnings)), verbose)
    write_tree(out, files, marker="manifest.json", owned=owned_files)
    shipped = len(catalog) - len(warnings)
    left = f" ({len(warnings)} left out: no authors yet)" if warnings else ""
    tell(f"{out}: {len(files)} files for {shipped} papers{left} from {found.describe()}")


def _inside(path: str, folder: str) -> bool:
    """Is ``path`` in ``folder`` (or below it), symlinks and '..' resolved?"""
    from pathlib import Path

    where, top = Path(path).resolve(), Path(folder).resolve()
    return top == where or top in where.parents


@click.command(short_help="Print what changed between two catalogs or releases, as Markdown.")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False), required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here (atomically) instead of stdout.")
def diff(old, new, output):
    """Print what changed from OLD to NEW as Markdown (what a release's CHANGES.md holds).

    OLD and NEW are each a catalog (papers.yaml), a CSL-JSON file (a release's papers.json) or a
    release's manifest.json (its papers.json is read from beside it). NEW defaults to the shipped
    papers.yaml. Lists papers added, removed, now published (old -> new venue), corrected fields
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

    for path in (old, new):
        if path and path.lower().endswith(".bib"):
            raise click.UsageError(f"{path}: diff compares catalogs and releases: a papers.yaml, a CSL-JSON file "
                                   "(a release's papers.json) or a release's manifest.json, not a .bib; to see what "
                                   f"the catalog would change in {path}, run `unlearn-bib normalize {path} --dry-run`")
    inputs = [old, catalog_input(new)]
    inputs += [os.path.join(os.path.dirname(p), "papers.json") for p in inputs if p.lower().endswith(".json")]
    refuse_own_input(output, inputs)
    before = changes.load(old)
    after = changes.load(new) if new else changes.Snapshot(load_catalog(None, strict=False), "papers.yaml")  # the catalog here
    emit(changes.to_markdown(changes.compare(before, after)), output)
