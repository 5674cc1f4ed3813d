"""Every bad catalog gets one readable line naming file, line and problem; exit 1; no traceback."""
from pathlib import Path

import pytest

HEAD = "sections:\n  - id: s\n    title: S\npapers:\n"
GOOD = (
    "  - key: a2024x\n    section: s\n    title: X\n    authors:\n      - {family: A, given: B}\n"
    "    venue: ECCV 2024\n    year: 2024\n    arxiv: '2311.17717'\n    sources: [https://example.org]\n"
)

CASES = [
    ("yaml-syntax", HEAD + GOOD + "  - key: [unclosed\n", 15, "expected"),
    ("duplicate-field", HEAD + GOOD.replace("    title: X\n", "    title: X\n    title: Y\n"), 8, "duplicate field 'title' (first on line 7)"),
    ("duplicate-key", HEAD + GOOD + GOOD.replace("2311.17717", "2401.05779").replace("title: X", "title: Z"), 14, "duplicate citation key 'a2024x'"),
    ("duplicate-arxiv", HEAD + GOOD + GOOD.replace("a2024x", "b2024y").replace("title: X", "title: Z"), 14, "duplicate arXiv id '2311.17717'"),
    ("duplicate-title", HEAD + GOOD + GOOD.replace("a2024x", "b2024y").replace("2311.17717", "2401.05779").replace("title: X", "title: '{x}!'"), 14, "duplicate title"),
    ("duplicate-doi", HEAD + GOOD + "    doi: 10.1007/x_1\n" + GOOD.replace("a2024x", "b2024y").replace("2311.17717", "2401.05779").replace("title: X", "title: Z") + "    doi: 10.1007/X_1\n", 15, "duplicate DOI '10.1007/x_1'"),
    ("duplicate-openreview", HEAD + GOOD + "    openreview: abcdef12\n" + GOOD.replace("a2024x", "b2024y").replace("2311.17717", "2401.05779").replace("title: X", "title: Z") + "    openreview: abcdef12\n", 15, "duplicate OpenReview id 'abcdef12'"),
    ("duplicate-alias-title", HEAD + GOOD + GOOD.replace("a2024x", "b2024y").replace("2311.17717", "2401.05779").replace("title: X", "title: Z\n    title_aliases: ['x']"), 14, "duplicate title"),
    ("missing-field", HEAD + GOOD.replace("    year: 2024\n", ""), 5, "has no 'year'"),
    ("missing-authors", HEAD + GOOD.replace("    authors:\n      - {family: A, given: B}\n", ""), 5, "has no 'authors'"),
    ("missing-sources", HEAD + GOOD.replace("    sources: [https://example.org]\n", ""), 5, "has no 'sources'"),
    ("wrong-type", HEAD + GOOD.replace("year: 2024", "year: twenty"), 11, "year must be an integer, got 'twenty'"),
    ("bad-arxiv", HEAD + GOOD.replace("'2311.17717'", "'2311.17717v2'"), 12, "malformed arXiv id '2311.17717v2'"),
    ("bad-doi", HEAD + GOOD + "    doi: https://doi.org/10.1/x\n", 14, "malformed DOI"),
    ("unknown-venue", HEAD + GOOD.replace("ECCV 2024", "ECCVV 2024"), 10, "unknown venue 'ECCVV' (did you mean 'ECCV'"),
    ("venue-year-mismatch", HEAD + GOOD.replace("ECCV 2024", "ECCV 2023"), 10, "venue says 2023 but year is 2024"),
    ("unknown-section", HEAD + GOOD.replace("section: s", "section: nope"), 6, "unknown section 'nope'"),
    ("unknown-field", HEAD + GOOD + "    venu: x\n", 14, "unknown field 'venu' (did you mean 'venue'?)"),
    ("unbalanced-braces", HEAD + GOOD.replace("title: X", "title: '{MACE: X'"), 7, "unbalanced braces in title"),
    ("python-tag", HEAD + GOOD.replace("title: X", "title: !!python/object/apply:os.system ['echo hi']"), 7, "could not determine a constructor"),
    ("alias", HEAD + GOOD.replace("title: X", "title: &t X").replace("    year: 2024\n", "    year: 2024\n    notes: *t\n"), 7, "anchors and aliases are not allowed"),
    ("bad-author", HEAD + GOOD.replace("{family: A, given: B}", "Jane Doe"), 9, "author 'Jane Doe' must be a mapping"),
    ("not-a-catalog", "- just\n- a list\n", 1, "a catalog is a mapping with 'sections' and 'papers'"),
    ("bad-track", HEAD + GOOD.replace("    venue: ECCV 2024\n", "    venue: ECCV 2024\n    track: findings\n"), 11, "has no track 'findings'"),
]


@pytest.mark.parametrize("name,text,line,message", CASES, ids=[c[0] for c in CASES])
def test_bad_catalog(run, tmp_path, name, text, line, message):
    path = tmp_path / "papers.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "refs.bib"
    out.write_text("GOOD OLD CONTENT")
    result = run("export", "--papers", path, "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"{path}:{line}: " in result.stderr, result.stderr
    assert message in result.stderr, result.stderr
    assert out.read_text() == "GOOD OLD CONTENT"  # nothing replaces a good file
    check = run("check", "--papers", path)
    assert check.exit_code == 1 and message in check.stderr


def test_empty_file(run, tmp_path):
    path = tmp_path / "papers.yaml"
    path.write_bytes(b"  \n")
    result = run("check", "--papers", path)
    assert result.exit_code == 1 and f"{path}: file is empty" in result.stderr


def test_not_utf8(run, tmp_path):
    path = tmp_path / "papers.yaml"
    path.write_bytes((HEAD + GOOD).encode() + b"    notes: caf\xe9\n")
    result = run("check", "--papers", path)
    assert result.exit_code == 1 and f"{path}:14: not valid UTF-8" in result.stderr


def test_missing_file(run, tmp_path):
    result = run("export", "--papers", tmp_path / "nope.yaml")
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_alias_bomb_is_refused_fast(run, tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    path = tmp_path / "papers.yaml"
    path.write_text(bomb)
    result = run("check", "--papers", path)
    assert result.exit_code == 1 and "anchors and aliases are not allowed" in result.stderr


def test_usage_error_exit_2(run):
    result = run("export", "--format", "docx")
    assert result.exit_code == 2


def test_unknown_key_filter(run):
    result = run("export", "--key", "gong2024reliabel")
    assert result.exit_code == 1 and "did you mean 'gong2024reliable'" in result.stderr


def test_failed_write_keeps_target(run, tmp_path):
    out = tmp_path / "missing-dir" / "refs.bib"
    result = run("export", "-o", out)
    assert result.exit_code == 1 and "does not exist" in result.stderr
