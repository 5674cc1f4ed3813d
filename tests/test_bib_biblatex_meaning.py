"""Issue 20, the .bib side: BibLaTeX fields read as biblatex means them.

Each test failed before its fix. Where a test quotes biblatex, the source is biblatex 3.x's own
``biblatex.def`` and ``english.lbx`` (the field formats and localisation strings the standard
styles print); the expected CSL text is what pandoc 3.9 (``-f biblatex -t csljson``, and its
citeproc) and citeproc-js print for the same entry, unless the comment says which of the two.
"""
from __future__ import annotations

import pytest

from unlearn_bib.export import citations
from unlearn_bib.items.from_bib import read_bibtex


def bib(text):
    return list(read_bibtex(text, "x.bib").items)


def one(text):
    return bib(text)[0]


def render(style, *items):
    return [citations.to_text(e) for e in citations.format_items(list(items), style)]


# --- series of a journal ----------------------------------------------------------------------------

@pytest.mark.parametrize("series, read", [
    ("newseries", "New series"),  # english.lbx: newseries = {{new series}{new ser.}}
    ("oldseries", "Old series"),
    ("3", "3rd series"),  # "\ifinteger{#1}{\mkbibordseries{#1}~\bibstring{jourser}}", jourser = "series"
    ("1", "1st series"), ("12", "12th series"), ("22", "22nd series"),
    ("Second Series", "Second series"),  # not a key: a title like any other (sentence case)
])
def test_series_of_a_journal_is_localised(series, read):
    """biblatex.def: \\DeclareFieldFormat[article,periodical]{series}{\\ifinteger{#1}
    {\\mkbibordseries{#1}~\\bibstring{jourser}}{\\ifbibstring{#1}{\\bibstring{#1}}{#1}}}."""
    entry = one(f"@article{{k, author={{Shore, B}}, title={{T}}, journal={{American Anthropologist}}, "
                f"series={{{series}}}, volume=93, year=1991}}")
    assert entry["collection-title"] == read


def test_series_of_a_journal_printed():
    entry = one("@article{k, author={Shore, Bradd}, title={T}, journaltitle={American Anthropologist}, "
                "series={newseries}, volume=93, number=1, pages={9--27}, date={1991-03}}")
    assert render("apa", entry) == ["Shore, B. (1991). T. American Anthropologist, New Series, 93(1), 9–27."]
    assert render("chicago-author-date", entry) == [
        "Shore, Bradd. 1991. “T.” American Anthropologist, New series, vol. 93 (1): 9–27."]


def test_series_of_a_book_is_not_a_journal_series():
    """Only article and periodical series are localised (the field format above); a book
    series named "3" stays "3"."""
    assert one("@book{k, title={T}, series={3}, publisher={P}, year=2000}")["collection-title"] == "3"


# --- numbers ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["inproceedings", "book", "incollection", "proceedings", "inbook"])
def test_number_of_a_book_or_proceedings_is_its_number_in_a_series(kind):
    """biblatex's ``number``: "The number of a journal or the volume/number of a book in a
    series"; a series number (CSL ``collection-number``) whether or not the series is named."""
    entry = one(f"@{kind}{{k, title={{T}}, booktitle={{B}}, number={{42}}, publisher={{P}}, year=2001}}")
    assert (entry.get("collection-number"), entry.get("number")) == ("42", None)


def test_a_series_number_is_not_an_article_number():
    entry = one("@inproceedings{k, author={Clark, Jane}, title={A Study of Things}, booktitle={Proceedings of "
                "the Big Conference}, number={3}, pages={1--10}, year=2001}")
    assert render("apa", entry) == ["Clark, J. (2001). A study of things. Proceedings of the Big Conference, 1–10."]


def test_report_number_stays_a_number():
    assert one("@techreport{k, title={T}, institution={MIT}, number={TR-1}, year=2001}")["number"] == "TR-1"


def test_part_without_volume_is_the_volume():
    entry = one("@book{k, author={Gray, Jane}, title={A Study of Things}, part={2}, publisher={P}, year=2001}")
    assert entry["volume"] == "2"
    assert render("apa", entry) == ["Gray, J. (2001). A study of things (Vol. 2). P."]


# --- entry types --------------------------------------------------------------------------------------

def test_unpublished_with_an_event_is_a_talk():
    """CSL 1.0.2: speech, "A speech or other presentation (e.g. a paper, talk, poster, or
    symposium at a conference)"; manuscript, "An unpublished manuscript"."""
    entry = one("@unpublished{k, author={Evans, Jane}, title={A Study of Things}, eventtitle={Annual Meeting of "
                "Things}, venue={Paris}, eventdate={2019-05-02}, year=2019}")
    assert entry["type"] == "speech"
    assert render("apa", entry) == ["Evans, J. (2019). A study of things. Annual meeting of things, Paris, May 2, 2019."]
    assert one("@unpublished{k, title={T}, note={Draft}, year=2019}")["type"] == "manuscript"


