"""One .bib reading path (issue 19 item 1): import, normalize and export --papers get the same,
correct names and titles from the same entries, however the accents are typed."""
import json
from pathlib import Path

import pytest

from conftest import DATA

BIB = DATA / "reader" / "names.bib"
CATALOG = DATA / "catalogs" / "reader.yaml"

# The right reading (by hand, from the names as their owners write them); catalog field names.
EXPECTED = {
    "first2024": ("Erasing Concepts in Große Modelle: Nguyễn's – Study", [
        {"family": "Koç", "given": "Ayşe"}, {"family": "Große", "given": "Jürgen"},
        {"family": "Kaiser", "given": "Łukasz"}, {"family": "Nguyễn", "given": "Văn Minh"}]),
    "second2024": ("Forgetting & Remembering – A Study of ångström Scales", [
        {"family": "Ore", "given": "Øystein"}, {"family": "Ångström", "given": "Bjørn"},
        {"family": "Beethoven", "given": "Ludwig", "particle": "van"},
        {"family": "Fontaine", "given": "Jean", "particle": "de la"},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."}, {"literal": "Google DeepMind"}]),
    "third2024": ("Unlearning in Vietnamese: Trần and Nguyễn", [
        {"family": "Carreira", "given": "João"}, {"family": "Weenen", "given": "Andrea", "particle": "de Leeuw van"},
        {"family": "Agić", "given": "Željko"}, {"family": "Koç", "given": "Ayşe"},
        {"family": "Trần", "given": "Thị Hồng"}]),
}
# For CSL, BibTeX's von is a dropping particle (pandoc's reading: styles that demote particles
# print "Beethoven, L. van"), and an English title is in sentence case for the style to recase.
CSL_PART = {"particle": "dropping-particle"}


def _entries():
    from unlearn_bib.read.bib import read_bib

    return read_bib(BIB.read_text(encoding="utf-8"), str(BIB)).entries


def test_import_record_builder_reads_the_names_and_titles():
    from unlearn_bib.tasks.import_bib import record_from_entry

    taken: set[str] = set()
    got = {}
    for entry in _entries():
        record, problems = record_from_entry(entry, "methods", taken, str(BIB))
        assert not problems, problems
        got[entry.key] = (record["title"], record["authors"])
    assert got == EXPECTED


def test_import_dry_run_proposes_them(run, tmp_path):
    catalog = tmp_path / "papers.yaml"
    catalog.write_text(CATALOG.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("import", "--from", "bibtex", BIB, "--papers", catalog, "--section", "methods", "--dry-run")
    assert result.exit_code == 0, result.stderr
    for name in ("{family: Koç, given: Ayşe}", "{family: Kaiser, given: Łukasz}", "{family: Nguyễn, given: Văn Minh}",
                 "{family: Berg" if False else "{family: Fontaine, given: Jean, particle: de la}",
                 "{family: Trần, given: Thị Hồng}", "{literal: Google DeepMind}"):
        assert name in result.stdout + result.stderr


def test_normalize_reads_the_same_people():
    """What normalize matches on: the folded family names and the title of each entry."""
    from unlearn_bib.match.rule import entry_ids
    from unlearn_bib.read.names import fold_family

    for entry in _entries():
        title, people = EXPECTED[entry.key]
        ids = entry_ids(entry.fields)
        assert ids.title == title
        assert list(ids.families) == [fold_family(" ".join(filter(None, (p.get("particle"), p.get("family"))))
                                                  or p.get("literal", "")) for p in people]


def test_export_papers_gives_the_same_csl_names_and_titles(run):
    result = run("export", "--papers", BIB, "--format", "csljson")
    assert result.exit_code == 0, result.stderr
    items = {item["id"]: item for item in json.loads(result.stdout)}
    for key, (title, people) in EXPECTED.items():
        # the CSL title says what TeX sets: a straight ' is ’ (pandoc writes it so); the catalog keeps '
        assert items[key]["title"].lower() == title.lower().replace("'", "’")
        assert items[key]["author"] == [{CSL_PART.get(k, k): v for k, v in p.items()} for p in people]
    assert items["first2024"]["issued"] == {"date-parts": [[2024, 3]]}  # month = mar: the issued month, as pandoc


@pytest.mark.parametrize("typed", [r"Ko\c{c}", r"Ko{\c{c}}", r"Ko\c c", "Koç"])
def test_normalize_treats_an_accent_alike_however_it_is_typed(tmp_path, typed):
    """REVIEW 1.1: Ko{\\c{c}} was rewritten and Ko\\c{c} refused as 'first authors differ (kocc / Koç)'."""
    from unlearn_bib.catalog.load import load_catalog
    from unlearn_bib.tasks.normalize import normalize_bib

    text = ("@article{mine,\n  author = {%s, Ay\\c{s}e and Gro\\ss{}e, J\\\"urgen},\n"
            "  title = {Erasing concepts from diffusion models with care},\n  year = {2024},\n}\n" % typed)
    result = normalize_bib(text, load_catalog(str(CATALOG)), "mine.bib")
    [report] = result.reports
    assert report.status == "normalized", report.message
    assert "koc2024erasing" in report.message


def test_escaped_braces_and_quotes_in_a_value_are_text():
    """bibtexparser cuts {x\\}y} out as one value; the evaluator must read it the same way."""
    from unlearn_bib.read.bib import read_bib
    from unlearn_bib.text.latex import plain

    [entry] = read_bib('@misc{a, title={x\\}y \\{z}, note="q{"}r \\"o", month=mar # "~1"}\n', "x.bib").entries
    assert entry.unread == []
    assert [plain(entry.fields[k]) for k in ("title", "note")] == ["x}y {z", 'q"r ö']
    assert entry.fields["month"] == "March~1"
