"""Never inject: identifiers and links are validated in `check` and `import`, and every writer
escapes free text and renders only http(s) links, even for values validation never saw."""
import json
import re
import unicodedata
from html.parser import HTMLParser

import bibtexparser
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from unlearn_bib.text import latex
from unlearn_bib.catalog import identifiers as patterns
from unlearn_bib.files.yamlio import dump_record, load_yaml, yaml_scalar
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.export import bibtex, citations, csljson, tables
from unlearn_bib.release import webpage
from unlearn_bib.catalog.model import Catalog, Paper, Person, Section, Venue
from unlearn_bib.read.names import split_names
from unlearn_bib.catalog.validate import build_catalog
from unlearn_bib.catalog.venues import resolve

FAST = settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

INJECTION = r"cs.CV}, note = {\input{/etc/hostname}"
HOSTILE_LINKS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "\tjavascript:alert(1)",
    "java\nscript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x", "https://x.org/\" onmouseover=\"alert(1)",
    "https://x.org/a b", "https://x.org/}", "https://x.org/\\input{x}", "https://good.org@evil.example/",
    "https:javascript:alert(1)", "ftp://x.org/file",
]
# Fragments an attacker puts into BibTeX, LaTeX, HTML and Markdown.
FRAGMENTS = [
    "\\input{/etc/hostname}", "\\write18{touch pwned}", "\\immediate\\write18{id}", "\\csname foo\\endcsname",
    "}", "{", "%", "}, note = {", "}\n@misc{evil,", "@misc{x,", "</script>", "<script>alert(1)</script>",
    '"', "'", "\" onclick=\"alert(1)", "javascript:alert(1)", "](javascript:alert(1))", "[x](javascript:y)",
    "<a href=javascript:x>", "|", "\u202e", "#", "&", "&amp;", "$", "_", "^", "~", "`", "*", "\\", "--", "\n",
    "\t", " and ", ",", "<!--", "&#106;avascript:", "\\\\", "\\par", "\\def\\x{y}", "\\url{x}",
]
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), min_size=1, max_size=5).map("".join)

SAFE_COMMANDS = {"textbackslash", "textbraceleft", "textbraceright", "textasciitilde", "textasciicircum", "textendash", "textemdash",
                 "textquotedblleft", "textquotedblright", "textquoteleft", "textquoteright", "ldots",
                 "o", "O", "ss", "ae", "AE", "oe", "OE", "l", "L", "aa", "AA", "i", "j", "r", "c", "v", "u", "k", "H", "d",
                 "UBchar"}  # {\\UBchar{X}}: one character pdflatex cannot print (text/latex.py)
LINK_FIELDS = {"url", "doi"}


# --- helpers -------------------------------------------------------------------------------------

def record(**changes):
    base = {"key": "doe2024hostile", "section": "methods", "title": "A Benign Title", "authors": [{"family": "Doe", "given": "Jane"}],
            "venue": "ECCV", "year": 2024, "arxiv": "2311.17717", "primary_class": "cs.CV",
            "sources": ["https://example.org/doe"]}
    base.update(changes)
    return base


def catalog_text(*records, sections=(("methods", "Methods"),)):
    head = "sections:\n" + "".join(f"  - id: {yaml_scalar(i)}\n    title: {yaml_scalar(t)}\n" for i, t in sections)
    return head + "papers:\n" + "\n".join(dump_record(r) for r in records)


def load(text):
    return build_catalog(load_yaml(text.encode("utf-8"), "p.yaml"), "p.yaml")


def problems(text):
    with pytest.raises(UnlearnBibError) as info:
        load(text)
    return str(info.value)


def paper(**changes):
    base = dict(key="doe2024hostile", title="A Benign Title", authors=(Person(family="Doe", given="Jane"),), year=2024,
                venue=resolve("eccv", 2024), section="methods", arxiv="2311.17717", primary_class="cs.CV")
    base.update(changes)
    return Paper(**base)


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each element of interest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "meta", "input", "rect", "img"):
            self.stack.append([tag, dict(attrs), ""])

    def handle_endtag(self, tag):
        while self.stack:
            name, attrs, text = self.stack.pop()
            self.text.append((name, attrs, text))
            if self.stack:
                self.stack[-1][2] += text
            if name == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2] += data


