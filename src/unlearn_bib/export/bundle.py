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
from unlearn_bib.model import Catalog

_LABEL = re.compile(r"^(\[\d+\]|\d+\.)\s*")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(catalog: Catalog, catalog_bytes: bytes, *, source_date_epoch: str | None = None,
          progress: Callable[[str], None] = lambda step: None) -> dict[str, bytes]:
    """Render every release file for ``catalog`` (whose source file held ``catalog_bytes``)."""
    from unlearn_bib import styles
    from unlearn_bib.export import bibtex, citations, csljson, tables, webpage

    files: dict[str, str] = {}
    progress("BibTeX and BibLaTeX")
    files["refs.bib"] = bibtex.render(catalog, bibtex.Options("bibtex"))
    files["refs-biblatex.bib"] = bibtex.render(catalog, bibtex.Options("biblatex"))
    progress("CSL-JSON and tables")
    files["papers.json"] = csljson.render(catalog)
    files["tables.md"] = tables.render(catalog)

    per_key: dict[str, dict[str, str]] = {}
    labels: dict[str, str] = {}
    for short in styles.short_names():
        progress(f"style {short}")
        entries = citations.entries(catalog, short)
        for fmt, suffix in (("text", "txt"), ("markdown", "md"), ("html", "html")):
            files[f"styles/{short}.{suffix}"] = citations.serialise(entries, fmt)
        per_key[short] = {e.key: _LABEL.sub("", citations.to_text(e)) for e in entries}
        labels[short] = styles.index()[short].title or short

    progress("web page")
    single = {p.key: bibtex.format_entry(p, bibtex.Options("bibtex")) for p in catalog}
    downloads = [("refs.bib", "refs.bib"), ("BibLaTeX", "refs-biblatex.bib"), ("CSL-JSON", "papers.json"),
                 ("README tables", "tables.md")] + [(f"{labels[s]} (text)", f"styles/{s}.txt") for s in labels]
    files["index.html"] = webpage.render(catalog, bibtex=single, citations=per_key, style_labels=labels,
                                         downloads=downloads, version=__version__)

    out = {name: text.encode("utf-8") for name, text in files.items()}
    manifest = {
        "tool": "unlearn-bib",
        "version": __version__,
        "catalog_sha256": _sha(catalog_bytes),
        "papers": len(catalog),
        # Records `check` still lists (imported, not yet verified): shipped, but named here and
        # marked "unverified" on the page.
        "unverified": sorted(p.key for p in catalog if p.needs_verification),
        "files": {name: {"bytes": len(data), "sha256": _sha(data)} for name, data in sorted(out.items())},
    }
    if source_date_epoch:
        stamp = datetime.fromtimestamp(int(source_date_epoch), tz=timezone.utc)
        manifest["built"] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    out["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    out["SHA256SUMS"] = "".join(f"{_sha(data)}  {name}\n" for name, data in sorted(out.items())).encode()
    return out
