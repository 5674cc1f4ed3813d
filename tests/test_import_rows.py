"""What happens to a list's row after the reader: a bad code link is left out, not the paper
(issue 18, row by row); the row that holds it is the real one of tests/data/lists (labelnoise line 129)."""
import re

import pytest
from conftest import DATA

from unlearn_bib.catalog.load import load_catalog

LABELNOISE = DATA / "lists" / "labelnoise-year-venue-dash-title-bullets.md"


def _rows(tmp_path, *lines):
    readme = tmp_path / "README.md"
    readme.write_text("# Papers\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return readme


def _papers(path):
    return {p.title: p for p in load_catalog(str(path), strict=False)}


def test_a_malformed_code_link_is_left_out_and_the_paper_imported(run, tmp_path):
    bad = LABELNOISE.read_text(encoding="utf-8").splitlines()[128]  # the list's line 129, as written
    assert "[[Code]](https://https://github.com/khetan2/MBEM)" in bad
    readme = _rows(tmp_path, bad, "",
                   "* 2019-ICML - A Second Paper With a Good Code Link. [[Paper]](https://arxiv.org/abs/1901.00001) "
                   "[[Code]](https://github.com/a/b)")
    path = tmp_path / "papers.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path)
    assert result.exit_code == 0, result.output
    papers = _papers(path)
    paper = papers["Learning From Noisy Singly-labeled Data"]
    assert (paper.openreview, paper.year, paper.code) == ("H1sUHgb0Z", 2018, "")
    assert papers["A Second Paper With a Good Code Link"].code == "https://github.com/a/b"
    assert "https://https://" not in path.read_text(encoding="utf-8")
    # one line, the list's file and line, the link named and why it was left out
    lines = [line for line in result.stderr.splitlines() if "https://https://github.com/khetan2/MBEM" in line]
    assert len(lines) == 1 and lines[0].startswith(f"{readme}:3: ")
    assert "imported without its code link" in lines[0] and "missing host name" in lines[0]
    assert f"{readme}: 2 rows seen, 2 imported, 0 merged, 0 reported; 1 link left out (above)" in result.stderr


def test_strict_keeps_a_row_with_a_malformed_code_link_all_or_nothing(run, tmp_path):
    readme = _rows(tmp_path, "* 2018-ICLR - A Paper. [[Paper]](https://arxiv.org/abs/1801.00001) "
                             "[[Code]](javascript:alert(1))")
    path = tmp_path / "papers.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path, "--strict")
    assert result.exit_code == 1 and not path.exists()
    assert f"{readme}:3: " in result.stderr and "javascript:alert(1)" in result.stderr


def test_a_malformed_paper_link_reports_the_row_when_nothing_else_identifies_it(run, tmp_path):
    """The title's own link is what the row is: without an identifier elsewhere the row is reported, as before;
    with one, the paper is imported without the bad link and the link is reported."""
    readme = _rows(tmp_path, "| Paper | Venue | Year |", "|---|---|---|",
                   "| [A Paper Known Only by Its Link](https://https://example.org/p.pdf) | ICLR | 2018 |",
                   "| [A Paper Known by Its arXiv id](https://https://example.org/q.pdf) "
                   "[arXiv](https://arxiv.org/abs/1801.00002) | ICLR | 2018 |")
    path = tmp_path / "papers.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path)
    assert result.exit_code == 0, result.output
    papers = _papers(path)
    assert list(papers) == ["A Paper Known by Its arXiv id"] and papers["A Paper Known by Its arXiv id"].arxiv == "1801.00002"
    assert "example.org" not in path.read_text(encoding="utf-8")
    assert f"{readme}:5: the row: the link 'https://https://example.org/p.pdf'" in result.stderr
    noted = [line for line in result.stderr.splitlines() if line.startswith(f"{readme}:6: ")]
    assert len(noted) == 1 and "imported without its link 'https://https://example.org/q.pdf'" in noted[0]
    assert "2 rows seen, 1 imported, 0 merged, 1 reported; 1 link left out (above)" in result.stderr


def test_a_relative_or_other_scheme_link_is_no_news(run, tmp_path):
    readme = _rows(tmp_path, "* 2018-ICLR - A Bullet Paper. [[Paper]](https://arxiv.org/abs/1801.00003) "
                             "[[Slides]](./slides/p.pdf) [[Mirror]](ftp://example.org/p.pdf)")
    result = run("import", "--from", "markdown", readme, "--papers", tmp_path / "papers.yaml")
    assert result.exit_code == 0 and "left out" not in result.stderr and "1 imported, 0 merged, 0 reported" in result.stderr


def test_an_import_never_reads_back_the_new_catalog_it_wrote(run, tmp_path, monkeypatch):
    """A new catalog's text is validated before it is written, from the records it was written from (their reading:
    tests/test_import_fresh.py), never parsed back (3,000 rows: a fifth of a second), nor parsed again to save it."""
    from unlearn_bib.catalog import edit
    from unlearn_bib.files import yamlio

    read = []
    real = yamlio.load_yaml
    monkeypatch.setattr(yamlio, "load_yaml", lambda data, shown, *a, **k: read.append(data) or real(data, shown, *a, **k))
    monkeypatch.setattr(edit, "_VALID", [], raising=False)
    readme = _rows(tmp_path, "* 2019-ICML - One Paper. [[Paper]](https://arxiv.org/abs/1901.00001)")
    path = tmp_path / "papers.yaml"
    assert run("import", "--from", "markdown", readme, "--papers", path).exit_code == 0
    assert read.count(path.read_bytes()) == 0
    bad = path.read_text(encoding="utf-8").replace("year: 2019", "year: soon")
    try:  # a different text is read and checked, never taken for the one accepted before
        edit.validate_text(bad, "p.yaml")
        raise AssertionError("an invalid catalog was accepted")
    except edit.UnlearnBibError as exc:
        assert "year" in str(exc)


def test_importing_the_same_list_again_merges_every_row_short_titles_too(run, tmp_path):
    # the shape of a real row (set 25's dialogue list, iwangjian/Paper-Reading): a three-word title, no authors
    row = ('* **NLP World Scope**: "Experience Grounds Language". EMNLP(2020) '
           "[[paper]](https://aclanthology.org/2020.emnlp-main.703/)")
    yearless = "- CRF-RNN [http://www.robots.ox.ac.uk/%7Eszheng/papers/CRFasRNN.pdf]"  # seg list, line 148: no year
    readme = _rows(tmp_path, row, yearless)
    path = tmp_path / "papers.yaml"
    assert run("import", "--from", "markdown", readme, "--papers", path).exit_code == 0
    before = path.read_bytes()
    again = run("import", "--from", "markdown", readme, "--papers", path)
    assert again.exit_code == 0, again.output
    assert f"{readme}: 2 rows seen, 0 imported, 2 merged, 0 reported" in again.stderr, again.stderr
    assert path.read_bytes() == before
    # the same three words in another year are not taken for it: reported for a person, nothing written
    other = tmp_path / "other.md"
    other.write_text('# Papers\n\n* "Experience Grounds Language". ACL(2021)\n', encoding="utf-8")
    result = run("import", "--from", "markdown", other, "--papers", path)
    assert f"{other}: 1 row seen, 0 imported, 0 merged, 1 reported" in result.stderr, result.stderr
    assert "short title" in result.stderr and path.read_bytes() == before


def test_a_row_whose_doi_has_capitals_finds_its_record_again(run, tmp_path):
    # DOIs compare without case; real rows write them as the publisher does (drivingwm line 42, llm-agents line 23)
    readme = _rows(tmp_path,
                   "- **[Planning-oriented Autonomous Driving](https://doi.org/10.1109/CVPR52729.2023.01712)** (CVPR 2023)",
                   "- **A Multitask, Multilingual, Multimodal Evaluation of ChatGPT** 2023 "
                   "[[paper]](https://doi.org/10.48550/arXiv.2302.04023)")
    path = tmp_path / "papers.yaml"
    assert run("import", "--from", "markdown", readme, "--papers", path).exit_code == 0
    before = path.read_bytes()
    again = run("import", "--from", "markdown", readme, "--papers", path)
    assert f"{readme}: 2 rows seen, 0 imported, 2 merged, 0 reported" in again.stderr, again.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["multilingual-bracket-year-linked-title-description-or-etal-link",
                                  "drivingwm-bold-linked-title-paren-venue-tags-tables",
                                  "fairness-bare-linked-title-nested-bullets",
                                  "seg-shortname-bare-url-year-code-subbullets"])
