"""The real check: compile the exports with BibTeX (plain.bst) and with biblatex + biber."""
import re
import subprocess

import pytest

from conftest import EDGE, have
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.cli.catalog import render

needs_bibtex = pytest.mark.skipif(not have("pdflatex", "bibtex"), reason="pdflatex/bibtex not installed (apt: texlive-latex-base)")
needs_biber = pytest.mark.skipif(not have("pdflatex", "biber"), reason="biber not installed (apt: biber texlive-bibtex-extra)")

NODATE = EDGE.parent / "nodate.yaml"  # an unverified record without a year: BibTeX and biber say so, nothing else
CATALOGS = {"shipped": None, "edge": EDGE, "nodate": NODATE}
YEARLESS = {"babbageyearless"}


def _load(which):
    return load_catalog(CATALOGS[which], strict=which != "nodate")


def _without_missing_year(log: str) -> str:
    """The log without the one warning a record with no year earns (plain.bst's "empty year", biber's
    missing mandatory date): any other warning still fails."""
    lines = log.splitlines()
    kept = [line for line in lines if not any(key in line and ("empty year" in line or "date" in line) for key in YEARLESS)]
    removed = len(lines) - len(kept)
    return "\n".join(line for line in kept if not (removed and line.endswith(f"INFO - WARNINGS: {removed}")))


def _sh(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)


def _keys(catalog):
    return sorted(p.key for p in catalog)


@needs_bibtex
@pytest.mark.parametrize("which", sorted(CATALOGS))
@pytest.mark.parametrize("arxiv_style", ["eprint", "journal"])
def test_bibtex_compiles_without_warnings(tmp_path, which, arxiv_style):
    catalog = _load(which)
    (tmp_path / "refs.bib").write_text(render(catalog, "bibtex", arxiv_style=arxiv_style), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
        "\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n"
    )
    assert _sh(["pdflatex", "-interaction=nonstopmode", "doc.tex"], tmp_path).returncode == 0
    result = _sh(["bibtex", "doc"], tmp_path)
    blg = _without_missing_year((tmp_path / "doc.blg").read_text(errors="replace"))
    assert result.returncode == 0, blg
    assert "Warning" not in blg and "error" not in blg.lower(), blg
    bbl = (tmp_path / "doc.bbl").read_text(errors="replace")
    assert sorted(re.findall(r"\\bibitem\{([^}]+)\}", bbl)) == _keys(catalog)
    second = _sh(["pdflatex", "-interaction=nonstopmode", "doc.tex"], tmp_path)
    assert second.returncode == 0, second.stdout[-3000:]
    log = (tmp_path / "doc.log").read_text(errors="replace")
    assert "Citation" not in log or "undefined" not in log
    flat = re.sub(r"\s+", " ", bbl)
    if which == "nodate":
        assert "A yearless paper about erasing" in flat
    if which == "shipped":
        # plain.bst lower-cases titles: protected words must survive, the rest must not
        for word in ("{MACE}", "{R.A.C.E.}", "{SalUn}", "{UnlearnCanvas}", "{Ring-A-Bell}"):
            assert word in flat, word
        assert "Receler: Reliable concept erasing of text-to-image diffusion models" in flat
        assert "Computer Vision {\\textendash} ECCV 2024" in flat
    elif which == "edge":
        assert "{ZOO}: Query-based attacks" in flat


@needs_biber
@pytest.mark.parametrize("which", sorted(CATALOGS))
def test_biblatex_biber_validates_without_warnings(tmp_path, which):
    catalog = _load(which)
    (tmp_path / "refs.bib").write_text(render(catalog, "biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[backend=biber,style=numeric]{biblatex}\n"
        "\\addbibresource{refs.bib}\n\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n"
    )
    assert _sh(["pdflatex", "-interaction=nonstopmode", "doc.tex"], tmp_path).returncode == 0
    # pdflatex cannot typeset every UTF-8 letter; --output-safechars makes biber write LaTeX macros
    result = _sh(["biber", "--validate-datamodel", "--output-safechars", "doc"], tmp_path)
    blg = _without_missing_year((tmp_path / "doc.blg").read_text(errors="replace"))
    assert result.returncode == 0, blg
    assert "WARN" not in blg and "ERROR" not in blg, blg
    bbl = (tmp_path / "doc.bbl").read_text(errors="replace")
    assert sorted(set(re.findall(r"\\entry\{([^}]+)\}", bbl))) == _keys(catalog)
    second = _sh(["pdflatex", "-interaction=nonstopmode", "doc.tex"], tmp_path)
    assert second.returncode == 0, second.stdout[-3000:]
    if which == "shipped":
        assert "eprinttype}{arxiv" in bbl.replace(" ", "") or "\\field{eprinttype}{arxiv}" in bbl
