"""Data checks of the shipped papers.yaml: PROPERTIES that hold for any valid catalog of this list.

The weekly `update --online --write` pull request changes the data (a preprint becomes published,
pages and DOIs are added), so nothing here names the current preprints, counts or DOIs. Each check
is a function of a catalog file; the tests run them on papers.yaml, and
``test_a_simulated_weekly_update_keeps_every_data_check_green`` runs them on a copy in which one
preprint was published through catalog/edit, as the workflow does. Tests of code use the fixture
catalogs in tests/data/catalogs/.
"""
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from unlearn_bib.catalog import identifiers
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.export import bibtex

CATALOG = ROOT / "papers.yaml"
SEED_IDS = [l for l in (DATA / "seed_arxiv_ids.txt").read_text().split("\n") if l and not l.startswith("#")]
UPSTREAM = DATA / "markdown" / "upstream-README-2025-06-22.md"


# --- the checks ------------------------------------------------------------------------------------

def check_valid(path):
    """What `unlearn-bib check` requires: valid, and nothing left to verify."""
    from unlearn_bib.catalog.validate import verification_problems

    catalog = load_catalog(path, strict=True)
    assert verification_problems(catalog) == []
    keys = [p.key for p in catalog]
    assert len(keys) == len(set(keys))


def check_seed_list_is_covered(path):
    ids = {p.arxiv for p in load_catalog(path)}
    assert len(SEED_IDS) == 27
    assert [i for i in SEED_IDS if i not in ids] == []


def check_upstream_rows_are_covered(path):
    """Every row of the awesome list as of 2025-06-22 is a record already (import would add none)."""
    from unlearn_bib.tasks.import_table import import_markdown

    plan = import_markdown(str(UPSTREAM), str(path))
    assert plan.added == [] and plan.after == plan.before


def check_every_record_is_verified(path):
    for paper in load_catalog(path):
        assert paper.sources and paper.authors and not paper.needs_verification, paper.key
        assert all(s.startswith("http") or "README" in s for s in paper.sources), paper.key
        assert all(a.family or a.literal for a in paper.authors), paper.key


def check_preprints_are_well_formed(path):
    for paper in load_catalog(path):
        if not paper.venue.is_preprint:
            continue
        assert paper.arxiv, paper.key
        entry = bibtex.format_entry(paper, bibtex.Options())
        assert entry.startswith(f"@misc{{{paper.key},"), paper.key
        assert f"eprint        = {{{paper.arxiv}}}" in entry and "archivePrefix = {arXiv}" in entry, paper.key


def check_published_records_carry_their_venue_year(path):
    """Exported with the venue's year, not the year the list gives (often the arXiv year)."""
    for paper in load_catalog(path):
        if paper.venue.is_preprint:
            continue
        entry = bibtex.format_entry(paper, bibtex.Options())
        assert re.search(r"year\s+= \{" + str(paper.year) + r"\}", entry), paper.key
        assert not entry.startswith("@misc"), paper.key


def check_identifiers_have_their_form(path):
    for paper in load_catalog(path):
        assert not paper.doi or identifiers.DOI.match(paper.doi), (paper.key, paper.doi)
        assert not paper.arxiv or identifiers.ARXIV_ID.match(paper.arxiv), (paper.key, paper.arxiv)
        assert not paper.pages or identifiers.PAGES.match(paper.pages), (paper.key, paper.pages)


def check_sections_keep_the_list_layout(path):
    catalog = load_catalog(path)
    used = {p.section for p in catalog}
    assert [s.id for s in catalog.sections] == ["concept-unlearning", "concept-restoration", "benchmark"]
    assert used == {s.id for s in catalog.sections}
    assert all(p.attack_type for p in catalog if p.section == "concept-restoration")


CHECKS = [check_valid, check_seed_list_is_covered, check_upstream_rows_are_covered, check_every_record_is_verified,
          check_preprints_are_well_formed, check_published_records_carry_their_venue_year,
          check_identifiers_have_their_form, check_sections_keep_the_list_layout]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_shipped_catalog(check):
    check(CATALOG)