@pytest.mark.parametrize("subtype, kind", [("magazine", "article-magazine"), ("newspaper", "article-newspaper"),
                                           ("other", "article-journal")])
def test_entrysubtype_of_an_article(subtype, kind):
    entry = one(f"@article{{k, author={{Fox, Jane}}, title={{T}}, journaltitle={{Wired}}, entrysubtype={{{subtype}}}, "
                "date={2019-05-02}}")
    assert entry["type"] == kind


def test_a_magazine_article_has_its_full_date():
    entry = one("@article{k, author={Fox, Jane}, title={A Study of Things}, journaltitle={Wired}, "
                "entrysubtype={magazine}, date={2019-05-02}}")
    assert render("apa", entry) == ["Fox, J. (2019, May 2). A study of things. Wired."]


# --- dates and states ---------------------------------------------------------------------------------

def test_forthcoming_in_the_year_is_a_publication_state():
    """A "forthcoming" year is no date: CSL 1.0.2's status, "(Publication) status of the item
    (e.g. "forthcoming"; "in press"; ...)"; citeproc-js on pandoc's reading prints it so
    (pandoc's own citeproc also prints the word once more as a date)."""
    entry = one("@article{k, author={Owen, Jane}, title={A Study of Things}, journal={J}, year={forthcoming}}")
    assert (entry.get("status"), entry.get("issued")) == ("forthcoming", None)
    assert render("chicago-author-date", entry) == ["Owen, Jane. Forthcoming. “A Study of Things.” J."]


# --- patents, types, notes, languages -----------------------------------------------------------------

def test_location_of_a_patent_is_its_jurisdiction():
    """biblatex: a patent's ``location`` is the list of countries where it is valid, often as
    localisation keys (english.lbx: countryus = "United States of America")."""
    entry = one("@patent{k, author={Price, Jane}, title={A Widget}, number={US 1234567}, location={countryus and "
                "countryde}, year=2001, type={patentus}}")
    assert entry["jurisdiction"] == "United States of America; Germany"
    assert "publisher-place" not in entry
    assert render("modern-language-association", entry) == ["Price, Jane. A Widget. U.S. patent US 1234567, 2001."]


@pytest.mark.parametrize("typed, genre", [("bathesis", "Bachelor’s thesis"), ("software", "computer software"),
                                          ("datacd", "CD-ROM"), ("audiocd", "audio CD"),
                                          ("patreqde", "German patent request"), ("mathesis", "Master’s thesis")])
def test_type_localisation_keys(typed, genre):
    """biblatex.def: \\DeclareFieldFormat{type}{\\ifbibstring{#1}{\\bibstring{#1}}{#1}}; the
    strings of english.lbx."""
    assert one(f"@misc{{k, title={{T}}, type={{{typed}}}, year=2001}}")["genre"] == genre


def test_addendum_follows_the_note():
    entry = one("@article{k, title={T}, journal={J}, year=2001, note={In press}, addendum={Extra info}}")
    assert entry["note"] == "In press. Extra info"  # pandoc's joining
    assert one("@article{k, title={T}, journal={J}, year=2001, addendum={Extra}}")["note"] == "Extra"


@pytest.mark.parametrize("variant, language", [("british", "en-GB"), ("american", "en-US"), ("australian", "en-AU"),
                                               ("newzealand", "en-NZ"), ("UK", "en-GB"), ("usmax", "en-US")])
def test_langidopts_variant(variant, language):
    entry = one(f"@book{{k, title={{T}}, langid={{english}}, langidopts={{variant={variant}}}, year=2001}}")
    assert entry["language"] == language


# --- titles -------------------------------------------------------------------------------------------

def test_tex_quotation_marks_take_the_styles_marks():
    """``x'' and `x' in a title are quotations: printed with the style's marks, the inner ones
    alternating inside a quoted title (pandoc and citeproc-js)."""
    entry = one("@article{k, author={King, Jane}, title={Quotes ``Double'' and `Single' Ones}, journal={J}, "
                "year=2006}")
    assert render("apa", entry) == ["King, J. (2006). Quotes “double” and “single” ones. J."]
    assert render("ieee", entry) == ["[1] J. King, “Quotes ‘double’ and ‘single’ ones,” J, 2006."]


def test_grave_accent_is_not_a_quotation():
    assert one(r"@article{k, title={Tr\`es {\`a} la mode}, journal={J}, year=2006}")["title"] == "Très à la mode"


def test_commands_whose_text_latex_prints():
    """\\texttt{..} and its kin were dropped with their text; their argument is at brace level 1,
    which BibTeX never recases (so is \\textsc's: citeproc-js prints "Lasso")."""
    entry = one(r"@article{k, author={Tex, Tom}, title={The \texttt{Mono} Tool and the \textsc{Lasso} via "
                r"\href{http://a.org}{a Link}}, journal={J}, year=2012}")
    assert render("apa", entry) == ["Tex, T. (2012). The Mono tool and the Lasso via a Link. J."]


