"""A paper a list names without any year (issue 18, rows like `* A et al. - Title [[Link]](pdf)` or under
`## Before 2017`): imported as a needs_verification record with no `year`, flagged, never given an invented one."""
import json
import re
from pathlib import Path

import pytest

from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.errors import UnlearnBibError

FIXTURE = Path(__file__).parent / "data" / "catalogs" / "nodate.yaml"


def test_an_unverified_record_may_have_no_year_and_a_verified_one_may_not(tmp_path):
    catalog = load_catalog(FIXTURE, strict=False)
    paper = next(p for p in catalog if p.key == "babbageyearless")
    assert paper.year is None and paper.venue.id == "iclr"
    assert "{year}" not in paper.venue.booktitle and "None" not in paper.venue.booktitle
    verified = tmp_path / "papers.yaml"
    verified.write_text(FIXTURE.read_text(encoding="utf-8").replace("    needs_verification: true\n", ""), encoding="utf-8")
    with pytest.raises(UnlearnBibError) as err:
        load_catalog(verified, strict=False)
    assert "paper 'babbageyearless' has no 'year'" in str(err.value)


def test_a_row_without_any_year_is_imported_flagged_and_counted(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("## Before 2017\n\n"
                      "* Ada Lovelace et al. - Old Paper About Forgetting [[Link]](https://example.org/old.pdf)\n"
                      "\n## 2024\n\n"
                      "- [A Dated Paper](https://arxiv.org/abs/2401.00001)\n", encoding="utf-8")
    path = tmp_path / "papers.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path)
    assert result.exit_code == 0, result.stderr
    assert "README.md: 2 rows seen, 2 imported, 0 merged, 0 reported" in result.stderr
    line = next(l for l in result.stderr.splitlines() if "no year" in l)
    assert line.startswith(f"{readme}:3: ") and "'Old Paper About Forgetting'" in line, line
    assert "update --online" in line, line
    catalog = load_catalog(path, strict=False)
    old = next(p for p in catalog if p.title == "Old Paper About Forgetting")
    assert old.year is None and old.needs_verification
    assert old.key == "lovelaceold"  # the catalog's rule, the year left out
    assert "Before 2017" in old.notes
    text = path.read_text(encoding="utf-8")
    assert "year: None" not in text and "year: null" not in text


def test_strict_still_stops_on_a_row_without_a_year(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("## Papers\n\n- [Old Paper About Forgetting](https://example.org/old.pdf) *NeurIPS*\n"
                      "- [A Dated Paper](https://arxiv.org/abs/2401.00001)\n", encoding="utf-8")
    path = tmp_path / "papers.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path, "--strict")
    assert result.exit_code != 0
    assert "no year" in result.stderr and not path.exists()


def test_a_yearless_row_repeating_a_dated_row_merges_into_it(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("## 2024\n\n- [Erasing Concepts in Diffusion](https://arxiv.org/abs/2401.00001)\n"
                      "\n## Before 2017\n\n- [Erasing Concepts in Diffusion](https://arxiv.org/pdf/2401.00001)\n"
                      "- [Erasing Concepts In Diffusion](https://example.org/ecd.pdf)\n", encoding="utf-8")
    path = tmp_path / "papers.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path)
    assert result.exit_code == 0, result.stderr
    assert "3 rows seen, 1 imported, 2 merged, 0 reported" in result.stderr
    assert [p.year for p in load_catalog(path, strict=False)] == [2024]


def test_exports_leave_the_year_out(run):
    bib = run("export", "--format", "bibtex", "--papers", FIXTURE)
    assert bib.exit_code == 0, bib.stderr
    entry = bib.stdout.split("@inproceedings{babbageyearless,")[1].split("\n}")[0]
    assert not re.search(r"^\s*(year|date)\s*=", entry, re.M) and "None" not in entry
    biblatex = run("export", "--format", "biblatex", "--papers", FIXTURE).stdout
    entry = biblatex.split("{babbageyearless,")[1].split("\n}")[0]
    assert not re.search(r"^\s*(year|date)\s*=", entry, re.M) and "None" not in entry
    items = {i["id"]: i for i in json.loads(run("export", "--format", "csljson", "--papers", FIXTURE).stdout)}
    assert "issued" not in items["babbageyearless"] and "issued" in items["lovelace2023dated"]
    ris = run("export", "--format", "ris", "--papers", FIXTURE).stdout
    record = ris.split("babbageyearless")[0].rsplit("ER  -", 1)[-1] + ris.split("babbageyearless")[1].split("ER  -")[0]
    assert "PY  -" not in record and "Y1  -" not in record and "None" not in record
    text = run("export", "--format", "text", "--papers", FIXTURE).stdout
    assert "n.d." in text and "None" not in text
    assert text.index("Babbage") < text.index("Lovelace")  # the style's own order (APA: by author)


def test_the_readme_table_leaves_the_year_cell_empty(run):
    tables = run("export", "--format", "tables", "--papers", FIXTURE)
    assert tables.exit_code == 0, tables.stderr
    row = next(l for l in tables.stdout.splitlines() if "A Yearless Paper About Erasing" in l)
    assert [c.strip() for c in row.strip("|").split("|")][1:3] == ["", "ICLR"]


def test_a_release_holds_a_yearless_record_without_a_year(run, tmp_path):
    result = run("release", "--out", tmp_path / "out", "--papers", FIXTURE)
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'data-key="babbageyearless"' in page and "None" not in page
    assert '<option value="2023">2023</option>' in page


def test_check_and_export_warn_about_records_without_a_year(run, tmp_path):
    check = run("check", "--papers", FIXTURE)
    assert check.exit_code == 1
    assert "'babbageyearless' needs verification" in check.stderr and "no year yet" in check.stderr
    many = tmp_path / "papers.yaml"
    extra = "".join(f"  - key: babbage{w}\n    section: papers\n    title: Yearless Paper {w.title()}\n"
                    "    authors:\n      - {family: Babbage, given: Charles}\n    venue: ICLR\n"
                    "    needs_verification: true\n" for w in ("one", "two", "three", "four", "five", "six"))
    many.write_text(FIXTURE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    export = run("export", "--format", "bibtex", "--papers", many)
    assert export.exit_code == 0, export.stderr
    assert "7 records have no year" in export.stderr
    listed = run("list", "--papers", many)
    assert listed.exit_code == 0 and "None" not in listed.stdout
    for flag in (("--since", "2020"), ("--year", "2023")):
        assert run("export", "--format", "bibtex", "--papers", many, *flag).exit_code == 0


def test_update_online_fills_the_year_from_the_anchored_record_and_remakes_the_key(tmp_path, monkeypatch):
    import shutil

    import responses

    from replay import register
    from test_complete_online import _record_text, invoke

    monkeypatch.setattr("time.sleep", lambda s: None)
    path = tmp_path / "papers.yaml"
    shutil.copy(FIXTURE.parent / "nodate-online.yaml", path)
    before = path.read_text(encoding="utf-8")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        register(rsps)
        result = invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    assert result.exit_code in (0, 3), result.output
    papers = {p.key: p for p in load_catalog(path, strict=False)}
    eccv = papers["liu2024implicit"]  # the year and authors known: the catalog's key rule
    assert (eccv.venue.id, eccv.year) == ("eccv", 2024) and "https://arxiv.org/abs/2310.05873" in eccv.sources
    fmn = papers["zhang2024forget"]
    assert fmn.year == 2024 and "https://arxiv.org/abs/2303.17591" in fmn.sources
    assert "anonimplicit" not in papers and "anonforgetmenot" not in papers
    # not anchored (no identifier): unchanged byte for byte, still no year
    assert papers["anonseparable"].year is None
    assert _record_text(path.read_text(encoding="utf-8"), "anonseparable") == _record_text(before, "anonseparable")


def test_a_yearless_key_is_provisional():
    from unlearn_bib.catalog.keys import is_provisional, make_key

    assert make_key("", None, "Erasing Concepts", set()) == "anonerasing"
    assert is_provisional("anonerasing", "Erasing Concepts") and is_provisional("anon2024erasing")
    assert not is_provisional("anonerasing") and not is_provisional("anonymous", "Erasing Concepts")
    assert make_key("Lovelace", None, "The Erasing of Concepts", set()) == "lovelaceerasing"


def test_update_online_fills_the_year_of_a_record_its_doi_anchors(tmp_path, monkeypatch):
    import responses

    from replay import register
    from test_complete_online import invoke

    monkeypatch.setattr("time.sleep", lambda s: None)
    path = tmp_path / "papers.yaml"
    path.write_text("sections:\n  - id: papers\n    title: Papers\npapers:\n"
                    "  - key: anonimplicit\n    section: papers\n    title: Implicit Concept Removal of Diffusion Models\n"
                    "    venue: ECCV\n    doi: 10.1007/978-3-031-72664-4_26\n    needs_verification: true\n", encoding="utf-8")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        register(rsps)
        result = invoke("update", "--online", "--no-cache", "--write", "--papers", path)
    assert result.exit_code in (0, 3), result.output
    (paper,) = load_catalog(path, strict=False)
    # the Crossref record of its DOI anchors it: the year, the venue, the authors, so the key by the rule
    assert (paper.key, paper.year, paper.venue.id) == ("liu2024implicit", 2024, "eccv")
    assert paper.authors[0].family == "Liu" and not paper.needs_verification
    assert "https://doi.org/10.1007/978-3-031-72664-4_26" in paper.sources


def test_the_no_year_hint_names_what_can_fill_the_year(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("- Some Paper Named By Its Doi [[Paper](https://doi.org/10.1145/3648358)]\n"
                      "- Ada Lovelace et al. - A Paper Only On A Web Page [[Link]](https://example.org/p.pdf)\n",
                      encoding="utf-8")
    result = run("import", "--from", "markdown", readme, "--papers", tmp_path / "papers.yaml")
    assert result.exit_code == 0, result.stderr
    hints = {int(l.split(":")[1]): l for l in result.stderr.splitlines() if ": imported with no year" in l}
    assert "the record its DOI or OpenReview id names" in hints[1], hints  # the DOI anchors the online step
    assert "by hand, or an identifier" in hints[2], hints  # nothing online can anchor