# --- verified facts an update never changes (it only publishes preprints and adds details) ---------

@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CATALOG)


def test_names_keep_diacritics_and_hyphens(catalog):
    names = {(a.given, a.family) for p in catalog for a in p.authors}
    assert ("Yu-Gang", "Jiang") in names
    assert ("Adams Wai-Kin", "Kong") in names
    assert ("Bartosz", "Cywiński") in names


def test_known_corrections_of_the_list(catalog):
    """Places where the list was out of date: the catalog says what the paper became."""
    expect = {
        "huang2024receler": ("eccv", 2024),
        "zhang2024defensive": ("neurips", 2024),
        "chavhan2025conceptprune": ("iclr", 2025),
        "wu2025unlearning": ("aaai", 2025),
        "liu2024implicit": ("eccv", 2024),
        "zhang2024forget": ("cvpr/workshop", 2024),
        "zhang2024unlearncanvas": ("neurips/datasets-and-benchmarks", 2024),
        "dang2025diffzoo": ("naacl/findings", 2025),
        "wu2025erasing": ("cvpr", 2025),
    }
    for key, (venue, year) in expect.items():
        paper = catalog.get(key)
        assert (paper.venue.id, paper.year) == (venue, year), key


def test_renamed_paper_is_one_record_with_alias(catalog):
    erasediff = [p for p in catalog if p.arxiv == "2401.05779"]
    assert len(erasediff) == 1
    assert "EraseDiff: Erasing Data Influence in Diffusion Models" in erasediff[0].title_aliases


def test_no_invented_doi_for_degeneration_tuning(catalog):
    """Its DOI could not be confirmed on a page: left out, not guessed."""
    assert catalog.get("ni2023degeneration").doi == ""


# --- the weekly update, simulated ------------------------------------------------------------------

def test_a_simulated_weekly_update_keeps_every_data_check_green(run, tmp_path, monkeypatch):
    """What the weekly workflow's pull request does to papers.yaml: one preprint becomes published
    (venue, year, pages, an evidence link, a note), written through catalog/edit as `update
    --write` writes. The data checks and the commands a maintainer runs must all pass on it.
    The published venue here is SIMULATED (a test value), never written into papers.yaml."""
    from unlearn_bib.catalog.edit import open_for_edit
    from unlearn_bib.tasks.update import edit_record

    copy = tmp_path / "papers.yaml"
    shutil.copy(CATALOG, copy)
    editor = open_for_edit(copy)
    key = next(p.key for p in editor.catalog if p.venue.is_preprint)
    year = editor.catalog.get(key).year
    edit_record(editor, key, {"venue": "NeurIPS", "year": year, "pages": "1--12"},
                ["https://example.org/simulated-proceedings-page"], "Simulated weekly update (test).")
    assert editor.save()
    published = load_catalog(copy).get(key)
    assert (published.venue.id, published.pages) == ("neurips", "1--12")

    for check in CHECKS:
        check(copy)

    monkeypatch.chdir(tmp_path)  # the commands find the edited catalog as a clone's papers.yaml
    (tmp_path / ".git").mkdir()
    checked = run("check")
    assert checked.exit_code == 0 and f"({copy})" in checked.stderr
    entry = run("export", "--format", "bibtex", "--key", key)
    assert entry.exit_code == 0 and entry.stdout.startswith(f"@inproceedings{{{key},")
    for fmt in ("biblatex", "csljson", "ris", "tables", "markdown"):
        assert run("export", "--format", fmt).exit_code == 0, fmt
    assert run("list").exit_code == 0
    released = run("release", "--out", tmp_path / "dist")
    assert released.exit_code == 0, released.stderr
    assert f"@inproceedings{{{key}," in (tmp_path / "dist" / "refs.bib").read_text()
