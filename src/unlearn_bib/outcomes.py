"""The words commands report outcomes in: one enum per kind of outcome, shared by every layer.

Each member is a ``str`` whose value is the word itself, so it compares, formats and goes into
JSON (``update --json``) exactly as the plain word did; ``grep`` for a member finds every use.
Python 3.10 is supported, hence ``(str, Enum)`` with str's own ``__str__``, as 3.11's StrEnum.
"""
from __future__ import annotations

from enum import Enum


class Word(str, Enum):
    """An outcome word (a base: members are in the kinds below)."""

    __str__ = str.__str__
    __format__ = str.__format__
    __hash__ = str.__hash__  # a member and its word are the same dict key


class Tally(Word):
    """The four counts an online run's summary line gives (resolve.progress.summary)."""

    RESOLVED = "resolved"
    UNCHANGED = "unchanged"
    AMBIGUOUS = "ambiguous"
    FAILED = "failed"


class MatchStatus(Word):
    """match.rule.Match: is a .bib entry one of the catalog's papers?"""

    MATCHED = "matched"
    UNMATCHED = "unmatched"
    AMBIGUOUS = "ambiguous"


class Verdict(Word):
    """resolve.decide.Evidence: what one service record says about the paper."""

    ACCEPTED = "accepted"  # anchored, title and first author agree, a registry venue
    CORROBORATES = "corroborates"  # a title-only record naming the accepted venue
    TITLE_ONLY = "title only"
    DISAGREES = "disagrees"
    PREPRINT = "preprint"
    UNKNOWN_VENUE = "unknown venue"
    UNRELATED = "unrelated"
    ANCHOR = "anchor"  # import --online: the arXiv record the paper's id names


class Resolution(Word):
    """resolve.decide.Decision: where the services say a preprint was published."""

    RESOLVED = "resolved"
    UNPUBLISHED = "unpublished"
    AMBIGUOUS = "ambiguous"
    FAILED = "failed"


class EntryStatus(Word):
    """tasks.normalize.Report (and normalize --online): what happened to one .bib entry."""

    NORMALIZED = "normalized"
    CURRENT = "current"
    UNMATCHED = "unmatched"
    AMBIGUOUS = "ambiguous"
    UNVERIFIED = "unverified"
    BROKEN = "broken"
    RESOLVED = "resolved"  # normalize --online
    UNDECIDED = "undecided"  # normalize --online


class RecordStatus(Word):
    """tasks.update.Outcome: what update (and import --online) did with one catalog record."""

    PROPOSED = "proposed"
    UNPUBLISHED = "unpublished"
    AMBIGUOUS = "ambiguous"
    FAILED = "failed"
    PINNED = "pinned"
    CURRENT = "current"
    COMPLETED = "completed"  # import --online / update --online: needs_verification records
    CANDIDATES = "candidates"
    UNANCHORED = "unanchored"
    UNCHANGED = "unchanged"


class ImportCount(Word):
    """What import did with one row or entry: the counts of its summary line (tasks.importer.summary)."""

    ADDED = "added"
    ALREADY = "already in the catalog"
    DUPLICATE = "duplicate"
    AMBIGUOUS = "ambiguous"
    UNREADABLE = "unreadable"


# Every word an online run counts, and the count it goes to (the same word means the same thing
# in every kind above). Words not here (matched, normalized, unmatched, ...) are not counted.
_TALLY = {
    "resolved": Tally.RESOLVED, "proposed": Tally.RESOLVED, "completed": Tally.RESOLVED,
    "unchanged": Tally.UNCHANGED, "unpublished": Tally.UNCHANGED, "current": Tally.UNCHANGED,
    "pinned": Tally.UNCHANGED,
    "ambiguous": Tally.AMBIGUOUS, "undecided": Tally.AMBIGUOUS, "candidates": Tally.AMBIGUOUS,
    "unanchored": Tally.AMBIGUOUS,
    "failed": Tally.FAILED,
}


def tally(word: str) -> Tally | None:
    """How an outcome counts in an online run's summary line (None: not counted there)."""
    return _TALLY.get(str(word))
