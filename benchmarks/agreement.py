#!/usr/bin/env python3
"""Agreement of unlearn-bib's formatted references with pandoc's citeproc, style by style.

Renders the catalog and a fixture set of tricky entries (tests/data/citations/fixtures.json)
in every short-named style with unlearn-bib and with ``pandoc --citeproc`` (the binary of
the pypandoc-binary wheel, or $PANDOC), from the same CSL-JSON and the same .csl file, and
prints per style: entries identical after whitespace normalisation / total, and the same
count with the known differences of the ledger (tests/test_citations_agreement.py) set
aside.

    python benchmarks/agreement.py                       # all short names, text
    python benchmarks/agreement.py --styles ieee,apa --show 3
    python benchmarks/agreement.py --engine citeproc-py  # citeproc-py without our fixes
    python benchmarks/agreement.py --format html         # italics, bold, super/subscript too

The test suite imports this file for its agreement test.
"""
from __future__ import annotations

import argparse
import difflib
import html as htmllib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "citations" / "fixtures.json"
REFS_JSON = ROOT / "tests" / "data" / "citations" / "refs.json"
REFS_BIB = ROOT / "tests" / "data" / "citations" / "refs.bib"  # the same references as REFS_JSON
# A dataset read from a .bib: pandoc renders that .bib itself, and the equivalent CSL-JSON;
# an entry agrees when it equals either rendering.
BIB_INPUTS = {"refs-bib": (REFS_BIB, REFS_JSON)}
NOCITE_ALL = '---\nnocite: "@*"\n---\n'


def normalise(text: str) -> str:
    """Whitespace only: every run of Unicode whitespace (NBSP included) becomes one space."""
    return " ".join(text.split())


def datasets() -> dict[str, list[dict]]:
    """name -> CSL items as unlearn-bib formats them: the catalog's, and the fixtures read
    through `--papers` (CSL-JSON as it is; the .bib mapped to CSL)."""
    from unlearn_bib.catalog import load_catalog
    from unlearn_bib.export import csljson
    from unlearn_bib.sources import load_items

    return {
        "catalog": csljson.items(load_catalog()),
        "fixtures": list(load_items(str(FIXTURES)).items),
        "refs-json": list(load_items(str(REFS_JSON)).items),
        "refs-bib": list(load_items(str(REFS_BIB)).items),
    }


def pandoc_path() -> str:
    if os.environ.get("PANDOC"):
        return os.environ["PANDOC"]
    import pypandoc

    return pypandoc.get_pandoc_path()


_TAGS = [
    (re.compile(r"<(em|i)(\s[^>]*)?>"), "\x01i\x02"), (re.compile(r"</(em|i)>"), "\x01/i\x02"),
    (re.compile(r"<(strong|b)(\s[^>]*)?>"), "\x01b\x02"), (re.compile(r"</(strong|b)>"), "\x01/b\x02"),
    (re.compile(r"<sup>"), "\x01sup\x02"), (re.compile(r"</sup>"), "\x01/sup\x02"),
    (re.compile(r"<sub>"), "\x01sub\x02"), (re.compile(r"</sub>"), "\x01/sub\x02"),
]


def canonical_html(text: str) -> str:
    """Either engine's HTML -> text with only <i>, <b>, <sup>, <sub> kept."""
    for pattern, marker in _TAGS:
        text = pattern.sub(marker, text)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", text))
    text = text.replace("\x01", "<").replace("\x02", ">")
    return re.sub(r"<(i|b|sup|sub)></\1>", "", text)


@dataclass
class PandocRun:
    entries: dict[str, str]  # key -> text
    order: list[str]
    stderr: str = ""


