"""The compiled bibliography renderer (csl/compiled.py) prints what the element tree walk prints,
byte for byte, as neutral text, plain text and HTML."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import DATA

CITATIONS = DATA / "citations"
STYLES = ["apa", "ieee", "acm", "chicago", "mla", "harvard", "nature", "vancouver", "springer-lncs",
          "elsevier-harvard", "american-chemical-society"]
NUMERIC = ["ieee", "acm", "nature", "vancouver", "springer-lncs"]


def _both(items, style, monkeypatch):
    """(compiled, tree walk) renderings of ``items`` in ``style``: the entries; and also the
    rendered text before ``csl.finish`` tidies it, which must be equal too."""
    from unlearn_bib import csl
    from unlearn_bib.csl import compiled, styles
    from unlearn_bib.export import citations

    engine_style = csl.load_style(str(styles.resolve(style).path), None, True)
    runs = []
    for enabled in (True, False):
        with monkeypatch.context() as patch:
            patch.setattr(compiled, "ENABLED", enabled)
            entries = citations.format_items(items, style)
            raw = csl.render_bibliography(engine_style, csl.prepare(list(items), engine_style))
        runs.append((entries, raw))
    (fast, fast_raw), (slow, slow_raw) = runs
    assert fast_raw == slow_raw
    return fast, slow


def _fixtures():
    from unlearn_bib.items.load import load_items

    return [item for name in ("fixtures.json", "refs.json", "real/real.json", "real/real.bib")
            for item in load_items(str(CITATIONS / name)).items]


@pytest.mark.parametrize("style", STYLES)
def test_compiled_output_is_byte_identical_on_every_fixture(style, monkeypatch):
    from unlearn_bib.export import citations

    items = _fixtures()
    fast, slow = _both(items, style, monkeypatch)
    assert [(e.key, e.text) for e in fast] == [(e.key, e.text) for e in slow]
    for fmt in ("text", "html"):
        assert citations.serialise(fast, fmt, style) == citations.serialise(slow, fmt, style)
    assert len(fast) == len(items) and all(e.text for e in fast)


@pytest.mark.parametrize("style", NUMERIC)
def test_the_numeric_styles_are_compiled_and_the_compiled_path_runs(style, monkeypatch):
    """Not vacuous: the styles of the speed target take the compiled path."""
    from unlearn_bib import csl
    from unlearn_bib.csl import compiled, styles

    calls = []
    original = compiled.render_entries
    monkeypatch.setattr(compiled, "render_entries", lambda *a: calls.append(original(*a)) or calls[-1])
    _both(_fixtures()[:3], style, monkeypatch)
    assert [texts is not None for texts in calls] == [True, True, False, False]  # compiled, then not
    engine_style = csl.load_style(str(styles.resolve(style).path), None, True)
    assert compiled.plan(engine_style.root.bibliography.layout) is not None


def test_a_style_the_compiler_does_not_take_falls_back(tmp_path, monkeypatch):
    """An element the compiler does not know is rendered by the tree walk, and the whole
    style is refused when its layout asks for what the compiled path does not do."""
    from unlearn_bib import csl
    from unlearn_bib.csl import compiled

    text = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography subsequent-author-substitute="---"><layout><names variable="author"/><text variable="title"/></layout></bibliography>
</style>"""
    path = tmp_path / "t.csl"
    path.write_text(text, encoding="utf-8")
    engine_style = csl.load_style(str(path), None, True)
    assert compiled.plan(engine_style.root.bibliography.layout) is None


# --- generated entries ---------------------------------------------------------------------------

_WORDS = st.sampled_from(["Alpha", "beta", "Gamma-Ray", "d'Ors", "Über", "vs.", "A.", "...", "x", "Nets:",
                          "(ed.)", "  ", "<i>Deep</i>", "CO<sub>2</sub>", '<span class="nocase">iPhone</span>',
                          "“quoted”", "1–2", ",", "Smith", "Ø"])
