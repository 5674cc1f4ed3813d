"""CSL 1.0.2 rich text in a user's CSL-JSON fields is formatting, never printed as tags."""
from __future__ import annotations

import re
import json

import pytest
from hypothesis import given, strategies as st

from unlearn_bib.csl import MARK, MARKERS
from unlearn_bib.csl.richtext import NOCASE, to_marks

ITEM = {"id": "k1", "type": "article-journal",
        "title": 'Erasing <i>Escherichia coli</i> concepts from <span class="nocase">iPhone</span> photos '
                 "with <b>strong</b> priors and a<b tag",
        "author": [{"family": "Smith", "given": "John"}], "container-title": "Journal of <i>Things</i>",
        "volume": "3", "page": "1-10", "issued": {"date-parts": [[2020]]}}

# Text: pandoc 3's `-t plain` output for ITEM, character for character.
# HTML: pandoc's `-t html` output with its <em>/<strong> as the project's <i>/<b> and its
# invisible <span class="nocase"> and entry wrappers left out.
EXPECTED = {
    "apa": ("Smith, J. (2020). Erasing Escherichia coli concepts from iPhone photos with strong priors and "
            "a<b tag. Journal of Things, 3, 1–10.",
            "Smith, J. (2020). Erasing <i>Escherichia coli</i> concepts from iPhone photos with <b>strong</b> "
            "priors and a&lt;b tag. <i>Journal of <i>Things</i></i>, <i>3</i>, 1–10."),
    "ieee": ("[1] J. Smith, “Erasing Escherichia coli concepts from iPhone photos with strong priors and a<b tag,” "
             "Journal of Things, vol. 3, pp. 1–10, 2020.",
             "[1] J. Smith, “Erasing <i>Escherichia coli</i> concepts from iPhone photos with <b>strong</b> priors "
             "and a&lt;b tag,” <i>Journal of <i>Things</i></i>, vol. 3, pp. 1–10, 2020."),
    "chicago-author-date": (
        "Smith, John. 2020. “Erasing Escherichia Coli Concepts from iPhone Photos with Strong Priors and a<b Tag.” "
        "Journal of Things 3: 1–10.",
        "Smith, John. 2020. “Erasing <i>Escherichia Coli</i> Concepts from iPhone Photos with <b>Strong</b> Priors "
        "and a&lt;b Tag.” <i>Journal of <i>Things</i></i> 3: 1–10."),
}


@pytest.fixture
def mine(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([ITEM]), encoding="utf-8")
    return path


@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_rich_text_renders_as_pandoc_does(run, mine, style):
    text, html = EXPECTED[style]
    assert run("export", "--papers", mine, "--format", "text", "--style", style).stdout == text + "\n"
    page = run("export", "--papers", mine, "--format", "html", "--style", style).stdout
    assert re.search(r'<p class="csl-entry" id="ref-k1"( style="[^"]*")?>' + re.escape(html) + "</p>", page)  # APA: hanging indent


def test_markdown_has_no_nested_emphasis(run, mine):
    out = run("export", "--papers", mine, "--format", "markdown", "--style", "apa").stdout
    assert out == ("Smith, J. (2020). Erasing *Escherichia coli* concepts from iPhone photos with **strong** "
                   "priors and a\\<b tag. *Journal of Things*, *3*, 1–10.\n")


def test_sup_sub_and_small_caps_become_marks():
    i, b, sup, sub, sc = (MARK[k] for k in ("i", "b", "sup", "sub", "sc"))
    assert to_marks('H<sub>2</sub>O x<SUP>2</SUP> <span style="font-variant:small-caps;">Sc</span>') == \
        f"H{sub[0]}2{sub[1]}O x{sup[0]}2{sup[1]} {sc[0]}Sc{sc[1]}"
    assert to_marks('<i><span class="nocase">DNA</span> and <b>x</b></i>') == \
        f"{i[0]}{NOCASE}DNA</span> and {b[0]}x{b[1]}{i[1]}"


@pytest.mark.parametrize("literal", ["a<b", "<i>open", "close</i>", "<i><b>crossed</i></b>", "<script>x</script>",
                                     '<span style="color:red">x</span>', "</span>", "<u>x</u>"])
def test_unknown_or_unbalanced_tags_stay_literal(literal):
    marks = set(MARKERS)
    out = to_marks(literal)
    if literal == "<i><b>crossed</i></b>":  # </i> cannot close inside <b>: only <b>...</b> pairs
        assert out == f"<i>{MARK['b'][0]}crossed</i>{MARK['b'][1]}"
    else:
        assert out == literal and not marks & set(out)


def test_html_escapes_what_is_not_rich_text(run, tmp_path):
    path = tmp_path / "evil.json"
    path.write_text(json.dumps([{**ITEM, "title": '<script>alert(1)</script> <i onclick="x">y</i> <i>ok</i>'}]),
                    encoding="utf-8")
    page = run("export", "--papers", path, "--format", "html", "--style", "apa").stdout
    assert "<script" not in page and "<i onclick" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;i onclick=\"x\"&gt;y&lt;/i&gt; <i>ok</i>" in page


@given(st.text(alphabet="<>/ibsupanc =\"x", max_size=40))
def test_marks_come_only_in_balanced_pairs(text):
    out = to_marks(text)
    for opening, closing in MARK.values():
        depth = 0
        for ch in out:
            depth += (ch == opening) - (ch == closing)
            assert depth >= 0
        assert depth == 0
    assert "".join(c for c in out if c not in MARKERS).count("<") <= text.count("<")


def test_sup_sub_and_small_caps_print_as_citeproc_js_prints_them(run, tmp_path):
    """citeproc-js's text output (benchmarks/citeproc-js/render.js) for this title in APA, but
    for sub- and superscript digits, which print as pandoc's plain text has them (H₂O, x²):
    the text keeps what they mean, as CO₂ in a .bib's "CO$_2$" (issue 20)."""
    path = tmp_path / "chem.json"
    title = ('Growth on H<sub>2</sub>O and x<sup>2</sup> with <span style="font-variant:small-caps;">Small Caps</span> '
             'in <span class="nocase">DNA</span>')
    path.write_text(json.dumps([{**ITEM, "title": title}]), encoding="utf-8")
    assert run("export", "--papers", path, "--format", "text", "--style", "apa").stdout == (
        "Smith, J. (2020). Growth on H₂O and x² with Small Caps in DNA. Journal of Things, 3, 1–10.\n")
    page = run("export", "--papers", path, "--format", "html", "--style", "apa").stdout
    assert ('Growth on H<sub>2</sub>O and x<sup>2</sup> with <span style="font-variant:small-caps">Small Caps</span> '
            "in DNA." in page)
