"""Time `unlearn-bib import --from markdown LIST --online` from a cold and from a warm HTTP cache
(issue 18: a re-run from the cache in under a second per 100 rows). No network: every service is
a stand-in on 127.0.0.1.

    python benchmarks/import_online.py                 # 300 rows
    python benchmarks/import_online.py --rows 1000
    python benchmarks/import_online.py --profile out.prof   # cProfile of the warm run

The list is made here: a Markdown table of N rows of made-up papers ("Synthetic Paper 0001 on
Erasing Concepts", authors such as "Ada Placeholder0001") with arXiv ids 2401.90001 and on, a
range arXiv had not reached in January 2024 (it numbered about 20,000 papers that month), so
no id names a real paper. A third of the rows name the full author list, a third the first author
and "et al.", a third none; one row in five says "NeurIPS 2024", the rest "arXiv".

The stand-in (tests/standin.py, behind the UNLEARN_BIB_*_URL variables) answers arXiv's API with
one Atom entry per id (the shape of tests/data/resolver/arxiv/*.xml: id, published, title,
authors), Crossref's and DBLP's searches with empty result lists, and Semantic Scholar with its
404 for an unknown paper; it binds 127.0.0.1 only, and stops when the runs end or after
--limit seconds, whichever is first.

Two runs of the command, each in a new process into a new catalog, share one --cache-dir:
the cold run (empty cache) and the warm run. The cold run is started with the services' polite
pauses between requests set to zero (arXiv asks for 3 s between requests; 300 rows would wait 15
minutes for nothing on a local stand-in); pass --polite to keep them. The warm run is the plain
command, pauses and all: an answer read from the cache is never paused for. Prints, per run, wall
clock and CPU time (user + system of the child) in all and per 100 rows, the requests the
stand-in saw, and the command's own summary line. A benchmark, not a test: nothing here gates CI.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
TOPICS = ("Erasing Concepts", "Forgetting Identities", "Unlearning Styles", "Safe Sampling", "Editing Memories",
          "Removing Watermarks", "Certified Deletion", "Robust Erasure")
GIVEN = ("Ada", "Bo", "Cy", "Di", "Ed", "Fay")

# Run the CLI with the polite pauses set to zero (the cold run; the stand-in needs no politeness).
NO_PAUSES = ("import dataclasses, sys; from unlearn_bib.resolve import http; "
             "http.SERVICES.update({k: dataclasses.replace(s, interval=0.0) for k, s in http.SERVICES.items()}); "
             "from unlearn_bib.cli.main import main; sys.argv[0] = 'unlearn-bib'; main()")


def arxiv_id(n: int) -> str:
    return f"2401.{90000 + n:05d}"


def paper(n: int) -> dict:
    """The made-up paper of row n (1-based): what the row shows and what the stand-in's arXiv says."""
    authors = [f"{GIVEN[(n + i) % len(GIVEN)]} {family}{n:04d}" for i, family in
               enumerate(("Placeholder", "Madeup", "Fictional")[: 1 + n % 3])]
    return {"id": arxiv_id(n), "title": f"Synthetic Paper {n:04d} on {TOPICS[n % len(TOPICS)]}",
            "authors": authors, "published": f"2024-01-{1 + n % 28:02d}T12:00:00Z",
            "venue": "NeurIPS 2024" if n % 5 == 0 else "arXiv"}


def make_list(rows: int) -> str:
    lines = ["# Synthetic awesome list (benchmarks/import_online.py; every paper here is made up)", "",
             "## Papers", "", "| Paper | Authors | Venue | Year |", "|---|---|---|---|"]
    for n in range(1, rows + 1):
        p = paper(n)
        shown = (", ".join(p["authors"]) if n % 3 == 0 else f"{p['authors'][0]} et al." if n % 3 == 1 else "")
        lines.append(f"| [{p['title']}](https://arxiv.org/abs/{p['id']}) | {shown} | {p['venue']} | 2024 |")
    return "\n".join(lines) + "\n"


def atom_feed(p: dict | None, query: str) -> str:
    """arXiv's API answer for one id_list query: one entry, or none for an unknown id."""
    from xml.sax.saxutils import escape

    entry = ""
    if p:
        people = "".join(f"<author><name>{escape(a)}</name></author>" for a in p["authors"])
        entry = (f"<entry><id>http://arxiv.org/abs/{p['id']}v1</id><updated>{p['published']}</updated>"
                 f"<published>{p['published']}</published><title>{escape(p['title'])}</title>"
                 f"<summary>A made-up abstract.</summary>{people}"
                 f'<link href="http://arxiv.org/abs/{p["id"]}v1" rel="alternate" type="text/html"/></entry>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">'
            f'<title type="html">ArXiv Query: {escape(query)}</title>'
            f"<opensearch:totalResults>{1 if p else 0}</opensearch:totalResults>{entry}</feed>")


