"""Start-up time of `unlearn-bib export --format bibtex` against the floor of `python -c "import click, yaml"`.

    python benchmarks/startup.py                 # 40 runs of each, interleaved
    python benchmarks/startup.py --runs 100 --cmd "unlearn-bib list"

Prints the median wall-clock and CPU time (user + system, of the child process) of each command,
the fastest CPU time, and their ratios. The floor is what any click + PyYAML tool pays before doing
anything; the goal is an export under 1.5x the floor. CPU time is steadier than wall time on a
shared machine, the fastest run steadier still. A benchmark, not a test: nothing here gates CI.
Profile with

    python -X importtime -m unlearn_bib export --format bibtex >/dev/null 2>imports.txt
    python -m cProfile -s cumtime -m unlearn_bib export --format bibtex >/dev/null
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FLOOR = [sys.executable, "-c", "import click, yaml"]


# As users run it: with compiled bytecode (pip writes it at install; the warm-up run writes it for an
# editable install, where PYTHONDONTWRITEBYTECODE would leave every module to compile on every run) and
# with the parse cache filled by the warm-up run (in a temporary folder unless UNLEARN_BIB_CACHE_DIR
# is set; UNLEARN_BIB_CACHE=0 measures without it).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def one_run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``cmd`` with stdout to /dev/null."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {shlex.join(cmd)}\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="runs of each command (default 40)")
    parser.add_argument("--cmd", default="unlearn-bib export --format bibtex",
                        help="the command to time (default: %(default)s)")
    args = parser.parse_args()
    cmd = shlex.split(args.cmd)
    exe = shutil.which(cmd[0], path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if exe is None:
        raise SystemExit(f"{cmd[0]}: not found (install the project first: pip install -e .)")
    cmd[0] = exe
    with tempfile.TemporaryDirectory() as cache:
        ENV.setdefault("UNLEARN_BIB_CACHE_DIR", cache)
        measure(cmd, args)


def measure(cmd: list[str], args: argparse.Namespace) -> None:
    one_run(FLOOR), one_run(cmd)  # warm the file-system cache and the parse cache
    runs: dict[str, list[tuple[float, float]]] = {"floor": [], "command": []}
    for _ in range(args.runs):  # interleaved, so a change in machine load hits both alike
        runs["floor"].append(one_run(FLOOR))
        runs["command"].append(one_run(cmd))
    wall = {name: statistics.median(w for w, _ in values) for name, values in runs.items()}
    cpu = {name: statistics.median(c for _, c in values) for name, values in runs.items()}
    fastest = {name: min(c for _, c in values) for name, values in runs.items()}
    print(f"{args.runs} runs each, medians; {sys.version.split()[0]} on {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'':42} {'wall (ms)':>10} {'CPU (ms)':>10} {'min CPU':>10}")
    floor = 'python -c "import click, yaml" (floor)'
    for name, label in (("floor", floor), ("command", args.cmd[:42])):
        print(f"{label:42} {wall[name] * 1000:10.1f} {cpu[name] * 1000:10.1f} {fastest[name] * 1000:10.1f}")
    print(f"{'ratio':42} {wall['command'] / wall['floor']:9.2f}x {cpu['command'] / cpu['floor']:9.2f}x "
          f"{fastest['command'] / fastest['floor']:9.2f}x")


if __name__ == "__main__":
    main()