def render_pandoc(items: list[dict], csl: Path, fmt: str = "text", source: Path | None = None) -> PandocRun:
    """pandoc --citeproc on the items (or on the file ``source``, e.g. a .bib); keys from its
    HTML, text from its plain output."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "refs.json"
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        if source is not None:
            path = source
        runs = {}
        for target in ("html", "plain"):
            done = subprocess.run(
                [pandoc_path(), "--citeproc", "--bibliography", str(path), "--csl", str(csl),
                 "-t", target, "--wrap=none"],
                input=NOCITE_ALL, capture_output=True, text=True, encoding="utf-8",
            )
            if done.returncode != 0:
                raise RuntimeError(f"pandoc failed: {done.stderr.strip()[:500]}")
            runs[target] = done
    chunks = re.split(r'(?=<div id="ref-)', runs["html"].stdout)[1:]
    keys = [re.match(r'<div id="ref-([^"]+)"', c).group(1) for c in chunks]
    if fmt == "html":
        texts = [canonical_html(re.sub(r"(</div>\s*)+$", "", c.strip())) for c in chunks]
    else:
        texts = [b for b in re.split(r"\n\s*\n", runs["plain"].stdout) if b.strip()]
    if len(texts) != len(keys):
        raise RuntimeError(f"pandoc: {len(keys)} keys but {len(texts)} entries")
    return PandocRun(dict(zip(keys, texts)), keys, runs["html"].stderr + runs["plain"].stderr)


def render_ours(items: list[dict], style: str, fmt: str = "text") -> tuple[dict[str, str], list[str]]:
    from unlearn_bib.export import citations

    entries = citations.format_items(items, style)
    if fmt == "html":
        texts = {e.key: canonical_html(citations.to_html(e)) for e in entries}
    else:
        texts = {e.key: citations.to_text(e) for e in entries}
    return texts, [e.key for e in entries]


def render_citeproc_py(items: list[dict], csl: Path, fmt: str = "text") -> tuple[dict[str, str], list[str]]:
    """Plain citeproc-py, none of our fixes: the baseline."""
    import warnings

    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(str(csl), validate=False)
        bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html if fmt == "html" else formatter.plain)
        for item in items:
            bib.register(Citation([CitationItem(item["id"])]))
        bib.sort()
        texts = [str(t) for t in bib.bibliography()]
    by_lower = {i["id"].lower(): i["id"] for i in items}
    keys = [by_lower[i.key] for i in bib.items]
    if fmt == "html":
        texts = [canonical_html(t) for t in texts]
    return dict(zip(keys, texts)), keys


def signature(ours: str, theirs: str) -> str:
    """A compact, stable description of how two entries differ: 'ours' -> 'pandoc' hunks."""
    a, b = normalise(ours), normalise(theirs)
    hunks = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            hunks.append(f"{a[max(0, i1 - 12):i1]}[{a[i1:i2]}|{b[j1:j2]}]")
    return " ".join(hunks)


@dataclass
class Comparison:
    style: str
    dataset: str
    total: int
    same: int
    differences: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (ours, pandoc)
    order_same: bool = True
    ours_seconds: float = 0.0
    pandoc_seconds: float = 0.0
    pandoc_stderr: str = ""

    def signatures(self) -> dict[str, str]:
        return {key: signature(o, p) for key, (o, p) in self.differences.items()}


def compare(style: str, dataset: str, items: list[dict], engine: str = "unlearn-bib", fmt: str = "text") -> Comparison:
    from unlearn_bib import styles

    csl = styles.resolve(style).path
    start = time.perf_counter()
    if engine == "citeproc-py":
        ours, our_order = render_citeproc_py(items, csl, fmt)
    else:
        ours, our_order = render_ours(items, style, fmt)
    middle = time.perf_counter()
    theirs = render_pandoc(items, csl, fmt)
    alternatives = [render_pandoc(items, csl, fmt, source) for source in BIB_INPUTS.get(dataset, ())]
    if alternatives:
        theirs = alternatives[-1]  # the equivalent CSL-JSON, rendered by pandoc
    end = time.perf_counter()
    differences = {}
    for key in theirs.order:
        a, b = ours.get(key, ""), theirs.entries[key]
        if normalise(a) != normalise(b) and all(normalise(a) != normalise(alt.entries.get(key, ""))
                                                for alt in alternatives):
            differences[key] = (normalise(a), normalise(b))
    return Comparison(style, dataset, len(theirs.order), len(theirs.order) - len(differences), differences,
                      our_order == theirs.order, middle - start, end - middle, theirs.stderr)


def load_ledger() -> dict[tuple[str, str, str], tuple[str, str]]:
    """(style, dataset, key) -> (signature, reason), from the agreement test's ledger."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_ledger", ROOT / "tests" / "test_citations_agreement.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.pop(0)
    return {(d.style, d.dataset, d.key): (d.signature, d.reason) for d in module.KNOWN_DIFFERENCES}


