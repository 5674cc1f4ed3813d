"""Bundle additions: RIS, per-section files, CITATION.cff, CHANGES.md; `unlearn-bib diff`."""
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATA, EDGE

PREVIOUS = DATA / "previous"


def _release(tmp_path, *args, epoch="1764547200"):
    import os

    out = tmp_path / "dist"
    done = subprocess.run([sys.executable, "-m", "unlearn_bib", "release", "--out", str(out), *map(str, args)],
                          capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch})
    return out, done


@pytest.fixture(scope="module")
def edge_bundle(tmp_path_factory):
    out, done = _release(tmp_path_factory.mktemp("edge"), "--papers", EDGE, "--previous", PREVIOUS / "manifest.json",
                         "--release-name", "v2025.12")
    assert done.returncode == 0, done.stderr
    return out


def test_per_section_files_hold_exactly_their_section(edge_bundle, run):
    from unlearn_bib.catalog.load import load_catalog

    catalog = load_catalog(EDGE)
    for section in catalog.sections:
        keys = sorted(p.key for p in catalog if p.section == section.id)
        for suffix, fmt in ((".bib", "bibtex"), ("-biblatex.bib", "biblatex")):
            path = edge_bundle / f"refs-{section.id}{suffix}"
            if not keys:
                assert not path.exists()
                continue
            args = ["export", "--papers", EDGE, "--format", fmt, "--section", section.id]
            assert path.read_text() == run(*args).stdout
            assert [line.split("{")[1].rstrip(",") for line in path.read_text().splitlines() if line.startswith("@") and not line.startswith("@preamble")] == keys


def test_ris_in_bundle_equals_export(edge_bundle, run):
    assert (edge_bundle / "refs.ris").read_bytes() == run("export", "--papers", EDGE, "--format", "ris").stdout_bytes


def test_manifest_lists_every_new_file_with_its_checksum(edge_bundle):
    manifest = json.loads((edge_bundle / "manifest.json").read_text())
    new = {"refs.ris", "CITATION.cff", "CHANGES.md"} | {n for n in manifest["files"] if n.startswith("refs-") and n != "refs-biblatex.bib"}
    assert {"refs.ris", "CITATION.cff", "CHANGES.md", "refs-methods.bib", "refs-methods-biblatex.bib", "refs-attacks.bib"} <= new
    for name in new:
        data = (edge_bundle / name).read_bytes()
        assert manifest["files"][name] == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    sums = (edge_bundle / "SHA256SUMS").read_text()
    assert all(f"  {name}\n" in sums for name in new)


def test_citation_cff_golden_and_valid_against_the_cff_schema(edge_bundle, golden):
    text = (edge_bundle / "CITATION.cff").read_text()
    golden("CITATION.cff", text)
    data = yaml.safe_load(text)
    assert data["cff-version"] == "1.2.0" and data["type"] == "dataset"
    assert data["repository-code"] == "https://github.com/hxxdtd/Awesome-Diffusion-Model-Unlearning"
    assert data["date-released"] == "2025-12-01" and data["version"] == "v2025.12"  # the list's release
    assert data["authors"] == [{"name": "Awesome Diffusion Model Unlearning",
                                "website": "https://github.com/hxxdtd/Awesome-Diffusion-Model-Unlearning"}]
    assert data["abstract"].startswith("5 papers ")
    # The schema file cffconvert ships, located without importing the package: .ci/run installs it
    # with --no-deps (it pins jsonschema<4), so its own imports may be missing.
    import importlib.util

    spec = importlib.util.find_spec("cffconvert")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("cffconvert (the CFF schema) is not installed: pip install --no-deps cffconvert")
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(list(spec.submodule_search_locations)[0]) / "schemas" / "1.2.0" / "schema.json"
    schema = json.loads(schema_path.read_text())
    jsonschema.validate(data, schema)
    broken = dict(data, authors=[])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)  # the validator does reject a bad file


def test_citation_cff_has_no_date_without_source_date_epoch(tmp_path):
    out, done = _release(tmp_path, "--papers", EDGE, epoch="")
    assert done.returncode == 0, done.stderr
    assert "date-released" not in yaml.safe_load((out / "CITATION.cff").read_text())


def test_changes_md_golden(edge_bundle, golden):
    golden("edge.CHANGES.md", (edge_bundle / "CHANGES.md").read_text())


def test_diff_prints_what_changes_md_holds(edge_bundle, run):
    result = run("diff", PREVIOUS / "manifest.json", EDGE)
    assert result.exit_code == 0, result.stderr
    changes = (edge_bundle / "CHANGES.md").read_text()  # its heading names the release (--release-name)
    assert changes.startswith("# What changed in v2025.12\n") and result.stdout.startswith("# What changed\n")
    assert result.stdout.split("\n", 1)[1] == changes.split("\n", 1)[1]
    # a papers.json gives the same lists (only the header's description differs)
    by_json = run("diff", PREVIOUS / "papers.json", EDGE).stdout
    assert by_json.split("\n", 3)[3] == result.stdout.split("\n", 3)[3]


