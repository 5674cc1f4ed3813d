"""styles/index.json: the style index as read from index.yaml, so that a run need not load PyYAML.

The JSON copy carries a checksum of the YAML it was made from; a YAML edited since (a user's
checkout) is read as YAML, so the copy can be stale but never wrong.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from unlearn_bib.csl import styles


def _from_yaml(folder):
    """The index the long way: PyYAML through files.yamlio, as before the JSON copy."""
    from unlearn_bib.files.yamlio import load_yaml

    data = load_yaml((folder / "index.yaml").read_bytes(), "index.yaml")
    return {str(k): (v["csl"], str(v.get("title", "")), str(v.get("note", ""))) for k, v in data.items()}


def test_the_json_copy_is_the_yaml_as_pyyaml_reads_it():
    folder = styles.styles_dir()
    assert (folder / "index.json").read_text(encoding="utf-8") == styles.index_cache_text(
        (folder / "index.yaml").read_bytes(), "index.yaml"), (
        "styles/index.json is out of date: run `python -m unlearn_bib.csl.styles` to rewrite it")
    copy = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    assert list(copy["styles"]) == list(_from_yaml(folder))  # file order kept
    read = styles.read_index(folder)
    assert {name: (s.csl, s.title, s.note) for name, s in read.items()} == _from_yaml(folder)
    assert list(read) == list(_from_yaml(folder))


def test_a_yaml_edited_after_the_copy_is_read_as_yaml(tmp_path):
    folder = styles.styles_dir()
    (tmp_path / "index.json").write_bytes((folder / "index.json").read_bytes())
    (tmp_path / "index.yaml").write_text("ieee:\n  csl: my-ieee\n  title: Mine\n", encoding="utf-8")
    read = styles.read_index(tmp_path)
    assert list(read) == ["ieee"] and read["ieee"].csl == "my-ieee" and read["ieee"].title == "Mine"


def test_no_json_copy_reads_the_yaml(tmp_path):
    (tmp_path / "index.yaml").write_text("a:\n  csl: b\n  note: >-\n    one\n    two\n", encoding="utf-8")
    read = styles.read_index(tmp_path)
    assert read["a"].csl == "b" and read["a"].note == "one two"


def test_resolving_a_short_name_does_not_load_pyyaml():
    code = ("import sys; from unlearn_bib.csl import styles; "
            "assert styles.resolve('vancouver').csl == 'nlm-citation-sequence'; "
            "print('yaml' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_rewrite_tool_writes_only_into_a_checkout(tmp_path):
    """``python -m unlearn_bib.csl.styles`` rewrites a checkout's styles/index.json (a copy of this
    checkout here) and refuses an installed package's folder, writing nothing there."""
    root = Path(__file__).resolve().parents[1]
    checkout = tmp_path / "checkout"
    shutil.copytree(root / "src" / "unlearn_bib", checkout / "src" / "unlearn_bib",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (checkout / "styles").mkdir()
    shutil.copy(root / "styles" / "index.yaml", checkout / "styles" / "index.yaml")
    shutil.copy(root / "pyproject.toml", checkout / "pyproject.toml")
    ran = subprocess.run([sys.executable, "-m", "unlearn_bib.csl.styles"], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(checkout / "src")}, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert (checkout / "styles" / "index.json").read_bytes() == (root / "styles" / "index.json").read_bytes()
    installed = tmp_path / "site-packages"
    shutil.copytree(checkout / "src" / "unlearn_bib", installed / "unlearn_bib")
    packaged = installed / "unlearn_bib" / "styles"
    packaged.mkdir(exist_ok=True)
    shutil.copy(root / "styles" / "index.yaml", packaged / "index.yaml")
    ran = subprocess.run([sys.executable, "-m", "unlearn_bib.csl.styles"], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(installed)}, cwd=tmp_path)
    assert ran.returncode != 0 and "installed package" in ran.stderr
    assert not (packaged / "index.json").exists()