def parse_html(text):
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser


def assert_http_links_only(parsed, allowed_relative=()):
    for tag, attrs in parsed.tags:
        for name in ("href", "src", "action", "formaction"):
            if name in attrs:
                value = attrs[name]
                assert patterns.is_web_url(value) or value in allowed_relative, (tag, name, value)
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)


def bib_value_is_safe(name, value):
    """No TeX command but the encoder's own, braces balanced as BibTeX counts them (every brace,
    escaped or not: bibtexparser is more lenient than BibTeX here), specials escaped (links exempt)."""
    commands = set(re.findall(r"\\([A-Za-z]+)", value))
    assert commands <= SAFE_COMMANDS, (name, value)
    depth = 0
    for i, ch in enumerate(value):
        escaped = i > 0 and value[i - 1] == "\\"
        if ch in "{}":
            depth += 1 if ch == "{" else -1
            assert depth >= 0, (name, value)
        if name not in LINK_FIELDS and ch in "%#&$_^" and not escaped:
            raise AssertionError(f"unescaped {ch!r} in {name} = {value!r}")
    assert depth == 0, (name, value)


def check_bib(text, papers, dialect, expected_fields):
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, text
    assert [e.key for e in library.entries] == sorted(p.key for p in papers)
    by_key = {p.key: p for p in papers}
    for entry in library.entries:
        p = by_key[entry.key]
        assert {f.key for f in entry.fields} == expected_fields[entry.key], text
        for f in entry.fields:
            bib_value_is_safe(f.key, f.value)
        if "{" not in p.title and "}" not in p.title and _kept(p.title):
            assert " ".join(latex.decode(entry["title"]).split()) == _kept(p.plain_title)
        assert len(split_names(entry["author"])) == len(p.authors)
        if "url" in entry:
            assert patterns.is_web_url(entry["url"]), entry["url"]


def check_csl(text, papers):
    items = json.loads(text)
    assert [i["id"] for i in items] == sorted(p.key for p in papers)
    by_key = {p.key: p for p in papers}
    for item in items:
        p = by_key[item["id"]]
        assert item["title"] == p.plain_title
        assert [a.get("family", a.get("literal")) for a in item["author"]] == [a.family or a.literal for a in p.authors]
        if "URL" in item:
            assert patterns.is_web_url(item["URL"]), item["URL"]


def check_page(text, catalog):
    parsed = parse_html(text)
    downloads = ("refs.bib", "refs-biblatex.bib")
    assert_http_links_only(parsed, downloads)
    rows = [attrs for tag, attrs in parsed.tags if tag == "tr" and "data-key" in attrs]
    assert [r["data-key"] for r in rows] == [p.key for p in catalog]
    assert [tag for tag, _ in parsed.tags].count("script") == 2
    cells = [(attrs, t) for name, attrs, t in parsed.text if name == "td" and attrs.get("data-label") == "Paper"]
    assert [t for _, t in cells] == [p.plain_title + (" unverified" if p.needs_verification else "") for p in catalog]
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.S).group(1)
    assert set(json.loads(data)["bibtex"]) == {p.key for p in catalog}


def markdown_html(text):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    md.validateLink = lambda url: True  # see every link the text makes, javascript: included
    return md.render(text)


def check_tables(text, catalog):
    parsed = parse_html(markdown_html(text))
    assert_http_links_only(parsed)
    shown = [p for s in catalog.sections for p in catalog if p.section == s.id]
    first_cells = []
    row_cells = []
    for name, _, t in parsed.text:
        if name == "td":
            row_cells.append(t)
        if name == "tr" and row_cells:
            first_cells.append(row_cells[0])
            row_cells = []
    assert first_cells == [p.plain_title for p in shown], text
    headings = [t for name, _, t in parsed.text if name == "h2"]
    assert headings == [" ".join(s.title.split()) for s in catalog.sections if any(p.section == s.id for p in catalog)]
    assert not any(name in ("script", "del", "s", "em", "strong", "code", "img") for name, _ in parsed.tags), text