def test_math_operator_names_keep_their_space():
    """LaTeX sets "\\log n" as "log n" (pandoc prints "nlog n", citeproc-js gets the TeX source)."""
    entry = one(r"@article{k, author={Tex, Tom}, title={An $O(n \log n)$ Sort}, journal={J}, year=2012}")
    assert render("apa", entry) == ["Tex, T. (2012). An O(n log n) sort. J."]


def test_address_is_the_publishers_place_when_location_is_the_event():
    """ACM Digital Library exports carry both: ``address`` the publisher's place, ``location``
    the conference's. pandoc reads ``address`` first, and so do both reference outputs."""
    entry = one("@inproceedings{k, author={Zhang, Wei}, title={Graph Networks}, year={2020}, publisher={Association "
                "for Computing Machinery}, address={New York, NY, USA}, booktitle={Proceedings of KDD}, "
                "pages={123–132}, location={Virtual Event, CA, USA}, series={KDD '20}}")
    assert entry["publisher-place"] == "New York, NY, USA"
    assert render("ieee", entry) == ["[1] W. Zhang, “Graph networks,” in Proceedings of KDD, in KDD ’20. New York, NY, "
                                     "USA: Association for Computing Machinery, 2020, pp. 123–132."]
    assert one("@book{k, title={T}, publisher={P}, location={Berlin}, year=2002}")["publisher-place"] == "Berlin"


def test_the_container_of_an_article_is_its_journal():
    entry = one("@Article{k, author={Dosovitskiy, Alexey}, booktitle={International Conference on Learning "
                "Representations}, journal={ArXiv}, title={An Image is Worth 16x16 Words}, volume={abs/2010.11929}, "
                "year={2020}}")
    assert entry["container-title"] == "ArXiv"
    chapter = one("@inproceedings{k, title={T}, booktitle={Proceedings of X}, journal={J}, year=2020}")
    assert chapter["container-title"] == "Proceedings of x"
    assert one("@misc{k, title={T}, booktitle={Proceedings of X}, year=2020}")["container-title"] == "Proceedings of x"


def test_useprefix_keeps_the_particle_with_the_family_name():
    """biblatex's useprefix=true (an entry option Better BibTeX writes): the von part is part of
    the family name, "van Holstein, M." (pandoc and citeproc-js)."""
    entry = one("@article{k, title={Striatal Dopamine}, author={Aarts, Esther and van Holstein, Mieke}, "
                "options={useprefix=true}, date={2011}, journaltitle={Frontiers in Psychology}, volume={2}}")
    assert entry["author"][1] == {"family": "Holstein", "given": "Mieke", "non-dropping-particle": "van"}
    assert render("apa", entry) == ["Aarts, E., & van Holstein, M. (2011). Striatal dopamine. Frontiers in Psychology, 2."]
    plain = one("@article{k, title={T}, author={van Holstein, Mieke}, options={useprefix=false}, journal={J}, year=2011}")
    assert plain["author"][0]["dropping-particle"] == "van"


@pytest.mark.parametrize("kind, url", [("jstor", "https://www.jstor.org/stable/123456"),
                                       ("googlebooks", "https://books.google.com?id=123456")])
def test_eprint_links(kind, url):
    assert one(f"@article{{k, title={{T}}, journal={{J}}, year=1990, eprint={{123456}}, eprinttype={{{kind}}}}}")["URL"] == url


# --- found on the second outside set (biblatex-apa's examples) ------------------------------------

def test_origtitle_is_the_original_title():
    """biblatex's origtitle is CSL's original-title, sentence-cased like the title (pandoc 3.9:
    "Peri poietikes of Greek things"); APA prints "(Original work published as ...)"."""
    entry = one("@book{a, author={N. Amano and H. Kondo}, title={Lexical Characteristics of {Japanese} Language}, "
                "origtitle={Nihongo no goi tokusei}, publisher={Sansei-do}, volume={7}, date={2000}}")
    assert entry["original-title"] == "Nihongo no goi tokusei"
    assert render("apa", entry) == ["Amano, N., & Kondo, H. (2000). Lexical characteristics of Japanese language "
                                    "(Vol. 7). Sansei-do. (Original work published as Nihongo no goi tokusei)"]


@pytest.mark.parametrize("typed, year", [("-0349~", -350), ("-0044-03-15", -45), ("0000", 0), ("1994", 1994)])
def test_biblatex_dates_count_years_astronomically(typed, year):
    """biblatex reads ISO 8601-2 years (astronomical: -0349 is 350 BC); CSL counts BC from -1.
    pandoc 3.9 reads -0349 as -350 and -0044 as -45 (and leaves 0000 as 0)."""
    entry = one(f"@book{{a, author={{Aristotle}}, title={{Poetics}}, date={{1994}}, origdate={{{typed}}}, "
                f"publisher={{X}}}}")
    assert entry["original-date"]["date-parts"][0][0] == year
    assert one(f"@book{{a, author={{A}}, title={{T}}, date={{{typed}}}}}")["issued"]["date-parts"][0][0] == year
