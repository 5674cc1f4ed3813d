"""LaTeX emphasis in a user's .bib (\\emph, \\textbf, {\\bf ..}, \\textsc, ...) is formatting, as pandoc reads it;
a literal "<i>" in a .bib value is text, never markup."""
from __future__ import annotations

import re
import pytest
from hypothesis import given, strategies as st

from unlearn_bib.text.latex_rich import rich_title
from unlearn_bib.csl import MARKERS
from unlearn_bib.csl.richtext import to_marks

BIB = r"""@article{k1, author={Smith, John},
  title={Erasing \emph{latent concepts} from \textbf{diffusion} models with {\em soft} and {\bf hard} {\it priors}
         and \textit{the {DNA} trick}: \textsc{Unlearn} at x\textsuperscript{2} scale, a <i>b</i> & c > d},
  journal={Journal of \emph{Things}}, volume={3}, pages={1--10}, year={2020}, note={see <b>x</b> & y}}
"""

# HTML: pandoc 3's `pandoc d.md --citeproc --bibliography my.bib --csl STYLE.csl -t html --wrap=none` (front
# matter nocite "@*") with its <em>/<strong> as the project's <i>/<b>, its class-less <span>s and entry wrappers
# left out, its <span class="smallcaps"> as the project's inline style. Text: pandoc's `-t plain` output, except
# that UNLEARN prints as Unlearn, as citeproc-js prints it (tests/test_richtext.py); x² as pandoc prints it.
EXPECTED = {
    "apa": (
        "Smith, J. (2020). Erasing latent concepts from diffusion models with soft and hard priors and the DNA "
        "trick: Unlearn at x² scale, a <i>b</i> & c > d. Journal of Things, 3, 1–10.",
        "Smith, J. (2020). Erasing <i>latent concepts</i> from <b>diffusion</b> models with <i>soft</i> and "
        "<b>hard</b> <i>priors</i> and <i>the DNA trick</i>: <span style=\"font-variant:small-caps\">Unlearn</span> "
        "at x<sup>2</sup> scale, a &lt;i&gt;b&lt;/i&gt; &amp; c &gt; d. <i>Journal of <i>Things</i></i>, <i>3</i>, "
        "1–10."),
    "chicago-author-date": (
        "Smith, John. 2020. “Erasing Latent Concepts from Diffusion Models with Soft and Hard Priors and the DNA "
        "Trick: Unlearn at x² Scale, a <i>b</i> & c > d.” Journal of Things 3: 1–10.",
        "Smith, John. 2020. “Erasing <i>Latent Concepts</i> from <b>Diffusion</b> Models with <i>Soft</i> and "
        "<b>Hard</b> <i>Priors</i> and <i>the DNA Trick</i>: <span style=\"font-variant:small-caps\">Unlearn</span> "
        "at x<sup>2</sup> Scale, a &lt;i&gt;b&lt;/i&gt; &amp; c &gt; d.” <i>Journal of <i>Things</i></i> 3: 1–10."),
    "ieee": (
        "[1] J. Smith, “Erasing latent concepts from diffusion models with soft and hard priors and the DNA trick: "
        "Unlearn at x² scale, a <i>b</i> & c > d,” Journal of Things, vol. 3, pp. 1–10, 2020.",
        "[1] J. Smith, “Erasing <i>latent concepts</i> from <b>diffusion</b> models with <i>soft</i> and "
        "<b>hard</b> <i>priors</i> and <i>the DNA trick</i>: <span style=\"font-variant:small-caps\">Unlearn</span> "
        "at x<sup>2</sup> scale, a &lt;i&gt;b&lt;/i&gt; &amp; c &gt; d,” <i>Journal of <i>Things</i></i>, vol. 3, "
        "pp. 1–10, 2020."),
}


@pytest.fixture
def mine(tmp_path):
    path = tmp_path / "mine.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_latex_emphasis_renders_as_pandoc_does(run, mine, style):
    text, html = EXPECTED[style]
    assert run("export", "--papers", mine, "--format", "text", "--style", style).stdout == text + "\n"
    page = run("export", "--papers", mine, "--format", "html", "--style", style).stdout
    assert re.search(r'<p class="csl-entry" id="ref-k1"( style="[^"]*")?>' + re.escape(html) + "</p>", page)  # APA: hanging indent


def test_markdown_emphasis_and_literal_tags(run, mine):
    out = run("export", "--papers", mine, "--format", "markdown", "--style", "ieee").stdout
    assert "*latent concepts*" in out and "**diffusion**" in out and "*the DNA trick*" in out
    assert "<i>" not in out.replace("\\<i>", "")


def test_commands_become_csl_markup():
    assert rich_title(r"\emph{a {DNA}} \textbf{b} {\em c} {\it d} {\bf e} \textsc{f} x\textsuperscript{2} "
                      r"H\textsubscript{2}O") == (
        '<i>a <span class="nocase">DNA</span></i> <b>b</b> <i>c</i> <i>d</i> <b>e</b> '
        '<span style="font-variant:small-caps;"><span class="nocase">f</span></span> x<sup>2</sup> H<sub>2</sub>O')
    assert rich_title(r"{Big \emph{x}} {\"O}l") == '<span class="nocase">Big <i>x</i></span> Öl'


@given(st.text(alphabet="<>/ibsupanc =\"x&", max_size=30))
def test_literal_text_never_becomes_markup(text):
    """Whatever a .bib title holds outside LaTeX commands, no rich-text mark comes out of it."""
    assert not set(to_marks(rich_title(text))) & set(MARKERS)
