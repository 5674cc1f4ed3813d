"""A user's own .bib or CSL-JSON file in place of the catalog (unlearn_bib.sources)."""
from __future__ import annotations

import json

import pytest

from conftest import DATA
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.export import csljson
from unlearn_bib.sources import load_foreign, split_particle

REFS = DATA / "citations" / "refs.bib"
FIXTURES = DATA / "citations" / "fixtures.json"


def test_bibtex_is_decoded_into_the_model():
    catalog = load_foreign(str(REFS))
    papers = {p.key: p for p in catalog}
    assert list(papers) == ["vanderberg2024", "lee2024", "oneill2023", "scholar2023", "report2022"]
    berg = papers["vanderberg2024"]
    assert berg.title == "The {MACE} Method for {Text-to-Image} Erasing"  # protection kept as braces
    assert [(a.particle, a.family, a.given, a.suffix, a.literal) for a in berg.authors] == [
        ("van der", "Berg", "Jan", "", ""), ("", "Müller", "Jörg", "", ""), ("", "Smith", "John", "Jr.", ""),
        ("", "", "", "", "The Unlearning Consortium")]
    assert berg.venue.entry_type == "inproceedings" and berg.venue.booktitle == "Computer Vision – ECCV 2024"
    assert berg.venue.series == "Lecture Notes in Computer Science" and berg.effective_publisher == "Springer"
    assert berg.doi == "10.1007/978-3-031-73668-1_5" and berg.pages == "73--88" and berg.year == 2024
    lee = papers["lee2024"]
    assert [a.family for a in lee.authors] == ["Lee", "Žak"] and lee.authors[1].given == "Łucja"
    assert lee.venue.journal.startswith("IEEE Transactions") and lee.pages == "1--12" and lee.number == "3"
    assert papers["oneill2023"].venue.is_preprint and papers["oneill2023"].arxiv == "2310.05873"
    assert papers["oneill2023"].authors[0].given == "Siobhán"
    assert papers["scholar2023"].venue.is_preprint and papers["scholar2023"].arxiv == "2303.17591"
    report = papers["report2022"]
    assert report.year == 2022 and report.effective_publisher == "Example University" and report.url


def test_csljson_is_read_into_the_model_and_back():
    raw = json.loads(FIXTURES.read_text())
    catalog = load_foreign(str(FIXTURES))
    assert len(catalog) == len(raw)
    again = {i["id"]: i for i in csljson.items(catalog)}
    for original in raw:
        out = again[original["id"]]
        for field in ("title", "type", "container-title", "volume", "issue", "DOI", "URL", "publisher", "number",
                      "collection-title", "issued"):
            assert out.get(field) == original.get(field), (original["id"], field)
        assert out["page"] == original["page"] if "page" in original else "page" not in out
        if original["id"] == "farsi2024particle":  # "al-Farsi" is read as particle "al-" + "Farsi"
            assert out["author"][0] == {"family": "Farsi", "given": "Linh", "non-dropping-particle": "al-"}
        else:
            assert out["author"] == original["author"]


def test_csljson_particles_nocase_and_missing_year(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([
        {"id": "a", "type": "book", "title": 'The <span class="nocase">iPhone</span> <i>Effect</i>',
         "author": [{"family": "van der Berg", "given": "Jan"}, {"literal": "ACME Lab"}], "publisher": "ACME"},
    ]))
    paper = load_foreign(str(path)).papers[0]
    assert paper.title == "The {iPhone} Effect"
    assert (paper.authors[0].particle, paper.authors[0].family) == ("van der", "Berg")
    assert paper.year == 0 and "issued" not in csljson.item(paper)
    assert paper.venue.is_preprint and csljson.item(paper)["publisher"] == "ACME"


@pytest.mark.parametrize("family, expected", [
    ("van der Berg", ("van der", "Berg")), ("al-Farsi", ("al-", "Farsi")), ("d'Alembert", ("d'", "Alembert")),
    ("de la Fontaine", ("de la", "Fontaine")), ("DeLuca", ("", "DeLuca")), ("van", ("", "van")),
    ("McDonald", ("", "McDonald")), ("von Çelik", ("von", "Çelik")),
])
def test_split_particle(family, expected):
    assert split_particle(family) == expected


BAD = {
    "broken.json": ('[\n  {"id": "a", "title": "x"},\n  {"id": "b", "title": }\n]\n', "broken.json:3: invalid JSON"),
    "object.json": ('{"id": "a"}\n', "object.json:1: CSL-JSON must be a list"),
    "noid.json": ('[\n  {"title": "x"}\n]\n', "noid.json:2: item has no 'id'"),
    "notitle.json": ('[\n  {"id": "a"},\n  {"id": "b", "title": "B"}\n]\n', "notitle.json:2: item 'a' has no title"),
    "dup.json": ('[\n {"id": "a", "title": "A"},\n {"id": "a", "title": "B"}\n]\n',
                 "dup.json:3: duplicate key 'a' (first on line 2)"),
    "names.json": ('[{"id": "a", "title": "A", "author": "Doe"}]', "names.json:1: item 'a': 'author' must be a list"),
    "trailing.json": ('[{"id": "a", "title": "A"}] x', "trailing.json:1: invalid JSON: extra data"),
    "empty.json": ("", "empty.json: file is empty"),
    "broken.bib": ("@article{a, title={A}, year=2020}\n\n@article{b, title = {oops\n@misc{c, title={C}}\n",
                   "broken.bib:3: cannot parse this entry"),
    "dupkey.bib": ("@misc{a, title={A}}\n@misc{a, title={B}}\n", "dupkey.bib:2: duplicate key 'a' (first on line 1)"),
    "notitle.bib": ("\n\n@misc{a, author={Doe, J.}}\n", "notitle.bib:3: entry 'a' has no title"),
    "nothing.bib": ("just some text\n", "nothing.bib: no BibTeX entries found"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_located_errors(tmp_path, name):
    content, message = BAD[name]
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(UnlearnBibError) as caught:
        load_foreign(str(path))
    assert message in str(caught.value).replace(str(tmp_path) + "/", "")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.bib"
    path.write_bytes(b"@misc{a,\n title={Caf\xe9}}\n")
    with pytest.raises(UnlearnBibError, match="latin1.bib:2: not valid UTF-8"):
        load_foreign(str(path))


def test_cli_formats_a_users_bib_file(run):
    result = run("export", "--papers", REFS, "--format", "text", "--style", "ieee")
    assert result.exit_code == 0, result.stderr
    assert "[5] J. van der Berg, J. Müller, J. Smith Jr., and The Unlearning Consortium, “The MACE Method" in result.stdout
    cited = run("cite", "lee2024", "--papers", REFS, "--style", "apa").stdout
    assert cited == "Lee, J., & Žak, Ł. (2024). A Journal Article on Unlearning. " \
                    "IEEE Transactions on Pattern Analysis and Machine Intelligence, 46(3), 1–12.\n"


def test_cli_formats_a_users_csljson_file(run):
    result = run("cite", "okafor2021single", "--papers", FIXTURES, "--style", "vancouver")
    assert result.stdout.startswith("1. Okafor A. Forgetting by design: a single-author study of concept erasure.")


def test_cli_bad_bib_is_one_line_exit_1(run, tmp_path):
    path = tmp_path / "bad.bib"
    path.write_text("@article{b, title = {oops\n")
    result = run("export", "--papers", path, "--format", "text")
    assert result.exit_code == 1 and "bad.bib:1: cannot parse this entry" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") == 0
