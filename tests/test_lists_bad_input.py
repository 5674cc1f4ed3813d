"""Bad Markdown lists: every row is imported, merged or reported with its line; nothing crashes or
hangs; the target catalog keeps every record, in order."""
import difflib
import time

import pytest

from conftest import DATA
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.read.mdlist import read_list

SEED = DATA / "markdown" / "awesome-diffusion-model-unlearning.md"

BROKEN = """# Papers

| Title | Venue | Year |
|---|---|---|
| [Good One: A Paper](https://arxiv.org/abs/2401.00001) | CVPR | 2024 |
| [Unclosed Link Paper](https://arxiv.org/abs/2401.00002 | ICLR | 2024 |
| [Too Many Cells](https://arxiv.org/abs/2401.00003) | NeurIPS | 2023 | extra | cells |
| | ICML | 2022 |
| [Too Few Cells](https://arxiv.org/abs/2401.00004) |
| [Unknown Venue Paper](https://arxiv.org/abs/2401.00005) | MICCAI Workshop on Things | 2023 |

<div align="center"><table><tr><td>[Not A Row](https://arxiv.org/abs/2401.00099)</td></tr></table></div>

- [Bullet Paper](https://arxiv.org/abs/2401.00006) (ICML 2024)
- [Broken Bullet](https://arxiv.org/abs/2401.00007 (ICML 2024)

### Before 2017
| Title | Venue |
|---|---|
| [Old Paper Without Id](http://example.org/old.pdf) | KDD |
"""


def _import(run, tmp_path, text, *extra):
    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    path = tmp_path / "papers.yaml"
    return run("import", "--from", "markdown", readme, "--papers", path, *extra), path


def test_each_bad_row_is_reported_with_its_line_and_the_rest_imported(run, tmp_path):
    result, path = _import(run, tmp_path, BROKEN)
    assert result.exit_code == 0, result.stderr
    err = result.stderr
    assert "README.md:6: a link is not closed" in err
    assert "README.md:8: the row has no title" in err
    assert "README.md:15: a link is not closed" in err
    # no year anywhere: imported without one (a registry venue shows a paper), said so with its line
    assert "README.md:20: 'Old Paper Without Id': imported with no year: the heading says 'Before 2017'" in err
    assert "README.md: 9 rows seen, 6 imported, 0 merged, 3 reported" in err
    catalog = load_catalog(path, strict=False)
    assert [p.year for p in catalog if p.title == "Old Paper Without Id"] == [None]
    by_arxiv = {p.arxiv: p for p in catalog if p.arxiv}
    assert sorted(by_arxiv) == ["2401.00001", "2401.00003", "2401.00004", "2401.00005", "2401.00006"]
    assert by_arxiv["2401.00004"].year == 2024  # no Year cell: the preprint's year from its arXiv id
    unknown = by_arxiv["2401.00005"]
    assert (unknown.venue_text, unknown.year) == ("MICCAI Workshop on Things", 2023)
    assert "2401.00099" not in by_arxiv  # inside an HTML block: not a row


def test_strict_is_all_or_nothing(run, tmp_path):
    result, path = _import(run, tmp_path, BROKEN, "--strict")
    assert result.exit_code == 1
    assert "README.md:6: a link is not closed" in result.stderr and "Traceback" not in result.stderr
    assert not path.exists()


def test_existing_records_are_kept_byte_for_byte_and_in_order(run, tmp_path):
    path = tmp_path / "papers.yaml"
    assert run("import", "--from", "markdown", SEED, "--papers", path).exit_code == 0
    before = path.read_text()
    keys = [p.key for p in load_catalog(path, strict=False)]
    readme = tmp_path / "README.md"
    readme.write_text(BROKEN)
    assert run("import", "--from", "markdown", readme, "--papers", path).exit_code == 0
    after = path.read_text()
    changes = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True), autojunk=False)
    assert {op for op, *_ in changes.get_opcodes()} == {"equal", "insert"}  # lines only added, none changed
    assert [p.key for p in load_catalog(path, strict=False)][:27] == keys and len(keys) == 27


