"""The compiled renderer's plan per entry shape (csl/compiled.py ``_plan``): for each group and
macro, once per shape (type, variables present), the branches a shape-only cs:choose takes and
the children that cannot print for want of a variable. A plan is reused for every entry of its
shape whatever the values, so entries of one shape with different values (empty ones too) must
still print what the element tree walk prints."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from test_csl_compiled import NUMERIC, _both, _DATE, _NAMES, _NUMBER, _TEXT, _TYPES

_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography><layout>
    <group delimiter=". ">
      <names variable="editor"><name/></names>
      <text variable="title"/>
      <group delimiter=": "><text value="PubMed PMID"/><text variable="PMID"/></group>
    </group>
  </layout></bibliography>
</style>"""


def _items(entries):
    from unlearn_bib.items.from_json import read_csljson

    text = json.dumps([{**entry, "id": f"e{index}"} for index, entry in enumerate(entries)])
    return read_csljson(text, "generated.json").items


def test_a_shape_without_the_variables_of_a_group_skips_it(tmp_path, monkeypatch):
    from unlearn_bib.csl import compiled

    path = tmp_path / "t.csl"
    path.write_text(_STYLE, encoding="utf-8")
    plans = []
    original = compiled._plan
    monkeypatch.setattr(compiled, "_plan", lambda item, keys, *rest: plans.append(
        (keys, original(item, keys, *rest))) or plans[-1][1])
    items = _items([{"type": "book", "title": "Only a title"},
                    {"type": "book", "title": "All", "PMID": "123", "editor": [{"family": "Ed", "given": "A"}]},
                    {"type": "book", "title": "Empty PMID", "PMID": ""}])
    fast, slow = _both(items, str(path), monkeypatch)
    assert [e.text for e in fast] == [e.text for e in slow] == ["Only a title", "A Ed. All. PubMed PMID: 123",
                                                                "Empty PMID"]
    bare = [plan for keys, plan in plans if "PMID" not in keys]
    # the PMID group is void for the title-only shape (its term alone cannot print), and the
    # outer group is left with the title alone (the editor names, without cs:substitute, dropped)
    assert compiled._VOID in bare
    outer = [plan for plan in bare if plan is not compiled._VOID]
    assert len(outer) == 1 and len(outer[0][0]) == 1 and outer[0][3] is not None
    full = [plan for keys, plan in plans if "PMID" in keys and "editor" in keys]
    assert compiled._VOID not in full and max(len(plan[0]) for plan in full) == 3


_VALUE = {"title": st.one_of(_TEXT, st.just("")), "container-title": st.one_of(_TEXT, st.just("")),
          "publisher": st.one_of(_TEXT, st.just("")), "volume": _NUMBER, "page": _NUMBER, "issued": _DATE,
          "author": _NAMES, "editor": _NAMES, "DOI": st.sampled_from(["10.1000/xyz123", ""]),
          "PMID": st.sampled_from(["123", ""]), "URL": st.sampled_from(["https://example.org/a", ""]),
          "edition": _NUMBER, "collection-title": st.one_of(_TEXT, st.just(""))}


@st.composite
def _shapes(draw):
    """One to three shapes of one type (so that only the variables tell them apart), each
    with two to five entries whose values are drawn apart."""
    kind = draw(_TYPES)
    out = []
    for _ in range(draw(st.integers(1, 3))):
        keys = draw(st.lists(st.sampled_from(sorted(_VALUE)), unique=True, max_size=len(_VALUE)))
        out += [{"type": kind, **{key: draw(_VALUE[key]) for key in keys}} for _ in range(draw(st.integers(2, 5)))]
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(entries=_shapes(), style=st.sampled_from(NUMERIC))
def test_entries_of_one_shape_print_as_the_tree_walk_prints_them(entries, style, monkeypatch):
    fast, slow = _both(_items(entries), style, monkeypatch)
    assert [(e.key, e.text) for e in fast] == [(e.key, e.text) for e in slow]
