"""Issue 20, CSL-JSON side: what the outside set and constructed probes showed, one test per correction.

Each expected text is what pandoc 3.9 (citeproc) and citeproc-js 2.4.63 both print for the same
input, unless the comment says otherwise (then the CSL 1.0.2 sentence that decides is quoted).
Every test failed before its fix.
"""
from __future__ import annotations

import json

import pytest

from unlearn_bib.csl.text import last_page
from unlearn_bib.export import citations
from unlearn_bib.items.from_json import read_csljson


def render(style, *items):
    return [citations.to_text(e) for e in citations.format_items(list(items), str(style))]


def article(key="a", **fields):
    data = {"id": key, "type": "article-journal", "title": "T", "author": [{"family": "Smith", "given": "John"}],
            "issued": {"date-parts": [[1999]]}, "container-title": "J", "volume": "9"}
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


CSL = ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>t</title></info>'
       '{macros}<citation><layout><text variable="title"/></layout></citation>'
       '<bibliography><layout>{body}</layout></bibliography></style>')


@pytest.fixture
def csl(tmp_path):
    def make(body, macros=""):
        path = tmp_path / f"s{len(list(tmp_path.iterdir()))}.csl"
        path.write_text(CSL.format(body=body, macros=macros))
        return path
    return make


# --- page ranges with prefixes, and abbreviated last pages ------------------------------------------

@pytest.mark.parametrize("first, last, fmt, expected", [
    ("B13", "B14", "chicago-16", "14"), ("B13", "B14", "minimal", "4"), ("S113", "S128", "minimal-two", "28"),
    ("e1234", "e1239", "minimal", "9"), ("e12", "e15", "minimal", "5"), ("S1", "S10", "chicago-16", "10"),
    ("B13", "B14", "expanded", "B14"), ("S22", "S9", "expanded", "S29"), ("S22", "S9", "minimal", "9"),
    ("321", "28", "expanded", "328"), ("321", "28", "minimal", "8"), ("1496", "504", "expanded", "1504"),
    ("107", "9", "minimal-two", "09"), ("100", "04", "chicago-16", "104"), ("100", "04", "minimal", "4"),
    ("10.1", "10.5", "minimal", "5"),  # pandoc; citeproc-js leaves "10.1-10.5" as typed
    ("B13", "4", "expanded", "4"), ("A1", "B5", "minimal", "B5"), ("123a", "125b", "minimal", "125b"),
    ("321", "28", None, "28"), ("S22", "S9", None, "S9"),
])
def test_page_range_format_applies_to_the_digits_after_a_common_prefix(first, last, fmt, expected):
    assert last_page(first, last, fmt) == expected


def test_page_ranges_with_prefixes_in_styles():
    assert render("chicago-author-date", article(page="B13-B14")) == ["Smith, John. 1999. “T.” J 9: B13–14."]
    assert render("vancouver", article(page="e1234-e1239")) == ["1. Smith J. T. J. 1999;9:e1234–9."]
    assert render("modern-language-association", article(page="S113-S128")) == [
        "Smith, John. “T.” J, vol. 9, 1999, pp. S113–28."]
    assert render("apa", article(page="321-28")) == ["Smith, J. (1999). T. J, 9, 321–328."]
    assert render("apa", article(page="S22–S9")) == ["Smith, J. (1999). T. J, 9, S22–S29."]
    assert render("ieee", article(page="321-28")) == ["[1] J. Smith, “T,” J, vol. 9, pp. 321–28, 1999."]  # no format


def test_a_range_of_roman_numerals_is_plural():
    """CSL 1.0.2, cs:label plural "contextual": "Content is considered plural when it contains
    multiple numbers (e.g. "page 1", "pages 1-3", ...)"; roman numerals are numbers to both
    engines ("pp. iii–xv"). A range of other page labels counts too (pandoc: "pp. 10a–b")."""
    assert render("ieee", article(page="iii-xv")) == ["[1] J. Smith, “T,” J, vol. 9, pp. iii–xv, 1999."]
    assert render("modern-language-association", article(page="xx-xxv")) == [
        "Smith, John. “T.” J, vol. 9, 1999, pp. xx–xxv."]
    assert render("ieee", article(page="10a-b")) == ["[1] J. Smith, “T,” J, vol. 9, pp. 10a–b, 1999."]
    assert render("ieee", article(page="xii")) == ["[1] J. Smith, “T,” J, vol. 9, p. xii, 1999."]
    assert render("ieee", article(page="3/4")) == ["[1] J. Smith, “T,” J, vol. 9, p. 3/4, 1999."]


