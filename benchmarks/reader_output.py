"""Snapshot the Markdown reader's output, to prove a speed change leaves it unchanged.

Reads every Markdown file under tests/data with `read_list`, plus the 3,000-row list that
`import_list.py` builds, and stores every row (all its fields: line, title, year, venue,
authors, links, ...) and every trouble as JSON. Run it once on the old code with
`--write SNAPSHOT.json`, then after each change with `--check SNAPSHOT.json`: it prints the first
differences and exits 1 if any. Not committed data: the snapshot belongs to one piece of work.
"""
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def snapshot() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from import_list import make_list
    from unlearn_bib.read.mdlist import read_list

    texts = {str(p.relative_to(ROOT)): p.read_text() for p in sorted((ROOT / "tests" / "data").rglob("*.md"))}
    texts["<benchmark list>"] = make_list()
    out = {}
    for name, text in texts.items():
        rows, troubles = read_list(text)
        out[name] = {"rows": [dataclasses.asdict(r) for r in rows],
                     "troubles": [dataclasses.asdict(t) for t in troubles]}
    return json.loads(json.dumps(out))  # tuples as lists, as they will read back


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("--write", "--check"):
        print(__doc__)
        return 2
    now = snapshot()
    path = Path(sys.argv[2])
    if sys.argv[1] == "--write":
        path.write_text(json.dumps(now, ensure_ascii=False, indent=0))
        print(f"{len(now)} files, {sum(len(v['rows']) for v in now.values())} rows written to {path}")
        return 0
    before = json.loads(path.read_text())
    shown = 0
    for name in sorted(set(before) | set(now)):
        old, new = before.get(name), now.get(name)
        if old == new:
            continue
        shown += 1
        if old is None or new is None:
            print(f"{name}: only in {'the snapshot' if new is None else 'this run'}")
            continue
        for kind in ("rows", "troubles"):
            for n, (a, b) in enumerate(zip(old[kind], new[kind])):
                if a != b:
                    print(f"{name} {kind}[{n}]:\n  was {a}\n  now {b}")
                    break
            if len(old[kind]) != len(new[kind]):
                print(f"{name}: {len(old[kind])} {kind} before, {len(new[kind])} now")
    rows = sum(len(v["rows"]) for v in now.values())
    print(f"{len(now)} files, {rows} rows: " + ("identical" if not shown else f"{shown} files differ"))
    return 1 if shown else 0


if __name__ == "__main__":
    sys.exit(main())