_TEXT = st.lists(_WORDS, min_size=1, max_size=5).map(" ".join)
_NAME = st.one_of(
    st.fixed_dictionaries({"family": st.sampled_from(["Smith", "Rossum", "Müller", "O'Neil", "Đặng", "张"])},
                          optional={"given": st.sampled_from(["Ann", "J. R.", "Jean-Luc", "Ji-ho", "A.B.", "伟", "María José"]),
                                    "non-dropping-particle": st.sampled_from(["van", "de la", "d'"]),
                                    "dropping-particle": st.sampled_from(["von", "de"]),
                                    "suffix": st.sampled_from(["Jr.", "III"])}),
    st.fixed_dictionaries({"literal": st.sampled_from(["OpenAI", "World Health Organization", "others"])}),
)
_NAMES = st.lists(_NAME, min_size=1, max_size=8)
_DATE_PART = st.one_of(st.tuples(st.integers(1890, 2030)),
                       st.tuples(st.integers(1890, 2030), st.integers(1, 12)),
                       st.tuples(st.integers(1890, 2030), st.integers(1, 12), st.integers(1, 28)))
_DATE = st.one_of(
    _DATE_PART.map(lambda p: {"date-parts": [list(p)]}),
    st.tuples(_DATE_PART, _DATE_PART).map(lambda ps: {"date-parts": [list(ps[0]), list(ps[1])]}),
    st.sampled_from([{"literal": "forthcoming"}, {"raw": "2020-05"}, {"date-parts": [[2020, 21]]}]),
)
_NUMBER = st.one_of(st.integers(1, 3000).map(str), st.sampled_from(["12-19", "101–109", "e123", "3/4", "1, 3", "xii",
                                                                    "S1–S9", "2 & 5", "1234-1240", "iv-x"]))
_TYPES = st.sampled_from(["article-journal", "paper-conference", "book", "chapter", "report", "thesis", "webpage",
                          "article", "dataset", "patent", "manuscript", "entry-encyclopedia", "standard", "software"])
_OPTIONAL = {
    "title": _TEXT, "container-title": _TEXT, "collection-title": _TEXT, "publisher": _TEXT,
    "publisher-place": _TEXT, "event-title": _TEXT, "event-place": _TEXT, "genre": _TEXT, "medium": _TEXT,
    "edition": _NUMBER, "volume": _NUMBER, "issue": _NUMBER, "page": _NUMBER, "number": _NUMBER,
    "number-of-volumes": _NUMBER, "number-of-pages": _NUMBER, "collection-number": _NUMBER,
    "DOI": st.sampled_from(["10.1000/xyz123", "10.48550/arXiv.2401.00001"]),
    "URL": st.sampled_from(["https://example.org/a", "http://example.org/b?x=1"]),
    "note": _TEXT, "archive": _TEXT, "language": st.sampled_from(["en", "de", "en-US", "fr"]),
    "author": _NAMES, "editor": _NAMES, "translator": _NAMES, "container-author": _NAMES,
    "collection-editor": _NAMES, "issued": _DATE, "accessed": _DATE, "event-date": _DATE,
    "title-short": _TEXT, "container-title-short": _TEXT, "version": _NUMBER, "status": _TEXT,
}
_ITEM = st.fixed_dictionaries({"type": _TYPES}, optional=_OPTIONAL)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(entries=st.lists(_ITEM, min_size=1, max_size=6), style=st.sampled_from(NUMERIC))
def test_compiled_output_is_byte_identical_on_generated_entries(entries, style, monkeypatch):
    from unlearn_bib.export import citations
    from unlearn_bib.items.from_json import read_csljson

    text = json.dumps([{**entry, "id": f"e{index}"} for index, entry in enumerate(entries)])
    items = read_csljson(text, "generated.json").items
    fast, slow = _both(items, style, monkeypatch)
    assert [(e.key, e.text) for e in fast] == [(e.key, e.text) for e in slow]
    assert citations.serialise(fast, "html", style) == citations.serialise(slow, "html", style)