# --- a called macro is suppressed as a group is ---------------------------------------------------

def test_a_macro_whose_variables_are_all_empty_prints_nothing(csl):
    """pandoc and citeproc-js both print "A:|B:Main [W]|C:|D:Home": a macro that calls
    variables, all empty (A) or suppressed after substituting (C, D), is suppressed with
    its terms and values, as a cs:group is. CSL 1.0.2: "Substituted variables are considered
    empty for the purposes of determining whether to suppress an enclosing cs:group"."""
    style = csl('<text value="A:"/><text macro="m"/><text value="|B:"/><text macro="a"/><text value="|C:"/>'
                '<text macro="t"/><text value="|D:"/><group><text macro="t"/><text variable="container-title"/></group>',
                macros='<macro name="m"><text variable="note"/><text value="X"/></macro>'
                       '<macro name="t"><text variable="title"/><text value=" [W]"/></macro>'
                       '<macro name="a"><names variable="author"><substitute><text macro="t"/></substitute></names></macro>')
    entry = {"id": "x", "type": "webpage", "title": "Main", "container-title": "Home"}
    assert render(style, entry) == ["A:|B:Main [W]|C:|D:Home"]  # was "A:X|B:Main [W]|C: [W]|D: [W]Home"


def test_elsevier_webpage_without_author_prints_its_kind_once():
    entry = {"id": "w", "type": "webpage", "title": "WAKANKENSAKU - Main Page", "issued": {"date-parts": [[2020]]},
             "URL": "https://example.org/wiki/Main_Page", "accessed": {"date-parts": [[2020, 10, 8]]}}
    assert render("elsevier-harvard", entry) == [
        "WAKANKENSAKU - Main Page [WWW Document], 2020. URL https://example.org/wiki/Main_Page (accessed 10.8.20)."]


# --- dates in sort keys ---------------------------------------------------------------------------

def test_a_date_in_a_sort_macro_sorts_as_a_date_and_a_range_after_a_single_date():
    """CSL 1.0.2, sorting: a macro's date gives its rendered date-parts as YYYYMMDD, "Seasons
    are ignored for sorting", and "Date ranges are placed after single dates when they share
    the same (start) date". APA sorts by author, date, title, volume: both engines give the
    season entry 2019a and the month range 2019b, and put the conference paper (a day range)
    after the year-only entries of 2020."""
    season = article("s", issued={"date-parts": [[2019]], "season": 1}, **{"container-title": "Quarterly"},
                     volume="12")
    months = article("m", issued={"date-parts": [[2019, 3], [2019, 5]]}, **{"container-title": "Monthly"},
                     volume="4")
    assert render("apa", season, months) == ["Smith, J. (2019a). T. Quarterly, 12.", "Smith, J. (2019b). T. Monthly, 4."]
    paper = article("c", type="paper-conference", title="Conference paper",
                    issued={"date-parts": [[2020, 7, 13], [2020, 7, 18]]}, page="1-10")
    later = article("h", title="Home page", issued={"date-parts": [[2020]]})
    assert render("apa", paper, later) == ["Smith, J. (2020a). Home page. J, 9.",
                                           "Smith, J. (2020b). Conference paper. J, 9, 1–10."]


# --- substituted names ------------------------------------------------------------------------------

def test_a_substituted_editor_leaves_the_translator():
    """CSL 1.0.2: "Substituted variables are suppressed in the rest of the output": the editor
    who stood in for the author goes, the translator (the same person) stays. APA as both
    engines print it; Chicago as citeproc-js (pandoc drops the translator too)."""
    doe = [{"family": "Doe", "given": "Jane"}]
    entry = {"id": "v", "type": "book", "title": "Translated and edited", "editor": doe, "translator": doe,
             "publisher": "Penguin", "issued": {"date-parts": [[2010]]}}
    assert render("apa", entry) == ["Doe, J. (Ed.). (2010). Translated and edited (J. Doe, Trans.). Penguin."]
    assert render("chicago-author-date", entry) == [
        "Doe, Jane, ed. 2010. Translated and Edited. Translated by Jane Doe. Penguin."]  # was "Edited and translated by"


