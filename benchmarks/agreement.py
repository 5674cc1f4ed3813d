#!/usr/bin/env python3
"""Agreement of unlearn-bib's formatted references with two reference CSL processors.

Renders the catalog and fixture sets of tricky entries (tests/data/citations/fixtures.json,
and refs.json with its .bib twin refs.bib read as `--papers` reads them) in every short-named style (plus elsevier-harvard) with unlearn-bib, with ``pandoc
--citeproc`` (the binary of the pypandoc-binary wheel, or $PANDOC) and with citeproc-js
(benchmarks/citeproc-js: ``npm ci`` there first), from the same CSL-JSON and the same .csl
file, and prints per style the entries identical after whitespace normalisation to pandoc's,
to citeproc-js's, to either, and how many more differ from both as the ledger
(tests/test_citations_agreement.py) lists: where both references depart from CSL 1.0.2.

    python benchmarks/agreement.py                       # all styles, text
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
# A dataset read from a .bib is compared with the references' rendering of its CSL-JSON twin
# (the .bib's meaning written by hand), and with pandoc's rendering of the .bib itself.
BIB_INPUTS = {"refs-bib": (REFS_BIB, REFS_JSON)}
DATASETS = ("catalog", "fixtures", "refs-json", "refs-bib")
CITEPROC_JS = ROOT / "benchmarks" / "citeproc-js"
EXTRA_STYLES = ("elsevier-harvard",)  # measured beside the short names
NOCITE_ALL = '---\nnocite: "@*"\n---\n'


def normalise(text: str) -> str:
    """Whitespace only: every run of Unicode whitespace (NBSP included) becomes one space."""
    return " ".join(text.split())


def datasets() -> dict[str, list[dict]]:
    """name -> CSL items as unlearn-bib formats them: the catalog's, and the fixtures read
    through `--papers` (CSL-JSON as it is, in file order; the .bib mapped to CSL)."""
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.export import csljson
    from unlearn_bib.items.load import load_items

    return {
        "catalog": csljson.items(load_catalog()),
        "fixtures": list(load_items(str(FIXTURES)).items),
        "refs-json": list(load_items(str(REFS_JSON)).items),
        "refs-bib": list(load_items(str(REFS_BIB)).items),
    }


def default_styles() -> list[str]:
    from unlearn_bib.csl import styles

    return list(styles.short_names()) + [s for s in EXTRA_STYLES if s not in styles.short_names()]


def node_missing() -> str:
    """Why citeproc-js cannot run here ("" when it can)."""
    import shutil

    if not shutil.which("node"):
        return "node is not installed"
    if not (CITEPROC_JS / "node_modules" / "citeproc").is_dir():
        return f"citeproc-js is not installed (run `npm ci` in {CITEPROC_JS.relative_to(ROOT)})"
    return ""


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
class ReferenceRun:
    entries: dict[str, str]  # key -> text
    order: list[str]
    stderr: str = ""


def render_pandoc(items: list[dict], csl: Path, fmt: str = "text", source: Path | None = None) -> ReferenceRun:
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
    return ReferenceRun(dict(zip(keys, texts)), keys, runs["html"].stderr + runs["plain"].stderr)


def render_citeproc_js(items: list[dict], csl: Path, fmt: str = "text") -> ReferenceRun:
    """citeproc-js (benchmarks/citeproc-js/render.js) on the items, with citeproc-py's locales."""
    from citeproc import LOCALES_PATH

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "refs.json"
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            ["node", str(CITEPROC_JS / "render.js"), str(path), str(csl), str(LOCALES_PATH), fmt],
            capture_output=True, text=True, encoding="utf-8",
        )
    if done.returncode != 0:
        raise RuntimeError(f"citeproc-js failed: {done.stderr.strip()[:500]}")
    pairs = json.loads(done.stdout)
    if fmt == "html":  # a left-margin label is a block of its own: one space after it
        pairs = [(key, canonical_html(re.sub(r'</div>\s*<div class="csl-right-inline">', " ", text)))
                 for key, text in pairs]
    return ReferenceRun(dict(pairs), [key for key, _ in pairs], done.stderr)


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
    """A compact, stable description of how two entries differ: 'ours' -> 'reference' hunks."""
    a, b = normalise(ours), normalise(theirs)
    hunks = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            hunks.append(f"{a[max(0, i1 - 12):i1]}[{a[i1:i2]}|{b[j1:j2]}]")
    return " ".join(hunks)