def expected_fields(catalog):
    """The field names each entry has when its values are benign: hostile values must not change them."""
    out = {}
    for dialect in ("bibtex", "biblatex"):
        for p in catalog:
            # a value of pictographs (and spaces) only is left out, as the writer drops pictographs
            kept = lambda value, stand_in: (value and (not value.strip() or _kept(value)) and stand_in) or ""  # noqa: E731
            benign = Paper(key=p.key, title=kept(p.title, "T"), authors=p.authors, year=p.year, venue=p.venue, arxiv=p.arxiv,
                           primary_class=p.primary_class and "cs.CV", doi=p.doi and "10.1000/x", pages=p.pages and "1--2",
                           volume=kept(p.volume, "1"), number=kept(p.number, "1"), publisher=kept(p.publisher, "P"),
                           url=p.url and (p.web_url and "https://example.org/"), openreview=p.openreview,
                           list_link=p.list_link and (p.link and "https://example.org/l"))
            library = bibtexparser.parse_string(bibtex.format_entry(benign, bibtex.Options(dialect)))
            out[(dialect, p.key)] = {f.key for f in library.entries[0].fields}
    return out


def check_all_writers(catalog):
    fields = expected_fields(catalog)
    for dialect in ("bibtex", "biblatex"):
        text = bibtex.render(catalog, bibtex.Options(dialect))
        check_bib(text, list(catalog), dialect, {p.key: fields[(dialect, p.key)] for p in catalog})
    check_csl(csljson.render(catalog), list(catalog))
    check_tables(tables.render(catalog), catalog)
    page = webpage.render(catalog, bibtex={p.key: bibtex.format_entry(p, bibtex.Options()) for p in catalog},
                          citations={"apa": {p.key: p.plain_title for p in catalog}}, style_labels={"apa": "APA"},
                          downloads=[("refs.bib", "refs.bib"), ("BibLaTeX", "refs-biblatex.bib")])
    check_page(page, catalog)


# --- item 2: identifiers are validated in check -------------------------------------------------------

def test_primary_class_injection_is_refused_by_check():
    text = catalog_text(record(primary_class=INJECTION))
    message = problems(text)
    line = text.splitlines().index(f"    primary_class: {yaml_scalar(INJECTION)}") + 1
    assert f"p.yaml:{line}: malformed arXiv category" in message


@pytest.mark.parametrize("name,value", [
    ("doi", "10.1000/x}, note = {\\input{/etc/hostname}"), ("doi", "10.1000/a%b"), ("arxiv", "2311.17717}"),
    ("pages", "1--2}, note={x"), ("openreview", "abc\"def<x>"), ("key", "evil}, note={x"),
    ("primary_class", "cs.CV cs.LG"), ("primary_class", "cs.CV%"), ("section", "methods\"x"),
])
def test_malformed_identifiers_are_refused(name, value):
    assert "p.yaml:" in problems(catalog_text(record(**{name: value})))


@pytest.mark.parametrize("value", ["cs.CV", "cs.LG", "math.OC", "hep-th", "stat.ML"])
def test_real_arxiv_categories_pass(value):
    assert load(catalog_text(record(primary_class=value))).papers[0].primary_class == value


@pytest.mark.parametrize("name", ["title", "attack_type", "publisher", "volume"])
def test_direction_overrides_and_control_characters_are_refused(name):
    for bad in ("Nice \u202eeulav", "a\u2066b", "bell\x07", "line\nbreak", "esc\x1b[31m"):
        assert "control character or an invisible direction mark" in problems(catalog_text(record(**{name: bad})))


def test_notes_may_break_lines_but_hold_no_escape_sequences():
    assert load(catalog_text(record(notes="first line\nsecond line"))).papers[0].notes.startswith("first")
    assert "control character" in problems(catalog_text(record(notes="title\x1b]0;pwned\x07")))


# --- item 3: links are http(s) only, in check --------------------------------------------------------

@pytest.mark.parametrize("name", ["url", "code", "list_link"])
@pytest.mark.parametrize("value", HOSTILE_LINKS)
def test_non_web_links_are_refused_by_check(name, value):
    message = problems(catalog_text(record(**{name: value})))
    assert f"{name}: {value!r} " in message and ("is not an http:// or https:// address" in message
                                                  or "holds what a link may not" in message)