def test_a_chinese_readme(run, tmp_path):
    text = ("# 机器遗忘论文列表 🔥\n\n## 2024年\n\n| 论文 | 作者 | 会议 | 年份 |\n|---|---|---|---|\n"
            "| [擦除概念的扩散模型](https://arxiv.org/abs/2402.00001) | 张三, 李四 | CVPR | 2024 |\n"
            "| [Unlearning in Chinese Lists](https://arxiv.org/abs/2402.00002v3) | 王五 et al. | arXiv | 2024 |\n\n"
            "- 这是一段说明文字，不是论文。\n")
    result, path = _import(run, tmp_path, text)
    assert result.exit_code == 0, result.stderr
    catalog = load_catalog(path, strict=False)
    first = next(p for p in catalog if p.arxiv == "2402.00001")
    assert (first.title, [a.literal or a.family for a in first.authors]) == ("擦除概念的扩散模型", ["张三", "李四"])
    second = next(p for p in catalog if p.arxiv == "2402.00002")
    assert second.authors_incomplete and second.venue.id == "arxiv"


@pytest.mark.parametrize("line", [
    "[" * 19_000,
    "[a](" * 4_000,
    "| " + "[x](y " * 3_000 + "|",
    "- " + "**" * 9_000,
    "*" * 19_999,
    "[" + "a" * 19_000,
    "![" * 9_000,
    "<" * 19_000,
    # runs that made a pattern rescan the rest of the line from each character (seconds per line before): as a
    # bullet ("- …") and as a paragraph of its own (a blank line before it)
    *(context + body for body in (
        "GPT" + " " * 19_000 + "x", "." * 19_000 + "a", "a, " * 6_333 + "!", "a" * 19_000 + "!", "A. " * 6_333 + "!",
        "a and " * 3_166 + "!", "A et al " * 2_375 + "!", "A, B et al" + " " * 18_000 + "- Title of It Here",
        "(2020)" + " " * 18_000 + "x", "Smith" + " " * 18_000 + "and Jones, 2020")
      for context in ("- ", "\n")),
])
def test_hostile_lines_take_linear_time(line):
    text = "| Title | Venue |\n|---|---|\n" + (line + "\n") * 20
    started = time.perf_counter()
    read_list(text)
    assert time.perf_counter() - started < 10  # quadratic backtracking would take minutes


def test_a_10_mb_readme(tmp_path):
    rows = "".join(f"| [Paper Number {i}: A Study](https://arxiv.org/abs/2401.{i:05d}) | CVPR 2024 | 2024 |\n"
                   for i in range(1, 20_000))
    text = "# Big\n\n| Title | Venue | Year |\n|---|---|---|\n" + rows
    text += "\n<details>\n" + "x" * 5_000_000 + "\n</details>\n" + "no newline at all " * 200_000
    assert len(text) > 10_000_000
    started = time.perf_counter()
    found, troubles = read_list(text)
    assert len(found) == 19_999
    assert [t.message.split(" ")[0:2] for t in troubles] == [["a", "line"], ["a", "line"]]  # the two long lines
    assert time.perf_counter() - started < 60


