"""A hostile but valid catalog through real BibTeX/biber and pdflatex (with \\write18 allowed):
nothing it holds runs, reads a file or breaks an entry."""
import re
import subprocess

import pytest

from conftest import have
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.cli.catalog import render

HOSTILE = r"""sections:
  - id: methods
    title: 'Methods \input{/etc/hostname} %'
papers:
  - key: evil2024title
    section: methods
    title: 'Erasing {\immediate\write18{touch PWNED}} \input{/etc/hostname} @misc{evil} 100% #1 & $x^2$ _ ~ \csname relax\endcsname %'
    authors:
      - {family: 'Doe \input{/etc/hostname}', given: 'Jane % and Joe'}
      - {literal: 'ACME {\write18{touch PWNED}} \def\x{y}'}
    venue: ECCV
    year: 2024
    volume: '\input{/etc/hostname}'
    pages: 1--2
    publisher: 'Evil Press \write18{touch PWNED} %'
    doi: 10.1000/abc-1_2
    arxiv: '2401.00001'
    primary_class: cs.CV
    url: https://example.org/a?b=c&d=%20#frag
    sources:
      - https://example.org/evil
  - key: evil2024preprint
    section: methods
    title: 'A Preprint \input{/etc/passwd} with an end %'
    authors:
      - {family: Roe, given: Rick}
    venue: arXiv
    year: 2024
    arxiv: '2401.00002'
    primary_class: cs.LG
    sources:
      - https://example.org/evil
"""


def _sh(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=300)


@pytest.fixture
def hostile(tmp_path):
    """The catalog above, plus the issue's injection through primary_class in a record that
    bypassed validation (built in code, as a user's own .bib or CSL-JSON is)."""
    import dataclasses

    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE)
    catalog = load_catalog(path)
    preprint = catalog.get("evil2024preprint")
    injected = dataclasses.replace(preprint, key="evil2024class", arxiv="2401.00003",
                                   primary_class="cs.CV}, note = {\\input{/etc/hostname}")
    return dataclasses.replace(catalog, papers=catalog.papers + (injected,))


def _assert_nothing_ran(folder):
    assert not (folder / "PWNED").exists()
    log = (folder / "doc.log").read_text(errors="replace")
    assert "(/etc/hostname" not in log and "(/etc/passwd" not in log  # TeX logs "(FILE" for every file it reads


@pytest.mark.skipif(not have("pdflatex", "bibtex"), reason="pdflatex/bibtex not installed (apt: texlive-latex-base)")
@pytest.mark.parametrize("arxiv_style", ["eprint", "journal"])
def test_bibtex_and_pdflatex_with_shell_escape_run_nothing(tmp_path, hostile, arxiv_style):
    (tmp_path / "refs.bib").write_text(render(hostile, "bibtex", arxiv_style=arxiv_style), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
        "\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n")
    assert _sh(["pdflatex", "-shell-escape", "-interaction=nonstopmode", "doc.tex"], tmp_path).returncode == 0
    result = _sh(["bibtex", "doc"], tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert result.returncode == 0 and "error" not in blg.lower(), blg
    second = _sh(["pdflatex", "-shell-escape", "-interaction=nonstopmode", "doc.tex"], tmp_path)
    assert second.returncode == 0, second.stdout[-3000:]
    bbl = (tmp_path / "doc.bbl").read_text(errors="replace")
    assert sorted(re.findall(r"\\bibitem\{([^}]+)\}", bbl)) == ["evil2024class", "evil2024preprint", "evil2024title"]
    assert "\\textbackslash{}input" in bbl and "\\input{" not in bbl
    _assert_nothing_ran(tmp_path)


@pytest.mark.skipif(not have("pdflatex", "biber"), reason="biber not installed (apt: biber texlive-bibtex-extra)")
def test_biber_and_pdflatex_with_shell_escape_run_nothing(tmp_path, hostile):
    (tmp_path / "refs.bib").write_text(render(hostile, "biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[backend=biber,style=numeric]{biblatex}\n"
        "\\addbibresource{refs.bib}\n\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n")
    assert _sh(["pdflatex", "-shell-escape", "-interaction=nonstopmode", "doc.tex"], tmp_path).returncode == 0
    result = _sh(["biber", "--validate-datamodel", "doc"], tmp_path)
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    assert result.returncode == 0 and "ERROR" not in blg, blg
    second = _sh(["pdflatex", "-shell-escape", "-interaction=nonstopmode", "doc.tex"], tmp_path)
    assert second.returncode == 0, second.stdout[-3000:]
    bbl = (tmp_path / "doc.bbl").read_text(errors="replace")
    assert sorted(set(re.findall(r"\\entry\{([^}]+)\}", bbl))) == ["evil2024class", "evil2024preprint", "evil2024title"]
    _assert_nothing_ran(tmp_path)
