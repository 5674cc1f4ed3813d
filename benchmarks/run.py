"""unlearn-bib against pandoc, measured in the same run: one table of medians, ratios and peak memory.

    pip install -e '.[bench]' && python benchmarks/run.py            # everything (long: pandoc's APA at 10k)
    python benchmarks/run.py --quick                                   # 1,000 papers only, fewer runs

Ratios are what hold across machines; absolute times are for this machine only. Nothing here
gates CI. Each command runs as its own process; peak memory is that process's maximum RSS.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(cmd: list[str], *, runs: int, env: dict | None = None, stdin: str | None = None,
            timeout: float = 900.0) -> tuple[float, float]:
    """(median seconds, max RSS in MB) over ``runs`` runs of ``cmd``; inf when it times out."""
    times, rss = [], 0.0
    for _ in range(runs):
        start = time.perf_counter()
        with open(os.devnull, "wb") as sink, open(stdin or os.devnull, "rb") as source:
            proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE, stdin=source, env=env)
            deadline = start + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    proc.kill()
                    os.wait4(proc.pid, 0)
                    return float("inf"), rss
                time.sleep(0.002)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"command failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
        proc.stderr.close()
        times.append(elapsed)
        rss = max(rss, usage.ru_maxrss / 1024)
    return statistics.median(times), rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 papers only, 3 runs")
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=900.0, help="give up on one command after this many seconds")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    sizes = (1000,) if args.quick else (1000, 10000)

    import pypandoc

    from unlearn_bib.csl.styles import resolve

    pandoc = pypandoc.get_pandoc_path()
    python = sys.executable
    tool = [python, "-m", "unlearn_bib"]
    exe = Path(python).with_name("unlearn-bib")
    if exe.exists():
        tool = [str(exe)]  # the console script, as users run it
    work = Path(tempfile.mkdtemp(prefix="unlearn-bench-"))
    cache_env = {**os.environ, "UNLEARN_BIB_CACHE_DIR": str(work / "cache")}
    cold_env = {**os.environ, "UNLEARN_BIB_CACHE": "0"}
    rows: list[tuple[str, str, float, float, str, float, float]] = []

    def row(label: str, ours: list[str], peer_label: str, peer: list[str] | None, *, env=None, n=runs, stdin=None,
            peer_env=None):
        t, m = measure(ours, runs=n, env=env or cache_env, timeout=args.timeout)
        pt, pm = (measure(peer, runs=n, timeout=args.timeout, stdin=stdin, env=peer_env) if peer
                  else (float("nan"), float("nan")))
        rows.append((label, "", t, m, peer_label, pt, pm))
        print(f"  {label}: {t:.3f}s vs {peer_label} {pt:.3f}s", file=sys.stderr)

    shipped_json = work / "shipped.json"
    shipped_json.write_text(subprocess.run(tool + ["export", "--format", "csljson"], capture_output=True, text=True, check=True).stdout)
    print("cold start", file=sys.stderr)
    row("export bibtex, shipped catalog", tool + ["export", "--format", "bibtex"], "python -c pass",
        [python, "-c", "pass"], n=max(runs, 10))
    row("export bibtex, shipped catalog", tool + ["export", "--format", "bibtex"], "pandoc csljson->biblatex",
        [pandoc, "-f", "csljson", "-t", "biblatex", str(shipped_json)], n=max(runs, 10))

    for n in sizes:
        catalog = work / f"papers-{n}.yaml"
        subprocess.run([python, str(ROOT / "benchmarks" / "make_catalog.py"), "--papers", str(n), "--out", str(catalog)], check=True)
        data = work / f"papers-{n}.json"
        data.write_text(subprocess.run(tool + ["export", "--papers", str(catalog), "--format", "csljson"],
                                       capture_output=True, text=True, check=True, env=cache_env).stdout)
        peer = [pandoc, "-f", "csljson", "-t", "biblatex", str(data)]
        print(f"scale {n}", file=sys.stderr)
        row(f"{n:,} papers -> bibtex", tool + ["export", "--papers", str(catalog)], "pandoc csljson->biblatex", peer)
        row(f"{n:,} papers -> bibtex, no cache", tool + ["export", "--papers", str(catalog)], "pandoc csljson->biblatex",
            peer, env=cold_env, n=max(1, runs // 2))
        row(f"{n:,} papers -> csljson", tool + ["export", "--papers", str(catalog), "--format", "csljson"],
            "pandoc csljson->biblatex", peer)
        for style in ("ieee", "apa"):
            csl = str(resolve(style).path)
            nocite = work / "nocite.md"  # every item of the bibliography, no text
            nocite.write_text('---\nnocite: "@*"\n---\n')
            peer_style = [pandoc, "--citeproc", f"--bibliography={data}", f"--csl={csl}",
                          "-t", "plain", "--wrap=none", str(nocite)]
            row(f"{n:,} papers -> text, {style}", tool + ["export", "--papers", str(catalog), "--format", "text",
                                                          "--style", style],
                f"pandoc --citeproc {style}", peer_style, n=1 if n >= 10000 else max(1, runs // 2))
            # The same papers given as CSL-JSON (`--papers FILE.json`: CSL items straight to the engine).
            row(f"{n:,} papers from CSL-JSON -> text, {style}", tool + ["export", "--papers", str(data), "--format",
                                                                        "text", "--style", style],
                f"pandoc --citeproc {style}", peer_style, n=1 if n >= 10000 else max(1, runs // 2))
        # Reading CSL-JSON against reading the same papers as YAML (no parse cache): `list` does little else.
        row(f"{n:,} papers: read CSL-JSON (list)", tool + ["list", "--papers", str(data)],
            "read YAML, no cache (list)", tool + ["list", "--papers", str(catalog)], peer_env=cold_env)

    print("release", file=sys.stderr)
    row("release, shipped catalog", tool + ["release", "--out", str(work / "dist")], "", None, n=max(1, runs // 2))

    print("\n| measurement | unlearn-bib (s) | peak MB | peer | peer (s) | peer MB | ratio |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for label, _, t, m, peer_label, pt, pm in rows:
        ratio = f"{t / pt:.2f}x" if pt == pt and pt not in (0, float("inf")) else "-"
        peer_time = "-" if pt != pt else (f">{args.timeout:.0f}" if pt == float("inf") else f"{pt:.3f}")
        print(f"| {label} | {t:.3f} | {m:.0f} | {peer_label or '-'} | {peer_time} | "
              f"{'-' if pm != pm else f'{pm:.0f}'} | {ratio} |")
    by = {r[0]: r[2] for r in rows}
    if len(sizes) == 2:
        print("\nGrowth, 10,000 / 1,000 papers (goal: at most 12x):")
        for kind in ("bibtex", "bibtex, no cache", "csljson", "text, ieee", "text, apa", "from CSL-JSON -> text, ieee",
                     "from CSL-JSON -> text, apa"):
            sep = " " if kind.startswith("from") else " -> "
            small, large = by.get(f"1,000 papers{sep}{kind}"), by.get(f"10,000 papers{sep}{kind}")
            if small and large:
                print(f"- {kind}: {large / small:.1f}x")


if __name__ == "__main__":
    main()