def test_every_layout_the_issue_names(run, tmp_path):
    """A hand-written list with the layouts of issue 18 that the real excerpts lack."""
    from unlearn_bib.tasks.import_table import row_ids

    rows, troubles = read_list((DATA / "layouts" / "every-layout.md").read_text())
    got = {r.line: (r.title, r.year, r.venue, row_ids(r)) for r in rows if not r.needs_id or row_ids(r)}
    assert troubles == []
    assert got == {
        8: ("Venue Prefixed Title Here", 2024, "CVPR 2024", {"arxiv": "2401.10001"}),
        9: ("Bold Prefixed Venue Title", 2025, "ICLR2025", {"openreview": "AbCdEf123"}),
        10: ("Tagged After Title", 2024, "ICLR'24", {"arxiv": "2401.10002"}),
        11: ("Marked Title With Emoji", 2023, "", {"arxiv": "2401.10003"}),  # the year of "## 2023 Papers"
        12: ("Italic Venue Title", 2023, "NeurIPS 2023", {"doi": "10.1145/3600000.3600001"}),
        13: ("Springer Chapter Title", 2024, "ECCV 2024", {"doi": "10.1007/978-3-031-73668-1_5"}),
        14: ("Text Arxiv Title", 2023, "", {"arxiv": "2401.10004"}),
        19: ("Heading Per Paper Title", 2024, "USENIX Security 2024", {"arxiv": "2401.10005"}),
        23: ("Second Heading Paper", None, "", {"arxiv": "2401.10006"}),
        29: ("Table Title Not First", 2023, "NeurIPS 2023 Workshop", {"arxiv": "2401.10007"}),
        30: ("IEEE Title", 2024, "TIFS", {}),  # no DOI in an IEEE Xplore document link
    }  # the dataset (line 15) and the table of contents are not papers
    assert next(r for r in rows if r.line == 19).authors == ["Jane Doe", "John Roe"]
    result, path = _import(run, tmp_path, (DATA / "layouts" / "every-layout.md").read_text())
    assert "11 rows seen, 11 imported, 0 merged, 0 reported" in result.stderr
    papers = {p.title: p for p in load_catalog(path, strict=False)}
    assert (papers["Tagged After Title"].venue.id, papers["Tagged After Title"].year) == ("iclr", 2024)
    assert papers["Second Heading Paper"].year == 2024  # from its arXiv id (2401: January 2024)


@pytest.mark.parametrize("source", [SEED, DATA / "layouts" / "every-layout.md", DATA / "lists" / "tamlhp-machine-unlearning.md"])
def test_a_new_catalog_is_written_as_the_editor_writes_it(tmp_path, monkeypatch, source):
    """A new catalog is written directly (fast: 3,000 rows); the text is the round-trip editor's."""
    from unlearn_bib.tasks import import_table

    direct = import_table.import_markdown(str(source), str(tmp_path / "new.yaml")).after

    def through_the_editor(target, sections, records, places=None):
        for section_id, title in sections:
            target.editor.add_section(section_id, title)
        for record in records:
            target.editor.add_records([record])
        return target.editor.text()

    monkeypatch.setattr(import_table, "grow", through_the_editor)
    assert import_table.import_markdown(str(source), str(tmp_path / "new.yaml")).after == direct


@pytest.mark.parametrize("text", ["", "# Just a heading\n\nSome prose with no papers.\n", "```\n- [A](https://arxiv.org/abs/2401.00001)\n```\n"])
def test_a_file_without_papers_is_an_error(run, tmp_path, text):
    result, path = _import(run, tmp_path, text)
    assert result.exit_code == 1 and "README.md: no papers found" in result.stderr
    assert not path.exists()


def test_a_title_with_no_letter_or_digit_is_refused(tmp_path):
    """A title of emoji or joiners only (U+200D) has nothing a writer can print: refused on load."""
    from unlearn_bib.catalog.validate import build_catalog
    from unlearn_bib.errors import UnlearnBibError
    from unlearn_bib.files.yamlio import load_yaml

    text = ("sections:\n  - id: s\n    title: S\npapers:\n  - key: a2024x\n    section: s\n    title: \"\\u200d\"\n"
            "    venue: arXiv\n    year: 2024\n    needs_verification: true\n")
    with pytest.raises(UnlearnBibError, match=r"p.yaml:7: title '\\u200d' has no letter or digit"):
        build_catalog(load_yaml(text.encode(), "p.yaml"), "p.yaml", strict=False)
