"""A user's own .bib or CSL-JSON file as CSL items (sources, csljson_read, bibcsl, cslitems)."""
from __future__ import annotations

import json

import pytest

from conftest import DATA
from unlearn_bib.items.check import split_particle
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.items.load import load_items

REFS = DATA / "citations" / "refs.bib"
REFS_JSON = DATA / "citations" / "refs.json"
FIXTURES = DATA / "citations" / "fixtures.json"


def test_csljson_passes_through_in_file_order():
    raw = json.loads(FIXTURES.read_text())
    items = load_items(str(FIXTURES)).items
    assert [i["id"] for i in items] == [i["id"] for i in raw]  # file order, not key order
    for original, item in zip(raw, items):
        for field, value in original.items():
            if field != "author":
                assert item[field] == value, (original["id"], field)
    book = next(i for i in items if i["id"] == "zeta2020deep")
    assert book["editor"] == [{"family": "Ed", "given": "Bruno"}] and book["edition"] == "2"
    journal = next(i for i in items if i["id"] == "vandermeer2021journal")
    assert journal["container-title-short"] == "IEEE Trans. Pattern Anal. Mach. Intell."
    assert journal["author"][1] == {"family": "Villiers", "given": "Anne-Marie", "dropping-particle": "de"}
    assert journal["issued"] == {"date-parts": [[2021, 5]]}


def test_the_bib_maps_to_the_same_items_as_its_csljson_twin():
    """refs.bib and refs.json hold the same references: the mapping gives the JSON's items."""
    from_bib = load_items(str(REFS)).items
    from_json = load_items(str(REFS_JSON)).items
    assert [i["id"] for i in from_bib] == [i["id"] for i in from_json]
    different = {}
    for a, b in zip(from_bib, from_json):
        for field in set(a) | set(b):
            if a.get(field) != b.get(field):
                different.setdefault(a["id"], {})[field] = (a.get(field), b.get(field))
    # What a .bib cannot say the same way: braces become nocase spans, babel names BCP 47 tags.
    # (An English .bib title means sentence case to the style: the twin says so.)
    assert different == {
        "schuhmann2022laion": {"title": ('<span class="nocase">LAION-5B</span>: An open large-scale dataset',
                                         "LAION-5B: An open large-scale dataset")},
        "weber2020vergessen": {"language": ("de-DE", "de")},
        # @misc has no CSL type, as pandoc writes it ("type": ""); the twin says "document".
        # TeX sets a straight ' as ’ (pandoc reads it so); the style prints ’ from either.
        "oneill2023": {"type": ("", "document"), "title": ("What’s in a name?", "What's in a name?")},
    }


