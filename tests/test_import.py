"""`unlearn-bib import`: grow a catalog from a .bib or from the awesome list's README tables."""
import re
import shutil

import pytest

from conftest import DATA, ROOT, only_inserted
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.export.tables import paper_tables
from unlearn_bib.tasks.import_bib import bib_title

MD = DATA / "markdown"
SEED = MD / "awesome-diffusion-model-unlearning.md"
UPSTREAM = MD / "upstream-README-2025-06-22.md"
BIB = DATA / "bib"


@pytest.fixture
def shipped(tmp_path):
    path = tmp_path / "papers.yaml"
    shutil.copy(ROOT / "papers.yaml", path)
    return path


@pytest.fixture
def seeded(run, tmp_path):
    """A new catalog imported from the seed list."""
    path = tmp_path / "seeded.yaml"
    result = run("import", "--from", "markdown", SEED, "--papers", path)
    assert result.exit_code == 0, result.stderr
    return path


# --- markdown ---------------------------------------------------------------------------------------

def test_seed_list_makes_a_new_valid_catalog(run, seeded):
    catalog = load_catalog(seeded, strict=False)
    assert [(s.id, s.title) for s in catalog.sections] == [
        ("concept-unlearning", "Concept Unlearning"), ("concept-restoration", "Concept Restoration"), ("benchmark", "Benchmark")]
    assert len(catalog) == 27
    assert all(p.needs_verification and not p.authors for p in catalog)
    receler = next(p for p in catalog if p.arxiv == "2311.17717")
    assert (receler.key, receler.venue.id, receler.year, receler.list_year) == ("anon2024receler", "eccv", 2024, 2023)
    assert receler.code == "https://github.com/jasper0314-huang/Receler"
    probing = next(p for p in catalog if p.arxiv == "2404.19382")
    assert (probing.section, probing.attack_type, probing.venue.id) == ("concept-restoration", "black-box, embedding-level", "arxiv")
    # `check` reports every imported record as needing verification
    result = run("check", "--papers", seeded)
    assert result.exit_code == 1
    assert result.stderr.count("needs verification") == 20  # errors are capped at 20 lines ...
    assert "and 7 more problems" in result.stderr  # ... of 27


def test_empty_catalog_file_is_started_too(run, tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("")
    assert run("import", "--from", "markdown", SEED, "--papers", path).exit_code == 0
    assert len(load_catalog(path, strict=False)) == 27


def test_tables_of_an_imported_seed_reproduce_the_seed_rows(run, seeded):
    """Same papers, same order, same columns: the catalog can take over the list's tables."""
    result = run("export", "--format", "tables", "--papers", seeded)
    assert result.exit_code == 0
    ours = [(t.title, t.header, [cells for _, cells in t.rows]) for t in paper_tables(result.stdout)]
    seed = [(t.title, t.header, [cells for _, cells in t.rows]) for t in paper_tables(SEED.read_text())]
    assert [len(rows) for _, _, rows in seed] == [22, 4, 1]
    assert ours == seed
    check = run("export", "--format", "tables", "--papers", seeded, "--check", SEED)
    assert check.exit_code == 0, check.stdout
    assert "tables are up to date (27 rows)" in check.stderr


def test_later_list_into_seeded_catalog(run, seeded):
    before = seeded.read_bytes()
    result = run("import", "--from", "markdown", UPSTREAM, "--papers", seeded)
    assert result.exit_code == 0, result.stderr
    assert "upstream-README-2025-06-22.md: 41 rows seen, 13 imported, 27 merged, 1 reported" in result.stderr
    # the same arXiv id under another title (the paper was renamed): never merged on the link alone
    assert ("upstream-README-2025-06-22.md:43: 'EraseDiff: Erasing Data Influence in Diffusion Models': "
            "arxiv 2401.05779 is also on line 28 for another title") in result.stderr
    assert "already in the catalog" not in result.stderr  # no line per unchanged row
    after = seeded.read_bytes()
    assert only_inserted(before, after)  # existing records, order and comments untouched
    catalog = load_catalog(seeded, strict=False)
    assert len(catalog) == 40
    minimalist = catalog.get("anon2025minimalist")  # an OpenReview link instead of an arXiv one
    assert (minimalist.openreview, minimalist.arxiv, minimalist.list_link) == (
        "oBCw6PZ0fX", "", "https://openreview.net/pdf?id=oBCw6PZ0fX")
    assert minimalist.code == ""  # empty code cell
    # the upstream list moved and renamed rows the seed list had: --check sees it and prints it
    check = run("export", "--format", "tables", "--papers", seeded, "--check", UPSTREAM)
    assert check.exit_code == 1
    assert "upstream-README-2025-06-22.md:20: 'Concept Unlearning':" in check.stdout


def test_later_list_into_the_shipped_catalog_adds_nothing(run, shipped):
    before = shipped.read_bytes()
    result = run("import", "--from", "markdown", UPSTREAM, "--papers", shipped)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1].endswith("41 rows seen, 0 imported, 40 merged, 1 reported")
    assert ":21:" not in result.stderr and ":23:" not in result.stderr  # merged rows are counted, not listed
    assert shipped.read_bytes() == before


