"""Characters pdflatex cannot print by default (CJK, Cyrillic, Arabic, Hebrew, Devanagari, Thai, stray
symbols such as ⊙ ℝ ∮ ≜ ⌈ ʻ, fullwidth and CJK punctuation) compile everywhere, for real.

The rule: text/latex.py writes each such character as ``{\\UBchar{X}}`` in a BibTeX file; the file's
@preamble (export/bibtex.py ``PREAMBLE``) prints X where the engine can (xelatex, lualatex, pdflatex
with the support loaded) and a visible [U+XXXX] with a LaTeX warning where it cannot. BibLaTeX files
keep the characters as UTF-8 for biber, with the same guard around the bibliography and citations.
"""
import re
import shutil
import subprocess

import pytest
from hypothesis import given, strategies as st

from conftest import DATA, have
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.cli.catalog import render
from unlearn_bib.export import bibtex
from unlearn_bib.read.bib import read_bib
from unlearn_bib.read.names import parse_name, split_names
from unlearn_bib.text import latex

SCRIPTS = DATA / "catalogs" / "scripts.yaml"
needs_bibtex = pytest.mark.skipif(not have("pdflatex", "bibtex"), reason="pdflatex/bibtex not installed")
needs_biber = pytest.mark.skipif(not have("pdflatex", "biber"), reason="biber not installed")
needs_pdftotext = pytest.mark.skipif(not have("pdftotext"), reason="pdftotext not installed (apt: poppler-utils)")

# One or more characters of each kind a catalog may hold and pdflatex cannot print by default.
REPRESENTATIVE = (
    "中文张伟基于扩散",  # CJK ideographs
    "ひらがなカタカナ",  # Japanese kana
    "한국어기계",  # Hangul
    "ОбучениеЖЁжё",  # Cyrillic
    "التعلمالآلي",  # Arabic, with a hamza
    "למידהעמוקה",  # Hebrew
    "मशीनलर्निंग",  # Devanagari, with virama and combining signs
    "การเรียนรู้",  # Thai, with combining marks
    "⊙ℝ∮≜⌈⌉⊢ʻ",  # symbols outside the math table, a modifier letter
    "（）：、。「」",  # fullwidth and CJK punctuation
    "ĐđÐðÞþŊŋąę«»",  # Latin that only T1 fonts have
    "\ue000\ue001\ue007\ue008\u3000\u2009",  # private use, ideographic and thin spaces
)


def _sh(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)


def _pdf_text(folder):
    if not shutil.which("pdftotext"):
        return None
    return _sh(["pdftotext", "doc.pdf", "-"], folder).stdout


