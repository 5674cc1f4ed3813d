"""Careless and hostile input to normalize, import and update (issue 11 items 14, 15, 17):
line endings and NUL bytes, control characters in reports, and nesting that once took
quadratic time."""
import subprocess
import sys

import pytest

from unlearn_bib import latex, names


# --- item 17: linear time on deep nesting (counted, not timed) ---------------------------------

@pytest.fixture
def scanned(monkeypatch):
    """Characters the brace scanners look at, summed over every call: an operation counter."""
    count = {"chars": 0}

    def counting(scan):
        def wrapper(text, start):
            end = scan(text, start)
            count["chars"] += (end if end >= 0 else len(text)) - start + 1
            return end
        return wrapper

    def counting_pairs(text, escapes=True):
        count["chars"] += len(text)
        return pairs(text, escapes)

    pairs = getattr(latex, "brace_pairs", None)
    monkeypatch.setattr(names, "closing_brace", counting(names.closing_brace))
    monkeypatch.setattr(latex, "matching_brace", counting(latex.matching_brace))
    if pairs is not None:
        monkeypatch.setattr(latex, "brace_pairs", counting_pairs)
    return count


@pytest.mark.parametrize("depth", [2_000])
def test_import_title_braces_are_paired_once_not_rescanned(scanned, depth):
    from unlearn_bib.import_bib import bib_title

    title = "{" * depth + "Deep {MACE} M{\\\"u}ller" + "}" * depth
    assert bib_title(title) == "Deep {MACE} Müller"
    # one pass over the title (plus the small inner groups); a rescan per brace would be depth**2 = 4,000,000
    assert scanned["chars"] <= 4 * len(title)


@pytest.mark.parametrize("text,expected", [
    ("{\\'{" * 2_000 + "e" + "}}" * 2_000, None),  # accent groups nested 2,000 deep: not an accent
    ("{" * 2_000 + "X" + "}" * 2_000, "X"),
    ("M{\\\"u}ller {\\'{\\\"u}} \\'e {\\c{c}} {\\o} \\& {\\textendash} --- ``x''", "Müller ǘ é ç ø & – — “x”"),
], ids=["nested-accents", "nested-braces", "everyday-latex"])
def test_decode_is_linear_and_bounded(scanned, text, expected):
    out = latex.decode(text)  # no RecursionError either
    if expected is not None:
        assert out == expected
    assert scanned["chars"] <= 4 * len(text)


def test_import_of_a_title_nested_100000_deep_completes(tmp_path):
    """A guard, not a timing: before the fix this took over 15 minutes; the 60 s cap only stops a hang."""
    depth = 100_000
    bib = tmp_path / "deep.bib"
    bib.write_text("@article{deep,\n  title={%s},\n  author={Doe, Jane},\n  journal={arXiv preprint arXiv:2501.00001},\n"
                   "  year={2025}\n}\n" % ("{" * depth + "X" + "}" * depth), encoding="utf-8")
    catalog = tmp_path / "papers.yaml"
    catalog.write_text("sections:\n  - {id: s, title: S}\npapers: []\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "unlearn_bib", "import", "--from", "bibtex", str(bib), "--papers",
                           str(catalog), "--section", "s"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "title: X\n" in catalog.read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "unlearn_bib", "normalize", str(bib)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout == bib.read_text(encoding="utf-8")