REFERENCES = ("pandoc", "citeproc-js")


@dataclass
class Comparison:
    style: str
    dataset: str
    total: int
    same: dict[str, int]  # reference -> entries identical to it
    either: int  # entries identical to at least one reference
    differences: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> ours + each reference
    order_same: dict[str, bool] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    stderr: dict[str, str] = field(default_factory=dict)

    def signatures(self) -> dict[str, tuple[str, ...]]:
        """Entries that agree with neither reference: key -> (signature vs each reference)."""
        return {key: tuple(signature(texts["ours"], texts[ref]) for ref in REFERENCES)
                for key, texts in self.differences.items()}


def compare(style: str, dataset: str, items: list[dict], engine: str = "unlearn-bib", fmt: str = "text") -> Comparison:
    """Our entries against pandoc's and citeproc-js's; keys and total from pandoc's run."""
    from unlearn_bib.csl import styles

    csl = styles.resolve(style).path
    seconds = {}
    start = time.perf_counter()
    if engine == "citeproc-py":
        ours, our_order = render_citeproc_py(items, csl, fmt)
    else:
        ours, our_order = render_ours(items, style, fmt)
    seconds["ours"] = time.perf_counter() - start
    runs = {}
    bib, twin = BIB_INPUTS.get(dataset, (None, None))
    reference_items = json.loads(twin.read_text(encoding="utf-8")) if twin else items
    for ref, render in (("pandoc", render_pandoc), ("citeproc-js", render_citeproc_js)):
        start = time.perf_counter()
        runs[ref] = render(reference_items, csl, fmt)
        seconds[ref] = time.perf_counter() - start
    from_bib = render_pandoc(items, csl, fmt, source=bib) if bib else None  # pandoc reading the .bib
    order = runs["pandoc"].order
    same = dict.fromkeys(REFERENCES, 0)
    either = 0
    differences = {}
    for key in order:
        texts = {"ours": normalise(ours.get(key, ""))}
        texts.update((ref, normalise(runs[ref].entries.get(key, ""))) for ref in REFERENCES)
        if from_bib and normalise(from_bib.entries.get(key, "")) == texts["ours"]:
            texts["pandoc"] = texts["ours"]  # pandoc's own reading of the .bib agrees
        agreeing = [ref for ref in REFERENCES if texts[ref] == texts["ours"]]
        for ref in agreeing:
            same[ref] += 1
        if agreeing:
            either += 1
        else:
            differences[key] = texts
    return Comparison(style, dataset, len(order), same, either, differences,
                      {ref: our_order == runs[ref].order for ref in REFERENCES}, seconds,
                      {ref: runs[ref].stderr for ref in REFERENCES})


