"""A brace or quote never closed in a .bib is named in the user's terms at the line where it opens,
with the line where the entry runs into the next one (where pandoc 3.9 reports it), on every .bib path."""
from __future__ import annotations

import pytest

FINE = "@article{b, title={Fine}, author={Roe, R}, year=2021, booktitle={CVPR}}\n"
CASES = {
    "brace": ("@article{a,\n  title = {Unclosed title,\n  author = {Doe, Jane},\n  year = 2020\n}\n\n" + FINE,
              2, "entry 'a': field 'title': the '{' opened here is never closed (it runs into the next entry at line 7)"),
    "quote": ('@article{a,\n  title = "Unclosed title,\n  author = {Doe, Jane},\n  year = 2020\n}\n\n' + FINE,
              2, "entry 'a': field 'title': the '\"' opened here is never closed (it runs into the next entry at line 7)"),
    "entry": ("@article{a,\n  title = {Closed title},\n  author = {Doe, Jane},\n  year = 2020\n\n" + FINE,
              1, "entry 'a': the '{' opened here is never closed (it runs into the next entry at line 6)"),
}


def _write(tmp_path, text):
    path = tmp_path / "broken.bib"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_papers_names_the_open_delimiter(run, tmp_path, case):
    text, line, message = CASES[case]
    path = _write(tmp_path, text)
    result = run("export", "--papers", path, "--format", "text")
    # the broken entry is reported and left out, the rest is formatted, the exit status says it was not clean
    assert result.exit_code == 1 and result.stdout == "Roe, R. (2021). Fine. CVPR.\n"
    lines = [out for out in result.stderr.splitlines() if out.strip()]
    assert lines == [f"Error: {path}:{line}: {message}",
                     f"{path}: 1 problem (above): that entry is left out, 1 entry used"], result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_normalize_names_the_open_delimiter_and_leaves_the_entry(run, tmp_path, case):
    text, line, message = CASES[case]
    path = _write(tmp_path, text)
    out = tmp_path / "out.bib"
    result = run("normalize", path, "-o", out)
    assert f"{path}:{line}: unreadable: {message}; left unchanged" in result.stderr.splitlines(), result.stderr
    assert "Unexpected block start" not in result.stderr
    assert out.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("case", sorted(CASES))
def test_import_names_the_open_delimiter_and_skips_the_entry(run, tmp_path, case):
    text, line, message = CASES[case]
    path = _write(tmp_path, text)
    catalog = tmp_path / "papers.yaml"
    result = run("import", "--from", "bibtex", path, "--papers", catalog, "--section", "concept-unlearning")
    assert result.exit_code == 0, result.stderr
    assert f"{path}:{line}: skipped: {message}; left unchanged" in result.stderr.splitlines(), result.stderr
    assert f"{path}:7: b: added" in result.stderr or f"{path}:6: b: added" in result.stderr
    assert "Unclosed" not in catalog.read_text(encoding="utf-8")


def test_a_value_open_to_the_end_of_the_file_is_an_error_on_both_readers(run, tmp_path):
    path = _write(tmp_path, FINE + "@article{a,\n  title = {Never closed,\n  year = 2020\n")
    message = f"{path}:3: entry 'a': field 'title': the '{{' opened here is never closed (it runs to the end of the file)"
    exported = run("export", "--papers", path, "--format", "text")
    assert exported.exit_code == 1 and f"Error: {message}" in exported.stderr.splitlines(), exported.stderr
    normalized = run("normalize", path, "-o", tmp_path / "out.bib")
    assert normalized.exit_code == 1 and f"Error: {message}" in normalized.stderr.splitlines(), normalized.stderr
    assert not (tmp_path / "out.bib").exists()


def test_a_well_formed_file_is_not_diagnosed():
    from unlearn_bib.read.bibopen import unclosed

    text = '@article{a, title = {Fine {nested}} # " more", year = 2020, note = "x {"} y"}\n' + FINE
    assert unclosed(text, 0) is None
