"""Issue 21: what a release ships (no authorless entry, honest "verified", the list's release name),
a --previous inside --out, and release assets that verify and link (items 1, 7, 8, 12)."""
import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import EDGE, ROOT, UNVERIFIED_RECORD, have

AUTHORLESS = UNVERIFIED_RECORD


@pytest.fixture
def catalog_with_authorless(tmp_path):
    path = tmp_path / "papers.yaml"
    path.write_text(EDGE.read_text() + AUTHORLESS)
    return path


def test_release_leaves_authorless_records_out_of_every_bibliography(run, catalog_with_authorless, tmp_path):
    out = tmp_path / "dist"
    result = run("release", "--papers", catalog_with_authorless, "--out", out)
    assert result.exit_code == 0, result.output
    warning = [l for l in result.stderr.splitlines() if "anon2024table" in l]
    assert len(warning) == 1 and "no authors" in warning[0] and "left out" in warning[0]
    assert re.match(r".*papers\.yaml:\d+: warning:", warning[0])
    bibliographies = [p for p in out.rglob("*") if p.is_file() and p.name not in ("index.html", "manifest.json", "tables.md")]
    assert len(bibliographies) > 20
    for path in bibliographies:
        text = path.read_text(encoding="utf-8")
        assert "anon2024table" not in text and "Read From a Table Only" not in text, path
    assert "5 papers" in (out / "CITATION.cff").read_text()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["left_out"] == ["anon2024table"] and manifest["papers"] == 5
    # the page still lists it, marked, without copy buttons (there is nothing verified to copy)
    page = (out / "index.html").read_text()
    row = re.search(r'<tr data-key="anon2024table"[^>]*>.*?</tr>', page, re.S).group(0)
    assert ">unverified</span>" in row and "copy-bib" not in row and "not in the bibliographies" in row
    assert '"anon2024table"' not in page.split('id="data">')[1]  # no BibTeX or citation data for it


