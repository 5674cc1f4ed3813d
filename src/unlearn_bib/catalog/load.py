"""Find, read and load the catalog file (through the parse cache, cache.py): the front door of the data flow.

Which catalog a command works on: ``--papers FILE``; else ``papers.yaml`` in the current folder
or an enclosing one, up to the root of the git checkout it is in; else, for a command that grows a
catalog (``import``), a new ``papers.yaml`` in the current folder; else the snapshot shipped with
the package, read-only (``catalog.edit`` refuses to write it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from unlearn_bib.files.yamlio import gc_paused, load_yaml

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# A wheel ships the catalog as package data; an editable install has the checkout's beside src/.
PACKAGED_CATALOG = PACKAGE_DIR / "data" / "papers.yaml"
_REPO = PACKAGE_DIR.parents[1] / "papers.yaml"
CATALOG_NAME = "papers.yaml"


@dataclass(frozen=True)
class Found:
    """The catalog a command works on: where it is, how reports name it, how it was chosen."""

    path: Path
    shown: str  # in FILE:LINE messages
    how: str  # "given" (--papers), "found" (this folder or an enclosing one), "new" (to be created here), "packaged"

    @property
    def packaged(self) -> bool:
        return self.how == "packaged"

    def describe(self) -> str:
        """The file named where it matters: "papers.yaml (/home/me/list/papers.yaml)"."""
        if self.how == "given":
            return self.shown
        if self.how == "packaged":
            return f"{CATALOG_NAME} (the packaged snapshot {self.path}, read-only)"
        if self.how == "new":
            return f"{self.shown} (a new catalog: {self.path})"
        return f"{self.shown} ({self.path})"


def packaged_catalog_path() -> Path:
    """The snapshot that came with the package (an editable install: the checkout's file)."""
    if PACKAGED_CATALOG.is_file():
        return PACKAGED_CATALOG
    return _REPO


def _enclosing(start: Path) -> Path | None:
    """``papers.yaml`` in ``start`` or an enclosing folder up to the git checkout's root."""
    folders = [start, *start.parents]
    checkout = next((i for i, f in enumerate(folders) if (f / ".git").exists()), None)
    for folder in folders[: checkout + 1] if checkout is not None else folders[:1]:
        candidate = folder / CATALOG_NAME
        if candidate.is_file():
            return candidate
    return None


def find_catalog(path: str | os.PathLike | None = None, *, new_here: bool = False) -> Found:
    """The catalog the user means (see the module docstring); ``new_here``: a command that grows a
    catalog starts one in the current folder rather than fall back to the packaged snapshot."""
    if path:
        return Found(Path(path), os.fspath(path), "given")
    cwd = Path(os.getcwd())
    found = _enclosing(cwd)
    if found is not None:
        return Found(found, os.path.relpath(found, cwd), "found")
    if new_here:
        return Found(cwd / CATALOG_NAME, CATALOG_NAME, "new")
    packaged = packaged_catalog_path()
    return Found(packaged, str(packaged), "packaged")


def default_catalog_path() -> Path:
    """The file ``find_catalog(None)`` chooses."""
    return find_catalog(None).path


def read_bytes(path: str | os.PathLike) -> bytes:
    """A user's input file: regular files only, size capped (see inputs.py)."""
    from unlearn_bib.files.read import read_regular

    return read_regular(path)


def load_catalog(path: str | os.PathLike | None = None, *, strict: bool = True):
    """Load and validate a catalog file into a ``Catalog``: the front door of the data flow."""
    found = find_catalog(path)
    target, shown = found.path, found.shown
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
