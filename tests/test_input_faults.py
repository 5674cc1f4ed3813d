"""Careless and hostile input to normalize, import and update (issue 11 items 14, 15, 17):
line endings and NUL bytes, control characters in reports, and nesting that once took
quadratic time."""
import subprocess
import sys

import pytest

from unlearn_bib.text import braces, latex
from unlearn_bib.read import names


# --- item 17: linear time on deep nesting (counted, not timed) ---------------------------------

@pytest.fixture
def scanned(monkeypatch):
    """Characters the brace scanners look at, summed over every call: an operation counter."""
    count = {"chars": 0}

    def counting(scan):
        def wrapper(text, start, escapes=False):
            end = scan(text, start, escapes)
            count["chars"] += (end if end >= 0 else len(text)) - start + 1
            return end
        return wrapper

    def counting_pairs(text, escapes=False):
        count["chars"] += len(text)
        return pairs(text, escapes)

    pairs = braces.pairs
    monkeypatch.setattr(names, "closing", counting(braces.closing))
    monkeypatch.setattr(braces, "closing", counting(braces.closing))
    monkeypatch.setattr(braces, "pairs", counting_pairs)
    return count


@pytest.mark.parametrize("depth", [2_000])
def test_import_title_braces_are_paired_once_not_rescanned(scanned, depth):
    from unlearn_bib.tasks.import_bib import bib_title

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


# --- item 14: NUL bytes and line endings ---------------------------------------------------------

from conftest import only_inserted, DATA, ROOT  # noqa: E402

SHIPPED = (ROOT / "papers.yaml").read_bytes()
NEWLINES = {"lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}


@pytest.mark.parametrize("ending", NEWLINES)
def test_a_nul_byte_in_the_catalog_is_one_line_naming_its_line(run, tmp_path, ending):
    at = SHIPPED.index(b"title:", 5000)
    line = SHIPPED[:at].count(b"\n") + 1
    path = tmp_path / "papers.yaml"
    path.write_bytes((SHIPPED[:at] + b"\x00" + SHIPPED[at:]).replace(b"\n", NEWLINES[ending]))
    result = run("check", "--papers", path)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}:{line}: control character '\\x00' (U+0000) is not allowed in YAML "
        "(remove it or write it as an escape in a double-quoted string)"]


def test_not_utf8_names_the_line_in_a_cr_only_file(run, tmp_path):
    path = tmp_path / "cr.bib"
    path.write_bytes(b"@article{a,\r  title={Ok},\r  author={M\xfcller, A.},\r  year={2020}\r}\r")
    assert "cr.bib:3: not valid UTF-8" in run("normalize", path).stderr


@pytest.mark.parametrize("ending", ["cr", "crlf"])
def test_normalize_counts_lines_and_keeps_the_files_line_ending(ending):
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.tasks.normalize import normalize_bib

    lf = (DATA / "bib" / "tricky.bib").read_bytes().decode("utf-8")
    newline = NEWLINES[ending].decode()
    text = lf.replace("\n", newline)
    expected, result = normalize_bib(lf, load_catalog(), "x.bib"), normalize_bib(text, load_catalog(), "x.bib")
    assert [(r.line, r.key, r.status, r.message.replace(newline, "\n")) for r in result.reports] == [
        (r.line, r.key, r.status, r.message) for r in expected.reports]
    assert result.count("normalized") == 3
    assert result.text == expected.text.replace("\n", newline)  # rewritten entries too


@pytest.mark.parametrize("ending", NEWLINES)
def test_import_appends_with_the_catalogs_line_ending(run, tmp_path, ending):
    newline = NEWLINES[ending]
    catalog = tmp_path / "papers.yaml"
    before = SHIPPED.replace(b"\n", newline)
    catalog.write_bytes(before)
    bib = tmp_path / "new.bib"
    bib.write_bytes(b"@misc{new2025x,\n  title={A Brand New Paper on Erasing},\n  author={Doe, Jane},\n  eprint={2501.00001},\n"
                    b"  archivePrefix={arXiv},\n  year={2025}\n}\n".replace(b"\n", newline))
    result = run("import", "--from", "bibtex", bib, "--papers", catalog, "--section", "concept-unlearning")
    assert result.exit_code == 0, result.stderr
    assert "new.bib:1: new2025x: added as doe2025brand" in result.stderr
    after = catalog.read_bytes()
    assert only_inserted(before, after) and b"key: doe2025brand" in after
    others = [n for n in NEWLINES.values() if n != newline and n not in newline]
    assert after.replace(newline, b"").count(b"\r") == 0 and after.replace(newline, b"").count(b"\n") == 0, others


