"""The rendering shortcuts of csl/conditions.py (a cs:choose's branch remembered per entry
shape; a cs:group of absent variables suppressed unrendered) change nothing in the output."""
from __future__ import annotations

import pytest

from conftest import DATA

CITATIONS = DATA / "citations"
STYLES = ["apa", "ieee", "acm", "chicago", "mla", "harvard", "nature", "vancouver", "springer-lncs",
          "elsevier-harvard", "american-chemical-society"]
_CACHES = ("_void_unless", "_shape_plan", "_taken")


def _forget(style) -> None:
    for element in style.root.iter():
        for name in _CACHES:
            element.__dict__.pop(name, None)


@pytest.mark.parametrize("style", STYLES)
def test_shortcuts_keep_the_output_byte_identical(style, monkeypatch):
    from unlearn_bib import csl
    from unlearn_bib.csl import conditions, styles
    from unlearn_bib.export import citations
    from unlearn_bib.items.load import load_items

    items = [item for name in ("fixtures.json", "refs.json", "real/real.json")
             for item in load_items(str(CITATIONS / name)).items]
    engine_style = csl.load_style(str(styles.resolve(style).path), None, True)
    _forget(engine_style)
    fast = [(e.key, e.text) for e in citations.format_items(items, style)]
    with monkeypatch.context() as patch:
        patch.setattr(conditions, "_void_unless", lambda element: False)
        patch.setattr(conditions, "_shape_plan", lambda choose: None)
        _forget(engine_style)
        slow = [(e.key, e.text) for e in citations.format_items(items, style)]
    _forget(engine_style)
    assert fast == slow
    assert len(fast) == len(items) and all(text for _, text in fast)


STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="vol"><group><label variable="volume" form="short" suffix=" "/><number variable="volume"/></group></macro>
  <macro name="in"><text term="in"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group id="a"><text macro="vol" prefix="(" suffix=")"/><date variable="issued" form="text"/></group>
    <group id="b"><text variable="title" form="short"/><choose><if type="book"><text variable="publisher"/></if></choose></group>
    <group id="c"><text variable="title"/><text macro="in"/></group>
    <group id="d"><text variable="locator"/></group>
    <group id="e"><names variable="editor"/></group>
    <group id="f"><text variable="page"/></group>
    <group id="g"><text value="Online"/><text variable="URL"/></group>
  </layout></bibliography>
</style>
"""


def test_a_group_is_void_without_its_variables_only_where_nothing_else_can_print(tmp_path):
    from unlearn_bib.csl.conditions import _void_unless
    from unlearn_bib.csl.engine import parse_csl

    path = tmp_path / "t.csl"
    path.write_text(STYLE, encoding="utf-8")
    root = parse_csl(path).getroot()
    groups = {g.get("id"): g for g in root.iter("{http://purl.org/net/xbiblio/csl}group") if g.get("id")}
    assert _void_unless(groups["a"]) == ("volume", "issued")  # through a macro; a label of a variable
    assert _void_unless(groups["b"]) == ("title", "title_short", "publisher")  # short form; a choose
    assert _void_unless(groups["c"]) is False  # a term prints without any variable
    assert _void_unless(groups["d"]) is False  # a generated variable
    assert _void_unless(groups["e"]) is False  # names may substitute
    assert _void_unless(groups["f"]) is False  # page: read differently
    assert _void_unless(groups["g"]) is False  # a value


def test_a_choose_reading_values_or_state_is_never_remembered(tmp_path):
    from unlearn_bib.csl.conditions import _shape_plan
    from unlearn_bib.csl.engine import parse_csl

    path = tmp_path / "t.csl"
    path.write_text(STYLE.replace(
        '<group id="g">',
        '<choose id="x"><if type="book" variable="edition"><text variable="edition"/></if>'
        '<else-if variable="container-title" match="any"><text variable="page"/></else-if>'
        '<else><text variable="title"/></else></choose>'
        '<choose id="y"><if is-numeric="edition"><text variable="edition"/></if></choose>'
        '<choose id="z"><if type="book"/><else-if position="first"/></choose>'
        '<group id="g">'), encoding="utf-8")
    root = parse_csl(path).getroot()
    chooses = {c.get("id"): c for c in root.iter("{http://purl.org/net/xbiblio/csl}choose") if c.get("id")}
    assert _shape_plan(chooses["x"]) == ("edition", "container_title")
    assert _shape_plan(chooses["y"]) is None
    assert _shape_plan(chooses["z"]) is None