@pytest.mark.parametrize("value", HOSTILE_LINKS[:6])
def test_sources_must_start_with_a_web_address(value):
    assert "a source must start with an http:// or https:// address: " in problems(catalog_text(record(sources=[value])))


def test_real_links_pass():
    catalog = load(catalog_text(record(code="https://github.com/a/b-c_d.e", url="http://example.org/p?q=1&r=%20#x",
                                       list_link="https://openreview.net/pdf?id=oBCw6PZ0fX",
                                       sources=["https://x.org/a (README.md, citation block)"])))
    assert catalog.papers[0].code_link == "https://github.com/a/b-c_d.e"


def test_schema_carries_the_validators_patterns():
    from conftest import ROOT

    schema = json.loads((ROOT / "src/unlearn_bib/data/papers.schema.json").read_text())
    props = schema["properties"]["papers"]["items"]["properties"]
    for name in ("arxiv", "primary_class", "doi", "key", "openreview", "pages", "url", "section"):
        assert props[name]["pattern"] == patterns.SOURCES[name], name
    assert props["code"]["pattern"] == props["list_link"]["pattern"] == patterns.SOURCES["url"]
    assert props["sources"]["items"]["pattern"] == patterns.SOURCES["source"]
    assert schema["properties"]["sections"]["items"]["properties"]["id"]["pattern"] == patterns.SOURCES["section"]
    jsonschema = pytest.importorskip("jsonschema")
    bad = yaml_safe(catalog_text(record(primary_class=INJECTION, code="javascript:alert(1)")))
    errors = {e.path[-1] for e in jsonschema.Draft202012Validator(schema).iter_errors(bad)}
    assert errors == {"primary_class", "code"}


def yaml_safe(text):
    import yaml

    return yaml.safe_load(text)


# --- item 21: a section id given twice ----------------------------------------------------------------

