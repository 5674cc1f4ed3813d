"""Find, read and load the catalog file (through the parse cache, cache.py): the front door of the data flow."""
from __future__ import annotations

import os
from pathlib import Path

from unlearn_bib.errors import error_at
from unlearn_bib.files.yamlio import gc_paused, load_yaml

# Where the catalog is: a wheel ships it as package data; an editable install reads the repo's.
PACKAGED_CATALOG = Path(__file__).resolve().parents[1] / "data" / "papers.yaml"
_REPO = Path(__file__).resolve().parents[3] / "papers.yaml"


def default_catalog_path() -> Path:
    if _REPO.is_file() and (_REPO.parent / "pyproject.toml").is_file():
        return _REPO
    return PACKAGED_CATALOG


def read_bytes(path: str | os.PathLike) -> bytes:
    """A user's input file: regular files only, size capped (see inputs.py)."""
    from unlearn_bib.files.read import read_regular

    return read_regular(path)


def load_catalog(path: str | os.PathLike | None = None, *, strict: bool = True):
    """Load and validate a catalog file into a ``Catalog``: the front door of the data flow."""
    target = Path(path) if path else default_catalog_path()
    shown = str(path) if path else "papers.yaml"
    raw = read_bytes(target)
    from unlearn_bib.catalog import cache

    stored = cache.cache_file(raw, shown, strict)  # not for tiny catalogs; see cache.py
    with gc_paused():
        if stored is not None:
            catalog = cache.read(stored)
            if catalog is not None:
                return catalog
        from unlearn_bib.catalog.validate import build_catalog  # not imported on a cache hit

        catalog = build_catalog(load_yaml(raw, shown), shown, strict=strict)
    if stored is not None:
        cache.write(stored, catalog)
    return catalog
