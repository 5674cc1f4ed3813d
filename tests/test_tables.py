"""The list's tables read back: parsing, `export --format tables --check FILE`, the pre-commit hooks."""
import shutil

import yaml

from conftest import DATA, EDGE, ROOT
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.export.tables import compare, paper_tables, render, split_cells

SEED = DATA / "markdown" / "awesome-diffusion-model-unlearning.md"


def test_split_cells_keeps_escaped_pipes_and_code():
    assert split_cells("| [A \\| B](u) | `x|y` |  |") == ["[A \\| B](u)", "`x|y`", ""]
    assert split_cells("|a|b|") == ["a", "b"]


def test_seed_tables_are_read_with_their_headings():
    tables = paper_tables(SEED.read_text())
    assert [(t.title, t.line, len(t.rows)) for t in tables] == [
        ("Concept Unlearning", 18, 22), ("Concept Restoration", 45, 4), ("Benchmark", 54, 1)]
    assert tables[1].header == ["Paper", "Year", "Venue", "Code", "Type"]
    assert tables[0].rows[13] == (33, [
        "[All but One: Surgical Concept Erasing with Model Preservation in Text-to-Image Diffusion Models](https://arxiv.org/abs/2312.12807)",
        "2023", "AAAI 2024", ""])


def _repad(text):
    """The same tables with other padding and alignment rows: still current."""
    out = []
    for line in text.splitlines():
        if line.startswith("| :---:"):
            line = "|" + "|".join("---" for _ in line.split("|")[1:-1]) + "|"
        elif line.startswith("|"):
            line = "|" + "|".join(f"   {c.strip()}  " for c in line.split(" | ")).strip("| ") + "|"
        out.append(line)
    return "# My list\n\nIntro text.\n\n" + "\n".join(out) + "\n\n## Contributors\n\n| Name |\n| --- |\n| me |\n"


def test_compare_ignores_padding_but_not_content():
    catalog = load_catalog(EDGE)
    text = render(catalog)
    assert compare(catalog, text, "R.md") == []
    assert compare(catalog, _repad(text), "R.md") == []
    changed = text.replace("| 2024 | TPAMI 2024 |", "| 2024 | TPAMI 2023 |")
    diff = compare(catalog, changed, "R.md")
    assert diff[0] == "R.md:6: 'Methods': replace"
    assert diff[1].startswith("-| [A Journal Article on Unlearning]") and diff[1].endswith("| 2024 | TPAMI 2023 |  |")
    assert diff[2].endswith("| 2024 | TPAMI 2024 |  |")
    dropped = "\n".join(line for line in text.splitlines() if "Forget-Me-Too" not in line)
    assert compare(catalog, dropped, "R.md")[0] == "R.md:7: 'Methods': insert"
    renamed = text.replace("## Attacks", "## Attacks on Models")
    diff = compare(catalog, renamed, "R.md")
    assert "R.md: no table under a heading 'Attacks' (2 rows in the catalog)" in diff
    assert any("table under 'Attacks on Models' has no section in the catalog" in d for d in diff)


def test_check_option_exit_codes(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(_repad(run("export", "--format", "tables", "--papers", EDGE).stdout))
    result = run("export", "--format", "tables", "--papers", EDGE, "--check", readme)
    assert result.exit_code == 0 and result.stdout == ""
    readme.write_text(readme.read_text().replace("[GitHub](https://github.com/example/receler)", ""))
    result = run("export", "--format", "tables", "--papers", EDGE, "--check", readme)
    assert result.exit_code == 1
    assert "'Methods': replace" in result.stdout and "out of date" in result.stderr
    assert run("export", "--format", "bibtex", "--check", readme).exit_code == 2
    assert run("export", "--format", "tables", "--check", tmp_path / "missing.md").exit_code == 1


def test_pre_commit_hooks_run_as_declared(run, tmp_path, monkeypatch):
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"unlearn-bib-check", "unlearn-bib-tables"}
    monkeypatch.chdir(tmp_path)
    shutil.copy(EDGE, tmp_path / "papers.yaml")
    (tmp_path / "README.md").write_text("# List\n\n" + run("export", "--format", "tables", "--papers", EDGE).stdout)

    def hook(name):
        entry = hooks[name]["entry"].split()
        assert entry[0] == "unlearn-bib" and hooks[name]["language"] == "python"
        return run(*entry[1:], *hooks[name]["args"])

    assert hook("unlearn-bib-check").exit_code == 0
    assert hook("unlearn-bib-tables").exit_code == 0
    (tmp_path / "README.md").write_text((tmp_path / "README.md").read_text().replace("| 2025 | NAACL Findings 2025 |", "| 2025 | NAACL 2025 |"))
    assert hook("unlearn-bib-tables").exit_code == 1
