"""Progress on stderr for long online runs, and the closing summary line."""
from __future__ import annotations

import sys


class Progress:
    """A bar when stderr is a terminal, plain lines otherwise, nothing when quiet."""

    def __init__(self, label: str, quiet: bool = False, stream=None):
        self.label = label
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.quiet:
            return
        from unlearn_bib.text.terminal import visible

        what = visible(what)
        if self.tty:
            width = 30
            filled = width * done // max(total, 1)
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {what[:30]:<30}")
            if done == total:
                self.stream.write("\n")
        else:
            self.stream.write(f"{self.label}: {done}/{total} {what}\n")
        self.stream.flush()


def summary(label: str, statuses: list[str], stats) -> str:
    """'update: 2 resolved, 1 unchanged, 0 ambiguous, 0 failed; failures: DBLP 1; from cache: 3 of 9 answers'."""
    from unlearn_bib.resolve.http import SERVICES

    from unlearn_bib.outcomes import Tally, tally

    counts = {name: 0 for name in Tally}
    for status in statuses:
        key = tally(status)  # each outcome's count is defined beside the word, in outcomes.py
        if key is not None:
            counts[key] += 1
    text = f"{label}: " + ", ".join(f"{counts[k]} {k}" for k in Tally)
    skipped = getattr(stats, "skipped", {})
    failed = [f"{SERVICES[s].name} {len(v)} ({v[0]}" + ("; skipped for the rest of the run)" if s in skipped else ")")
              for s, v in sorted(stats.failures.items())]
    if failed:
        text += "; service failures: " + "; ".join(failed)
    answers = sum(stats.requests.values()) + sum(stats.cached.values())
    text += f"; served from cache: {sum(stats.cached.values())} of {answers} answers"
    return text


def stats_dict(stats) -> dict:
    from unlearn_bib.resolve.http import SERVICES

    return {s: {"requests": stats.requests.get(s, 0), "from_cache": stats.cached.get(s, 0),
                "failures": stats.failures.get(s, []), "skipped": s in getattr(stats, "skipped", {})}
            for s in SERVICES}
