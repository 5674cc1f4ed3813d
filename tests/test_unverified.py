"""Records `check` rejects as unverified are shipped by `release`, but marked: on the page and in the manifest."""
import json
import re

import pytest

from conftest import EDGE, ROOT, UNVERIFIED_RECORD

UNVERIFIED = UNVERIFIED_RECORD


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.release.bundle import build

    path = tmp_path_factory.mktemp("cat") / "papers.yaml"
    path.write_text(EDGE.read_text() + UNVERIFIED)
    marked = build(load_catalog(path), path.read_bytes())
    clean = build(load_catalog(EDGE), EDGE.read_bytes())
    return marked, clean, path


def test_check_rejects_the_record_release_ships(run, bundles):
    path = bundles[2]
    result = run("check", "--papers", path)
    assert result.exit_code == 1 and "anon2024table' needs verification" in result.stderr
    assert "anon2024table" not in bundles[0]["refs.bib"].decode()  # left out: no authors (issue 21)


def test_manifest_lists_unverified_records(bundles):
    marked, clean, _ = bundles
    assert json.loads(marked["manifest.json"])["unverified"] == ["anon2024table"]
    assert json.loads(clean["manifest.json"])["unverified"] == []


def test_page_marks_them_and_never_calls_them_verified(bundles):
    marked, clean, _ = bundles
    page = marked["index.html"].decode()
    row = re.search(r'<tr data-key="anon2024table"[^>]*>.*?</tr>', page, re.S).group(0)
    assert 'data-verified="no"' in row and '<span class="unverified"' in row and ">unverified</span>" in row
    assert page.count('class="unverified"') == 1
    assert "verified bibliography" not in page
    assert "A bibliography of 6 papers: 5 verified, 1 not yet verified" in page
    assert "A verified bibliography of 5 papers." in clean["index.html"].decode()


def test_shipped_catalog_has_no_unverified_records():
    from unlearn_bib.catalog.load import load_catalog

    assert not [p.key for p in load_catalog(ROOT / "papers.yaml") if p.needs_verification]