def standin(rows: int):
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "src"))
    from standin import Standin, json_answer, send

    papers = {paper(n)["id"]: paper(n) for n in range(1, rows + 1)}

    def arxiv_query(handler):
        query = urlsplit(handler.path).query
        wanted = (parse_qs(query).get("id_list") or [""])[0]
        send(handler, atom_feed(papers.get(wanted), query), kind="application/atom+xml")

    server = Standin()
    # one TCP segment per answer, not headers and body in two held up by the client's delayed ACK
    server.server.RequestHandlerClass.disable_nagle_algorithm = True
    server.routes[("arxiv", "/api/query")] = arxiv_query
    server.routes[("crossref", "/works")] = json_answer(
        {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
         "message": {"facets": {}, "total-results": 0, "items": [], "items-per-page": 5}})
    server.routes[("dblp", "/search/publ/api")] = json_answer(
        {"result": {"query": "", "status": {"@code": "200", "text": "OK"},
                    "hits": {"@total": "0", "@computed": "0", "@sent": "0", "@first": "0"}}})
    # Semantic Scholar, OpenReview, and a Crossref DOI: the stand-in's default 404 (S2's answer for an unknown id)
    return server


def run(label: str, command: list[str], env: dict, server, rows: int, limit: float) -> dict:
    seen = len(server.seen)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=limit)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    asked = server.seen[seen:]
    by_service: dict[str, int] = {}
    for service, _path in asked:
        by_service[service] = by_service.get(service, 0) + 1
    summary = [line for line in result.stderr.splitlines() if line.startswith("import --online:")]
    print(f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU; per 100 rows {100 * wall / rows:.2f} s wall, "
          f"{100 * cpu / rows:.2f} s CPU; requests the stand-in saw: {len(asked)}"
          + (f" ({', '.join(f'{s} {c}' for s, c in sorted(by_service.items()))})" if asked else "")
          + f"; exit {result.returncode}")
    print("  " + (summary[-1] if summary else result.stderr[-800:]))
    if result.returncode:
        print(result.stderr[-2000:], file=sys.stderr)
    return {"wall": wall, "cpu": cpu, "requests": len(asked), "exit": result.returncode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--polite", action="store_true", help="keep the polite pauses in the cold run too")
    parser.add_argument("--limit", type=float, default=900.0, help="seconds after which everything stops")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the warm run to FILE")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR (made if missing) and keep it: the list, the catalogs, "
                        "the HTTP cache, and env.sh with the stand-in's variables for re-running the warm run by hand")
    args = parser.parse_args()

    server = standin(args.rows)
    from unlearn_bib.resolve.http import SERVICES

    watchdog = threading.Timer(args.limit, server.__exit__)  # the server stops by itself, whatever happens
    watchdog.daemon = True
    from contextlib import nullcontext

    kept = nullcontext(os.path.abspath(args.keep)) if args.keep else tempfile.TemporaryDirectory()
    with kept as folder, server:
        os.makedirs(folder, exist_ok=True)
        watchdog.start()
        readme = Path(folder) / "README.md"
        readme.write_text(make_list(args.rows), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("UNLEARN_BIB_")}
        env.update({s.env: f"{server.base}/{s.id}" for s in SERVICES.values()})
        env.update(XDG_CACHE_HOME=str(Path(folder) / "xdg"), PYTHONPATH=str(ROOT / "src"))
        cache = str(Path(folder) / "http")
        import shutil

        shutil.rmtree(cache, ignore_errors=True)  # a kept folder's earlier run: the cold run starts cold all the same
        for name in ("cold.yaml", "warm.yaml"):
            (Path(folder) / name).unlink(missing_ok=True)
        if args.keep:
            (Path(folder) / "env.sh").write_text("".join(f"export {k}={v}\n" for k, v in sorted(env.items())
                                                         if k.startswith("UNLEARN_BIB_") or k == "XDG_CACHE_HOME"))
        print(f"{args.rows} rows, stand-in at {server.base}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; Python {sys.version.split()[0]}")
        results = {}
        for label, name in (("cold", "cold.yaml"), ("warm", "warm.yaml")):
            tail = ["import", "--from", "markdown", str(readme), "--papers", str(Path(folder) / name),
                    "--online", "--cache-dir", cache]
            if label == "cold" and not args.polite:
                command = [sys.executable, "-c", NO_PAUSES, *tail]
            elif label == "warm" and args.profile:
                command = [sys.executable, "-m", "cProfile", "-o", args.profile, "-m", "unlearn_bib", *tail]
            else:
                command = [sys.executable, "-m", "unlearn_bib", *tail]
            results[label] = run(label + (" (polite pauses off)" if command[1] == "-c" else ""), command, env,
                                 server, args.rows, args.limit)
        cold, warm = (Path(folder) / "cold.yaml").read_text(), (Path(folder) / "warm.yaml").read_text()
        print(f"the two catalogs are {'identical' if cold == warm else 'DIFFERENT'} "
              f"({cold.count('- key:')} records)")
        watchdog.cancel()
    if results["warm"]["requests"]:
        print("the warm run reached the stand-in: answers that were not cached (see its summary line)")


if __name__ == "__main__":
    main()
