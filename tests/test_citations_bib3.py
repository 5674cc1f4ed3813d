"""Issue 20, round three: formatted citations from a .bib, where pandoc 3.9 and citeproc-js agree
with each other (or one of them follows CSL 1.0.2 / biblatex) and unlearn-bib did not.

Each expected text is pandoc's or citeproc-js's output for the same entry in the outside sets
(/work/data/cites, /work/data/cites3; the comment says which), and every test failed before its fix.
"""
from __future__ import annotations

from unlearn_bib.export import citations
from unlearn_bib.items.from_bib import read_bibtex
from unlearn_bib.items.from_json import read_csljson

CHICAGO = "chicago-author-date"
MLA = "modern-language-association"


def bib(text):
    return list(read_bibtex(text, "x.bib").items)


def render(style, *items):
    return [citations.to_text(e) for e in citations.format_items(list(items), style)]


# --- @misc is untyped -----------------------------------------------------------------------------

WAN = """@misc{wan2023efficient,
  title = {Efficient Large Language Models: A Survey},
  author = {Wan, Zhongwei and Wang, Xin},
  year = {2023},
  url = {https://arxiv.org/abs/2312.03863}
}"""


def test_misc_has_no_type_as_pandoc_reads_it():
    """pandoc 3.9 (``-f biblatex -t csljson``) writes ``"type": ""`` for @misc, and a type the
    table does not know (@preprint) likewise; biblatex itself formats @misc as a standalone
    work: biblatex.def quotes titles only for
    ``[article,inbook,incollection,inproceedings,patent,thesis,unpublished]`` and sets every
    other title in italics (``\\DeclareFieldFormat{title}{\\mkbibemph{#1}}``), which is the
    default branch a style takes for an item no type condition names. CSL 1.0.2's "document"
    is quoted by Chicago and MLA like an unpublished paper."""
    assert bib(WAN)[0]["type"] == ""
    assert bib(WAN.replace("@misc", "@preprint"))[0]["type"] == ""
    # pandoc and citeproc-js, set A (dev)
    assert render(CHICAGO, *bib(WAN)) == [
        "Wan, Zhongwei, and Xin Wang. 2023. Efficient Large Language Models: A Survey. https://arxiv.org/abs/2312.03863."]
    assert render(MLA, *bib(WAN)) == [
        "Wan, Zhongwei, and Xin Wang. Efficient Large Language Models: A Survey. 2023, https://arxiv.org/abs/2312.03863."]


def test_an_empty_type_in_csl_json_stays_empty():
    """``"type": ""`` (what pandoc writes for @misc) is formatted through no type condition by
    pandoc and citeproc-js alike; it was read as "document"."""
    items = read_csljson('[{"id": "a", "type": "", "title": "T"}]', "x.json")
    assert items.items[0]["type"] == ""
    items = read_csljson('[{"id": "a", "title": "T"}]', "x.json")
    assert "type" not in items.items[0]  # no type at all: none either (tests/test_citations_round4.py)


# --- a comma after a quoted title that ends in a period ---------------------------------------------

ODOHERTY = """@article{ODohertyDayanFristonEtAl03,
  title = {Temporal Difference Models and Reward-Related Learning in the Human Brain.},
  author = {O'Doherty, John P. and Dayan, Peter},
  year = 2003,
  month = apr,
  journal = {Neuron},
  volume = {38},
  pages = {329--337}
}"""


def test_comma_moved_inside_a_quotation_that_ends_in_a_period():
    """CSL 1.0.2: quoted output "followed by a comma or period, punctuation-in-quote specifies
    whether this punctuation is placed outside ... or inside ... the closing quotation mark":
    the comma is placed, not dropped, after a period as after "?" (citeproc-js, set A; pandoc
    drops it)."""
    assert render("ieee", *bib(ODOHERTY)) == [
        "[1] J. P. O’Doherty and P. Dayan, “Temporal difference models and reward-related learning in the human "
        "brain.,” Neuron, vol. 38, pp. 329–337, Apr. 2003."]


def test_a_period_after_a_quotation_that_ends_in_a_period_is_still_dropped():
    assert render(CHICAGO, *bib(ODOHERTY)) == [
        "O’Doherty, John P., and Peter Dayan. 2003. “Temporal Difference Models and Reward-Related Learning in the "
        "Human Brain.” Neuron 38 (April): 329–37."]


# --- punctuation inside a name is data --------------------------------------------------------------

