"""The one exception type users ever see, plus where a problem is.

Library code raises ``UnlearnBibError``; only the CLI prints it (no traceback, exit 1).
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN = 20


@dataclass(frozen=True)
class Location:
    """A place in a file, e.g. ``papers.yaml:12``."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with where it is and a hint on how to fix it."""

    message: str
    where: Location | None = None
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class UnlearnBibError(Exception):
    """A problem the user can fix: bad data, unknown names, unreadable files."""

    def __init__(self, *problems: Problem | str):
        self.problems = tuple(p if isinstance(p, Problem) else Problem(p) for p in problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        ordered = sorted(
            self.problems,
            key=lambda p: (str(p.where.path) if p.where else "", (p.where.line or 0) if p.where else 0),
        )
        lines = [str(p) for p in ordered[:MAX_SHOWN]]
        if len(ordered) > MAX_SHOWN:
            lines.append(f"... and {len(ordered) - MAX_SHOWN} more problems")
        return "\n".join(lines)


def error_at(path: str, line: int | None, message: str, hint: str | None = None) -> UnlearnBibError:
    """Shorthand for a single located problem."""
    return UnlearnBibError(Problem(message, Location(path, line), hint))
