"""Time `unlearn-bib import --from markdown` on a 3,000-row awesome list, offline (issue 18: < 2 s).

The list is made here from the real dev excerpts in tests/data/lists: their rows repeated with
fresh arXiv ids and titles (each truth title gets "Part N") until there are 3,000 paper rows in all four layouts (tables,
bullets with sub-bullets, paragraph blocks, nested venue bullets). Prints the rows, the time of
the whole command in a new process (start-up, read, match, grow and validate the catalog, write it
to a temporary folder),
and the summary line. Run: python benchmarks/import_list.py; with --existing the list grows a copy of the
repository's papers.yaml (an existing catalog, so the round-trip editor that changes only inserted lines) instead
of starting a new catalog.
"""
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT / "tests" / "data" / "lists"


def make_list(rows_wanted: int = 3250) -> str:  # 3,250 candidate rows: about 3,000 are papers
    sys.path.insert(0, str(ROOT / "src"))
    from unlearn_bib.read.mdlist import read_list

    import json

    parts, count, copy = [], 0, 0
    sources = []
    for path in sorted(LISTS.glob("*.truth.json")):
        titles = sorted({row["title"] for row in json.loads(path.read_text()) if row["title"]}, key=len, reverse=True)
        sources.append(((LISTS / path.name.replace(".truth.json", ".md")).read_text(), titles))
    while count < rows_wanted:
        for text, titles in sources:
            copy += 1
            serial = iter(range(10_000))
            # fresh ids and titles per copy, so every row is a new paper
            text = re.sub(r"\b(\d{2})(\d{2})\.(\d{4,5})\b",
                          lambda m: f"{m.group(1)}{m.group(2)}.{(copy * 997 + next(serial)) % 90000 + 10000:05d}", text)
            for title in titles:
                text = text.replace(title, f"{title} Part {copy}")
            if len(re.findall(r"(?m)^\s{0,3}(?:```|~~~)", text)) % 2:
                text += "\n```"  # an excerpt cut inside a code block: close it, or it swallows the next copy
            n = len(read_list(text)[0])
            parts.append(text)
            count += n
            if count >= rows_wanted:
                break
    return "\n\n".join(parts)


def main() -> None:
    import resource
    import subprocess

    text = make_list()
    from unlearn_bib.read.mdlist import read_list

    started = time.process_time()
    read_list(text)
    reading = time.process_time() - started
    existing = "--existing" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        readme = Path(folder) / "README.md"
        readme.write_text(text)
        if existing:  # grow a copy of the repository's own catalog: the comment-keeping editor's path
            (Path(folder) / "p.yaml").write_bytes((ROOT / "papers.yaml").read_bytes())
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "unlearn_bib", "import", "--from", "markdown", str(readme),
                                 "--papers", str(Path(folder) / "p.yaml")], capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = [line for line in result.stderr.splitlines() if "rows seen" in line]
    print(f"{len(text.splitlines())} lines, {len(text) / 1e6:.2f} MB, into {'a copy of papers.yaml' if existing else 'a new catalog'}; import took {elapsed:.2f} s wall clock, "
          f"{usage.ru_utime + usage.ru_stime:.2f} s of CPU (exit {result.returncode}; wall > CPU on a busy machine)")
    print(f"of which reading the list: {reading:.2f} s of CPU; the rest is matching, building the records and "
          "writing and validating the catalog")
    print(summary[-1] if summary else result.stderr[-500:])


if __name__ == "__main__":
    main()
