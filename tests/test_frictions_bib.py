"""Issue 21, items 3, 4, 6 and 12 (normalize): what `normalize` writes for Google Scholar's
organization, a user's own arXiv fields and OpenReview link, a BibLaTeX file, pure reformatting;
and whether the default refs.bib shows a preprint as one in the natbib styles ML templates use."""
import re
import subprocess

import pytest

from conftest import EDGE, have

needs_tex = pytest.mark.skipif(not have("pdflatex", "bibtex"), reason="pdflatex/bibtex not installed")

# Google Scholar's BibTeX for an ECCV paper: "organization={Springer}"
SCHOLAR_ECCV = """@inproceedings{berg2024receler,
  title={Receler-Like: MACE-style Erasing of Text-to-Image Models via R.A.C.E. \\& 100\\% LoRA},
  author={Berg, Jan van der and M{\\"u}ller, J{\\"o}rg and Kong, Adams Wai-Kin and Smith, John},
  booktitle={European Conference on Computer Vision},
  pages={73--88},
  year={2024},
  organization={Springer}
}
"""

# arXiv's own BibTeX for a paper that later appeared at NAACL (Findings): the user's primaryClass
ARXIV_ZOO = """@misc{dang2024zoo,
  title={ZOO: Query-Based Attacks on Diffusion Models?},
  author={Ngọc Đặng and Åse Ødegaard and {The Unlearning Consortium}},
  year={2024},
  eprint={2408.11071},
  archivePrefix={arXiv},
  primaryClass={cs.CR},
  url={https://openreview.net/forum?id=ZooPaper123}
}
"""

# A BibLaTeX file (Zotero's BibLaTeX export looks like this)
BIBLATEX_ZOO = """@online{dang2024zoo,
  title = {ZOO: Query-Based Attacks on Diffusion Models?},
  author = {Đặng, Ngọc and Ødegaard, Åse and {The Unlearning Consortium}},
  date = {2024-08-20},
  eprinttype = {arxiv},
  eprint = {2408.11071},
  eprintclass = {cs.CR},
}
"""


def _normalize(text, tmp_path, run, name="refs.bib"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("normalize", path, "--papers", EDGE)
    assert result.exit_code == 0, result.output
    return result


def _bbl(tmp_path, bib: str, style: str) -> str:
    work = tmp_path / f"tex-{style}"
    work.mkdir()
    (work / "refs.bib").write_text(bib, encoding="utf-8")
    (work / "doc.tex").write_text("\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage[utf8]{inputenc}"
                                  "\\usepackage{natbib}\\usepackage{url}\\begin{document}\\nocite{*}"
                                  f"\\bibliographystyle{{{style}}}\\bibliography{{refs}}\\end{{document}}\n")
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "doc"], cwd=work, capture_output=True, timeout=300)
    done = subprocess.run(["bibtex", "doc"], cwd=work, capture_output=True, text=True, errors="replace", timeout=300)
    assert done.returncode == 0, done.stdout
    return " ".join((work / "doc.bbl").read_text(errors="replace").split())


def test_scholar_organization_that_repeats_the_publisher_is_not_kept(run, tmp_path):
    result = _normalize(SCHOLAR_ECCV, tmp_path, run)
    assert "publisher" in result.stdout and "Springer" in result.stdout
    assert "organization" not in result.stdout
    assert "removed organization" in result.stderr


def test_scholar_organization_that_says_something_else_stays(run, tmp_path):
    result = _normalize(SCHOLAR_ECCV.replace("{Springer}", "{Computer Vision Foundation}"), tmp_path, run)
    assert "organization  = {Computer Vision Foundation}" in result.stdout.replace("organization = ", "organization  = ")


@needs_tex
def test_plainnat_prints_the_publisher_once_after_normalize(run, tmp_path):
    bbl = _bbl(tmp_path, _normalize(SCHOLAR_ECCV, tmp_path, run).stdout, "plainnat")
    assert "Springer, 2024" in bbl and "Springer, Springer" not in bbl