def main(argv: list[str] | None = None) -> int:
    from unlearn_bib import styles

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--styles", default=",".join(styles.short_names()), help="comma-separated style names")
    parser.add_argument("--set", dest="sets", default="catalog,fixtures,refs-json,refs-bib",
                        help="comma-separated: catalog, fixtures, refs-json, refs-bib")
    parser.add_argument("--engine", choices=["unlearn-bib", "citeproc-py"], default="unlearn-bib")
    parser.add_argument("--format", dest="fmt", choices=["text", "html"], default="text")
    parser.add_argument("--show", type=int, default=0, help="show this many differing entries per style and set")
    parser.add_argument("--ledger", action="store_true",
                        help="print the differences not in the ledger as Known(...) lines to review and paste")
    args = parser.parse_args(argv)

    data = datasets()
    sets = [s for s in args.sets.split(",") if s]
    ledger = load_ledger() if args.engine == "unlearn-bib" and args.fmt == "text" else {}
    print(f"engine = {args.engine}, format = {args.fmt}, reference = pandoc ({pandoc_path()})")
    def cell(same: int, total: int, listed: int, order_same: bool = True) -> str:
        pct = 100.0 * same / total if total else 100.0
        with_ledger = 100.0 * (same + listed) / total if total else 100.0
        return (f"{same:>5}/{total:<4}{pct:6.1f} %{'' if order_same else '*':1}"
                f"{('+' + str(listed)) if listed else '':>5}{with_ledger:7.1f} %")

    header = f"{'style':<15}" + "".join(f"{name + ': identical':>23} {'ledger':>5}{'agree':>9}" for name in sets)
    print(header + f"{'ours s':>8}{'pandoc s':>9}")
    totals = {s: [0, 0, 0] for s in sets}
    shown = []
    unlisted = []
    for style in [s for s in args.styles.split(",") if s]:
        row = f"{style:<15}"
        ours_t = pandoc_t = 0.0
        for name in sets:
            result = compare(style, name, data[name], args.engine, args.fmt)
            listed = sum(1 for key in result.differences if (style, name, key) in ledger)
            row += f"{'':>4}" + cell(result.same, result.total, listed, result.order_same)
            totals[name][0] += result.same
            totals[name][1] += result.total
            totals[name][2] += listed
            ours_t += result.ours_seconds
            pandoc_t += result.pandoc_seconds
            for key, sig in result.signatures().items():
                if (style, name, key) not in ledger:
                    unlisted.append(f"    Known({style!r}, {name!r}, {key!r}, {sig!r}, REASON),")
            for key, (ours, theirs) in list(result.differences.items())[: args.show]:
                reason = ledger.get((style, name, key), (None, ""))[1]
                shown.append(f"--- {style} / {name} / {key}{'  [ledger: ' + reason + ']' if reason else ''}\n"
                             f"  ours:   {ours}\n  pandoc: {theirs}\n  diff:   {signature(ours, theirs)}")
        print(row + f"{ours_t:8.2f}{pandoc_t:9.2f}")
    print(f"{'ALL':<15}" + "".join(f"{'':>4}" + cell(*totals[name]) for name in sets))
    print("identical = entries equal after whitespace normalisation; * = entry order differs from pandoc;\n"
          "ledger = further entries that differ as tests/test_citations_agreement.py lists (pandoc's deviations);\n"
          "agree = (identical + ledger) / total")
    for block in shown:
        print(block)
    if args.ledger:
        print("\n".join(unlisted) if unlisted else "(every difference is in the ledger)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