def test_comma_suffix_sets_the_suffix_off_in_given_first_order():
    """CSL-JSON's "comma-suffix" (schema; not in CSL 1.0.2's text): pandoc and citeproc-js both
    print "Bill Gates, III" where the given name comes first, and "Gates B III" inverted with
    a space as sort-separator (Vancouver). It was dropped on reading."""
    entry = article(author=[{"family": "King", "given": "Martin Luther", "suffix": "Jr."},
                            {"family": "Gates", "given": "Bill", "suffix": "III", "comma-suffix": True}],
                    **{"container-title": "Suffixes"}, volume=None, issued={"date-parts": [[2020]]})
    items = read_csljson(json.dumps([entry]), "x.json").items
    assert items[0]["author"][1]["comma-suffix"] is True
    assert render("ieee", *items) == ["[1] M. L. King Jr. and B. Gates, III, “T,” Suffixes, 2020."]
    assert render("chicago-author-date", *items) == [
        "King, Martin Luther, Jr., and Bill Gates, III. 2020. “T.” Suffixes."]
    assert render("vancouver", *items) == ["1. King ML Jr., Gates B III. T. Suffixes. 2020."]  # pandoc (citeproc-js: "Jr")


# --- title case and quotes ----------------------------------------------------------------------------

def test_a_stop_word_after_a_period_stays_lower_case_in_title_case():
    """CSL 1.0.2, title case: "stop words are lowercased, unless they are the first or last
    word in the string, or follow a colon". citeproc-js: "the U.S. and the U.K. of the
    World", "e.g. the Use"; pandoc starts a sentence after the period ("U.S. And"). After
    "?" and "!" both engines capitalise ("What Is It? A Study")."""
    assert render("chicago-author-date", article(title="the U.S. and the U.K. of the world", volume=None)) == [
        "Smith, John. 1999. “The U.S. and the U.K. of the World.” J."]
    assert render("chicago-author-date", article(title="notes on e.g. the use of i.e. in text", volume=None)) == [
        "Smith, John. 1999. “Notes on e.g. the Use of i.e. in Text.” J."]
    assert render("chicago-author-date", article(title="what is it? a study. and the others! or not",
                                                 volume=None)) == [
        "Smith, John. 1999. “What Is It? A Study. and the Others! Or Not.” J."]


def test_typographic_quotes_in_the_data_alternate_with_the_styles_quotes():
    """A title typed with “…” or ‘…’ inside a quoted title gets the inner marks, as straight
    quotes do (pandoc and citeproc-js: “The Title with ‘Curly Quotes’ Inside.”)."""
    assert render("ieee", article(title="The title with “curly quotes” inside", volume=None)) == [
        "[1] J. Smith, “The title with ‘curly quotes’ inside,” J, 1999."]
    assert render("chicago-author-date", article(title="it’s a ‘small’ world in “the” lab", volume=None)) == [
        "Smith, John. 1999. “It’s a ‘Small’ World in ‘the’ Lab.” J."]


def test_an_implicit_year_suffix_goes_on_the_first_date_rendered():
    """CSL 1.0.2: "By default, the year-suffix is appended the first year rendered through
    cs:date in the cite and in the bibliographic entry": two undated web pages by one author
    in Elsevier-Harvard ("Smith, n.d." twice) get it on their accessed date, as citeproc-js
    prints it (pandoc puts it on "n.d.a", a term, and ignores the style's two-digit year)."""
    smith = [{"family": "Smith", "given": "John"}]
    pages = [{"id": key, "type": "webpage", "title": title, "author": smith, "URL": f"https://ex.org/{key}",
              "accessed": {"date-parts": [[2022, 3, day]]}, "container-title": "Site"}
             for key, title, day in (("a", "Page one", 4), ("b", "Page two", 5))]
    assert render("elsevier-harvard", *pages) == [
        "Smith, J., n.d. Page one [WWW Document]. Site. URL https://ex.org/a (accessed 3.4.22a).",
        "Smith, J., n.d. Page two [WWW Document]. Site. URL https://ex.org/b (accessed 3.5.22b)."]


def test_the_language_tag_is_read_without_regard_to_case():
    """BCP 47 tags are case-insensitive: "EN" is English, so a title-case style title-cases
    it (pandoc and citeproc-js: "A Study of the Things"); "de" still is not."""
    english = article(title="a study of the things", language="EN", volume=None)
    german = article(title="eine studie der dinge", language="DE-de", volume=None)
    assert render("chicago-author-date", english, german) == [
        "Smith, John. 1999a. “A Study of the Things.” J.", "Smith, John. 1999b. “eine studie der dinge.” J."]
    # "English" and "eng" are not the "en" primary language tag (pandoc leaves them as typed)
    other = article(title="a study of the things", language="English", volume=None)
    assert render("chicago-author-date", other) == ["Smith, John. 1999. “a study of the things.” J."]
