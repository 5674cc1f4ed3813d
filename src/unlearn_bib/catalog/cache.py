"""A parse cache for catalogs, in a format that cannot run code.

Parsing YAML and validating dominate the time for thousands of papers, and the start-up of
`export` on the shipped catalog; a validated catalog is cached, keyed by the file's bytes, the
tool version, the venue registry and the source of the modules that build it, so a change to
any of them is a miss. Catalogs under 16 KB (test fixtures, a few papers) are not cached: their
parse costs less than a cache file is worth. UNLEARN_BIB_CACHE=0 turns it off;
UNLEARN_BIB_CACHE_DIR moves it.

The file is JSON of plain values, every one type-checked while the Catalog is rebuilt;
a file that is not a regular file owned by this user and writable by no one else, or
holds anything unexpected, is a miss (never an error, never executed).
"""
from __future__ import annotations

import dataclasses
import json
import os
import stat
from itertools import chain
from pathlib import Path

from unlearn_bib.catalog.model import Catalog, Paper, Person, Section, Venue
from unlearn_bib.errors import Location

# The shipped catalog (~64 KB) is cached: a hit skips importing PyYAML and validate.py, which
# takes `export --format bibtex` from ~1.7x to ~1.3x the start-up of `import click, yaml`
# (benchmarks/startup.py). Below this size the parse is about as cheap as the cache key.
CACHE_MIN_BYTES = 16 * 1024
MAX_CACHE_BYTES = 512 * 1024 * 1024
FORMAT = "unlearn-bib-catalog/1"


# The modules whose code shapes a cached Catalog, by import name (a move of a file changes nothing
# here): everything load, validate and cache import, transitively (tests/test_cache.py checks it).
BUILDER_MODULES = ("unlearn_bib.catalog.load", "unlearn_bib.files.yamlio", "unlearn_bib.catalog.validate",
                   "unlearn_bib.catalog.model", "unlearn_bib.catalog.venues", "unlearn_bib.catalog.cache",
                   "unlearn_bib.catalog.identifiers", "unlearn_bib.errors", "unlearn_bib.files.read",
                   "unlearn_bib.text.lines", "unlearn_bib.text.suggest", "unlearn_bib.files.write")


def builder_source(modules: tuple[str, ...] = BUILDER_MODULES) -> bytes:
    """The code that builds a Catalog, part of the cache key: an edited or upgraded checkout
    must never read records shaped by older classes or checked by older rules. Modules are found
    by name; one without a source file raises OSError (no safe key, so no cache)."""
    import importlib.util

    parts = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            raise OSError(f"no source for {name}")
        parts.append(name.encode() + b"\0" + Path(spec.origin).read_bytes())
    return b"".join(parts)


def cache_file(raw: bytes, shown: str, strict: bool) -> Path | None:
    """Where the catalog read from ``raw`` is cached, or None when it is not to be."""
    if len(raw) < CACHE_MIN_BYTES or os.environ.get("UNLEARN_BIB_CACHE", "1") == "0":
        return None
    import hashlib

    from unlearn_bib import __version__
    from unlearn_bib.catalog.venues import REGISTRY_PATH

    try:
        code = builder_source()
        registry = REGISTRY_PATH.read_bytes()
    except OSError:  # installed without sources (.pyc only): no safe key, no cache
        return None
    digest = hashlib.sha256()
    for part in (raw, registry, code, __version__.encode(), shown.encode(), b"strict" if strict else b""):
        digest.update(hashlib.sha256(part).digest())
    base = os.environ.get("UNLEARN_BIB_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "unlearn-bib")
    return Path(base) / f"catalog-{digest.hexdigest()}.json"


# --- plain data <-> Catalog ------------------------------------------------------------------
_PERSON = tuple(f.name for f in dataclasses.fields(Person))
_VENUE = tuple(f.name for f in dataclasses.fields(Venue))
_PAPER = tuple((f.name, f.type) for f in dataclasses.fields(Paper))


def _encode(catalog: Catalog) -> dict:
    """Plain data, one column per Paper field; people and venues once each, referred to by index."""
    people: dict[int, int] = {}  # id() -> index: validate.py shares recurring people and venues
    venues: dict[int, int] = {}
    shared: dict[int, object] = {}  # keeps every indexed object alive (ids stay unique)
    columns = {}

    def index(table, obj):
        found = table.get(id(obj))
        if found is None:
            found = table[id(obj)] = len(table)
            shared[id(obj)] = obj
        return found

    for name, kind in _PAPER:
        values = [getattr(paper, name) for paper in catalog.papers]
        if kind == "tuple[Person, ...]":
            values = [[index(people, p) for p in value] for value in values]
        elif kind == "Venue":
            values = [index(venues, value) for value in values]
        elif kind == "Location | None":
            values = [None if value is None else [value.path, value.line] for value in values]
        elif kind == "tuple[str, ...]":
            values = [list(value) for value in values]
        columns[name] = values
    return {
        "format": FORMAT,
        "path": catalog.path,
        "count": len(catalog.papers),
        "sections": [[s.id, s.title] for s in catalog.sections],
        "people": [[getattr(shared[i], n) for n in _PERSON] for i in people],
        "venues": [[getattr(shared[i], n) for n in _VENUE] for i in venues],
        "papers": columns,
    }


class _Unexpected(Exception):
    """The cache file is not what this code writes: treat it as a miss."""


def _require(condition) -> None:
    if not condition:
        raise _Unexpected


def _types(values) -> set:
    return set(map(type, values))


def _new(cls, names, values):
    """A frozen dataclass instance from checked values (what unpickling does, minus the code)."""
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names, values))
    return obj