@pytest.mark.skipif(not have("bibtex", "pdflatex"), reason="needs TeX")
def test_released_refs_bib_compiles_without_empty_author_warnings(run, catalog_with_authorless, tmp_path):
    out = tmp_path / "dist"
    assert run("release", "--papers", catalog_with_authorless, "--out", out).exit_code == 0
    work = tmp_path / "tex"
    work.mkdir()
    shutil.copy(out / "refs.bib", work / "refs.bib")
    (work / "doc.tex").write_text("\\documentclass{article}\\usepackage{natbib}\\begin{document}\\nocite{*}"
                                  "\\bibliographystyle{plainnat}\\bibliography{refs}\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "doc"], cwd=work, capture_output=True, timeout=120)
    log = subprocess.run(["bibtex", "doc"], cwd=work, capture_output=True, text=True, timeout=120).stdout
    assert "empty author" not in log and "anon" not in (work / "doc.bbl").read_text()


def test_citation_cff_says_verified_only_when_every_shipped_record_is(tmp_path):
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.release.bundle import build

    path = tmp_path / "papers.yaml"  # an unverified record that has authors ships, so the claim must go
    path.write_text(EDGE.read_text() + AUTHORLESS + "    authors:\n      - {family: Roe, given: Jane}\n")
    cff = build(load_catalog(path), path.read_bytes())["CITATION.cff"].decode()
    assert "verified" not in cff.replace("not yet verified", "")
    assert "a verified bibliography" in build(load_catalog(EDGE), EDGE.read_bytes())["CITATION.cff"].decode()


def test_citation_cff_and_changes_name_the_lists_release_not_the_tool(run, tmp_path):
    from unlearn_bib import __version__

    first, second = tmp_path / "v1", tmp_path / "v2"
    assert run("release", "--papers", EDGE, "--out", first, "--release-name", "v2025.01").exit_code == 0
    result = run("release", "--papers", EDGE, "--out", second, "--release-name", "v2025.02",
                 "--previous", first / "manifest.json")
    assert result.exit_code == 0, result.output
    cff = yaml.safe_load((second / "CITATION.cff").read_text())
    assert cff["version"] == "v2025.02"
    changes = (second / "CHANGES.md").read_text()
    assert changes.startswith("# What changed in v2025\\.02") or changes.startswith("# What changed in v2025.02")
    assert "release v2025.01" in changes and __version__ not in changes
    assert "CHANGES.md: compared with release v2025.01" in result.stderr
    unnamed = tmp_path / "v0"
    assert run("release", "--papers", EDGE, "--out", unnamed).exit_code == 0
    assert "version" not in yaml.safe_load((unnamed / "CITATION.cff").read_text())  # never the tool's version
    bad = run("release", "--papers", EDGE, "--out", tmp_path / "x", "--release-name", "v1\nmessage: x")
    assert bad.exit_code == 2 and "--release-name" in bad.stderr


def test_previous_inside_out_is_refused_and_the_real_changes_survive(run, tmp_path):
    dist, old = tmp_path / "dist", tmp_path / "old"
    assert run("release", "--papers", EDGE, "--out", old).exit_code == 0
    bigger = tmp_path / "papers.yaml"
    bigger.write_text(EDGE.read_text() + AUTHORLESS + "    authors:\n      - {family: Roe, given: Jane}\n")
    assert run("release", "--papers", bigger, "--out", dist, "--previous", old / "manifest.json").exit_code == 0
    real = (dist / "CHANGES.md").read_text()
    assert "Added (1)" in real
    rerun = run("release", "--papers", bigger, "--out", dist, "--previous", dist / "manifest.json")
    assert rerun.exit_code == 2 and "inside --out" in rerun.stderr and "copy the previous release" in rerun.stderr
    assert (dist / "CHANGES.md").read_text() == real


# --- item 8: what the release workflow uploads -----------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and not re.match(r"^(https?:|mailto:|#|data:|blob:)", value):
                self.links.append(value)


def _upload_step() -> str:
    flow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    return next(s["run"] for s in flow["jobs"]["release"]["steps"] if "gh release create" in s.get("run", ""))


def _sums(text: str) -> dict[str, str]:
    return {line[66:]: line[:64] for line in text.splitlines()}


@pytest.mark.skipif(not have("bash", "sha256sum"), reason="needs bash and sha256sum")
def test_workflow_uploads_assets_that_verify_and_link(run, tmp_path):
    work = tmp_path / "runner"
    work.mkdir()
    assert run("release", "--papers", EDGE, "--out", work / "dist").exit_code == 0
    fake = tmp_path / "bin"
    fake.mkdir()
    assets = tmp_path / "assets"
    (fake / "gh").write_text(f'#!/bin/sh\nmkdir -p "{assets}"\nfor a in "$@"; do [ -f "$a" ] && cp "$a" "{assets}/"; done\nexit 0\n')
    (fake / "gh").chmod(0o755)
    (fake / "python").write_text(f'#!/bin/sh\nexec "{os.sys.executable}" "$@"\n')
    (fake / "python").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}", GITHUB_REF_NAME="v9.9.9", GH_TOKEN="x")
    done = subprocess.run(["bash", "-e", "-c", _upload_step()], cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    uploaded = {p.name for p in assets.iterdir()}
    sums = _sums((assets / "SHA256SUMS").read_text())
    # every file uploaded under its own name is the file SHA256SUMS names
    flat = [n for n in uploaded if not n.endswith(".zip")]
    assert "refs.bib" in flat and not [n for n in flat if n.startswith("style-")]
    for name in flat:
        assert hashlib.sha256((assets / name).read_bytes()).hexdigest() == sums.get(name, "-") or name in (
            "SHA256SUMS", "manifest.json"), name
    check = subprocess.run(["sha256sum", "-c", "--ignore-missing", "SHA256SUMS"], cwd=assets, capture_output=True, text=True)
    assert check.returncode == 0 and "FAILED" not in check.stdout
    # the archive holds the whole bundle: every checksum verifies and every link of its page resolves
    archives = [n for n in uploaded if n.endswith(".zip")]
    assert len(archives) == 1
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(assets / archives[0]) as z:
        z.extractall(unpacked)
    (bundle,) = list(unpacked.iterdir())
    full = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=bundle, capture_output=True, text=True)
    assert full.returncode == 0, full.stdout + full.stderr
    assert full.stdout.count(": OK") == len(sums)
    parser = _Links()
    parser.feed((bundle / "index.html").read_text())
    assert len(parser.links) > 20 and any(l.startswith("styles/") for l in parser.links)
    for link in parser.links:
        assert (bundle / link).is_file(), link
    # a page uploaded on its own would have dead links: it must not be, or its links must resolve
    if "index.html" in uploaded:
        for link in parser.links:
            assert link in uploaded, link
