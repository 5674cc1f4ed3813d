"""Issue 21, items 9, 11 and 12 (command line): finding papers, help texts, consistent messages."""
import re

import pytest

from conftest import EDGE

TWO_NEURIPS = """
  - key: roe2023neurips
    section: methods
    title: An Older NeurIPS Paper
    authors:
      - {family: Roe, given: Jane}
    venue: NeurIPS 2023
    year: 2023
    list_year: 2023
    sources: [https://example.org/roe]
    arxiv: '2301.00002'
  - key: poe2024neurips
    section: methods
    title: A Newer NeurIPS Paper
    authors:
      - {family: Poe, given: Edgar}
    venue: NeurIPS 2024
    year: 2024
    list_year: 2024
    sources: [https://example.org/poe]
    arxiv: '2401.00003'
"""


@pytest.fixture
def neurips(tmp_path):
    path = tmp_path / "papers.yaml"
    path.write_text(EDGE.read_text() + TWO_NEURIPS)
    return path


def _keys(stdout: str) -> list[str]:
    return [line.split()[0] for line in stdout.splitlines() if line.strip()]


def test_list_key_with_title_words_lists_every_match(run):
    result = run("list", "--papers", EDGE, "--key", "unlearning")
    assert result.exit_code == 0, result.stderr
    assert sorted(_keys(result.stdout)) == ["lee2024journal", "oneill2023preprint"]
    one = run("list", "--papers", EDGE, "--key", "2310.05873")  # an id still names one paper
    assert _keys(one.stdout) == ["oneill2023preprint"]
    none = run("list", "--papers", EDGE, "--key", "qqqzzz")
    assert none.exit_code == 1 and "no paper matches" in none.stderr


def test_venue_with_a_year_filters_by_both(run, neurips):
    assert _keys(run("list", "--papers", neurips, "--venue", "NeurIPS 2024").stdout) == ["poe2024neurips"]
    assert sorted(_keys(run("list", "--papers", neurips, "--venue", "NeurIPS").stdout)) == ["poe2024neurips", "roe2023neurips"]
    exported = run("export", "--papers", neurips, "--venue", "NeurIPS 2023", "--format", "bibtex").stdout
    assert "roe2023neurips" in exported and "poe2024neurips" not in exported


def test_no_command_summary_is_cut(run):
    from unlearn_bib.cli.main import COMMANDS

    text = run("--help").stdout
    block = text[text.index("Commands:"):]
    summaries = {}
    for line in block.splitlines()[1:]:
        m = re.match(r"^  (\S+)\s+(.*)$", line)
        if m:
            summaries[m.group(1)] = m.group(2)
        elif line.strip():
            pytest.fail(f"summary wraps onto a second line: {line!r}")
    assert set(summaries) == set(COMMANDS)
    for name, summary in summaries.items():
        assert not summary.endswith("..."), (name, summary)
        assert summary.endswith("."), (name, summary)


def test_cite_help_tells_the_order_styles_give(run):
    text = " ".join(run("cite", "--help").stdout.split())
    assert "Entries come in the order the keys are given" not in text
    assert "sort" in text and "the order the keys are given" in text


def test_one_name_for_the_default_catalog(run):
    from unlearn_bib.cli.main import COMMANDS

    names = set()
    for command in COMMANDS:
        text = " ".join(run(command, "--help").stdout.split())
        names.update(re.findall(r"default: (the [^)]*?papers\.yaml|the shipped catalog)", text))
        names.update(re.findall(r"defaults to (the [\w' ]+?(?:papers\.yaml|catalog))", text))
    assert names == {"the shipped papers.yaml"}, names


def test_check_prefixes_every_problem(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sections:\n  - id: a\n    title: A\npapers:\n  - key: x\n    section: a\n    title: T\n    year: 2024\n"
                   "  - key: y\n    section: a\n    title: U\n    year: 2024\n")
    result = run("check", "--papers", bad)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) >= 4
    assert all(line.startswith("Error: ") for line in lines), lines


def test_diff_refusing_a_bib_says_what_it_takes(run, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title={A}}\n")
    result = run("diff", bib)
    assert result.exit_code == 2
    text = " ".join(result.stderr.split())
    assert "papers.yaml" in text and "papers.json" in text and "manifest.json" in text
    assert f"unlearn-bib normalize {bib} --dry-run" in text


@pytest.mark.parametrize("fmt", ["tables", "bibtex", "csljson", "ris"])
def test_style_with_a_format_that_has_none_is_a_usage_error(run, fmt):
    result = run("export", "--papers", EDGE, "--format", fmt, "--style", "ieee")
    assert result.exit_code == 2 and "--style" in result.stderr
    assert run("export", "--papers", EDGE, "--format", fmt).exit_code == 0


def test_export_leaves_authorless_records_out_with_a_warning(run, tmp_path):
    path = tmp_path / "papers.yaml"
    path.write_text(EDGE.read_text() + "  - key: anon2024table\n    section: attacks\n    title: Table Only\n"
                    "    venue: arXiv\n    year: 2024\n    arxiv: '2401.00001'\n    needs_verification: true\n")
    for fmt in ("bibtex", "biblatex", "csljson", "ris", "text"):
        result = run("export", "--papers", path, "--format", fmt)
        assert result.exit_code == 0 and "anon2024table" not in result.stdout and "Table Only" not in result.stdout
        assert "'anon2024table' has no authors" in result.stderr
    assert "Table Only" in run("export", "--papers", path, "--format", "tables").stdout


def test_apa_html_has_a_hanging_indent_and_ieee_none(run):
    apa = run("export", "--papers", EDGE, "--format", "html", "--style", "apa").stdout
    assert 'class="csl-bib-body hanging-indent"' in apa
    entries = re.findall(r"<p class=\"csl-entry\"[^>]*>", apa)
    assert entries and all('style="margin-left: 2em; text-indent: -2em"' in e for e in entries)
    ieee = run("export", "--papers", EDGE, "--format", "html", "--style", "ieee").stdout
    assert "hanging-indent" not in ieee and "text-indent" not in ieee


def test_quick_start_outputs_are_ignored_by_git():
    import shutil
    import subprocess

    from conftest import ROOT

    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for name in ("refs.bib", "refs-biblatex.bib", "refs.ris"):
        done = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT)
        assert done.returncode == 0, f"{name} in the repository root is not ignored"
    assert subprocess.run(["git", "check-ignore", "-q", "tests/data/bib/scholar.bib"], cwd=ROOT).returncode == 1