JAGGI = """@article{Jaggi2014,
author = {Jaggi, M. and Tak??, M.},
journal = {Advances in Neural Information Processing Systems},
title = {{Communication-efficient distributed dual coordinate ascent}},
volume = {4},
year = {2014}
}"""


def test_doubled_marks_in_a_family_name_are_kept():
    """A family name typed "Tak??" (a lost "Takáč") is printed as typed by pandoc and
    citeproc-js (set A, held out); the seam rule that merges "??" between two pieces of a
    style's output merged the two marks inside the name."""
    assert render("apa", *bib(JAGGI)) == [
        "Jaggi, M., & Tak??, M. (2014). Communication-efficient distributed dual coordinate ascent. "
        "Advances in Neural Information Processing Systems, 4."]
    assert render("nlm-citation-sequence", *bib(JAGGI))[0].startswith("1. Jaggi M, Tak?? M. ")


# --- a quotation mark that is part of a value -------------------------------------------------------

WHITE = """@book{white2012hadoop,
    title={Hadoop: The definitive guide},
    author={White, Tom},
    year={2012},
    publisher={" O'Reilly Media, Inc."}
}"""


def test_a_period_after_a_quote_mark_typed_in_a_value_is_kept():
    """Google Scholar's ``publisher={" O'Reilly Media, Inc."}``: the quote marks are part of the
    value, not a quotation the style made, so the style's period after the publisher stays, as
    pandoc prints it (set B). The look-through rule ("Enough?”." -> "Enough?”") is for the
    style's own quotes, which still absorb it."""
    assert render("apa", *bib(WHITE)) == ['White, T. (2012). Hadoop: The definitive guide. " O’Reilly Media, Inc.".']
    assert render(CHICAGO, *bib(WHITE)) == ['White, Tom. 2012. Hadoop: The Definitive Guide. " O’Reilly Media, Inc.".']


# --- a straight apostrophe in a .bib title is TeX's right quote -----------------------------------------

NASA = """@misc{CitekeyMisc,
  title        = "Pluto: The 'Other' Red Planet",
  author       = "{NASA}",
  howpublished = "\\url{https://www.nasa.gov/nh/pluto-the-other-red-planet}",
  year         = 2015,
  note         = "Truy cập lần cuối: 2018-12-06"
}"""


def test_straight_apostrophes_in_a_title_are_right_quotes_as_tex_sets_them():
    """TeX sets ' as a right quotation mark (’) wherever it stands; only ``...'' and `...' are
    quotations. So 'Other' is ’Other’, as pandoc reads it (citeproc-js, given pandoc's
    conversion, prints the same; set B): it was read as a quotation and printed with the
    style's marks (‘other’, or “other” in APA)."""
    assert render("nature", *bib(NASA)) == ["1. NASA. Pluto: The ’other’ red planet. (2015)."]
    assert render("elsevier-harvard", *bib(NASA))[0].startswith("NASA, 2015. Pluto: The ’other’ red planet.")
    tex = bib("@misc{m, title={The ``Big'' and `Small' Ones}, year=2015}")
    # TeX's quotations stay quotations, in the style's marks (Nature's are single; pandoc prints the same)
    assert render("nature", *tex) == ["1. The ‘big’ and ‘small’ ones. (2015)."]


# --- a date biber cannot read -----------------------------------------------------------------------

MCCULLAGH = """@book{mccullagh1989generalized,
  title = {Generalized linear models},
  author = {McCullagh, P. and Nelder, J. A.},
  publisher = {Chapman \\& Hall / CRC},
  address = {London},
  year = {1989},
  date = {(1989)}
}"""


def test_a_date_that_is_no_date_gives_way_to_the_year():
    """biber ignores a ``date`` it cannot parse (an invalid ISO 8601-2 date, here ``(1989)``) with a
    warning, so the ``year`` stands; pandoc and citeproc-js (set C, rstudio/bookdown-demo's
    book.bib) print ``1989`` where unlearn-bib printed ``(1989)`` as a literal date."""
    (item,) = bib(MCCULLAGH)
    assert item["issued"] == {"date-parts": [[1989]]}
    assert render(CHICAGO, item) == [
        "McCullagh, P., and J. A. Nelder. 1989. Generalized Linear Models. Chapman & Hall / CRC."]
    (alone,) = bib(MCCULLAGH.replace("  year = {1989},\n", ""))
    assert alone["issued"] == {"literal": "(1989)"}  # no year to fall back on: the text as given