def test_normalize_keeps_the_users_primary_class_and_openreview_link(run, tmp_path):
    out = _normalize(ARXIV_ZOO, tmp_path, run).stdout
    assert out.startswith("@inproceedings{dang2024zoo,")  # rewritten into the published form
    assert re.search(r"primaryClass\s*=\s*\{cs\.CR\}", out)
    assert re.search(r"eprint\s*=\s*\{2408\.11071\}", out) and re.search(r"archivePrefix\s*=\s*\{arXiv\}", out)
    assert "url           = {https://openreview.net/forum?id=ZooPaper123}" in out
    assert "arxiv.org/abs" not in out


def test_a_versioned_arxiv_id_names_the_same_record(run, tmp_path):
    other = ARXIV_ZOO.replace("eprint={2408.11071}", "eprint={2408.11071},\n  doi={10.1000/zoo}").replace(
        "primaryClass={cs.CR}", "primaryClass={cs.CR}")
    out = _normalize(other.replace("2408.11071}", "2408.11071v3}"), tmp_path, run).stdout
    assert re.search(r"primaryClass\s*=\s*\{cs\.CR\}", out)  # v3 of the same record is the same record


def test_biblatex_file_is_answered_in_biblatex(run, tmp_path):
    out = _normalize(BIBLATEX_ZOO, tmp_path, run).stdout
    assert out.startswith("@inproceedings{dang2024zoo,")
    fields = dict(re.findall(r"^\s+(\w+)\s*=\s*\{(.*)\},$", out, re.M))
    assert fields["date"] == "2025" and "year" not in fields
    assert fields["eprinttype"] == "arxiv" and fields["eprint"] == "2408.11071" and fields["eprintclass"] == "cs.CR"
    assert "archivePrefix" not in out and "primaryClass" not in out
    assert "Đặng" in out  # BibLaTeX (biber) reads UTF-8: no {\\d{a}}-style escapes


def test_a_biblatex_preprint_stays_online(run, tmp_path):
    entry = ("@online{oneill,\n  title = {What's in a Name? Unlearning\\_with \\#hashes, ~tildes~ and {\\textbackslash} backslashes},\n  author = {O'Neill, Siobhán},\n  date = {2023},\n"
             "  eprinttype = {arxiv},\n  eprint = {2310.05873},\n}\n")
    out = _normalize(entry, tmp_path, run).stdout
    assert out.startswith("@online{oneill,") and "eprintclass" in out and "date" in out


def test_pure_reformatting_is_reported_as_such(run, tmp_path):
    catalog_form = ("@misc{oneill2023,\n  author = {Siobhán O'Neill},\n"
                    "  title = {What's in a Name? Unlearning\\_with \\#hashes, \\textasciitilde{}tildes\\textasciitilde{} "
                    "and {\\textbackslash{}} backslashes},\n  year = {2023},\n  eprint = {2310.05873},\n}\n")
    report = _normalize(catalog_form, tmp_path, run).stderr
    line = next(l for l in report.splitlines() if "oneill2023:" in l)
    assert "reformatted author" in line and "changed author" not in line, line
    renamed = _normalize(catalog_form.replace("Siobhán O'Neill", "Siobhán O'Neill and Jane Roe"), tmp_path, run).stderr
    assert "changed author" in renamed


# --- item 6: the default refs.bib shows that a preprint is one in natbib templates -------------

@needs_tex
@pytest.mark.parametrize("style", ["plainnat", "abbrvnat", "unsrtnat"])
def test_default_bibtex_shows_a_preprint_in_natbib_styles(run, tmp_path, style):
    refs = run("export", "--format", "bibtex", "--papers", EDGE).stdout
    assert re.search(r"eprint\s*=\s*\{2310\.05873\}", refs) and "archivePrefix" in refs and "primaryClass" in refs
    bbl = _bbl(tmp_path, refs, style)
    item = bbl[bbl.index("oneill2023preprint"):]
    item = item[: item.find("\\bibitem", 10) if "\\bibitem" in item[10:] else len(item)]
    assert "arXiv preprint arXiv:2310.05873" in item, item


def test_biblatex_export_needs_no_howpublished(run):
    refs = run("export", "--format", "biblatex", "--papers", EDGE).stdout
    assert "howpublished" not in refs and "eprinttype" in refs