def test_hand_edited_list_padding_new_section_code_fence(run, shipped):
    before = shipped.read_bytes()
    result = run("import", "--from", "markdown", MD / "later-list.md", "--papers", shipped)
    assert result.exit_code == 0, result.stderr
    assert "later-list.md: 6 rows seen, 1 imported, 5 merged, 0 reported" in result.stderr  # 4 in the catalog, 1 repeat
    assert "Not a row" not in result.stderr  # the table in a code block is an example, not data
    catalog = load_catalog(shipped, strict=False)
    added = catalog.get("anon2025concept")
    assert (added.title, added.url, added.venue.id) == ("Concept Erasure | A Field Guide", "https://example.org/field-guide", "arxiv")
    assert only_inserted(before, shipped.read_bytes())


def test_hand_edited_list_into_a_new_catalog(run, tmp_path):
    path = tmp_path / "new.yaml"
    assert run("import", "--from", "markdown", MD / "later-list.md", "--papers", path).exit_code == 0
    catalog = load_catalog(path, strict=False)
    assert [s.id for s in catalog.sections] == ["concept-unlearning", "attacks-on-unlearned-models"]
    assert len(catalog) == 5
    fantastic = next(p for p in catalog if p.arxiv == "2501.18950")  # version suffix dropped from the id ...
    assert fantastic.list_link == "https://arxiv.org/abs/2501.18950v2"  # ... but the list's link is kept
    # with the duplicate row dropped, the tables match the list again
    check = run("export", "--format", "tables", "--papers", path, "--check", MD / "later-list.md")
    assert check.exit_code == 1
    assert "later-list.md:32: 'Attacks on Unlearned Models': delete" in check.stdout


