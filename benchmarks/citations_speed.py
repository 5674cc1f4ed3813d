"""Formatted reference lists: unlearn-bib against pandoc --citeproc, side by side in one run.

    python benchmarks/citations_speed.py                          # numeric styles, 2,000 and 10,000 entries
    python benchmarks/citations_speed.py --sizes 2000 --runs 1 --styles ieee
    python benchmarks/citations_speed.py --before /tmp/old/src     # also time another checkout

For each style, size and input (CSL-JSON, .bib) both tools format the same file, one after
the other (alternating, so that a busy machine slows both alike), as a user runs them:
``unlearn-bib export --papers FILE --format text --style STYLE`` and ``pandoc --citeproc
--bibliography FILE --csl STYLE.csl -t plain`` (every entry cited). The input is the
project's tricky test entries (tests/data/citations: fixtures.json and refs.json for
CSL-JSON, refs.bib for .bib) repeated under new ids up to the size. Prints a Markdown table
of medians and the ratio unlearn-bib / pandoc, of wall-clock time and of CPU time (user +
system, forked workers included: less sensitive to other jobs on a shared machine). ``--before SRC`` adds a column for another
checkout's ``src`` folder (run with the same Python), timed in the same rotation, to show a
change's effect. A benchmark, not a test: nothing fails.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "citations"
NUMERIC = ("ieee", "acm", "nature", "vancouver", "springer-lncs")


def csl_json(size: int) -> list[dict]:
    sources = [json.loads((DATA / name).read_text(encoding="utf-8")) for name in ("fixtures.json", "refs.json")]
    pool = [(index, item) for index, items in enumerate(sources) for item in items]
    out = []
    copy = 0
    while len(out) < size:
        for origin, item in pool:
            out.append({**item, "id": f"{item['id']}-{origin}-{copy}"})
        copy += 1
    return out[:size]


def bibtex(size: int) -> str:
    text = (DATA / "refs.bib").read_text(encoding="utf-8")
    entries = [e for e in re.split(r"\n(?=@)", text) if re.match(r"@(?!string|comment|preamble)\w+\{", e, re.I)]
    head = "".join(e + "\n" for e in re.split(r"\n(?=@)", text) if re.match(r"@string", e, re.I))
    out = [head]
    copy = 0
    count = 0
    while count < size:
        for entry in entries:
            if count == size:
                break
            # new keys; a crossref points at its parent's copy
            renamed = re.sub(r"^(@\w+\{)([^,]+),", lambda m: f"{m.group(1)}{m.group(2)}-{copy},", entry, count=1)
            renamed = re.sub(r"(crossref\s*=\s*\{)([^}]+)\}", lambda m: f"{m.group(1)}{m.group(2)}-{copy}}}", renamed)
            out.append(renamed.strip() + "\n\n")
            count += 1
        copy += 1
    return "".join(out)


def timed(cmd: list[str], stdin: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of the command and every process it waited for)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink, open(stdin or os.devnull, "rb") as source:
        done = subprocess.run(cmd, stdout=sink, stderr=subprocess.PIPE, stdin=source, check=False, env=env)
    if done.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr.decode()[-2000:]}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--styles", default=",".join(NUMERIC))
    parser.add_argument("--sizes", nargs="+", default=["2000,10000"], help="2000 10000 or 2000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--inputs", default="json,bib")
    parser.add_argument("--before", metavar="SRC", help="also time this checkout's src folder (PYTHONPATH)")
    args = parser.parse_args()

    import pypandoc

    from unlearn_bib.csl.styles import resolve

    pandoc = pypandoc.get_pandoc_path()
    exe = Path(sys.executable).with_name("unlearn-bib")
    tool = [str(exe)] if exe.exists() else [sys.executable, "-m", "unlearn_bib"]
    work = Path(tempfile.mkdtemp(prefix="unlearn-cite-bench-"))
    nocite = work / "nocite.md"
    nocite.write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    # as an installed package runs: Python's compiled bytecode written once (into the work folder,
    # not the checkouts) and reused, even where PYTHONDONTWRITEBYTECODE is set for development
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    old_env = {**env, "PYTHONPATH": str(Path(args.before).resolve())} if args.before else None
    old_tool = [sys.executable, "-m", "unlearn_bib"]
    if old_env:
        print("| style | input | entries | before (s) | unlearn-bib (s) | pandoc (s) | ratio before | ratio "
              "| CPU ratio before | CPU ratio |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    else:
        print("| style | input | entries | unlearn-bib (s) | pandoc (s) | ratio | CPU ratio |")
        print("|---|---|---:|---:|---:|---:|---:|")
    warm = False
    for size in (int(s) for s in ",".join(args.sizes).split(",")):
        files = {}
        if "json" in args.inputs:
            files["CSL-JSON"] = work / f"refs-{size}.json"
            files["CSL-JSON"].write_text(json.dumps(csl_json(size), ensure_ascii=False), encoding="utf-8")
        if "bib" in args.inputs:
            files[".bib"] = work / f"refs-{size}.bib"
            files[".bib"].write_text(bibtex(size), encoding="utf-8")
        for style in args.styles.split(","):
            path = str(resolve(style).path)
            for label, data in files.items():
                ours, theirs, before = [], [], []
                export = ["export", "--papers", str(data), "--format", "text", "--style", style]
                if not warm:  # one untimed run each first: bytecode written, files in the page cache
                    warm = True
                    if old_env:
                        timed(old_tool + export, env=old_env)
                    timed(tool + export, env=env)
                for _ in range(args.runs):
                    if old_env:
                        before.append(timed(old_tool + export, env=old_env))
                    ours.append(timed(tool + export, env=env))
                    theirs.append(timed([pandoc, "--citeproc", "--bibliography", str(data), "--csl", path,
                                         "-t", "plain", "--wrap=none"], stdin=nocite))
                a, b = (statistics.median(t[0] for t in ours), statistics.median(t[0] for t in theirs))
                cpu_a, cpu_b = (statistics.median(t[1] for t in ours), statistics.median(t[1] for t in theirs))
                if old_env:
                    c, cpu_c = statistics.median(t[0] for t in before), statistics.median(t[1] for t in before)
                    print(f"| {style} | {label} | {size:,} | {c:.2f} | {a:.2f} | {b:.2f} | {c / b:.2f} | {a / b:.2f} "
                          f"| {cpu_c / cpu_b:.2f} | {cpu_a / cpu_b:.2f} |", flush=True)
                else:
                    print(f"| {style} | {label} | {size:,} | {a:.2f} | {b:.2f} | {a / b:.2f} | {cpu_a / cpu_b:.2f} |",
                          flush=True)


if __name__ == "__main__":
    main()
