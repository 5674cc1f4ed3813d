r"""The one LaTeX -> Unicode decoder (text.latex.decode), checked against pandoc (issue 19 item 1).

Oracle: pandoc 3.9 (pypandoc's binary) reading a one-entry .bib to CSL-JSON; the value is put in
``note``, a field pandoc does not recase. Where pandoc itself is wrong, PANDOC_WRONG gives what LaTeX
prints and why; math is checked against pandoc's LaTeX reader writing plain text (pandoc's CSL-JSON
keeps math as TeX source).
"""
import json

import pytest

from unlearn_bib.text.latex import decode, encode, plain

SNIPPETS = [
    r"Ko\c{c}", r"Ko\c c", r"Ko{\c{c}}", r"\v s", r"\v{Z}", r"Gro\ss{}e", r"Gro{\ss}e", r"\o{}", r"{\o}",
    r"\L{}ukasz", r"{\L}ukasz", r"\aa", r"\aa{}", r"{\aa}", r"\AA ngstr\"om", r"\H{o}", r"\k{a}", r"\r{u}",
    r"\u{g}", r"\d{s}", r"\t{oo}", r"a--b", r"a---b", r"x\,y", r"R\&D", r"50\%", r"a~b", r"\~{\^{e}}",
    r"Nguy{\~{\^{e}}}n", r"Nguy\~{\^{e}}n", r"J\"urgen", r"J{\"u}rgen", r"Jo\~{a}o", r"Jo{\~a}o", r"\^{o}",
    r"\`a", r"\=a", r"\.z", r"\oe{}uvre", r"\ae", r"\O{}", r"\l{}", r"Ay\c{s}e", r"V\u{a}n", r"\v{Z}i\v{z}ek",
    r"Schr{\"o}dinger", r"``quoted''", r"\textquoteright", r"\ldots", r"\$5", r"\#1", r"\_x", r"\{x\}",
    r"{\'E}cole", r"\'Ecole", r"\c{S}ahin", r"{\v S}kola", r"Erd\H{o}s", r"Pa{\v{s}}i{\'c}", r"Tr\`{\^e}s",
    r"\k{e}", r"\textbackslash{}", r"\S 5", r"\P", r"\copyright", r"\textregistered", r"\guillemotleft",
    r"Bj\o rn", r"Bj{\o}rn", r"\O ystein", r"Ho{\`{\^o}}ng", r"Tr\`{\^a}n", r"\'{\^e}", r"{\v{Z}}eljko",
    # issue 20: commands pylatexenc 2.11 drops with their text
    r"\texttt{Mono} x", r"\textsf{Sans} x", r"\textup{Up}", r"\textmd{Md}", r"\href{http://a.org}{Link text}",
    r"\pounds 3", r"\euro{} 5", r"\textquotedbl x", r"a\slash b", r"\LaTeX{}", r"\TeX{}", r"\textless",
    r"\textgreater",
]
# What LaTeX prints where pandoc 3.9 reads it otherwise (pylatexenc agrees with LaTeX on these).
PANDOC_WRONG = {
    r"a\textendash b": ("a–b", "pandoc drops \\textendash and the word after it"),
    r"a{\textendash}b": ("a–b", "pandoc drops {\\textendash}"),
    r"\textemdash": ("—", "pandoc drops \\textemdash"),
    r"\'{\i}": ("í", "pandoc puts the accent on a dotless ı; LaTeX prints í"),
    r"Mart{\'\i}n": ("Martín", "as above"),
    r"Garc\'{\i}a": ("García", "as above"),
    r"\"{\i}": ("ï", "as above"),
    r"\mbox{Le Cun}": ("Le Cun", "pandoc drops \\mbox with its argument; LaTeX prints the argument"),
    r"\ddag": ("‡", "pandoc drops \\ddag (LaTeX's double dagger)"),
}
MATH = [r"$\alpha$", r"$\beta$-VAE", r"$\gamma$ and $\delta$"]  # not yet: x$^2$ (pandoc: x², we: x^2)


def pandoc_note(value: str) -> str:
    pypandoc = pytest.importorskip("pypandoc")
    item = json.loads(pypandoc.convert_text("@misc{k, note = {%s}}\n" % value, "csljson", format="bibtex"))[0]
    return item.get("note", "")


def test_enough_everyday_snippets():
    assert len(SNIPPETS) + len(PANDOC_WRONG) + len(MATH) >= 40


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_decode_reads_as_pandoc_reads(snippet):
    assert decode(snippet) == pandoc_note(snippet)


@pytest.mark.parametrize("snippet", sorted(PANDOC_WRONG))
def test_decode_where_pandoc_is_wrong(snippet):
    expected, why = PANDOC_WRONG[snippet]
    assert decode(snippet) == expected, why
    assert pandoc_note(snippet) != expected  # still wrong in pandoc: else move the case to SNIPPETS


@pytest.mark.parametrize("snippet", MATH)
def test_math_reads_as_pandocs_latex_reader_prints_it(snippet):
    pypandoc = pytest.importorskip("pypandoc")
    assert plain(snippet) == pypandoc.convert_text(snippet, "plain", format="latex").strip()


def test_braced_and_bare_accents_decode_alike():
    assert {decode(s) for s in (r"Ko\c{c}", r"Ko\c c", r"Ko{\c{c}}", r"Ko{\c c}", "Koç")} == {"Koç"}
    assert {decode(s) for s in (r"Nguy\~{\^{e}}n", r"Nguy{\~{\^{e}}}n", r"Nguy\~{\^e}n", "Nguyễn")} == {"Nguyễn"}


def test_plain_text_is_returned_as_it_is():
    text = "Concept Erasure in Diffusion Models: A Survey"
    assert decode(text) is text


def test_decode_inverts_our_encoder_on_hard_letters():
    text = "Nguyễn Văn Łukasz Große Øystein Ångström Koç Žižek a--b {x} 50% $5 ~^\\"
    assert decode(encode(text)) == text
    assert decode(encode(text, ascii_only=False)) == text


# --- a property: the fast path reads accents as pylatexenc reads them ----------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_ACCENTS = "`'^~\"=.uvHckrd"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_ACCENTS), st.sampled_from("aAeEiIoOuUcCsSzZgGnNyY"),
       st.sampled_from(["\\{a}{{{l}}}", "{{\\{a}{{{l}}}}}", "\\{a}{l}" , "{{\\{a} {l}}}"]))
def test_fast_path_agrees_with_pylatexenc_on_accents(accent, letter, shape):
    import unicodedata

    from pylatexenc.latex2text import LatexNodes2Text

    if accent.isalpha() and shape.endswith("{l}") and "{{{l}}}" not in shape:
        shape = "\\{a} {l}"  # \c c: a letter-named accent needs a space before a bare letter
    snippet = shape.format(a=accent, l=letter)
    reference = LatexNodes2Text(math_mode="text", strict_latex_spaces=True).latex_to_text(snippet)
    assert decode(snippet) == unicodedata.normalize("NFC", reference)