def _compile(folder, engine, preamble, body, bib_text, *, backend="bibtex", style="plain"):
    """Compile doc.tex as an author would (engine, bibtex/biber, engine, engine); every run must succeed."""
    (folder / "refs.bib").write_text(bib_text, encoding="utf-8")
    if backend == "biber":
        head = f"{preamble}\n\\usepackage[backend=biber,style=authoryear,giveninits=true]{{biblatex}}\n\\addbibresource{{refs.bib}}"
        tail = "\\printbibliography"
    else:
        head, tail = preamble, f"\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}"
    (folder / "doc.tex").write_text(f"\\documentclass{{article}}\n{head}\n\\begin{{document}}\n{body}\n\\nocite{{*}}\n"
                                    f"{tail}\n\\end{{document}}\n", encoding="utf-8")
    run = [*([engine] if isinstance(engine, str) else engine), "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    assert _sh(run, folder).returncode == 0, (folder / "doc.log").read_text(errors="replace")[-3000:]
    tool = _sh([backend, "doc"], folder)
    blg = (folder / "doc.blg").read_text(errors="replace")
    assert tool.returncode == 0 and "Warning" not in blg and "ERROR" not in blg and "WARN" not in blg, blg
    for _ in range(2):  # natbib's \citet labels come from the .aux: a third run
        result = _sh(run, folder)
        log = (folder / "doc.log").read_text(errors="replace")
        assert result.returncode == 0 and "\n! " not in log, log[-3000:]
    assert "undefined" not in log or "Citation" not in log
    return log, (folder / "doc.bbl").read_text(errors="replace")


# --- the rule, character by character ----------------------------------------------------------

def test_the_rule_on_single_characters():
    assert latex.encode("中", wrap=True) == "{\\UBchar{中}}"
    assert latex.encode("Иван", wrap=True) == "{\\UBchar{И}}{\\UBchar{в}}{\\UBchar{а}}{\\UBchar{н}}"
    assert latex.encode("⊙ ℝ", wrap=True) == "{\\UBchar{⊙}} {\\UBchar{ℝ}}"
    assert latex.encode("Đặng Wąs", wrap=True) == "{\\UBchar{Đ}}{\\u{\\d{a}}}ng W{\\UBchar{ą}}s"  # \k: T1 only
    # unchanged: ASCII, accents, the math table, emoji, the Latin-1 symbols pdflatex prints
    assert latex.encode("Café © 2° ½ Ψ ∇ 🔥", wrap=True) == "Caf{\\'e} © 2° ½ {$\\Psi$} {$\\nabla$}"
    assert latex.encode("Wąs 中") == "W{\\k{a}}s 中"  # without wrap (a lone entry): as before
    assert latex.encode("中 Đ", ascii_only=False, wrap=True) == "中 Đ"  # BibLaTeX: UTF-8 for biber
    # BibTeX changes the case of no wrapped letter: no protection braces ("UBchar" in sort keys)
    assert latex.protect_title("ГОСТ и R-ЖЖ", wrap=True).startswith("{\\UBchar{Г}}{\\UBchar{О}}")
    assert latex.protect_title("ГОСТ-R", wrap=True).startswith("{{\\UBchar{Г}}")


def test_a_zero_width_joiner_stays_where_it_shapes_a_script():
    """The joiner inside an emoji sequence goes with the emoji; inside Devanagari (क्‍ष, the half form)
    it changes the letters drawn, so it is kept and wrapped like them; between Latin letters it is dropped."""
    zwj = "\u200d"
    assert latex.drop_pictographs("👩" + zwj + "💻 New") == "New"
    assert latex.drop_pictographs("क्" + zwj + "ष") == "क्" + zwj + "ष"
    assert latex.encode("क्" + zwj + "ष", wrap=True).count("{\\UBchar{" + zwj + "}}") == 1
    assert latex.decode(latex.encode("क्" + zwj + "ष", wrap=True)) == "क्" + zwj + "ष"
    assert latex.encode("क्" + zwj + "ष", ascii_only=False) == "क्" + zwj + "ष"
    assert latex.encode("ab" + zwj + "c", wrap=True) == "abc"


def test_files_without_such_characters_are_as_before():
    for path in (DATA / "catalogs" / "symbols.yaml", DATA / "catalogs" / "snapshot.yaml"):
        catalog = load_catalog(path)
        for dialect in ("bibtex", "biblatex"):
            text = render(catalog, dialect)
            assert "@preamble" not in text and "UBchar" not in text
            assert text == "\n".join(bibtex.format_entry(p, bibtex.Options(dialect))
                                     for p in sorted(catalog, key=lambda p: p.key))


def test_a_file_with_them_starts_with_the_preamble_once():
    catalog = load_catalog(SCRIPTS)
    for dialect in ("bibtex", "biblatex"):
        text = render(catalog, dialect)
        assert text.startswith("@preamble{{\\begingroup") and text.count("@preamble") == 1
    assert "{\\UBchar{张}}, {\\UBchar{伟}}" in render(catalog, "bibtex")
    assert "张, 伟" in render(catalog, "biblatex")


# --- round trip: the one decoder reads back what the writer writes ------------------------------

SCRIPT_CHARS = "".join(REPRESENTATIVE)


@given(st.text(st.sampled_from(SCRIPT_CHARS + "abc XYZ-{}&%$#_~^\\éø—"), max_size=30))
def test_encode_decode_round_trip_on_every_script(text):
    assert latex.decode(latex.encode(text, wrap=True)) == text
    if "{" not in text and "}" not in text:
        assert latex.decode(latex.protect_title(text, wrap=True)) == text


_word = st.text(st.sampled_from(SCRIPT_CHARS.replace("\u3000", "").replace("\u2009", "") + "abcXYZéø"),
                min_size=1, max_size=8).filter(lambda w: w.lower() not in ("and", "others"))


@given(st.lists(st.tuples(st.lists(_word, min_size=1, max_size=4).map(" ".join),
                          st.lists(st.tuples(_word, _word), min_size=1, max_size=3)), min_size=1, max_size=3),
       st.sampled_from(["bibtex", "biblatex"]))
def test_whole_files_read_back_through_our_bib_reader(items, dialect):
    from unlearn_bib.catalog.model import Catalog, Paper, Person
    from unlearn_bib.catalog.venues import resolve

    papers = tuple(Paper(key=f"k{i}", title=title, authors=tuple(Person(family=f, given=g) for f, g in people),
                         year=2024, venue=resolve("eccv", 2024)) for i, (title, people) in enumerate(items))
    bib = read_bib(bibtex.render(Catalog(papers), bibtex.Options(dialect)), "refs.bib")
    assert not bib.problems and [e.key for e in bib.entries] == [p.key for p in papers]
    for entry, paper in zip(bib.entries, papers):
        assert latex.plain(entry.fields["title"]) == " ".join(paper.plain_title.split())
        assert [parse_name(n) for n in split_names(entry.fields["author"])] == \
            [{"family": p.family, "given": p.given} for p in paper.authors]


def test_exported_file_reads_back_to_the_same_unicode():
    catalog = load_catalog(SCRIPTS)
    for dialect in ("bibtex", "biblatex"):
        bib = read_bib(render(catalog, dialect), "refs.bib")
        assert [e.key for e in bib.entries] == sorted(p.key for p in catalog) and not bib.problems
        for entry in bib.entries:
            paper = catalog.get(entry.key)
            assert latex.plain(entry.fields["title"]) == " ".join(latex.drop_pictographs(paper.plain_title).split())
            container = entry.fields.get("booktitle") or entry.fields.get("journal")
            assert latex.plain(container) == (paper.venue.booktitle or paper.venue.journal)
            people = [parse_name(n) for n in split_names(entry.fields["author"])]
            for person, read in zip(paper.authors, people):
                assert (read.get("family") or read.get("literal"), read.get("given", "")) == \
                    (person.family or person.literal, person.given)
        ru = next(e for e in bib.entries if e.key == "ivanov2021ru")
        assert latex.plain(ru.fields["publisher"]) == "Наука"


def test_values_cannot_break_out_through_the_wrapping():
    hostile = "中}}\\UBchar{x}\\def\\a{b} Ж{\\input{/etc/passwd}} ℝ%"
    encoded = latex.encode(hostile, wrap=True)
    assert set(re.findall(r"\\([A-Za-z]+)", encoded)) <= {"UBchar", "textbraceright", "textbackslash", "textbraceleft"}
    assert all(len(m) == 1 for m in re.findall(r"\\UBchar\{([^{}]*)\}", encoded))  # one character each, never ASCII
    assert latex.decode(encoded) == hostile


# --- real compiles ------------------------------------------------------------------------------

@needs_bibtex
@pytest.mark.parametrize("style", ["plain", "unsrt", "plainnat", "abbrvnat"])
def test_pdflatex_bibtex_never_stops_and_shows_what_it_cannot_print(tmp_path, style):
    natbib = style.endswith("nat")
    body = "\\citet{zhang2024cjk} \\citet{ivanov2021ru} \\citep{yamada2023ja}" if natbib else "\\cite{zhang2024cjk}"
    log, bbl = _compile(tmp_path, "pdflatex", "\\usepackage{natbib}" if natbib else "", body,
                        render(load_catalog(SCRIPTS), "bibtex"), style=style)
    assert "Unicode character" not in log
    flat = " ".join(log.split())
    assert "Package unlearn-bib Warning: Character U+5F20 cannot be printed by pdfLaTeX" in flat  # 张
    assert "Character U+2299 cannot" in flat and "Character U+FF08 cannot" in flat  # ⊙, （
    assert "U+00A9" not in flat  # © prints
    keys = re.findall(r"\\bibitem(?:\[[^\]]*\])?\{([^}]+)\}", " ".join(bbl.split()).replace("\\bibitem [", "\\bibitem["))
    if style in ("plain", "plainnat", "abbrvnat"):  # sorted: Latin first, then by UTF-8 (BibTeX's byte order)
        assert keys == ["lee2019symbols", "ivanov2021ru", "cohen2020he", "amin2020ar", "sharma2019hi",
                        "yamada2023ja", "zhang2024cjk", "kim2022ko"]  # 山 U+5C71 < 张 U+5F20 < 김 U+AE40
    if style == "abbrvnat":  # initials are whole characters
        assert "{\\UBchar{И}}.~{\\UBchar{П}}." in bbl and "{\\UBchar{伟}}.~{\\UBchar{张}}" in bbl
    text = _pdf_text(tmp_path)
    if text is not None:
        text = " ".join(text.split())
        assert "[U+5F20]" in text and "[U+0418]" in text and "[U+2299] [U+211D]" in text
        assert "Ψ" in text and "©" not in text  # the math table still prints Ψ
        if natbib:
            assert "[U+5F20] et al. [2024]" in text  # \citet: the label came through the .aux


@needs_bibtex
def test_pdflatex_prints_what_the_document_declares(tmp_path):
    declare = "\\usepackage[T1]{fontenc}\n\\DeclareUnicodeCharacter{5F20}{ZHANG}\n\\DeclareUnicodeCharacter{4F1F}{WEI}"
    log, _ = _compile(tmp_path, "pdflatex", declare, "\\cite{zhang2024cjk}", render(load_catalog(SCRIPTS), "bibtex"))
    flat = " ".join(log.split())
    assert "U+5F20 cannot" not in flat and "U+0110 cannot" not in flat and "U+0105 cannot" not in flat
    assert "U+674E cannot" in flat  # 李: not declared
    text = _pdf_text(tmp_path)
    if text is not None:  # (the T1 bitmap fonts here have no text layer for Đ and ą: the log says they printed)
        assert "WEI ZHANG" in text and "[U+5F20]" not in text and "[U+0110]" not in text and "[U+674E]" in text


@needs_bibtex
@pytest.mark.skipif(not shutil.which("kpsewhich") or not _sh(["kpsewhich", "t2aenc.def"], ".").stdout.strip(),
                    reason="Cyrillic fonts for pdflatex not installed (apt: texlive-lang-cyrillic)")
def test_pdflatex_with_t2a_prints_cyrillic(tmp_path):
    log, _ = _compile(tmp_path, "pdflatex", "\\usepackage[T2A,T1]{fontenc}", "",
                      render(load_catalog(SCRIPTS), "bibtex"))
    assert "U+0418 cannot" not in " ".join(log.split())


def _unicode_engine(engine):
    if not have(engine, "bibtex") or not _sh(["kpsewhich", "fontspec.sty"], ".").stdout.strip():
        return False
    return engine != "lualatex" or bool(_sh(["kpsewhich", "luaotfload.sty"], ".").stdout.strip())


@pytest.fixture(scope="module")
def xelatex(tmp_path_factory):
    """xelatex; where only the xetex program is installed (Debian's texlive-binaries without
    texlive-xetex), its LaTeX format built from xelatex.ini into a temporary folder (8 s)."""
    if _unicode_engine("xelatex"):
        return ["xelatex"]
    if not have("xetex", "bibtex", "kpsewhich") or not _sh(["kpsewhich", "xelatex.ini"], ".").stdout.strip() \
            or not _sh(["kpsewhich", "fontspec.sty"], ".").stdout.strip():
        pytest.skip("xelatex not installed (apt: texlive-xetex)")
    folder = tmp_path_factory.mktemp("xelatex-format")
    _sh(["xetex", "-ini", "-etex", "-interaction=nonstopmode", "-jobname=xelatex", "xelatex.ini"], folder)
    if not (folder / "xelatex.fmt").exists():
        pytest.skip("the xelatex format could not be built")
    return ["xetex", f"-fmt={folder / 'xelatex'}"]


@pytest.mark.parametrize("engine", ["lualatex", "xelatex"])
def test_unicode_engines_print_the_real_characters(tmp_path, engine, request):
    if engine == "xelatex":
        engine = request.getfixturevalue("xelatex")
    elif not _unicode_engine(engine):
        pytest.skip(f"{engine} with fontspec not installed (apt: texlive-luatex)")
    log, bbl = _compile(tmp_path, engine, "\\usepackage{fontspec}\n\\setmainfont{DejaVu Sans}\n\\usepackage{natbib}",
                        "\\citet{ivanov2021ru}", render(load_catalog(SCRIPTS), "bibtex"), style="abbrvnat")
    assert "unlearn-bib Warning" not in log  # nothing stood in
    assert "Missing character: There is no 张 (U+5F20)" in log  # the real character reached the font (no CJK in DejaVu)
    text = _pdf_text(tmp_path)
    if text is not None:  # DejaVu has Cyrillic and the symbols, not CJK
        text = " ".join(text.split())
        assert "[U+" not in text and "Иванов et al. [2021]" in text and "И. П. Иванов" in text
        assert "Обучение нейронных сетей" in text and "⊙ ℝ-valued ∮" in text


@needs_biber
def test_biblatex_with_biber_under_pdflatex_and_lualatex(tmp_path):
    bib = render(load_catalog(SCRIPTS), "biblatex")
    (tmp_path / "pdf").mkdir()
    log, bbl = _compile(tmp_path / "pdf", "pdflatex", "", "\\textcite{zhang2024cjk}", bib, backend="biber")
    flat = " ".join(log.split())
    assert "Character U+5F20 cannot" in flat and "Unicode character" not in flat
    assert "giveni={И\\bibinitperiod\\bibinitdelim П\\bibinitperiod}" in bbl  # biber's initials, from UTF-8
    text = _pdf_text(tmp_path / "pdf")
    if text is not None:
        assert "[U+5F20]" in text
    if _unicode_engine("lualatex"):
        (tmp_path / "lua").mkdir()
        log, _ = _compile(tmp_path / "lua", "lualatex", "\\usepackage{fontspec}\n\\setmainfont{DejaVu Sans}",
                          "\\textcite{zhang2024cjk}", bib, backend="biber")
        assert "unlearn-bib Warning" not in log
        text = _pdf_text(tmp_path / "lua")
        if text is not None:
            assert "Иванов, И. П." in " ".join(text.split()) and "[U+" not in text


@needs_bibtex
def test_what_pdflatex_prints_by_default_compiles_with_and_without_t1(tmp_path):
    chars = [chr(c) for c in range(0xA0, 0x2200) if latex.pdflatex_prints(chr(c))]
    assert len(chars) > 200 and "©" in chars and "Đ" not in chars and "«" not in chars
    for fonts in ("", "\\usepackage[T1]{fontenc}"):
        (tmp_path / "doc.tex").write_text(f"\\documentclass{{article}}\n{fonts}\n\\begin{{document}}\n"
                                          + "\n".join(chars) + "\n\\end{document}\n", encoding="utf-8")
        result = _sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
        assert result.returncode == 0, result.stdout[-2000:]


def test_export_says_when_the_file_needs_its_preamble(tmp_path):
    """The @preamble changes what pdflatex prints: the user is told once, on stderr, and only then."""
    from click.testing import CliRunner

    from unlearn_bib.cli.main import main

    scripts = CliRunner().invoke(main, ["export", "--format", "bibtex", "--papers", str(SCRIPTS)])
    assert scripts.exit_code == 0 and scripts.stdout.startswith("@preamble")
    assert scripts.stderr.count("@preamble prints them under xelatex") == 1
    plain = CliRunner().invoke(main, ["export", "--format", "bibtex", "--papers", str(DATA / "catalogs" / "snapshot.yaml")])
    assert plain.exit_code == 0 and "@preamble" not in plain.stderr and not plain.stdout.startswith("@preamble")