def test_unknown_venue_in_a_row_is_kept_as_written_and_flagged(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(SEED.read_text().replace("| 2024 | ECCV 2024 | [GitHub](https://github.com/chkimmmmm", "| 2024 | ECCVV 2024 | [GitHub](https://github.com/chkimmmmm"))
    path = tmp_path / "new.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path)
    assert result.exit_code == 0, result.stderr
    assert "27 rows seen, 27 imported, 0 merged, 0 reported" in result.stderr
    race = next(p for p in load_catalog(path, strict=False) if p.arxiv == "2405.16341")
    assert (race.venue_text, race.venue.id, race.venue.booktitle, race.year) == ("ECCVV 2024", "", "ECCVV 2024", 2024)
    tables = run("export", "--format", "tables", "--papers", path)
    assert "| ECCVV 2024 |" in tables.stdout  # as written, the year not repeated
    check = run("check", "--papers", path)
    assert ("venue 'ECCVV 2024' is not in the venue registry; kept as written (add it to "
            "src/unlearn_bib/data/venues.yaml") in check.stderr
    readme.write_text("| Paper | Authors | Venue | Year |\n|---|---|---|---|\n"
                      "| [A Paper With Authors](https://arxiv.org/abs/2401.00042) | Jane Doe | ECCVV Workshop 2024 | 2024 |\n")
    assert run("import", "--from", "markdown", readme, "--papers", path).exit_code == 0
    bib = run("export", "--format", "bibtex", "--papers", path)  # records without authors stay out of it
    assert re.search(r"booktitle\s*=\s*\{ECCVV Workshop 2024\}", bib.stdout), bib.stdout


def test_bib_adds_only_what_the_catalog_lacks(run, shipped):
    before = shipped.read_bytes()
    result = run("import", "--from", "bibtex", BIB / "scholar.bib", "--papers", shipped, "--section", "concept-unlearning")
    assert result.exit_code == 0, result.stderr
    assert "scholar.bib: 4 added, 13 already in the catalog" in result.stderr
    assert "scholar.bib:5: huang2023receler: already in the catalog as huang2024receler (arXiv id 2311.17717)" in result.stderr
    assert "scholar.bib:28: lu2024mace: already in the catalog as lu2024mace (title)" in result.stderr
    after = shipped.read_bytes()
    added = b"".join(only_inserted(before, after)).decode()
    catalog = load_catalog(shipped, strict=False)
    assert len(catalog) == 44
    rombach = catalog.get("rombach2022high")
    assert (rombach.venue.id, rombach.year, rombach.pages) == ("cvpr", 2022, "10684--10695")
    assert rombach.authors[-1].family == "Ommer" and rombach.authors[-1].given == "Björn"
    ho = catalog.get("ho2020denoising")
    assert (ho.venue.id, ho.volume) == ("neurips", "33")
    clip = catalog.get("radford2021learning")
    assert (clip.venue.id, clip.arxiv) == ("arxiv", "2103.00020")
    assert "ends in 'and others'" in clip.notes
    assert all(catalog.get(k).needs_verification for k in ("rombach2022high", "ho2020denoising", "radford2021learning"))
    # the records go to the end of their section in the catalog's layout, separated by blank lines
    assert added.startswith("  - key: ho2020denoising\n    section: concept-unlearning\n")
    papers = list(catalog)
    last_of_section = max(i for i, p in enumerate(papers) if p.section == "concept-unlearning")
    assert papers[last_of_section].key == "radford2021learning"
    assert papers[last_of_section + 1].section != "concept-unlearning"


def test_dblp_and_readme_bibs(run, tmp_path):
    path = tmp_path / "new.yaml"
    result = run("import", "--from", "bibtex", BIB / "dblp.bib", "--papers", path, "--section", "background")
    assert result.exit_code == 0, result.stderr
    catalog = load_catalog(path, strict=False)
    assert [s.id for s in catalog.sections] == ["background"]
    keys = [p.key for p in catalog]
    assert keys == ["huang2023receler", "gong2024reliable", "lu2024mace", "fan2024salun", "han2025adaptive", "rombach2022high"]
    receler = catalog.get("huang2023receler")  # DBLP's CoRR record: an arXiv preprint
    assert (receler.venue.id, receler.arxiv, receler.authors[0].given) == ("arxiv", "2311.17717", "Chi-Pin")
    gong = catalog.get("gong2024reliable")
    assert (gong.venue.id, gong.doi, gong.pages, gong.volume) == ("eccv", "10.1007/978-3-031-73668-1_5", "73--88", "15111")
    assert catalog.get("han2025adaptive").openreview == "PdBEggnDIl"
    assert catalog.get("fan2024salun").title == "SalUn: Empowering Machine Unlearning via Gradient-based Weight Saliency in Both Image Classification and Generation"
    assert catalog.get("lu2024mace").title == "{MACE:} Mass Concept Erasure in Diffusion Models"
    # README blocks: a model card with no venue stops the import, naming the entry; nothing is written
    before = path.read_bytes()
    result = run("import", "--from", "bibtex", BIB / "readme.bib", "--papers", path)
    assert result.exit_code == 1
    assert "readme.bib:74: entry 'stablediffusion' names no venue" in result.stderr
    assert path.read_bytes() == before


def test_unknown_venue_is_an_error_naming_it(run, shipped, tmp_path):
    bib = tmp_path / "new.bib"
    bib.write_text("@inproceedings{x2024,\n  title={A Paper},\n  author={Doe, Jane},\n"
                   "  booktitle={Proceedings of the Symposium on Imaginary Results},\n  year={2024}\n}\n")
    before = shipped.read_bytes()
    result = run("import", "--from", "bibtex", bib, "--papers", shipped, "--section", "benchmark")
    assert result.exit_code == 1
    assert "new.bib:1: unknown venue 'Proceedings of the Symposium on Imaginary Results' in entry 'x2024'" in result.stderr
    assert shipped.read_bytes() == before


def test_section_is_required_and_checked(run, shipped):
    result = run("import", "--from", "bibtex", BIB / "scholar.bib", "--papers", shipped)
    assert result.exit_code == 1 and "choose the section" in result.stderr
    result = run("import", "--from", "bibtex", BIB / "scholar.bib", "--papers", shipped, "--section", "nope")
    assert result.exit_code == 1 and "unknown section 'nope'" in result.stderr


def test_dry_run_shows_the_change_and_writes_nothing(run, shipped):
    before = shipped.read_bytes()
    result = run("import", "--from", "bibtex", BIB / "scholar.bib", "--papers", shipped, "--section", "benchmark", "--dry-run")
    assert result.exit_code == 0
    assert f"--- {shipped}\n+++ {shipped}\n" in result.stdout
    assert "+  - key: rombach2022high\n" in result.stdout
    assert shipped.read_bytes() == before


def test_default_catalog_is_the_repos_papers_yaml(run):
    before = (ROOT / "papers.yaml").read_bytes()
    result = run("import", "--from", "markdown", UPSTREAM, "--dry-run")
    assert result.exit_code == 0
    assert "41 rows seen, 0 imported, 40 merged, 1 reported" in result.stderr
    assert result.stdout == ""
    assert (ROOT / "papers.yaml").read_bytes() == before


def test_bib_titles_keep_protection_and_decode_accents():
    assert bib_title("{{Whole Title Protected}}") == "Whole Title Protected"
    assert bib_title("{MACE}: Mass Concept Erasure") == "{MACE}: Mass Concept Erasure"
    assert bib_title("Sch{\\\"o}nes   {\\\"U}bel in {GAN}s") == "Schönes Übel in {GAN}s"
