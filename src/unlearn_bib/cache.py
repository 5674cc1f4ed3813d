"""A parse cache for large catalogs, in a format that cannot run code.

Parsing YAML dominates the time for thousands of papers; a validated catalog is cached,
keyed by the file's bytes, the tool version, the venue registry and the source of the
modules that build it, so a change to any of them is a miss. Small catalogs (the shipped
one) are never cached. UNLEARN_BIB_CACHE=0 turns it off; UNLEARN_BIB_CACHE_DIR moves it.

The file is JSON of plain values, every one type-checked while the Catalog is rebuilt;
a file that is not a regular file owned by this user and writable by no one else, or
holds anything unexpected, is a miss (never an error, never executed).
"""
from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

from unlearn_bib.model import Catalog, Paper, Person, Section, Venue
from unlearn_bib.errors import Location

CACHE_MIN_BYTES = 256 * 1024
MAX_CACHE_BYTES = 512 * 1024 * 1024
FORMAT = "unlearn-bib-catalog/1"
_HERE = Path(__file__).parent


def builder_source(folder: Path = _HERE) -> bytes:
    """The code that builds a Catalog, part of the cache key: an edited or upgraded checkout
    must never read records shaped by older classes or checked by older rules."""
    names = ("catalog.py", "yamlio.py", "validate.py", "model.py", "venues.py", "cache.py")
    return b"".join((folder / name).read_bytes() for name in names)


def cache_file(raw: bytes, shown: str, strict: bool) -> Path | None:
    """Where the catalog read from ``raw`` is cached, or None when it is not to be."""
    if len(raw) < CACHE_MIN_BYTES or os.environ.get("UNLEARN_BIB_CACHE", "1") == "0":
        return None
    import hashlib

    from unlearn_bib import __version__
    from unlearn_bib.venues import REGISTRY_PATH

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
    people: dict[Person, int] = {}
    venues: dict[Venue, int] = {}
    rows = []
    for paper in catalog.papers:
        row = []
        for name, kind in _PAPER:
            value = getattr(paper, name)
            if kind == "tuple[Person, ...]":
                value = [people.setdefault(p, len(people)) for p in value]
            elif kind == "Venue":
                value = venues.setdefault(value, len(venues))
            elif kind == "Location | None":
                value = None if value is None else [value.path, value.line]
            elif isinstance(value, tuple):
                value = list(value)
            row.append(value)
        rows.append(row)
    return {
        "format": FORMAT,
        "path": catalog.path,
        "sections": [[s.id, s.title] for s in catalog.sections],
        "people": [[getattr(p, n) for n in _PERSON] for p in people],
        "venues": [[getattr(v, n) for n in _VENUE] for v in venues],
        "papers": rows,
    }


class _Unexpected(Exception):
    """The cache file is not what this code writes: treat it as a miss."""


def _strings(values, size: int) -> list:
    if type(values) is not list or len(values) != size or any(type(v) is not str for v in values):
        raise _Unexpected
    return values


def _new(cls, names, values):
    """A frozen dataclass instance from checked values (what unpickling does, minus the code)."""
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names, values))
    return obj


def _decode(data) -> Catalog:
    if type(data) is not dict or data.get("format") != FORMAT or type(data.get("path")) is not str:
        raise _Unexpected
    people = [_new(Person, _PERSON, _strings(p, len(_PERSON))) for p in data["people"]]
    venues = [_new(Venue, _VENUE, _strings(v, len(_VENUE))) for v in data["venues"]]
    sections = tuple(Section(*_strings(s, 2)) for s in data["sections"])
    names = [name for name, _ in _PAPER]
    checks = [_CHECKS[kind] for _, kind in _PAPER]
    papers = []
    for row in data["papers"]:
        if type(row) is not list or len(row) != len(checks):
            raise _Unexpected
        values = [check(value, people, venues) for check, value in zip(checks, row)]
        papers.append(_new(Paper, names, values))
    return Catalog(tuple(papers), sections, data["path"])


def _str(value, people, venues):
    if type(value) is not str:
        raise _Unexpected
    return value


def _int(value, people, venues):
    if type(value) is not int:
        raise _Unexpected
    return value


def _optional_int(value, people, venues):
    return None if value is None else _int(value, people, venues)


def _bool(value, people, venues):
    if type(value) is not bool:
        raise _Unexpected
    return value


def _str_tuple(value, people, venues):
    if type(value) is not list or any(type(v) is not str for v in value):
        raise _Unexpected
    return tuple(value)


def _index(value, table):
    if type(value) is not int or not 0 <= value < len(table):
        raise _Unexpected
    return table[value]


def _people(value, people, venues):
    if type(value) is not list:
        raise _Unexpected
    return tuple(_index(i, people) for i in value)


def _venue(value, people, venues):
    return _index(value, venues)


def _where(value, people, venues):
    if value is None:
        return None
    if type(value) is not list or len(value) != 2 or type(value[0]) is not str or type(value[1]) not in (int, type(None)):
        raise _Unexpected
    return Location(value[0], value[1])


_CHECKS = {
    "str": _str, "int": _int, "int | None": _optional_int, "bool": _bool, "tuple[str, ...]": _str_tuple,
    "tuple[Person, ...]": _people, "Venue": _venue, "Location | None": _where,
}
_USABLE = all(kind in _CHECKS for _, kind in _PAPER)  # a Paper field of a new type: no cache until taught


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
    import tempfile

    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = json.dumps(_encode(catalog), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=path.parent)  # mode 600
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError, TypeError):
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