@pytest.mark.parametrize("ending", NEWLINES)
def test_update_edits_a_record_with_the_catalogs_line_ending(ending, tmp_path):
    from conftest import EDGE
    from unlearn_bib.catalog.edit import open_for_edit
    from unlearn_bib.tasks.update import edit_record

    newline = NEWLINES[ending].decode()
    text = EDGE.read_text(encoding="utf-8").replace("\n", newline)
    path = tmp_path / "p.yaml"
    path.write_bytes(text.encode("utf-8"))
    editor = open_for_edit(path)
    edit_record(editor, "oneill2023preprint", {"venue": "ECCV", "year": 2024}, ["https://example.org/x"], "Checked.")
    after = editor.text()
    assert after != text and "venue: ECCV" + newline in after and "https://example.org/x" + newline in after
    assert after.replace(newline, "").count("\r") == 0 and after.replace(newline, "").count("\n") == 0


# --- item 15: control characters in reports --------------------------------------------------------

EVIL_KEY = "evil\x1b]0;pwned\x07\x1b[2J\rok\u202e"
SHOWN_KEY = "evil\\x1b]0;pwned\\x07\\x1b[2J\\x0dok\\u202e"


def _cli(*args, cwd=None):
    done = subprocess.run([sys.executable, "-m", "unlearn_bib", *map(str, args)], capture_output=True, timeout=120,
                          cwd=cwd)
    return done.returncode, done.stderr.decode("utf-8")


def _evil_bib(tmp_path):
    bib = tmp_path / "evil.bib"
    bib.write_text("@article{%s,\n  title={Receler: Reliable Concept Erasing of Text-to-Image Diffusion Models via "
                   "Lightweight Erasers},\n  author={Huang, Chi-Pin},\n  journal={arXiv preprint arXiv:2311.17717},\n"
                   "  year={2023}\n}\n\n@misc{%s2,\n  title={Nothing Like It \x1b[31mred\x1b[0m},\n  author={Doe, Jane},\n  eprint={2501.00002},\n  year={2024}\n}\n"
                   % (EVIL_KEY, EVIL_KEY), encoding="utf-8")
    return bib


def _no_controls(text):
    return not any(ch in text for ch in "\x1b\x07\r\u202e")


def test_normalize_report_shows_control_characters_escaped(tmp_path):
    code, err = _cli("normalize", _evil_bib(tmp_path))
    assert code == 0
    assert f"evil.bib:1: {SHOWN_KEY}: normalized" in err
    assert f"evil.bib:8: {SHOWN_KEY}2: unmatched" in err
    assert _no_controls(err)


def test_import_report_shows_control_characters_escaped(tmp_path):
    catalog = tmp_path / "papers.yaml"
    catalog.write_bytes(SHIPPED)
    code, err = _cli("import", "--from", "bibtex", _evil_bib(tmp_path), "--papers", catalog, "--section",
                     "concept-unlearning", "--dry-run")
    # import refuses a title holding control characters (patterns.py); the refusal names the
    # entry with its key escaped, like every other report line
    assert code == 1
    assert "evil.bib:8: entry 'evil\\x1b]0;pwned\\x07\\x1b[2J" in err and "the title holds a control character" in err
    assert _no_controls(err)


def test_cite_and_error_messages_show_control_characters_escaped(tmp_path):
    code, err = _cli("cite", EVIL_KEY, "--style", "apa")
    assert code != 0 and "no paper matches 'evil\\x1b]0;pwned\\x07" in err and _no_controls(err)
    code, err = _cli("normalize", tmp_path / "no\x1b[2Jsuch.bib")
    assert code != 0 and "no\\x1b[2Jsuch.bib" in err and _no_controls(err)


def test_visible_escapes_every_control_and_nothing_else():
    from hypothesis import given, strategies as st

    from unlearn_bib.text.terminal import visible

    @given(st.text())
    def check(text):
        shown = visible(text)
        assert not any(ch < " " or "\x7f" <= ch <= "\x9f" or ch in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
                       for ch in shown)
        if not any(ch < " " or "\x7f" <= ch <= "\x9f" or "\u2000" <= ch <= "\u2069" or ch == "\u061c" for ch in text):
            assert shown == text

    check()
    assert visible("a\tb\nc\x00") == "a\\x09b\\x0ac\\x00"


def test_hostile_free_text_in_identifier_fields_completes(tmp_path):
    """A guard, not a timing: these values made the identifier patterns backtrack quadratically
    (8,000 repeats: 8 s; these sizes: hours); the 60 s cap only stops a hang."""
    bib = tmp_path / "hostile.bib"
    bib.write_text("@misc{hostile,\n  title={%s},\n  note={%s},\n  url={%s},\n  howpublished={%s},\n  year={2025}\n}\n"
                   % ("a" * 1_000_000, "arXiv " * 200_000, "openreview.net/forum?" * 100_000, "doi: 10.1234/" * 100_000),
                   encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "unlearn_bib", "normalize", str(bib)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    assert "hostile: unmatched" in done.stderr and done.stdout == bib.read_text(encoding="utf-8")
