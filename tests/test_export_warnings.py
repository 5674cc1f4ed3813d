"""Warnings that name one record each: a few are named, many are one summary line per kind on
stderr (--verbose, and `check`, still name every record); the export on stdout is the same either way."""
import re

from conftest import EDGE


def _authorless(count: int) -> str:
    return "".join(f"  - key: anon2024table{n}\n    section: attacks\n    title: Table Only Number {n}\n"
                   f"    venue: arXiv\n    year: 2024\n    arxiv: '2401.{n + 1:05d}'\n    needs_verification: true\n"
                   for n in range(count))


def _emoji(count: int) -> str:
    return "".join(f"  - key: fire2024hot{n}\n    section: attacks\n    title: \"Hot Take {n} \\U0001F525\"\n"
                   f"    authors:\n      - {{family: Fire, given: Ada}}\n    venue: arXiv\n    year: 2024\n"
                   f"    arxiv: '2402.{n + 1:05d}'\n    sources: [https://example.org/{n}]\n" for n in range(count))


def _catalog(tmp_path, text, name="papers.yaml"):
    path = tmp_path / name
    path.write_text(EDGE.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def test_many_records_without_authors_are_one_line(run, tmp_path):
    path = _catalog(tmp_path, _authorless(54))
    result = run("export", "--papers", path, "--format", "bibtex")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert [line for line in lines if "no authors" in line] == [
        "warning: 54 records have no authors (needs_verification): left out of the bibliographies; run "
        "`unlearn-bib update --online --write` or see `unlearn-bib check` (--verbose names each)"]
    assert "anon2024table" not in result.stderr
    # the per-record detail is still there: --verbose, and check
    verbose = run("export", "--papers", path, "--format", "bibtex", "--verbose")
    named = [line for line in verbose.stderr.splitlines() if "has no authors" in line]
    assert len(named) == 54 and all(re.match(rf"{re.escape(str(path))}:\d+: warning: 'anon2024table\d+'", n) for n in named)
    assert verbose.stdout == result.stdout
    checked = run("check", "--papers", path)  # check names them too (its first 20 problems, then a count)
    assert checked.exit_code == 1 and "'anon2024table0' needs verification" in checked.stderr
    assert checked.stderr.count("no authors yet") + int(re.search(r"and (\d+) more problems", checked.stderr)[1]) == 54


def test_the_export_itself_is_the_same_byte_for_byte(run, tmp_path):
    """stdout is the bibliography of the records with authors, whatever stderr says about the others."""
    with_them, without = _catalog(tmp_path, _authorless(5)), _catalog(tmp_path, "", "plain.yaml")
    for fmt in ("bibtex", "biblatex", "csljson", "ris", "text"):
        assert run("export", "--papers", with_them, "--format", fmt).stdout == \
            run("export", "--papers", without, "--format", fmt).stdout


def test_a_few_records_are_still_named_one_line_each(run, tmp_path):
    path = _catalog(tmp_path, _authorless(3))
    result = run("export", "--papers", path, "--format", "csljson")
    named = [line for line in result.stderr.splitlines() if "no authors" in line]
    assert len(named) == 3 and all("has no authors (not yet verified)" in line for line in named)


def test_many_titles_losing_emoji_are_one_line(run, tmp_path):
    path = _catalog(tmp_path, _emoji(4))
    result = run("export", "--papers", path, "--format", "bibtex")
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if "\U0001F525" in line or "left out of" in line]
    assert lines == ["warning: 4 titles have characters pdflatex has no glyph for (emoji), left out of the title: "
                     "\U0001F525 (--verbose names each)"]
    verbose = run("export", "--papers", path, "--format", "bibtex", "-v")
    assert verbose.stderr.count("left out of the title (pdflatex has no glyph for emoji)") == 4
    few = run("export", "--papers", _catalog(tmp_path, _emoji(2), "few.yaml"), "--format", "bibtex")
    assert "warning: fire2024hot1: \U0001F525 left out of the title" in few.stderr


def test_release_says_it_once_too(run, tmp_path):
    path = _catalog(tmp_path, _authorless(6))
    result = run("release", "--papers", path, "--out", tmp_path / "dist")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if "no authors" in line][0].startswith(
        "warning: 6 records have no authors (needs_verification)")
    assert "anon2024table" not in result.stderr and "(6 left out: no authors yet)" in result.stderr
