"""Keys of imported records follow the catalog's rule as soon as a first author is known (issue 18 item 6):
a provisional anonYEARword key is only for a record without authors."""
from pathlib import Path


def test_a_row_with_authors_gets_the_catalogs_key_and_one_without_a_provisional_one(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(
        "### 2024\n\n"
        "- [Erasing Styles From Diffusion Models](https://arxiv.org/abs/2401.00011)\n"
        "  - Author(s): Ada Lovelace, Charles Babbage\n"
        "- [Forgetting Faces in Generators](https://arxiv.org/abs/2401.00012)\n", encoding="utf-8")
    catalog = tmp_path / "papers.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", catalog)
    assert result.exit_code == 0, result.stderr
    text = Path(catalog).read_text(encoding="utf-8")
    assert "key: lovelace2024erasing" in text
    assert "key: anon2024forgetting" in text
    check = run("check", "--papers", catalog)
    assert check.exit_code == 1
    assert "'lovelace2024erasing' needs verification (imported from a list or .bib: not checked" in check.stderr
    assert "'anon2024forgetting' needs verification (imported from a list or .bib, no authors yet" in check.stderr
