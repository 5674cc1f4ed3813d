"""Issue 21 item 2: imported rows keep their place, and `export --format tables --write FILE`
puts the regenerated tables between FILE's markers (and nowhere else)."""
import os
import shutil

import pytest

from conftest import EDGE
from unlearn_bib.catalog.load import load_catalog

HEAD = "# My awesome list\n\nIntro text | with a pipe.\n\n"
OPEN, CLOSE = "<!-- unlearn-bib:tables -->", "<!-- /unlearn-bib:tables -->"
TAIL = "\n## Contributing\n\nSend a pull request.\n"


@pytest.fixture
def listing(run, tmp_path):
    """A catalog and its README, the tables written between the markers by the command under test."""
    catalog = tmp_path / "papers.yaml"
    shutil.copy(EDGE, catalog)
    readme = tmp_path / "README.md"
    readme.write_text(HEAD + OPEN + "\nstale text\n" + CLOSE + TAIL)
    result = run("export", "--format", "tables", "--papers", catalog, "--write", readme)
    assert result.exit_code == 0, result.stderr
    return catalog, readme


def test_write_replaces_only_the_text_between_the_markers(run, listing):
    catalog, readme = listing
    text = readme.read_text()
    assert text.startswith(HEAD + OPEN + "\n\n## Methods\n") and text.endswith("\n\n" + CLOSE + TAIL)
    assert "stale text" not in text
    assert run("export", "--format", "tables", "--papers", catalog, "--check", readme).exit_code == 0
    again = run("export", "--format", "tables", "--papers", catalog, "--write", readme)
    assert again.exit_code == 0 and "up to date" in again.stderr and readme.read_text() == text


@pytest.mark.parametrize("text, message", [
    ("no markers here\n", "README.md: no <!-- unlearn-bib:tables --> line"),
    (f"{OPEN}\n{CLOSE}\n{OPEN}\n", "README.md:3: <!-- unlearn-bib:tables --> appears again (first on line 1)"),
    (f"{CLOSE}\nx\n{OPEN}\n", "README.md:1: <!-- /unlearn-bib:tables --> comes before"),
])
def test_missing_duplicated_or_reversed_markers_are_refused(run, tmp_path, text, message):
    readme = tmp_path / "README.md"
    readme.write_text(text)
    result = run("export", "--format", "tables", "--papers", EDGE, "--write", readme)
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert readme.read_text() == text


def test_write_keeps_crlf_a_symlink_and_the_mode(run, tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes((HEAD + OPEN + "\n" + CLOSE + TAIL).replace("\n", "\r\n").encode())
    os.chmod(real, 0o640)
    link = tmp_path / "README.md"
    link.symlink_to(real)
    assert run("export", "--format", "tables", "--papers", EDGE, "--write", link).exit_code == 0
    data = real.read_bytes()
    assert link.is_symlink() and b"## Methods\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)


def test_write_needs_the_tables_format(run, tmp_path):
    result = run("export", "--format", "bibtex", "--papers", EDGE, "--write", tmp_path / "README.md")
    assert result.exit_code == 2 and "--write needs --format tables" in result.stderr


NEW_ROWS = ("| [An Invented Paper on Erasing Styles](https://arxiv.org/abs/2501.00011) | 2025 | arXiv | |\n"
            "| [Another Invented Paper on Erasing Objects](https://arxiv.org/abs/2501.00012) | 2025 | ICML 2025 | |\n")


def test_a_contributors_rows_in_the_middle_of_a_section_keep_their_place(run, listing):
    """The pull request adds two rows between the first and second rows of a section: after
    `import`, the regenerated tables are the README as contributed."""
    catalog, readme = listing
    text = readme.read_text()
    first_row = next(line for line in text.splitlines(True) if line.startswith("| [Receler-Like"))
    readme.write_text(text.replace(first_row, first_row + NEW_ROWS))
    result = run("import", "--from", "markdown", readme, "--papers", catalog)
    assert result.exit_code == 0, result.stderr
    assert "2 imported" in result.stderr
    keys = [p.key for p in load_catalog(catalog, strict=False) if p.section == "methods"]
    assert keys[0] == "vanderberg2024receler" and len(keys) == 5
    added = load_catalog(catalog, strict=False)
    assert [added.get(k).title for k in keys[1:3]] == ["An Invented Paper on Erasing Styles",
                                                      "Another Invented Paper on Erasing Objects"]
    check = run("export", "--format", "tables", "--papers", catalog, "--check", readme)
    assert check.exit_code == 0, check.stdout + check.stderr


def test_rows_added_at_the_top_of_a_section_go_before_its_first_record(run, listing):
    catalog, readme = listing
    text = readme.read_text()
    first_row = next(line for line in text.splitlines(True) if line.startswith("| [Receler-Like"))
    readme.write_text(text.replace(first_row, NEW_ROWS + first_row))
    assert run("import", "--from", "markdown", readme, "--papers", catalog).exit_code == 0
    assert run("export", "--format", "tables", "--papers", catalog, "--check", readme).exit_code == 0