def test_duplicate_section_id_is_an_error_with_its_line(run, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(catalog_text(record(), sections=(("methods", "Methods"), ("attacks", "Attacks"), ("methods", "More methods"))))
    result = run("check", "--papers", path)
    assert result.exit_code == 1
    assert f"{path}:6: duplicate section id 'methods' (first on line 2)" in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_section_title_and_bad_section_ids_are_errors():
    text = catalog_text(record(), sections=(("methods", "Methods"), ("other", "methods ")))
    assert "p.yaml:4: duplicate section title 'methods '" in problems(text)
    assert "section id 'Bad Id'" in problems(catalog_text(record(), sections=(("methods", "M"), ("Bad Id", "B"))))
    assert "section title" in problems(catalog_text(record(), sections=(("methods", "M\n<script>"),)))


# --- items 2 and 3 in import ---------------------------------------------------------------------------

README = """## Attacks

| Paper | Year | Venue | Code |
|:---:|:---:|:---:|:---:|
| [A Fine Paper About Erasing](https://arxiv.org/abs/2401.00001) | 2024 | arXiv | [GitHub](https://github.com/a/b) |
{row}
"""


@pytest.mark.parametrize("row", [
    "| [Evil Paper About Erasing](javascript:alert(1)) | 2024 | arXiv | |",
    "| [Evil Paper About Erasing](JaVaScRiPt:alert(document.cookie)) | 2024 | arXiv | |",
    "| [Evil Paper About Erasing](data:text/html,x) | 2024 | arXiv | |",
    "| [Evil Paper About Erasing](vbscript:x) | 2024 | arXiv | |",
    "| [Evil \u202eParer About Erasing](https://arxiv.org/abs/2401.00002) | 2024 | arXiv | |",
    "| [Evil Paper About Erasing]( javascript:alert(1) ) | 2024 | arXiv | |",
    "| [Evil Paper About Erasing](<javascript:alert(1)>) | 2024 | arXiv | |",
    "| [Evil Paper About Erasing](javascript:alert(1) \"a title\") | 2024 | arXiv | |",
])
def test_import_markdown_refuses_non_web_links_with_the_readme_line(run, tmp_path, row):
    readme = tmp_path / "README.md"
    readme.write_text(README.replace("{row}", row))
    path = tmp_path / "new.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path, "--strict")
    assert result.exit_code == 1
    assert f"{readme}:6: the row: " in result.stderr
    assert not path.exists()
    result = run("import", "--from", "markdown", readme, "--papers", path)  # row by row: the evil row is reported
    assert result.exit_code == 0 and f"{readme}:6: the row: " in result.stderr
    assert [r["title"] for r in load_yaml(path.read_bytes(), "new.yaml")["papers"]] == ["A Fine Paper About Erasing"]


@pytest.mark.parametrize("row, link", [
    ("| [Evil Paper About Erasing](https://arxiv.org/abs/2401.00002) | 2024 | arXiv | [GitHub](javascript:alert(1)) |",
     "javascript:alert(1)"),
    ("| [Evil Paper About Erasing](https://arxiv.org/abs/2401.00002) | 2024 | arXiv | [Code](file:///etc/passwd) |",
     "file:///etc/passwd"),
])
def test_import_markdown_leaves_a_non_web_code_link_out_with_the_readme_line(run, tmp_path, row, link):
    """The paper is what the row is about: it is imported without the code link, which is reported (issue 18)."""
    readme = tmp_path / "README.md"
    readme.write_text(README.replace("{row}", row))
    path = tmp_path / "new.yaml"
    result = run("import", "--from", "markdown", readme, "--papers", path, "--strict")
    assert result.exit_code == 1 and f"{readme}:6: the row: " in result.stderr and not path.exists()
    result = run("import", "--from", "markdown", readme, "--papers", path)
    assert result.exit_code == 0 and f"{readme}:6: 'Evil Paper About Erasing': imported without its code link" in result.stderr
    records = {r["title"]: r for r in load_yaml(path.read_bytes(), "new.yaml")["papers"]}
    assert list(records) == ["A Fine Paper About Erasing", "Evil Paper About Erasing"]
    assert "code" not in records["Evil Paper About Erasing"] and link not in path.read_text()


def test_import_markdown_takes_a_doi_link_as_the_doi(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(README.replace("{row}", "| [A DOI Paper About Erasing](doi:10.1145/3658644.3690001) | 2024 | arXiv | |"))
    path = tmp_path / "new.yaml"
    assert run("import", "--from", "markdown", readme, "--papers", path).exit_code == 0
    records = {r["title"]: r for r in load_yaml(path.read_bytes(), "new.yaml")["papers"]}
    assert records["A DOI Paper About Erasing"]["doi"] == "10.1145/3658644.3690001"
    assert "list_link" not in records["A DOI Paper About Erasing"] and "url" not in records["A DOI Paper About Erasing"]


BIB = """@misc{evil,
  title = {An Evil Preprint on Erasing Concepts},
  author = {Doe, Jane},
  year = {2024},
  eprint = {2401.00003},
  archivePrefix = {arXiv},
  primaryClass = {cs.CV\\},\\input{/etc/hostname}},
  url = {URL},
}
"""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "www.example.org"])
def test_import_bibtex_refuses_non_web_urls_with_the_bib_line(run, tmp_path, url):
    bib = tmp_path / "new.bib"
    bib.write_text(BIB.replace("URL", url))
    path = tmp_path / "new.yaml"
    result = run("import", "--from", "bibtex", bib, "--papers", path, "--section", "attacks")
    assert result.exit_code == 1
    assert f"{bib}:1: entry 'evil': the link {url!r} is not an http:// or https:// address" in result.stderr
    assert not path.exists()


def test_import_bibtex_leaves_out_a_malformed_primary_class(run, tmp_path):
    bib = tmp_path / "new.bib"
    bib.write_text(BIB.replace("URL", "https://arxiv.org/abs/2401.00003"))
    path = tmp_path / "new.yaml"
    result = run("import", "--from", "bibtex", bib, "--papers", path, "--section", "attacks")
    assert result.exit_code == 0, result.stderr
    assert "primary_class" not in path.read_text() and "input" not in path.read_text()


# --- defense in depth: writers given values validation never saw --------------------------------------