def test_diff_content():
    from unlearn_bib.release import changes
    from unlearn_bib.catalog.load import load_catalog

    diff = changes.compare(changes.load(str(PREVIOUS / "manifest.json")), changes.Snapshot(load_catalog(EDGE), "now"))
    assert [p.key for p in diff.added] == ["zhang2024workshop"]
    assert [p.key for p in diff.removed] == ["smith2023gone"]
    assert [(o.key, changes.venue_label(o), changes.venue_label(n)) for o, n in diff.published] == [
        ("vanderberg2024receler", "arXiv 2023", "ECCV 2024")]
    assert [(o.key, n.key) for o, n in diff.renamed] == [("dang2024zoo", "dang2025zoo")]
    assert [(k, f) for k, f, _, _ in diff.corrected] == [("dang2025zoo", "authors"), ("lee2024journal", "title"),
                                                         ("lee2024journal", "pages")]
    assert ("lee2024journal", "pages", "1--11", "1--12") in diff.corrected


def test_release_of_the_same_catalog_reports_no_changes(tmp_path, run):
    first, done = _release(tmp_path / "a", "--papers", EDGE)
    assert done.returncode == 0, done.stderr
    second, done = _release(tmp_path / "b", "--papers", EDGE, "--previous", first / "manifest.json")
    assert done.returncode == 0, done.stderr
    assert "No changes." in (second / "CHANGES.md").read_text()
    assert run("diff", first / "papers.json", EDGE).stdout.endswith("0 keys changed.\n\nNo changes.\n")


def test_changes_are_escaped_in_markdown_and_html(edge_bundle):
    text = (edge_bundle / "CHANGES.md").read_text()
    assert "\\*Not\\*" in text and "<b>" not in text
    page = (edge_bundle / "index.html").read_text()
    assert '<section id="changes"' in page and "Receler-Like: MACE-style Erasing of Text-to-Image Models via R.A.C.E. &amp; 100% $LoRA$: arXiv 2023 → ECCV 2024" in page


def test_page_offers_ris_sections_and_shows_preprint_paths(edge_bundle):
    page = (edge_bundle / "index.html").read_text()
    assert '<a href="refs.ris">RIS (EndNote, Mendeley, Zotero)</a>' in page
    assert '<a href="CITATION.cff">CITATION.cff</a>' in page and '<a href="CHANGES.md">' in page
    assert 'Methods: <a href="refs-methods.bib">BibTeX</a> · <a href="refs-methods-biblatex.bib">BibLaTeX</a>' in page
    assert '<small class="path" title="first seen as a preprint">arXiv 2023 → ECCV 2024</small>' in page


def test_preprint_path_on_the_shipped_catalog():
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.release.webpage import preprint_path

    catalog = load_catalog(None)
    assert preprint_path(catalog.get("huang2024receler")) == "arXiv 2023 → ECCV 2024"
    assert preprint_path(catalog.get("lyu2024one")) == "arXiv 2023 → CVPR 2024"  # list says 2024; its arXiv id 2312 says 2023
    assert preprint_path(catalog.get("lu2024mace")) == ""  # arXiv and CVPR in the same year
    assert preprint_path(catalog.get("pham2024robust")) == ""  # still a preprint
    assert sum(1 for p in catalog if preprint_path(p)) == 19


@pytest.mark.parametrize("content, message", [
    ('{"a": 1}', "not an unlearn-bib manifest.json, a CSL-JSON list of papers or a papers.yaml catalog"),
    ("hello", "not an unlearn-bib manifest.json, a CSL-JSON list of papers or a papers.yaml catalog (not JSON)"),
    ('{"tool": "unlearn-bib", "files": {}}', "the manifest lists no papers.json to compare with"),
])
def test_bad_previous_is_one_line_naming_the_file(tmp_path, content, message):
    bad = tmp_path / "old.json"
    bad.write_text(content)
    out, done = _release(tmp_path, "--papers", EDGE, "--previous", bad)
    assert done.returncode == 1 and not out.exists()
    assert done.stderr.strip() == f"Error: {bad}: {message}"


def test_previous_manifest_whose_papers_json_was_altered(tmp_path):
    shutil.copytree(PREVIOUS, tmp_path / "old")
    (tmp_path / "old" / "papers.json").write_text("[]\n")
    out, done = _release(tmp_path, "--papers", EDGE, "--previous", tmp_path / "old" / "manifest.json")
    assert done.returncode == 1 and "does not match the sha256" in done.stderr and str(tmp_path / "old" / "papers.json") in done.stderr


def test_release_workflow_passes_the_previous_release():
    from conftest import ROOT

    release = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    runs = "\n".join(s.get("run", "") for s in release["jobs"]["release"]["steps"])
    assert "gh release download" in runs and "--pattern manifest.json --pattern papers.json" in runs
    assert "args=(--previous previous/manifest.json)" in runs


def test_a_section_id_that_cannot_name_a_file_is_refused():
    import dataclasses

    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.errors import UnlearnBibError
    from unlearn_bib.release.bundle import section_files
    from unlearn_bib.catalog.model import Catalog, Section

    catalog = load_catalog(EDGE)
    bad = Catalog(tuple(dataclasses.replace(p, section="../evil") for p in catalog), (Section("../evil", "Evil"),), "x.yaml")
    with pytest.raises(UnlearnBibError, match=r"section id '\.\./evil' cannot name a file"):
        section_files(bad)
