"""The citeproc-py layer: CSL styles loaded with the project's corrections, rendered as neutral text.

Modules depend one way: ``base`` (namespace, marks) <- ``text`` (pure text rules: case,
page ranges, collation) <- ``correct`` (``prepare`` items, ``finish`` rendered text),
``names_dates`` (corrected name and date elements) and ``conditions`` (corrected cs:if,
cs:group, cs:substitute) <- ``fixes`` (the other corrected elements, locales, and
``element_classes()``) and ``disambiguate`` (CSL 1.0.2 disambiguation of cites, and what it
adds to entries) and ``compiled`` (the bibliography layout compiled once into closures, with
``compiled_names``, ``compiled_leaves`` and ``seams``: the same text without walking the element tree)
<- ``engine`` (style loader, renderer); ``workers`` (forked slices),
``items`` (the cite item) and ``memo`` (memoised look-ups) stand alone.
This package imports neither citeproc nor lxml until one of the functions below is used.
"""
from __future__ import annotations

from unlearn_bib.csl.base import CLOSERS, CSL_NS, MARK, MARKERS, OPENERS

__all__ = ["CLOSERS", "CSL_NS", "MARK", "MARKERS", "OPENERS", "NeutralFormatter", "finish", "load_style",
           "prepare", "render_bibliography", "render_list"]

_ENGINE = frozenset({"NeutralFormatter", "load_style", "render_bibliography", "render_list"})
_CORRECT = frozenset({"finish", "prepare"})


def __getattr__(name: str):
    """The heavier public names, imported on first use."""
    if name in _ENGINE:
        from unlearn_bib.csl import engine

        return getattr(engine, name)
    if name in _CORRECT:
        from unlearn_bib.csl import correct

        return getattr(correct, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
