"""Titles with Greek letters, math symbols and emoji compile under pdflatex, with BibTeX and with biber.

The rule (text/latex.py): Greek letters and mathematical symbols go into math mode inside a brace
group (``PixArt-{$\\Sigma$}``), so that case changes leave them; emoji and other pictographs are
dropped, since pdflatex has no glyph for them.
"""
import re
import subprocess

import pytest

from conftest import DATA, have
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.cli.catalog import render
from unlearn_bib.text import latex

SYMBOLS = DATA / "catalogs" / "symbols.yaml"
needs_bibtex = pytest.mark.skipif(not have("pdflatex", "bibtex"), reason="pdflatex/bibtex not installed")
needs_biber = pytest.mark.skipif(not have("pdflatex", "biber"), reason="biber not installed")


def _sh(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)


def test_the_rule_on_single_titles():
    assert latex.protect_title("PixArt-Σ: Weak") == "{PixArt-{$\\Sigma$}}: Weak"
    assert latex.encode("∇τ") == "{$\\nabla$}{$\\tau$}"
    assert latex.encode("α-Blending 🔥 New") == "{$\\alpha$}-Blending New"
    assert latex.encode("🔥 New: x⁴") == "New: x{$^{4}$}"
    assert latex.encode("👩\u200d💻 ok ✨") == "ok"
    assert latex.encode("Café © 2°") == "Caf{\\'e} © 2°"  # Latin-1 symbols pdflatex knows stay


@needs_bibtex
def test_bibtex_titles_with_greek_math_and_emoji_compile(tmp_path):
    catalog = load_catalog(SYMBOLS)
    (tmp_path / "refs.bib").write_text(render(catalog, "bibtex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
        "\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n")
    assert _sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path).returncode == 0
    result = _sh(["bibtex", "doc"], tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert result.returncode == 0 and "Warning" not in blg, blg
    second = _sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
    assert second.returncode == 0, second.stdout[-3000:]
    bbl = re.sub(r"\s+", " ", (tmp_path / "doc.bbl").read_text(errors="replace"))
    assert "{PixArt-{$\\Sigma$}}: Weak-to-strong training" in bbl  # plain.bst lower-cases, Σ survives
    assert "{$\\nabla$}{$\\tau$}: Gradient-based" in bbl
    assert "New: Emoji everywhere in {{$\\Omega$}MEGA} titles" in bbl
    assert "\U0001F525" not in bbl and "\u2728" not in bbl
    assert "Unicode character" not in second.stdout


@needs_biber
def test_biblatex_titles_with_greek_math_and_emoji_compile(tmp_path):
    catalog = load_catalog(SYMBOLS)
    (tmp_path / "refs.bib").write_text(render(catalog, "biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[backend=biber,style=numeric]{biblatex}\n"
        "\\addbibresource{refs.bib}\n\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n")
    assert _sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path).returncode == 0
    result = _sh(["biber", "doc"], tmp_path)  # no --output-safechars: the .bib alone must be enough
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert result.returncode == 0 and "ERROR" not in blg, blg
    second = _sh(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], tmp_path)
    assert second.returncode == 0, second.stdout[-3000:]
    assert "Unicode character" not in second.stdout
    bbl = (tmp_path / "doc.bbl").read_text(errors="replace")
    assert "PixArt-{$\\Sigma$}" in bbl and "\U0001F525" not in bbl


def test_export_warns_about_the_emoji_it_leaves_out():
    from click.testing import CliRunner

    from unlearn_bib.cli.main import main

    result = CliRunner().invoke(main, ["export", "--format", "bibtex", "--papers", str(SYMBOLS)])
    assert result.exit_code == 0, result.output
    assert "warning: wu2025emoji: 🔥👩💻✨ left out of the title" in result.stderr
    assert "warning: lee2024alpha: 🔥 left out" in result.stderr and "chen2024pixart" not in result.stderr