def load_ledger() -> dict[tuple[str, str, str], tuple[tuple[str, ...], str]]:
    """(style, dataset, key) -> ((signature vs each reference), reason), from the agreement test's ledger."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_ledger", ROOT / "tests" / "test_citations_agreement.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.pop(0)
    return {(d.style, d.dataset, d.key): (d.signatures, d.reason) for d in module.KNOWN_DIFFERENCES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--styles", default=",".join(default_styles()), help="comma-separated style names")
    parser.add_argument("--set", dest="sets", default=",".join(DATASETS), help="comma-separated: " + ", ".join(DATASETS))
    parser.add_argument("--engine", choices=["unlearn-bib", "citeproc-py"], default="unlearn-bib")
    parser.add_argument("--format", dest="fmt", choices=["text", "html"], default="text")
    parser.add_argument("--show", type=int, default=0,
                        help="show this many entries per style and set that agree with neither reference")
    parser.add_argument("--ledger", action="store_true",
                        help="print the differences not in the ledger as Known(...) lines to review and paste")
    args = parser.parse_args(argv)
    missing = node_missing()
    if missing:
        parser.error(missing)

    data = datasets()
    sets = [s for s in args.sets.split(",") if s]
    ledger = load_ledger() if args.engine == "unlearn-bib" and args.fmt == "text" else {}
    print(f"engine = {args.engine}, format = {args.fmt}, references = pandoc ({pandoc_path()}) "
          f"and citeproc-js ({CITEPROC_JS.relative_to(ROOT)})")

    def cell(result: Comparison | None, totals: list[int] | None = None) -> str:
        if result is not None:
            listed = sum(1 for key in result.differences if (result.style, result.dataset, key) in ledger)
            values = [result.same["pandoc"], result.same["citeproc-js"], result.either, listed, result.total]
            marks = "".join("" if result.order_same[ref] else mark for ref, mark in zip(REFERENCES, "*+"))
        else:
            values, marks = totals, ""
        pandoc, js, either, listed, total = values
        agree = 100.0 * (either + listed) / total if total else 100.0
        return (f"{pandoc:>7}{js:>7}{either:>7}{('+' + str(listed)) if listed else '':>7}"
                f"{total:>6}{agree:7.1f}%{marks:<2}  ")

    print(f"{'':<17}" + "".join(f"{'--- ' + name + ' ---':^45}" for name in sets))
    print(f"{'style':<17}" + "".join(f"{'pandoc':>7}{'js':>7}{'either':>7}{'ledger':>7}{'total':>6}{'agree':>8}    "
                                     for _ in sets)
          + "".join(f"{name + ' s':>15}" for name in ("ours", *REFERENCES)))
    totals = {s: [0, 0, 0, 0, 0] for s in sets}
    shown = []
    unlisted = []
    for style in [s for s in args.styles.split(",") if s]:
        row = f"{style:<17}"
        seconds = dict.fromkeys(("ours", *REFERENCES), 0.0)
        for name in sets:
            result = compare(style, name, data[name], args.engine, args.fmt)
            listed = sum(1 for key in result.differences if (style, name, key) in ledger)
            row += cell(result)
            for index, value in enumerate([result.same["pandoc"], result.same["citeproc-js"], result.either,
                                           listed, result.total]):
                totals[name][index] += value
            for engine, spent in result.seconds.items():
                seconds[engine] += spent
            for key, sigs in result.signatures().items():
                if (style, name, key) not in ledger:
                    unlisted.append(f"    Known({style!r}, {name!r}, {key!r}, {sigs!r}, REASON),")
            for key, texts in list(result.differences.items())[: args.show]:
                reason = ledger.get((style, name, key), (None, ""))[1]
                shown.append(f"--- {style} / {name} / {key}{'  [ledger: ' + reason + ']' if reason else ''}\n"
                             f"  ours:        {texts['ours']}\n  pandoc:      {texts['pandoc']}\n"
                             f"  citeproc-js: {texts['citeproc-js']}\n"
                             f"  diff pandoc: {signature(texts['ours'], texts['pandoc'])}\n"
                             f"  diff js:     {signature(texts['ours'], texts['citeproc-js'])}")
        print(row + "".join(f"{seconds[name]:15.2f}" for name in ("ours", *REFERENCES)))
    print(f"{'ALL':<17}" + "".join(cell(None, totals[name]) for name in sets))
    print("pandoc / js = entries identical (after whitespace normalisation) to pandoc's / citeproc-js's;\n"
          "either = identical to at least one of them; ledger = further entries that differ from both as\n"
          "tests/test_citations_agreement.py lists (where both references depart from CSL 1.0.2);\n"
          "agree = (either + ledger) / total; * / + = entry order differs from pandoc's / citeproc-js's")
    for block in shown:
        print(block)
    if args.ledger:
        print("\n".join(unlisted) if unlisted else "(every difference is in the ledger)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