def test_a_list_imported_twice_changes_nothing_and_reports_only_what_it_reported(run, tmp_path, name):
    """A maintainer imports the list again after a pull request: every row already in finds its record.
    (Measured on all the lists of tests/data/lists on 2026-12-08: before, 15 of 129 lists reported rows on the
    second run that the first had imported, 29 of them in the multilingual list: DOIs with capitals, short titles.)"""
    readme = DATA / "lists" / f"{name}.md"
    path = tmp_path / "papers.yaml"
    first = run("import", "--from", "markdown", readme, "--papers", path)
    before = path.read_bytes()
    again = run("import", "--from", "markdown", readme, "--papers", path)
    assert path.read_bytes() == before
    summary = re.compile(r"(\d+) rows? seen, (\d+) imported, (\d+) merged, (\d+) reported")
    seen, imported, merged, reported = map(int, summary.search(first.stderr).groups())
    assert summary.search(again.stderr).groups() == tuple(map(str, (seen, 0, seen - reported, reported))), again.stderr


def test_a_paper_listed_first_without_a_year_takes_the_year_of_its_dated_row(run, tmp_path):
    """The same paper twice, first with no year, later with one (same DOI, or the same title): the merged
    record has the dated row's year, its key by the rule with that year, and no "no year" report."""
    readme = _rows(tmp_path, "## Older", "", "| Paper | Venue | Year |", "|---|---|---|",
                   "| [A Paper Known by Its DOI](https://doi.org/10.1000/abc123) | | |",
                   "| A Paper Known by Its Title | ICLR | |", "",
                   "## Recent", "", "| Paper | Venue | Year |", "|---|---|---|",
                   "| [A Paper Known by Its DOI](https://doi.org/10.1000/abc123) | CVPR | 2023 |",
                   "| A Paper Known by Its Title | ICLR | 2024 |")
    path = tmp_path / "papers.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path)
    assert result.exit_code == 0, result.output
    by_doi, by_title = (_papers(path)[t] for t in ("A Paper Known by Its DOI", "A Paper Known by Its Title"))
    assert (by_doi.year, by_doi.key, by_doi.venue.id) == (2023, "anon2023paper", "cvpr")  # the row gave no venue
    assert (by_title.year, by_title.key, by_title.venue.id) == (2024, "anon2024paper", "iclr")
    assert "No year" not in by_doi.notes + by_title.notes and "year 2023 from line 14" in by_doi.notes
    assert "no year" not in result.stderr
    assert f"{readme}: 4 rows seen, 2 imported, 2 merged, 0 reported" in result.stderr
