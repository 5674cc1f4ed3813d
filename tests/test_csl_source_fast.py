"""csl.items.source_class builds citeproc-py's references itself (start-up and per-entry speed):
every reference must equal what citeproc-py's own CiteProcJSON builds, value types included."""
from __future__ import annotations

import warnings

import pytest
from conftest import DATA

from unlearn_bib.csl import styles
from unlearn_bib.csl.items import source_class
from unlearn_bib.items.load import load_items


def _theirs():
    """The same class with citeproc-py's own constructor and name parser."""
    from citeproc.source.json import CiteProcJSON

    class Theirs(source_class()):
        __init__ = CiteProcJSON.__init__
        parse_names = CiteProcJSON.parse_names

    return Theirs


def _shape(value):
    """A value as nested plain data with every type named, so that equal shapes mean equal objects."""
    if isinstance(value, dict):
        return (type(value).__name__, [(k, _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return (type(value).__name__, [_shape(v) for v in value])
    return (type(value).__name__, value)


def _references(cls, items):
    numbered = [{**item, "id": f"item{index}"} for index, item in enumerate(items)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        source = cls(numbered)
    return [(key, _shape(ref)) for key, ref in source.items()], sorted(str(w.message) for w in caught)


ODD = [  # what the direct path must leave to citeproc-py's own constructors (warnings and all)
    {"id": "a", "type": "book", "title": "T", "author": [{"family": "Gates", "given": "Bill", "suffix": "III",
                                                          "comma-suffix": True}]},
    {"id": "b", "type": "book", "title": "T", "author": [{"literal": "W.H.O.", "given": "x"}]},
    {"id": "c", "type": "book", "title": "T", "custom-field": "x", "shortTitle": "S", "key": "k", "language": "de"},
    {"id": "D", "type": "article", "title": "a <span class=\"nocase\">iPhone</span> study", "editor": []},
]


@pytest.mark.parametrize("name", ["fixtures.json", "refs.json", "real/real.json", "refs.bib", "real/real.bib"])
@pytest.mark.parametrize("style", ["ieee", "apa"])
def test_references_equal_citeprocs_own(name, style):
    from unlearn_bib import csl

    engine_style = csl.load_style(str(styles.resolve(style).path))
    items = csl.prepare(list(load_items(str(DATA / "citations" / name)).items), engine_style)
    assert _references(source_class(), items) == _references(_theirs(), items)


def test_odd_fields_and_name_parts_go_through_citeprocs_constructors():
    ours, our_warnings = _references(source_class(), ODD)
    theirs, their_warnings = _references(_theirs(), ODD)
    assert ours == theirs and our_warnings == their_warnings and their_warnings