@pytest.mark.parametrize("link", HOSTILE_LINKS)
def test_writers_render_no_link_that_is_not_http(link):
    papers = [
        paper(key="a", url=link, code=link, list_link=link, arxiv=""),
        paper(key="b", url=link, code=link, list_link=link, venue=resolve("arxiv", 2024)),
        paper(key="c", doi="10.1000/x\"><script>alert(1)</script>", url=link, arxiv="", pages="1}--{2",
              primary_class=INJECTION),
        paper(key="d", venue=resolve("arxiv", 2024), arxiv="2401.00001}", primary_class=INJECTION, url=link),
    ]
    catalog = Catalog(tuple(papers), (Section("methods", "Methods"),))
    check_all_writers(catalog)
    for entry in citations.format_items(csljson.items(catalog), "apa"):
        entry = citations.Entry(entry.key, entry.text + " " + link, doi=entry.doi, url=link)
        assert_http_links_only(parse_html(citations.to_html(entry)))
        assert_http_links_only(parse_html(markdown_html(citations.to_markdown(entry))))


@pytest.mark.parametrize("value", ["x}, note = {\\input{/etc/hostname}", "}", "{", "a } b { c", "}\n@misc{evil,"])
@pytest.mark.parametrize("name", ["family", "given", "literal", "publisher", "volume", "number", "container"])
def test_a_lone_brace_in_free_text_cannot_end_a_bibtex_field(name, value):
    """BibTeX counts every brace, "\\}" too: a lone one must be written as a command."""
    people = (Person(family=value if name == "family" else "Doe", given=value if name == "given" else "Jane"),
              Person(literal=value if name == "literal" else "ACME"))
    venue = resolve("eccv", 2024)
    if name == "container":
        venue = Venue(venue.id, value, value, "inproceedings", booktitle=value, publisher="P", series=value)
    changes = {name: value} if name in ("publisher", "volume", "number") else {}
    catalog = Catalog((paper(authors=people, venue=venue, **changes),), (Section("methods", "Methods"),))
    check_all_writers(catalog)
    if "\n" not in value:  # a brace is fine in a catalog's free text: it is escaped
        assert load(catalog_text(record(authors=[{"family": "Doe", "given": value}], publisher=value)))


def test_bibtex_writer_refuses_a_key_that_would_break_the_entry():
    with pytest.raises(UnlearnBibError, match="cannot be a BibTeX key"):
        bibtex.format_entry(paper(key="x,}\n@misc{y"), bibtex.Options())


# --- property tests -------------------------------------------------------------------------------------

TEXT_FIELDS = ["title", "attack_type", "publisher", "volume", "number", "notes"]
ID_FIELDS = {"arxiv": patterns.ARXIV_ID, "primary_class": patterns.ARXIV_CLASS, "doi": patterns.DOI,
             "pages": patterns.PAGES, "openreview": patterns.OPENREVIEW, "key": patterns.KEY,
             "url": patterns.WEB_URL, "code": patterns.WEB_URL, "list_link": patterns.WEB_URL}


@pytest.mark.parametrize("name", TEXT_FIELDS + sorted(ID_FIELDS) + ["family", "given", "literal", "section_title"])
@settings(max_examples=100, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=hostile)
def test_hostile_value_in_any_catalog_field_is_refused_or_harmless(name, value):
    """Through the loader: an identifier that does not match its pattern is refused; whatever is
    accepted comes out of every writer with the structure a benign value gives."""
    sections = (("methods", "Methods"),)
    if name in ("family", "given"):
        text = catalog_text(record(authors=[{"family": "Doe", "given": "Jane", name: value}]))
    elif name == "literal":
        text = catalog_text(record(authors=[{"literal": value}, {"family": "Doe"}]))
    elif name == "section_title":
        text = catalog_text(record(), sections=(("methods", value),))
    else:
        text = catalog_text(record(**{name: value}), sections=sections)
    try:
        catalog = load(text)
    except UnlearnBibError as exc:
        assert str(exc).startswith("p.yaml")
        return
    if name in ID_FIELDS and value.strip():
        assert ID_FIELDS[name].match(value.strip()), value
    check_all_writers(catalog)


# Control characters are refused by validation (tested above); the writers need not keep them.
free_text = st.lists(st.one_of(st.sampled_from([f for f in FRAGMENTS if f not in "{}"]),
                               st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=6)),
                     min_size=1, max_size=5).map(lambda parts: " ".join("".join(parts).split())).filter(
    lambda s: s and "{" not in s and "}" not in s)


