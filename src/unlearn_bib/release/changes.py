"""What changed between two releases: papers added, removed, now published, corrected, re-keyed.

Readers of a list want to know what is new since they last looked. Either side may be a
catalog (papers.yaml), a CSL-JSON file (a release's papers.json) or a release's
manifest.json (whose papers.json is found beside it and checked against its hash). Papers are
paired by key, then a key that changed is paired by arXiv id, DOI or title. Output is sorted,
so the same two inputs always give the same text.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.catalog.model import Catalog, Paper, normalize_title
from unlearn_bib.text.markdown import escape as escape_markdown

FIELDS = ("title", "authors", "year", "venue", "volume", "number", "pages", "doi")
PUBLISHING_FIELDS = frozenset(("year", "venue", "volume", "number", "pages", "doi"))  # what publication brings
LABELS = {"number": "issue", "doi": "DOI"}


@dataclass(frozen=True)
class Snapshot:
    catalog: Catalog
    description: str  # for the header, from the file's content (never its path: reproducible)


@dataclass
class Changes:
    old: Snapshot
    new: Snapshot
    added: list[Paper] = field(default_factory=list)
    removed: list[Paper] = field(default_factory=list)
    published: list[tuple[Paper, Paper]] = field(default_factory=list)
    corrected: list[tuple[str, str, str, str]] = field(default_factory=list)  # key, field, old, new
    renamed: list[tuple[Paper, Paper]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.published or self.corrected or self.renamed)


# --- reading either side -------------------------------------------------------------------

def _not_a_snapshot(path: str, why: str = "") -> UnlearnBibError:
    extra = f" ({why})" if why else ""
    return UnlearnBibError(f"{path}: not an unlearn-bib manifest.json, a CSL-JSON list of papers or a papers.yaml catalog{extra}")


def load(path: str) -> Snapshot:
    """Read a catalog, a CSL-JSON file or a release manifest; one-line error naming the file otherwise."""
    from unlearn_bib.catalog.load import read_bytes

    if path.lower().endswith((".yaml", ".yml")):
        from unlearn_bib.catalog.load import load_catalog

        catalog = load_catalog(path, strict=False)
        return Snapshot(catalog, f"{Path(path).name} ({len(catalog)} papers)")
    data = read_bytes(path)
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise _not_a_snapshot(path, "not JSON") from None
    except RecursionError:
        raise _not_a_snapshot(path, "JSON nested too deeply") from None
    if isinstance(value, list):
        from unlearn_bib.items.to_papers import load_csljson

        catalog = load_csljson(data.decode("utf-8-sig"), path)
        return Snapshot(catalog, f"{Path(path).name} ({len(catalog)} papers)")
    if isinstance(value, dict) and value.get("tool") == "unlearn-bib" and isinstance(value.get("files"), dict):
        return _from_manifest(path, value)
    raise _not_a_snapshot(path)


def _from_manifest(path: str, manifest: dict) -> Snapshot:
    from unlearn_bib.catalog.load import read_bytes
    from unlearn_bib.files.read import decode
    from unlearn_bib.items.to_papers import load_csljson

    entry = manifest["files"].get("papers.json")
    if not isinstance(entry, dict):
        raise UnlearnBibError(f"{path}: the manifest lists no papers.json to compare with")
    papers = Path(path).parent / "papers.json"
    data = read_bytes(papers)
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        raise UnlearnBibError(f"{papers}: does not match the sha256 that {path} records for it")
    catalog = load_csljson(decode(data, str(papers), bom=True), str(papers))
    built = _plain_field(manifest.get("built"), _BUILT)
    when = f"built {built}" if built else "undated"
    name = _plain_field(manifest.get("release"), _RELEASE)
    if name:
        return Snapshot(catalog, f"release {name} ({when}, {len(catalog)} papers)")
    version = _plain_field(manifest.get("version"), _VERSION) or "?"
    return Snapshot(catalog, f"the previous release ({when}, {len(catalog)} papers; made with unlearn-bib {version})")


_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+\-]{0,39}\Z")  # 0.3.0, 1.0.0rc1, 0.3.0+g1a2b3c
_RELEASE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}\Z")  # what `release --release-name` accepts
_BUILT = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?\Z")


def _plain_field(value, pattern: re.Pattern) -> str:
    """A previous manifest's version, name or date if it has the plain shape this tool writes, else ''
    (the file is not ours to trust: no control characters or direction marks reach the page)."""
    return value if isinstance(value, str) and pattern.match(value) else ""



# --- comparing -----------------------------------------------------------------------------

def _person(p) -> str:
    if p.literal:
        return p.literal
    return ", ".join(x for x in (p.full_family, p.given, p.suffix) if x)


def _container(paper: Paper) -> str:
    venue = paper.venue
    if venue.is_preprint:
        return "arXiv" if paper.arxiv or venue.publisher.lower() == "arxiv" else "preprint"
    return venue.journal if venue.entry_type == "article" else venue.booktitle


def facts(paper: Paper) -> dict[str, str]:
    """The fields compared, as display text."""
    return {
        "title": paper.plain_title,
        "authors": "; ".join(_person(a) for a in paper.authors),
        "year": str(paper.year) if paper.year else "",
        "venue": _container(paper),
        "volume": paper.volume,
        "number": paper.number,
        "pages": paper.pages,
        "doi": paper.doi,
    }


def venue_label(paper: Paper) -> str:
    """'arXiv 2023', 'ECCV 2024'; a foreign record shows its container."""
    year = f" {paper.year}" if paper.year else ""
    if paper.venue.is_preprint:
        return f"{_container(paper)}{year}"
    short = paper.venue.short if paper.venue.id else _container(paper)
    return f"{short}{year}"


def _same(name: str, a: str, b: str) -> bool:
    if name == "doi":
        return a.lower() == b.lower()
    return " ".join(a.split()) == " ".join(b.split())


def _identities(paper: Paper) -> list[str]:
    out = [f"arxiv:{paper.arxiv}"] if paper.arxiv else []
    if paper.doi:
        out.append(f"doi:{paper.doi.lower()}")
    title = normalize_title(paper.plain_title)
    if title:
        out.append(f"title:{title}")
    return out


def compare(old: Snapshot, new: Snapshot) -> Changes:
    """Everything that differs between two snapshots, each list sorted by key."""
    changes = Changes(old, new)
    old_by_key = {p.key: p for p in old.catalog}
    new_by_key = {p.key: p for p in new.catalog}
    pairs = [(old_by_key[k], new_by_key[k]) for k in sorted(old_by_key.keys() & new_by_key.keys())]
    lonely_old = {k: p for k, p in old_by_key.items() if k not in new_by_key}
    by_identity: dict[str, Paper] = {}
    for paper in sorted(lonely_old.values(), key=lambda p: p.key):
        for ident in _identities(paper):
            by_identity.setdefault(ident, paper)
    for key in sorted(new_by_key.keys() - old_by_key.keys()):
        paper = new_by_key[key]
        before = next((by_identity[i] for i in _identities(paper) if i in by_identity
                       and by_identity[i].key in lonely_old), None)
        if before is None:
            changes.added.append(paper)
            continue
        del lonely_old[before.key]
        changes.renamed.append((before, paper))
        pairs.append((before, paper))
    changes.removed = sorted(lonely_old.values(), key=lambda p: p.key)
    for before, after in sorted(pairs, key=lambda pair: pair[1].key):
        published = before.venue.is_preprint and not after.venue.is_preprint
        if published:
            changes.published.append((before, after))
        old_facts, new_facts = facts(before), facts(after)
        for name in FIELDS:
            if published and name in PUBLISHING_FIELDS:
                continue
            if not _same(name, old_facts[name], new_facts[name]):
                changes.corrected.append((after.key, LABELS.get(name, name), old_facts[name], new_facts[name]))
    return changes


# --- writing -------------------------------------------------------------------------------

def _md(text: str) -> str:
    """Markdown-escaped text on one line."""
    return escape_markdown(" ".join(text.split()))


def _sections(changes: Changes) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(key, plain description)]) for each non-empty group, in a fixed order."""
    out = []
    if changes.added:
        out.append(("Added", [(p.key, f"{p.plain_title} ({venue_label(p)})") for p in changes.added]))
    if changes.removed:
        out.append(("Removed", [(p.key, f"{p.plain_title} ({venue_label(p)})") for p in changes.removed]))
    if changes.published:
        out.append(("Now published", [(new.key, f"{new.plain_title}: {venue_label(old)} → {venue_label(new)}")
                                      for old, new in changes.published]))
    if changes.corrected:
        out.append(("Corrected", [(key, f"{name}: {old or '(none)'} → {new or '(none)'}")
                                  for key, name, old, new in changes.corrected]))
    if changes.renamed:
        out.append(("Keys changed", [(new.key, f"was {old.key}: {new.plain_title}") for old, new in changes.renamed]))
    return out


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary(changes: Changes) -> str:
    return (f"Compared with {changes.old.description}: {len(changes.added)} added, {len(changes.removed)} removed, "
            f"{len(changes.published)} now published, {_n(len(changes.corrected), 'correction', 'corrections')}, "
            f"{_n(len(changes.renamed), 'key', 'keys')} changed.")


def to_markdown(changes: Changes, release: str = "") -> str:
    """CHANGES.md: one section per kind of change, one line per paper or field."""
    lines = [f"# What changed in {_md(release)}" if release else "# What changed", "", _md(summary(changes)), ""]
    if changes.empty:
        lines += ["No changes.", ""]
    for heading, items in _sections(changes):
        lines += [f"## {heading} ({len(items)})", ""]
        lines += [f"- `{key.replace('`', '')}`: {_md(text)}" for key, text in items]
        lines.append("")
    return "\n".join(lines)


def to_html(changes: Changes) -> str:
    """The same as an HTML fragment for the web page (every value escaped)."""
    parts = [f"<p>{escape(summary(changes))}</p>"]
    for heading, items in _sections(changes):
        parts.append(f"<h3>{escape(heading)} ({len(items)})</h3>")
        parts.append("<ul>" + "".join(f"<li><code>{escape(key)}</code>: {escape(text)}</li>" for key, text in items)
                     + "</ul>")
    return "\n".join(parts)
