"""The parse cache for large catalogs: same output, invalidated by any change to the file."""
import subprocess
import sys

from conftest import ROOT


def test_cache_hit_gives_identical_output_and_change_misses(tmp_path, monkeypatch):
    catalog = tmp_path / "big.yaml"
    subprocess.run([sys.executable, ROOT / "benchmarks" / "make_catalog.py", "--papers", "600", "--out", catalog], check=True)
    assert catalog.stat().st_size > 256 * 1024
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path / "cache"))
    from unlearn_bib.catalog import load_catalog
    from unlearn_bib.export.bibtex import render_bibtex

    first = render_bibtex(load_catalog(catalog))
    assert len(list((tmp_path / "cache").glob("catalog-*.json"))) == 1
    second = render_bibtex(load_catalog(catalog))
    assert first == second
    text = catalog.read_text().replace("title: 'STEREO0:", "title: 'CHANGED0:", 1)
    assert "CHANGED0" in text
    catalog.write_text(text)
    third = render_bibtex(load_catalog(catalog))
    assert "CHANGED0" in third and third != first
    assert len(list((tmp_path / "cache").glob("catalog-*.json"))) == 2


def test_small_catalogs_and_disabled_cache_write_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path / "cache"))
    from unlearn_bib.catalog import load_catalog

    load_catalog()
    assert not (tmp_path / "cache").exists()


def test_a_change_to_the_code_that_builds_a_catalog_misses(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    from unlearn_bib import cache as module

    raw = b"x" * (256 * 1024)
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path))
    before = module.cache_file(raw, "big.yaml", True)
    assert module.cache_file(raw, "big.yaml", True) == before
    copy = tmp_path / "src"
    shutil.copytree(Path(module.__file__).parent, copy)
    real = module.builder_source
    assert real(copy) == real()
    (copy / "validate.py").write_text((copy / "validate.py").read_text() + "\n# a new rule\n")
    monkeypatch.setattr(module, "builder_source", lambda: real(copy))
    assert module.cache_file(raw, "big.yaml", True) != before
