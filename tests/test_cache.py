"""The parse cache for large catalogs: same output, invalidated by any change to the file."""
import os
import subprocess
import sys

from conftest import EDGE, ROOT


def test_cache_hit_gives_identical_output_and_change_misses(tmp_path, monkeypatch):
    catalog = tmp_path / "big.yaml"
    subprocess.run([sys.executable, ROOT / "benchmarks" / "make_catalog.py", "--papers", "600", "--out", catalog], check=True)
    assert catalog.stat().st_size > 256 * 1024
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path / "cache"))
    from unlearn_bib.catalog.load import load_catalog
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
    from unlearn_bib.catalog.load import load_catalog

    assert EDGE.stat().st_size < 16 * 1024
    load_catalog(EDGE)
    assert not (tmp_path / "cache").exists()
    catalog = tmp_path / "mid.yaml"
    subprocess.run([sys.executable, ROOT / "benchmarks" / "make_catalog.py", "--papers", "40", "--out", catalog], check=True)
    monkeypatch.setenv("UNLEARN_BIB_CACHE", "0")
    load_catalog(catalog)
    assert not (tmp_path / "cache").exists()


def test_a_catalog_the_size_of_the_shipped_one_is_cached(tmp_path, monkeypatch):
    """From 16 KB on (the shipped catalog is about 64 KB): a hit skips the YAML parse and the
    validation, what `export` would otherwise spend most of its start-up on."""
    catalog = tmp_path / "mid.yaml"
    subprocess.run([sys.executable, ROOT / "benchmarks" / "make_catalog.py", "--papers", "40", "--out", catalog], check=True)
    assert 16 * 1024 <= catalog.stat().st_size < 256 * 1024
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path / "cache"))
    from unlearn_bib.catalog.load import load_catalog

    first = load_catalog(catalog)
    assert len(list((tmp_path / "cache").glob("catalog-*.json"))) == 1
    assert load_catalog(catalog) == first
    code = ("import sys\nfrom unlearn_bib.catalog.load import load_catalog\n"
            f"load_catalog({str(catalog)!r})\n"
            "print(sorted(m for m in ('yaml', 'unlearn_bib.catalog.validate') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "UNLEARN_BIB_CACHE_DIR": str(tmp_path / "cache")})
    assert done.stdout.strip() == "[]"  # a hit neither parses YAML nor validates


def test_a_change_to_the_code_that_builds_a_catalog_misses(tmp_path, monkeypatch):
    import importlib.machinery
    import importlib.util
    from pathlib import Path

    from unlearn_bib.catalog import cache as module

    raw = b"x" * (256 * 1024)
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path))
    before = module.cache_file(raw, "big.yaml", True)
    assert module.cache_file(raw, "big.yaml", True) == before
    real_find = importlib.util.find_spec
    copy = tmp_path / "validate.py"
    copy.write_text(Path(real_find("unlearn_bib.catalog.validate").origin).read_text() + "\n# a new rule\n")

    def find_spec(name, *args):
        if name == "unlearn_bib.catalog.validate":
            return importlib.machinery.ModuleSpec(name, None, origin=str(copy))
        return real_find(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    assert module.cache_file(raw, "big.yaml", True) != before


def test_the_cache_key_names_modules_not_files(tmp_path, monkeypatch):
    """The key is found by import name, so moving a file keeps the cache; a module that cannot be
    found turns the cache off (no safe key) instead of keying on less code."""
    from unlearn_bib.catalog import cache as module

    assert all(name.startswith("unlearn_bib.") for name in module.BUILDER_MODULES)
    monkeypatch.setattr(module, "BUILDER_MODULES", module.BUILDER_MODULES + ("unlearn_bib.no_such_module",))
    monkeypatch.setattr(module.builder_source, "__defaults__", (module.BUILDER_MODULES,))
    monkeypatch.setenv("UNLEARN_BIB_CACHE_DIR", str(tmp_path))
    assert module.cache_file(b"x" * (256 * 1024), "big.yaml", True) is None


def test_the_cache_key_covers_every_module_the_catalog_builder_imports():
    """A module that load, validate or cache imports (at any depth) but the key leaves out could change
    how a catalog is built while old cached catalogs are still read."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_architecture import PACKAGE, import_graph

    from unlearn_bib.catalog import cache

    graph = import_graph(PACKAGE)
    seen, todo = set(), ["unlearn_bib.catalog.load", "unlearn_bib.catalog.validate", "unlearn_bib.catalog.cache"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph.get(name, ()))
    assert seen - {"unlearn_bib"} == set(cache.BUILDER_MODULES)
