"""The release bundle: every artifact as {relative path: bytes}, plus checksums and a manifest.

Pure: nothing here touches the filesystem (``output.write_tree`` does). Reproducible: no
timestamp unless ``SOURCE_DATE_EPOCH`` gives one.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from typing import Callable

from unlearn_bib import __version__
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.catalog.model import Catalog

_LABEL = re.compile(r"^(\[\d+\]|\d+\.)\s*")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z


def build_stamp(source_date_epoch: str | None) -> str:
    """SOURCE_DATE_EPOCH as the manifest's UTC date ('' when unset), or a one-line error naming it."""
    if not source_date_epoch:
        return ""
    value = source_date_epoch.strip()
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_EPOCH:
        raise UnlearnBibError(f"SOURCE_DATE_EPOCH={source_date_epoch!r}: expected a whole number of seconds "
                              f"since 1970-01-01 UTC, from 0 to {MAX_EPOCH}")
    return datetime.fromtimestamp(int(value), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def owned_files(manifest: bytes) -> dict[str, str] | None:
    """{path: sha256} of the files a previous bundle wrote, read from its manifest.json;
    None if ``manifest`` is not one of ours (then the folder is not a previous bundle)."""
    try:
        data = json.loads(manifest)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("tool") != "unlearn-bib" or not isinstance(data.get("files"), dict):
        return None
    files = {name: info.get("sha256", "") for name, info in data["files"].items()
             if isinstance(name, str) and isinstance(info, dict) and isinstance(info.get("sha256", ""), str)}
    files.update({"manifest.json": "", "SHA256SUMS": ""})  # never listed in the manifest, always rewritten
    return files


def build(catalog: Catalog, catalog_bytes: bytes, *, source_date_epoch: str | None = None,
          progress: Callable[[str], None] = lambda step: None, previous=None,
          warn: Callable[[str], None] = lambda line: None, release_name: str = "") -> dict[str, bytes]:
    """Render every release file for ``catalog`` (whose source file held ``catalog_bytes``).

    ``previous`` (a ``changes.Snapshot``) adds CHANGES.md and a "what changed" section to the page.
    Records without authors are left out of every bibliography (``warn`` names each); the page
    still lists them, marked "unverified". ``release_name`` (e.g. "v2025.03") names the list's
    release in CITATION.cff and CHANGES.md; without it they name none.
    """
    from unlearn_bib.csl import styles
    from unlearn_bib.export import bibtex, citations, csljson, tables
    from unlearn_bib.release import webpage

    from unlearn_bib.catalog.select import left_out_warning, shippable

    built = build_stamp(source_date_epoch)  # a bad value fails before the slow part
    full = catalog
    catalog, left_out = shippable(full)
    for paper in left_out:
        warn(left_out_warning(paper))
    files: dict[str, str] = {}
    progress("BibTeX and BibLaTeX")
    files["refs.bib"] = bibtex.render(catalog, bibtex.Options("bibtex"))
    files["refs-biblatex.bib"] = bibtex.render(catalog, bibtex.Options("biblatex"))
    progress("CSL-JSON and tables")
    files["papers.json"] = csljson.render(catalog)
    files["tables.md"] = tables.render(full)  # the README's rows, every record
    progress("RIS, per-section files, CITATION.cff")
    from unlearn_bib.export import ris
    from unlearn_bib.release import cff

    files["refs.ris"] = ris.render(catalog)
    per_section = section_files(catalog)
    for section_id, _title, bib_name, biblatex_name in per_section:
        chosen = Catalog(tuple(p for p in catalog if p.section == section_id), catalog.sections, catalog.path)
        for name, dialect in ((bib_name, "bibtex"), (biblatex_name, "biblatex")):
            if name in files:
                raise UnlearnBibError(f"{catalog.path}: section id {section_id!r} would overwrite {name}")
            files[name] = bibtex.render(chosen, bibtex.Options(dialect))
    files["CITATION.cff"] = cff.render(len(catalog), release_name or None, built[:10] or None,  # the manifest's date
                                       verified=not any(p.needs_verification for p in catalog))
    changes_html = ""
    if previous is not None:
        from unlearn_bib.release import changes

        diff = changes.compare(previous, changes.Snapshot(catalog, "this release"))
        files["CHANGES.md"] = changes.to_markdown(diff, release_name)
        changes_html = changes.to_html(diff)

    per_key: dict[str, dict[str, str]] = {}  # style -> key -> HTML (the page derives the plain text)
    labels: dict[str, str] = {}
    for short in styles.short_names():
        progress(f"style {short}")
        entries = citations.entries(catalog, short)
        for fmt, suffix in (("text", "txt"), ("markdown", "md"), ("html", "html")):
            files[f"styles/{short}.{suffix}"] = citations.serialise(entries, fmt, short)
        per_key[short] = {e.key: _LABEL.sub("", citations.to_html(e)) for e in entries}
        labels[short] = styles.index()[short].title or short

    progress("web page")
    single = {p.key: bibtex.format_entry(p, bibtex.Options("bibtex")) for p in catalog}
    downloads = [("refs.bib", "refs.bib"), ("BibLaTeX", "refs-biblatex.bib"), ("CSL-JSON", "papers.json"),
                 ("README tables", "tables.md")] + [(f"{labels[s]} (text)", f"styles/{s}.txt") for s in labels]
    downloads += [(f"{labels[s]} (HTML, paste-ready)", f"styles/{s}.html") for s in labels]
    downloads += [("RIS (EndNote, Mendeley, Zotero)", "refs.ris"), ("CITATION.cff", "CITATION.cff")]
    if previous is not None:
        downloads.append(("What changed (CHANGES.md)", "CHANGES.md"))
    files["index.html"] = webpage.render(full, bibtex=single, citations=per_key, style_labels=labels,
                                         downloads=downloads, version=__version__,
                                         section_files=[f[1:] for f in per_section], changes_html=changes_html)

    out = {name: text.encode("utf-8") for name, text in files.items()}
    manifest = {
        "tool": "unlearn-bib",
        "version": __version__,
        "catalog_sha256": _sha(catalog_bytes),
        "papers": len(catalog),
        # Records `check` still lists (imported, not yet verified): named here and marked
        # "unverified" on the page; those without authors are also "left_out" of the bibliographies.
        "unverified": sorted(p.key for p in full if p.needs_verification),
        "left_out": sorted(p.key for p in left_out),
        "files": {name: {"bytes": len(data), "sha256": _sha(data)} for name, data in sorted(out.items())},
    }
    if built:
        manifest["built"] = built
    if release_name:
        manifest["release"] = release_name
    out["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    out["SHA256SUMS"] = "".join(f"{_sha(data)}  {name}\n" for name, data in sorted(out.items())).encode()
    return out


def section_files(catalog: Catalog) -> list[tuple[str, str, str, str]]:
    """(section id, title, BibTeX file, BibLaTeX file) for each section that has papers."""
    from unlearn_bib.catalog import identifiers as patterns

    out = []
    for section in catalog.sections:
        if not any(p.section == section.id for p in catalog):
            continue
        if not patterns.SECTION_ID.match(section.id):
            raise UnlearnBibError(f"{catalog.path}: section id {section.id!r} cannot name a file "
                                  "(use lower-case letters, digits and single '-')")
        out.append((section.id, section.title, f"refs-{section.id}.bib", f"refs-{section.id}-biblatex.bib"))
    return out
