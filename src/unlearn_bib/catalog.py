"""Find, read and load the catalog file (with a parse cache for large ones): the front door of the data flow."""
from __future__ import annotations

import os
from pathlib import Path

from unlearn_bib.errors import error_at
from unlearn_bib.yamlio import gc_paused, load_yaml

# Where the catalog is: a wheel ships it as package data; an editable install reads the repo's.
PACKAGED_CATALOG = Path(__file__).with_name("data") / "papers.yaml"
_REPO = Path(__file__).resolve().parents[2] / "papers.yaml"


def default_catalog_path() -> Path:
    if _REPO.is_file() and (_REPO.parent / "pyproject.toml").is_file():
        return _REPO
    return PACKAGED_CATALOG


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise error_at(str(path), None, "no such file") from None
    except IsADirectoryError:
        raise error_at(str(path), None, "is a directory, not a file") from None
    except PermissionError:
        raise error_at(str(path), None, "permission denied") from None


def load_catalog(path: str | os.PathLike | None = None, *, strict: bool = True):
    """Load and validate a catalog file into a ``Catalog``: the front door of the data flow."""
    from unlearn_bib.validate import build_catalog

    target = Path(path) if path else default_catalog_path()
    shown = str(path) if path else "papers.yaml"
    raw = read_bytes(target)
    cache = _cache_file(raw, shown, strict)
    with gc_paused():
        if cache is not None:
            catalog = _cache_read(cache)
            if catalog is not None:
                return catalog
        catalog = build_catalog(load_yaml(raw, shown), shown, strict=strict)
    if cache is not None:
        _cache_write(cache, catalog)
    return catalog


# --- a parse cache for large catalogs --------------------------------------------------------
# Parsing YAML dominates the time for thousands of papers; a validated catalog is cached,
# keyed by the file's bytes, the tool version, the venue registry and the source of the
# modules that build it, so a change to any of them is a miss. Small catalogs (the shipped
# one) are never cached. UNLEARN_BIB_CACHE=0 turns it off; UNLEARN_BIB_CACHE_DIR moves it.
CACHE_MIN_BYTES = 256 * 1024


def builder_source(folder: Path = Path(__file__).parent) -> bytes:
    """The code that builds a Catalog, part of the cache key: an edited or upgraded checkout
    must never unpickle objects shaped by older classes or checked by older rules."""
    return b"".join((folder / name).read_bytes() for name in ("catalog.py", "yamlio.py", "validate.py", "model.py", "venues.py"))


def _cache_file(raw: bytes, shown: str, strict: bool) -> Path | None:
    if len(raw) < CACHE_MIN_BYTES or os.environ.get("UNLEARN_BIB_CACHE", "1") == "0":
        return None
    import hashlib

    from unlearn_bib import __version__
    from unlearn_bib.venues import REGISTRY_PATH

    try:
        code = builder_source()
    except OSError:  # installed without sources (.pyc only): no safe key, no cache
        return None
    digest = hashlib.sha256()
    for part in (raw, REGISTRY_PATH.read_bytes(), code, __version__.encode(), shown.encode(),
                 b"strict" if strict else b""):
        digest.update(hashlib.sha256(part).digest())
    base = os.environ.get("UNLEARN_BIB_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "unlearn-bib")
    return Path(base) / f"catalog-{digest.hexdigest()}.pickle"


def _cache_read(path: Path):
    import pickle

    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, truncated or from another Python: rebuild it
        return None


def _cache_write(path: Path, catalog) -> None:
    import pickle
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(catalog, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home just means no cache