def _string_rows(rows, width: int) -> list:
    _require(type(rows) is list and _types(rows) <= {list})
    _require(all(len(row) == width for row in rows) and _types(chain.from_iterable(rows)) <= {str})
    return rows


def _indices(values, table) -> None:
    _require(_types(values) <= {int} and (not values or (min(values) >= 0 and max(values) < len(table))))


def _column(kind: str, values: list, people: list, venues: list) -> list:
    """One Paper field for every paper, type-checked (and rebuilt where it is not plain)."""
    types = _types(values)
    if kind in ("str", "int", "bool"):
        _require(types <= {{"str": str, "int": int, "bool": bool}[kind]})
        return values
    if kind == "int | None":
        _require(types <= {int, type(None)})
        return values
    if kind == "tuple[str, ...]":
        _require(types <= {list} and _types(chain.from_iterable(values)) <= {str})
        return list(map(tuple, values))
    if kind == "tuple[Person, ...]":
        _require(types <= {list})
        _indices(list(chain.from_iterable(values)), people)
        pick = people.__getitem__
        return [tuple(map(pick, ids)) for ids in values]
    if kind == "Venue":
        _indices(values, venues)
        return list(map(venues.__getitem__, values))
    if kind == "Location | None":
        _require(types <= {list, type(None)})
        out = []
        for value in values:
            if value is None:
                out.append(None)
                continue
            _require(len(value) == 2 and type(value[0]) is str and type(value[1]) in (int, type(None)))
            out.append(_new(Location, ("path", "line"), value))
        return out
    raise _Unexpected


def _decode(data) -> Catalog:
    _require(type(data) is dict and data.get("format") == FORMAT and type(data.get("path")) is str)
    count, columns = data["count"], data["papers"]
    _require(type(count) is int and type(columns) is dict and set(columns) == {name for name, _ in _PAPER})
    _require(all(type(columns[name]) is list and len(columns[name]) == count for name, _ in _PAPER))
    people = [_new(Person, _PERSON, row) for row in _string_rows(data["people"], len(_PERSON))]
    venues = [_new(Venue, _VENUE, row) for row in _string_rows(data["venues"], len(_VENUE))]
    sections = [Section(*row) for row in _string_rows(data["sections"], 2)]
    names = [name for name, _ in _PAPER]
    built = [_column(kind, columns[name], people, venues) for name, kind in _PAPER]
    papers = tuple(_new(Paper, names, row) for row in zip(*built))
    return Catalog(papers, tuple(sections), data["path"])


_KINDS = {"str", "int", "int | None", "bool", "tuple[str, ...]", "tuple[Person, ...]", "Venue", "Location | None"}
_USABLE = all(kind in _KINDS for _, kind in _PAPER)  # a Paper field of a new type: no cache until taught


# --- the file --------------------------------------------------------------------------------
def read(path: Path) -> Catalog | None:
    """The cached catalog, or None for a miss: missing, foreign, tampered with or malformed."""
    if not _USABLE:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022
                    or info.st_size > MAX_CACHE_BYTES):
                return None
            data = handle.read(MAX_CACHE_BYTES + 1)
        return _decode(json.loads(data))
    except (OSError, ValueError, RecursionError, MemoryError, KeyError, TypeError, _Unexpected):
        return None


def write(path: Path, catalog: Catalog) -> None:
    """Store ``catalog``; a failure (read-only home, full disk) just means no cache, and no temp file."""
    if not _USABLE:
        return
    from unlearn_bib.errors import UnlearnBibError
    from unlearn_bib.files.write import write_atomic

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.is_symlink():
            return  # read() never follows one; leave it alone
        payload = json.dumps(_encode(catalog), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_atomic(path, payload, mode=0o600)  # 600: read() takes only a file no one else may write
    except (OSError, ValueError, TypeError, UnlearnBibError):
        pass