@FAST
@given(free_text, free_text, free_text, free_text, free_text, st.sampled_from(["eccv", "tpami", "arxiv"]))
@example("0\U0001f10d", "\\csname foo\\endcsname", "x", "0", "\U0001f10d", "eccv")  # pictographs only: the field is left out
@example("a\u200db", "Doe", "0\u200d", "P\u200d", "0\u200d", "tpami")  # a lone zero-width joiner
def test_hostile_free_text_straight_to_the_writers(title, family, given_name, publisher, container, venue_id):
    """Free text is escaped, not validated: fed straight to every writer (as a user's own .bib or
    CSL-JSON would be), it re-parses to the same entries, fields and values."""
    venue = resolve(venue_id, 2024)
    shape = venue.entry_type
    venue = Venue(venue.id, container, container, shape, booktitle=container if shape == "inproceedings" else "",
                  journal=container if shape == "article" else "", publisher=publisher, series=container)
    catalog = Catalog((paper(title=title, authors=(Person(family=family, given=given_name), Person(literal=publisher)),
                             venue=venue, volume=container, number=given_name, attack_type=title),
                       paper(key="other", title=container)), (Section("methods", title),))
    check_all_writers(catalog)
    library = bibtexparser.parse_string(bibtex.render(catalog))
    entry = library.entries[0]
    assert " ".join(latex.decode(entry["title"]).split()) == _kept(title)
    for field in ("booktitle", "journal", "publisher", "volume"):
        if field in entry:
            assert " ".join(latex.decode(entry[field]).split()) == _kept({"publisher": publisher}.get(field, container))


@FAST
@given(hostile, hostile, hostile)
def test_formatted_lists_escape_text_and_link_only_http(text, doi, url):
    entry = citations.Entry("k", text + " " + url + " " + doi, doi=doi, url=url)
    parsed = parse_html(citations.serialise([entry, citations.Entry("k2", "plain")], "html"))
    assert_http_links_only(parsed)
    assert [a.get("id") for t, a in parsed.tags if t == "p"] == ["ref-k", "ref-k2"]
    rendered = parse_html(markdown_html(citations.to_markdown(entry)))
    assert_http_links_only(rendered)
    assert not any(t in ("script", "img", "iframe") for t, _ in rendered.tags)


def _kept(title: str) -> str:
    """A field as BibTeX keeps it: emoji and pictographs (and their joiners) are left out (pdflatex has no glyph);
    a zero-width joiner stays only between two letters or marks pdflatex cannot print (a script it shapes)."""
    def script(ch):
        return unicodedata.category(ch)[0] in "LM" and not latex.pdflatex_prints(ch)
    return " ".join("".join(ch for i, ch in enumerate(title) if not latex.pictographic(ch) and (
        ch != "\u200d" or 0 < i < len(title) - 1 and script(title[i - 1]) and script(title[i + 1]))).split())


braced = st.one_of(st.sampled_from(["}", "{", "x}, note = {\\input{/etc/hostname}", "a } b"]), free_text)


@FAST
@given(free_text, braced, braced)
def test_normalize_rewrites_into_escaped_catalog_fields(title, family, publisher):
    """normalize writes the catalog's fields (escaped by the BibTeX writer) beside the user's own:
    the rewritten file re-parses to the same entries, and no catalog value escapes its field."""
    from unlearn_bib.tasks.normalize import normalize_bib

    title = "Erasing Concepts From Diffusion Models " + title
    hostile_paper = paper(title=title, authors=(Person(family=family, given="J"),), publisher=publisher,
                          url="https://example.org/p")
    catalog = Catalog((hostile_paper,), (Section("methods", "Methods"),))
    user = (f"@article{{mine,\n  title = {{{latex.protect_title(title)}}},\n  journal = {{arXiv preprint arXiv:2311.17717}},\n"
            "  year = {2023},\n  keywords = {own},\n}\n\n@misc{other,\n  title = {Not in the catalog},\n}\n")
    result = normalize_bib(user, catalog, "refs.bib")
    library = bibtexparser.parse_string(result.text)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == ["mine", "other"]
    mine = library.entries[0]
    assert mine["keywords"] == "own" and "booktitle" in mine and "journal" not in mine  # rewritten
    for f in mine.fields:
        bib_value_is_safe(f.key, f.value)
    assert " ".join(latex.decode(mine["title"]).split()) == _kept(title)
