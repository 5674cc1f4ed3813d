"""'Did you mean ...?': the names closest to a mistyped one, and the one way every message says it.

Similarity is rapidfuzz's ``fuzz.ratio`` (the Indel similarity difflib's ``ratio`` estimates, in
C): on a 10,000-paper catalog difflib took seconds to suggest. rapidfuzz is imported on first
use, so only a command with a mistyped name to report pays for loading it.
"""
from __future__ import annotations

from collections.abc import Iterable


def closest(query: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` of ``choices`` at least ``cutoff`` (0..1) similar to ``query``, best first;
    equally close ones in the order given."""
    from rapidfuzz import fuzz, process

    found = process.extract(query, list(choices), scorer=fuzz.ratio, limit=n, score_cutoff=cutoff * 100)
    return [choice for choice, _score, _index in found]


def phrase(names: list[str]) -> str:
    """``did you mean 'a'?`` / ``did you mean 'a' or 'b'?`` / ``did you mean 'a', 'b' or 'c'?``; "" for none."""
    if not names:
        return ""
    quoted = [repr(name) for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {listed}?"


def did_you_mean(query: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> str:
    """The hint for a mistyped ``query`` (see ``phrase``), "" when no choice is close."""
    return phrase(closest(query, choices, n, cutoff))