BIB_CASES = {
    "book": ("@book{k, author={Zeta, A.}, editor={Ed, B.}, title={T}, edition={2}, publisher={MIT Press}, "
             "address={Cambridge, MA}, series={S}, number={7}, volume={3}, isbn={978-0}, year=2020}",
             {"type": "book", "editor": [{"family": "Ed", "given": "B."}], "edition": "2", "publisher": "MIT Press",
              "publisher-place": "Cambridge, MA", "collection-title": "S", "collection-number": "7", "volume": "3",
              "ISBN": "978-0"}),
    "phdthesis": ("@phdthesis{k, author={A, B}, title={T}, school={MIT}, year=2006}",
                  {"type": "thesis", "genre": "PhD thesis", "publisher": "MIT"}),
    "mastersthesis": ("@mastersthesis{k, author={A, B}, title={T}, school={ETH}, year=2007}",
                      {"type": "thesis", "genre": "Master’s thesis", "publisher": "ETH"}),
    "thesis-type": ("@thesis{k, author={A, B}, title={T}, institution={U}, type={phdthesis}, date={2008-03}}",
                    {"type": "thesis", "genre": "PhD thesis", "publisher": "U", "issued": {"date-parts": [[2008, 3]]}}),
    "techreport": ("@techreport{k, author={A, B}, title={T}, institution={Labs}, number={TR-7}, year=2009}",
                   {"type": "report", "publisher": "Labs", "number": "TR-7"}),
    "report-type": ("@report{k, author={A, B}, title={T}, institution={I}, type={techreport}, number={4}, year=1}",
                    {"type": "report", "genre": "technical report", "number": "4"}),
    "incollection": ("@incollection{k, author={A, B}, title={T}, booktitle={Handbook}, maintitle={Main}, "
                     "pages={1--5}, publisher={P}, location={Berlin}, chapter={3}, year=2002}",
                     {"type": "chapter", "container-title": "Main", "volume-title": "Handbook", "page": "1-5",
                      "publisher-place": "Berlin", "chapter-number": "3"}),
    "inbook": ("@inbook{k, author={A, B}, title={T}, booktitle={The Book}, year=2001}",
               {"type": "chapter", "container-title": "The book"}),  # English: sentence case (bibcase)
    "inproceedings": ("@inproceedings{k, author={A, B}, title={T}, booktitle={Proc}, organization={ACM}, "
                      "publisher={P}, eventtitle={ConfX}, venue={Paris}, month={jun}, day={12}, year=2003}",
                      {"type": "paper-conference", "container-title": "Proc", "publisher": "ACM; P", "event": "ConfX",
                       "event-place": "Paris", "issued": {"date-parts": [[2003, 6, 12]]}}),
    "conference": ("@conference{k, author={A, B}, title={T}, booktitle={C}, year=2004}", {"type": "paper-conference"}),
    "proceedings": ("@proceedings{k, editor={D, E}, title={T}, year=2005}", {"type": "book"}),
    "manual": ("@manual{k, author={A, B}, title={T}, organization={Org}, year=2011}",
               {"type": "book", "publisher": "Org"}),
    "misc-url": ("@misc{k, author={A, B}, title={T}, howpublished={\\url{https://x.org}}, year=2012, note={N}}",
                 {"type": "", "URL": "https://x.org", "note": "N"}),
    "misc-arxiv": ("@misc{k, author={A, B}, title={T}, eprint={2101.00001}, archivePrefix={arXiv}, "
                   "primaryClass={cs.LG}, year=2021}",
                   {"type": "", "URL": "https://arxiv.org/abs/2101.00001"}),
    "online": ("@online{k, author={A, B}, title={T}, url={https://e.org}, urldate={2020-01-02}, year=2013}",
               {"type": "webpage", "URL": "https://e.org", "accessed": {"date-parts": [[2020, 1, 2]]}}),
    "electronic": ("@electronic{k, title={T}, year=1}", {"type": "webpage"}),
    "www": ("@www{k, title={T}, year=1}", {"type": "webpage"}),
    "software": ("@software{k, author={A, B}, title={T}, version={1.2.3}, doi={https://doi.org/10.5281/z.1}, year=1}",
                 {"type": "software", "version": "1.2.3", "DOI": "10.5281/z.1"}),
    "dataset": ("@dataset{k, title={T}, publisher={Zenodo}, year=1}", {"type": "dataset", "publisher": "Zenodo"}),
    "patent": ("@patent{k, title={T}, number={US 1}, type={patentus}, year=1}",
               {"type": "patent", "number": "US 1", "genre": "U.S. patent"}),
    "unpublished": ("@unpublished{k, title={T}, note={In preparation}, year=1}",
                    {"type": "manuscript", "note": "In preparation"}),
    "collection": ("@collection{k, editor={C, D}, title={T}, year=1}", {"type": "book"}),
    "mvbook": ("@mvbook{k, title={T}, volumes={3}, year=1}", {"type": "book", "number-of-volumes": "3"}),
    "booklet": ("@booklet{k, title={T}, howpublished={Self}, year=1}", {"type": "pamphlet", "publisher": "Self"}),
    "article": ("@article{k, author={A, B}, title={T}, journaltitle={Journal of Things}, shortjournal={J. Things}, "
                "volume={5}, number={2}, pages={100--110}, date={2020-07}, issn={1234-5678}, langid={ngerman}, "
                "abstract={dropped}, keywords={dropped}}",
                {"type": "article-journal", "container-title": "Journal of Things", "container-title-short": "J. Things",
                 "volume": "5", "issue": "2", "page": "100-110", "issued": {"date-parts": [[2020, 7]]},
                 "ISSN": "1234-5678", "language": "de-DE"}),
    "strings-and-concatenation": ('@string{j = "Journal"}\n@article{k, title={T}, journal=j # " of " # {X}, '
                                  "month=jan, year=2020}",
                                  {"container-title": "Journal of X", "issued": {"date-parts": [[2020, 1]]}}),
    "latex": ("@article{k, author={M{\\\"u}ller, J{\\\"o}rg and {\\v{Z}}ak, {\\L}ucja}, "
              "title={{\\\"U}ber {MACE} and \\emph{this} -- 50\\% \\c{c}a}, journal={Z}, year=1}",
              {"author": [{"family": "Müller", "given": "Jörg"}, {"family": "Žak", "given": "Łucja"}],
               "title": 'Über <span class="nocase">MACE</span> and <i>this</i> – 50% ça'}),
    "names": ("@article{k, author={van der Berg, Jan and Ludwig van Beethoven and Villiers, A.-M. de and "
              "Smith, Jr., John and {Barnes and Noble} and al-Farsi, Linh and others}, title={T}, year=1}",
              {"author": [{"family": "Berg", "given": "Jan", "dropping-particle": "van der"},  # pandoc's reading
                          {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
                          {"family": "Villiers", "given": "A.-M.", "dropping-particle": "de"},
                          {"family": "Smith", "given": "John", "suffix": "Jr."},
                          {"literal": "Barnes and Noble"},
                          {"family": "Farsi", "given": "Linh", "non-dropping-particle": "al-"},
                          {"literal": "others"}]}),
    "date-range-circa": ("@article{k, title={T}, date={2020-05/2020-07}, urldate={2021~}}",
                         {"issued": {"date-parts": [[2020, 5], [2020, 7]]},
                          "accessed": {"date-parts": [[2021]], "circa": True}}),
    "year-literal": ("@article{k, title={T}, year={in press}}", {"issued": {"literal": "in press"}}),
    "biblatex-eprint": ("@online{k, title={T}, eprint={2303.17591}, eprinttype={arxiv}, eprintclass={cs.CV}, "
                        "language={english}, eventdate={2023-06-18}, translator={T, U}, bookauthor={B, C}, "
                        "pmid={123}, pagetotal={300}}",
                        {"URL": "https://arxiv.org/abs/2303.17591", "language": "en-US",
                         "event-date": {"date-parts": [[2023, 6, 18]]}, "translator": [{"family": "T", "given": "U"}],
                         "container-author": [{"family": "B", "given": "C"}], "PMID": "123",
                         "number-of-pages": "300"}),
    "inreference-and-periodical": ("@inreference{k, title={T}, booktitle={Encyclopedia}, year=1}",
                                   {"type": "entry-encyclopedia", "container-title": "Encyclopedia"}),
    "unknown-type": ("@whatever{k, title={T}, year=1}", {"type": ""}),  # pandoc: "type": "" (as @misc)
    "crossref": ("@proceedings{P, editor={E, F}, title={Proc}, publisher={IEEE}, year=2024}\n"
                 "@inproceedings{k, author={A, B}, title={T}, crossref={p}}",
                 {"title": "T", "container-title": "Proc", "editor": [{"family": "E", "given": "F"}],
                  "publisher": "IEEE", "issued": {"date-parts": [[2024]]}}),
}


@pytest.mark.parametrize("name", sorted(BIB_CASES))
def test_bibtex_mapping(tmp_path, name):
    source, expected = BIB_CASES[name]
    path = tmp_path / "one.bib"
    path.write_text(source, encoding="utf-8")
    item = load_items(str(path)).items[-1]
    for field, value in expected.items():
        assert item.get(field) == value, (field, item)
    assert "abstract" not in item and "keyword" not in item


CSL_CASES = {
    "names": ({"author": [{"family": "van der Berg", "given": "Jan"}, {"literal": "ACME Lab"},
                          {"family": "Villiers", "given": "A.", "dropping-particle": "de", "suffix": "Jr.",
                           "comma-suffix": True}]},
              {"author": [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
                          {"literal": "ACME Lab"},
                          {"family": "Villiers", "given": "A.", "dropping-particle": "de", "suffix": "Jr.",
                           "comma-suffix": True}]}),  # kept: pandoc and citeproc-js print "A. de Villiers, Jr."
    "dates": ({"issued": {"date-parts": [["2020", "5", 17]]}, "accessed": {"raw": "2021-02"},
               "event-date": {"date-parts": [[2020, 5], [2020, 7]]}, "original-date": {"literal": "Spring 1890"},
               "submitted": {"date-parts": [[2019]], "season": 2, "circa": True}},
              {"issued": {"date-parts": [[2020, 5, 17]]}, "accessed": {"date-parts": [[2021, 2]]},
               "event-date": {"date-parts": [[2020, 5], [2020, 7]]}, "original-date": {"literal": "Spring 1890"},
               "submitted": {"date-parts": [[2019]], "season": 2, "circa": True}}),
    "seasons": ({"issued": {"date-parts": [[2020, 13]]}, "accessed": "2021-22", "submitted":
                 {"date-parts": [[2019]], "season": "Winter"}},
                {"issued": {"date-parts": [[2020]], "season": 1}, "accessed": {"date-parts": [[2021]], "season": 2},
                 "submitted": {"date-parts": [[2019]], "season": 4}}),
    "numbers-become-text": ({"volume": 3, "id": 7}, {"volume": "3", "id": "7"}),
    "every-variable-kept": ({"type": "thesis", "genre": "PhD thesis", "number": "4", "note": "n", "archive": "a",
                             "ISBN": "1", "publisher-place": "P", "event-place": "E", "language": "de",
                             "container-title-short": "J."},
                            {"genre": "PhD thesis", "number": "4", "note": "n", "archive": "a", "ISBN": "1",
                             "publisher-place": "P", "event-place": "E", "language": "de",
                             "container-title-short": "J."}),
}


@pytest.mark.parametrize("name", sorted(CSL_CASES))
def test_csljson_items_are_checked_and_kept(tmp_path, name):
    given, expected = CSL_CASES[name]
    path = tmp_path / "one.json"
    path.write_text(json.dumps([{"id": "k", "type": "book", "title": "T", **given}]), encoding="utf-8")
    item = load_items(str(path)).items[0]
    for field, value in expected.items():
        assert item[field] == value, field


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
    "dup.json": ('[\n {"id": "a", "title": "A"},\n {"id": "a", "title": "B"}\n]\n',
                 "dup.json:3: duplicate id 'a' (first on line 2)"),
    "names.json": ('[{"id": "a", "title": "A", "author": "Doe"}]', "names.json:1: item 'a': 'author': must be a list"),
    "name.json": ('[\n\n{"id": "a", "author": [{"given": 3.5, "family": {}}]}]', "name.json:3: item 'a': 'author'"),
    "month.json": ('[\n{"id": "a", "issued": {"date-parts": [[2020, 99]]}}]',
                   "month.json:2: item 'a': 'issued': the month must be a whole number from 1 to 24, not 99"),
    "dateshape.json": ('[{"id": "a", "issued": [2020]}]', "dateshape.json:1: item 'a': 'issued': a date must be"),
    "field.json": ('[{"id": "a", "title": ["x"]}]', "field.json:1: item 'a': 'title' must be text or a number"),
    "trailing.json": ('[{"id": "a", "title": "A"}] x', "trailing.json:1: invalid JSON: extra data"),
    "empty.json": ("", "empty.json: file is empty"),
    # hostile input (issue 11, item 11): a located error, never a traceback
    "nested.json": ("[" * 100000 + "]" * 100000, "nested.json:1: invalid CSL-JSON: values nested too deeply"),
    "nested-item.json": ('[\n{"id": "a", "note": ' + "[" * 100000 + "]" * 100000 + "}]",
                         "nested-item.json:2: invalid CSL-JSON: values nested too deeply"),
    "infinity.json": ('[\n{"id": "a", "volume": Infinity}]', "infinity.json:2: invalid CSL-JSON: Infinity is not allowed"),
    "nan.json": ('[{"id": "a", "issued": {"date-parts": [[NaN]]}}]', "nan.json:1: invalid CSL-JSON: NaN is not allowed"),
    "bigyear.json": ('[\n{"id": "a", "issued": {"date-parts": [[' + "9" * 5000 + "]]}}]",
                     "bigyear.json:2: invalid CSL-JSON: a number with 5000 digits"),
    "bigyear-text.json": ('[{"id": "a", "issued": {"date-parts": [["' + "9" * 5000 + '"]]}}]',
                          "bigyear-text.json:1: item 'a': 'issued': the year must be a whole number"),
    "surrogate.json": ('[\n{"id": "a", "title": "x\\ud800y"}]', "surrogate.json:2: item 'a': text with a lone surrogate"),
    "control.json": ('[\n{"id": "a", "title": "x\\u001b[31my"}]',
                     "control.json:2: item 'a': text with the control character U+001B"),
    "c1.json": ('[{"id": "a", "title": "x\u009by"}]', "c1.json:1: item 'a': text with the control character U+009B"),
    "control.bib": ("\n@misc{a, title={x\x1b[31my}}\n", "control.bib:2: item 'a': text with the control character U+001B"),
    "broken.bib": ("@article{a, title={A}, year=2020}\n\n@article{b, title = {oops\n@misc{c, title={C}}\n",
                   "broken.bib:3: entry 'b': field 'title': the '{' opened here is never closed "
                   "(it runs into the next entry at line 4)"),
    "dupkey.bib": ("@misc{a, title={A}}\n@misc{a, title={B}}\n", "dupkey.bib:2: duplicate key 'a' (first on line 1)"),
    "nothing.bib": ("just some text\n", "nothing.bib: no BibTeX entries found"),
    "crossref.bib": ("\n@inproceedings{k, title={T}, crossref={gone}}\n",
                     "crossref.bib:2: entry 'k': crossref 'gone' names no entry of this file"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_located_errors(tmp_path, name):
    content, message = BAD[name]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    with pytest.raises(UnlearnBibError) as caught:
        load_items(str(path))
    assert message in str(caught.value).replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("name", ["nested.json", "infinity.json", "bigyear.json", "surrogate.json", "broken.bib"])
def test_cli_reports_hostile_files_in_one_message(run, tmp_path, name):
    """No traceback, and none of bibtexparser's own log lines (issue 11, items 11 and 12)."""
    content, message = BAD[name]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("export", "--papers", path, "--format", "text", "--style", "ieee")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "Parsing of" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert message in lines[0], result.stderr
    # broken.bib has sound entries: they are formatted, the summary line says what was left out
    assert lines[1:] == ([f"{path}: 1 problem (above): that entry is left out, 2 entries used"] if name == "broken.bib"
                         else []), result.stderr


def test_an_unknown_type_is_a_warning_and_the_item_is_formatted_as_both_references_do(run, tmp_path):
    """'website' (Zotero/Manubot) and typos are not CSL 1.0.2 types: pandoc and citeproc-js format such
    an item through no type condition (APA: "Author. (2022). Title. Publisher. URL"); so do we, saying so."""
    path = tmp_path / "type.json"
    path.write_text('[{"id": "a", "type": "artcle", "title": "T"},\n{"id": "w", "type": "website", "title": "Drug '
                    'Approvals", "publisher": "FDA", "author": [{"literal": "Oncology Center"}], '
                    '"issued": {"date-parts": [[2022, 6, 29]]}, "URL": "https://www.fda.gov/x"}]', encoding="utf-8")
    result = run("export", "--papers", path, "--format", "text", "--style", "apa", "--key", "w")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Oncology Center. (2022). Drug Approvals. FDA. https://www.fda.gov/x\n"
    assert f"warning: {path}:1: item 'a': unknown CSL type 'artcle' (did you mean 'article'?)" in result.stderr
    assert f"warning: {path}:2: item 'w': unknown CSL type 'website'" in result.stderr


def test_an_empty_name_is_left_out_as_citeproc_js_leaves_it(run, tmp_path):
    """PubMed/Manubot author lists may end in {}: citeproc-js prints the others ("… G., & Durbin, R.")."""
    path = tmp_path / "names.json"
    path.write_text('[{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2009]]}, '
                    '"author": [{"family": "Li", "given": "Heng"}, {"family": "Durbin", "given": "Richard"}, {}]}]',
                    encoding="utf-8")
    result = run("export", "--papers", path, "--format", "text", "--style", "apa")
    assert result.exit_code == 0 and result.stdout == "Li, H., & Durbin, R. (2009). T.\n", result.stderr
    assert "'author': an empty name (no part) left out" in result.stderr


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.bib"
    path.write_bytes(b"@misc{a,\n title={Caf\xe9}}\n")
    with pytest.raises(UnlearnBibError, match="latin1.bib:2: not valid UTF-8"):
        load_items(str(path))


EXAMPLE = [
    {"id": "zeta2020", "type": "book", "title": "Deep Learning Foundations", "author": [{"family": "Zeta", "given": "A."}],
     "editor": [{"family": "Ed", "given": "B."}], "edition": "2", "publisher": "MIT Press",
     "publisher-place": "Cambridge, MA", "issued": {"date-parts": [[2020]]}},
    {"id": "alpha2019", "type": "thesis", "genre": "PhD thesis", "title": "Learning to Forget",
     "author": [{"family": "Alpha", "given": "Carla"}], "publisher": "Stanford University",
     "publisher-place": "Stanford, CA", "issued": {"date-parts": [[2019, 5]]}},
    {"id": "beta2021", "type": "report", "genre": "Technical Report", "number": "TR-2021-07",
     "title": "Concept Erasure at Scale", "author": [{"family": "Beta", "given": "Dan"}], "publisher": "Example Labs",
     "issued": {"date-parts": [[2021, 3, 14]]}},
]


def test_the_issues_example_renders_as_pandoc_does_in_file_order(run, tmp_path):
    """Book with editor and edition, PhD thesis, numbered report (pandoc 3.9's output)."""
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    apa = run("export", "--papers", path, "--format", "text", "--style", "apa").stdout
    assert apa == ("Alpha, C. (2019). Learning to Forget [PhD thesis]. Stanford University.\n\n"
                   "Beta, D. (2021). Concept Erasure at Scale (Technical Report TR-2021-07). Example Labs.\n\n"
                   "Zeta, A. (2020). Deep Learning Foundations (B. Ed, Ed.; 2nd ed.). MIT Press.\n")
    ieee = run("export", "--papers", path, "--format", "text", "--style", "ieee").stdout
    assert ieee == ("[1] A. Zeta, Deep Learning Foundations, 2nd ed. Cambridge, MA: MIT Press, 2020.\n\n"
                    "[2] C. Alpha, “Learning to Forget,” PhD thesis, Stanford University, Stanford, CA, 2019.\n\n"
                    "[3] D. Beta, “Concept Erasure at Scale,” Example Labs, Technical Report TR-2021-07, Mar. 2021.\n")


def test_cli_formats_a_users_bib_file_in_file_order(run):
    result = run("export", "--papers", REFS, "--format", "text", "--style", "ieee")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("[1] J. van der Berg, J. Müller, J. Smith Jr., and The Unlearning Consortium, "
                                    "“The MACE method")
    cited = run("cite", "lee2024", "--papers", REFS, "--style", "apa").stdout
    assert cited == "Lee, J., & Žak, Ł. (2024). A journal article on unlearning. " \
                    "IEEE Transactions on Pattern Analysis and Machine Intelligence, 46(3), 1–12.\n"


def test_cli_filters_and_csljson_pass_through(run):
    out = json.loads(run("export", "--papers", REFS_JSON, "--format", "csljson", "--since", "2022").stdout)
    assert [i["id"] for i in out] == ["vanderberg2024", "lee2024", "oneill2023", "scholar2023", "report2022",
                                      "kowalski2022erasing", "diffusers2023", "schuhmann2022laion",
                                      "abbott2024unlearning", "li2024crossref", "cvpr2024proc", "huang2024others"]
    assert out[5] == json.loads(REFS_JSON.read_text())[8]
    listed = run("list", "--papers", REFS, "--year", "2019").stdout
    assert listed.split() [:2] == ["alpha2019learning", "2019"]
    refused = run("export", "--papers", REFS, "--format", "bibtex")
    assert refused.exit_code == 2 and "text, markdown, html or csljson" in refused.stderr
    unknown = run("cite", "zeta2020dep", "--papers", REFS)
    assert unknown.exit_code == 1 and "did you mean 'zeta2020deep'?" in unknown.stderr


def _every_type_items():
    from unlearn_bib.items.check import TYPES

    base = {"title": "A Title", "author": [{"family": "Doe", "given": "Jane"}], "editor": [{"family": "Roe", "given": "R."}],
            "container-title": "Container", "publisher": "Pub", "number": "7", "genre": "G", "URL": "https://x.org",
            "issued": {"date-parts": [[2020, 5], [2020, 7]]}, "accessed": {"date-parts": [[2021, 1, 2]], "circa": True},
            "submitted": {"date-parts": [[2019]], "season": 2}, "original-date": {"literal": "c. 1890"},
            "chair": [{"literal": "The Chair"}], "available-date": {"date-parts": [[2020]]}}
    return [{"id": kind, "type": kind, **base} for kind in sorted(TYPES)]


@pytest.mark.parametrize("style", ["apa", "ieee", "chicago", "mla", "harvard", "vancouver", "nature", "acm",
                                   "springer-lncs"])
def test_every_csl_type_and_variable_kind_renders(style):
    """1.0.2 types, names (chair) and dates (available-date, ranges, seasons) citeproc-py has no list of."""
    from unlearn_bib.export import citations

    entries = citations.format_items(_every_type_items(), style)
    assert len(entries) == 45 and all(citations.to_text(e) for e in entries)


@pytest.mark.parametrize("style, kind, parts, expected", [
    ("ieee", "article-journal", [[2020, 5], [2020, 7]], "[1] J. Doe, “T,” J, May–Jul. 2020."),
    ("vancouver", "article-journal", [[2020, 5, 1], [2020, 5, 9]], "1. Doe J. T. J. 2020 May 1–9."),
    ("apa", "webpage", [[2020, 5, 1], [2020, 5, 9]], "Doe, J. (2020, May 1–9). T. J."),
    ("chicago", "article-journal", [[2019], [2021]], "Doe, J. 2019–2021. “T.” J."),
    ("mla", "article-journal", [[2020, 5, 1], [2020, 5, 9]], "Doe, J. “T.” J, May 2020."),
])
def test_date_ranges_print_shared_parts_once(style, kind, parts, expected):
    """Exactly as pandoc 3.9 prints them (same data, same style)."""
    from unlearn_bib.export import citations

    item = {"id": "a", "type": kind, "title": "T", "author": [{"family": "Doe", "given": "J"}],
            "container-title": "J", "issued": {"date-parts": parts}}
    assert citations.to_text(citations.format_items([item], style)[0]) == expected


def test_cite_finds_items_by_doi_and_arxiv_id(run):
    """As `cite` finds catalog papers by identifier, it finds a file's items by DOI or arXiv id."""
    by_doi = run("cite", "https://doi.org/10.1109/TPAMI.2021.0000001", "--papers", REFS, "--style", "ieee")
    assert by_doi.exit_code == 0 and "Forgetting in latent diffusion" in by_doi.stdout
    by_arxiv = run("cite", "2310.05873", "lee2024", "--papers", REFS_JSON, "--style", "ieee")
    assert [line[:20] for line in by_arxiv.stdout.split("\n\n")] == ["[1] S. O’Neill, “Wha", "[2] J. Lee and Ł. Ža"]
    unknown = run("cite", "10.1000/none", "--papers", REFS, "--style", "ieee")
    assert unknown.exit_code == 1 and "no item with id '10.1000/none'" in unknown.stderr


def test_one_bad_item_is_reported_and_the_others_are_formatted(run, tmp_path):
    path = tmp_path / "part.json"
    path.write_text('[{"id": "a", "type": "book", "title": "Good One", "author": [{"family": "Doe", "given": "J"}], '
                    '"issued": {"date-parts": [[2020]]}},\n{"id": "b", "type": "book", "title": "Bad", '
                    '"issued": {"date-parts": [["x"]]}}]', encoding="utf-8")
    result = run("export", "--papers", path, "--format", "text", "--style", "apa")
    assert result.exit_code == 1 and result.stdout == "Doe, J. (2020). Good One.\n"
    assert f"Error: {path}:2: item 'b': 'issued': the year must be a whole number" in result.stderr
    only_bad = tmp_path / "bad.json"
    only_bad.write_text('[{"id": "b", "type": "book", "issued": {"date-parts": [["x"]]}}]', encoding="utf-8")
    result = run("export", "--papers", only_bad, "--format", "text", "--style", "apa")
    assert result.exit_code == 1 and result.stdout == ""  # nothing sound: the file fails as a whole
