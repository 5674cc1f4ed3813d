"""A field value followed by more text (a missing comma) is a located error, at the line
pandoc 3.9 names ("(line 3, column 3): unexpected 'a'"), not a title swallowing the next field."""
from __future__ import annotations

MISSING_COMMA = "@article{a,\n  title={Missing comma}\n  author={X, Y},\n  year={2020}\n}\n"


def test_a_missing_comma_is_reported_where_pandoc_reports_it(run, tmp_path):
    path = tmp_path / "broken.bib"
    path.write_text(MISSING_COMMA, encoding="utf-8")
    result = run("export", "--papers", path, "--format", "text", "--style", "apa")
    assert result.exit_code == 1 and result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert f"{path}:3: entry 'a': field 'title': unexpected 'author={{X, Y}}' after its value" in lines[0]


def test_values_joined_by_hash_and_bare_macros_still_read(run, tmp_path):
    path = tmp_path / "ok.bib"
    path.write_text('@string{ieee = "IEEE Trans"}\n@article{a, title={S}, author={X, Y},\n'
                    '  journal=ieee # " on X", year=2020, month=jun}\n', encoding="utf-8")
    result = run("export", "--papers", path, "--format", "text", "--style", "apa")
    assert result.stdout == "X, Y. (2020). S. IEEE Trans on X.\n", result.stderr
