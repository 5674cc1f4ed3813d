"""Disambiguation (CSL 1.0.2, "Disambiguation") and what it adds to the bibliography entries.

The expected texts are what pandoc and citeproc-js print for the same data (checked by hand
with benchmarks/agreement.py's renderers when these tests were written).
"""
import pytest

from unlearn_bib.export import citations


def item(key, title, authors, year=2024, **fields):
    data = {"id": key, "type": "article-journal", "title": title, "container-title": "Journal",
            "author": [{"family": f, "given": g} for f, g in authors], "issued": {"date-parts": [[year]]}}
    data.update(fields)
    return data


def render(style, *items):
    return [citations.to_text(e) for e in citations.format_items(list(items), str(style))]


BUI_A = item("bui1", "Erasing Concepts", [("Bui", "Anh"), ("Vuong", "Long"), ("Le", "Trung")])
BUI_B = item("bui2", "Fantastic Targets", [("Bui", "Anh"), ("Vu", "Thuy-Trang"), ("Le", "Trung")], 2025)
PHAM_A = item("pham1", "Circumventing Erasure",
              [("Pham", "Minh"), ("Marshall", "Kelly O."), ("Cohen", "Niv"), ("Mittal", "Govind"), ("Hegde", "Chinmay")])
PHAM_B = item("pham2", "Robust Erasure",
              [("Pham", "Minh"), ("Marshall", "Kelly O."), ("Hegde", "Chinmay"), ("Cohen", "Niv")])
ZHANG_DEFENSIVE = item("z1", "Defensive Unlearning", [("Zhang", "Yimeng"), ("Chen", "Xin"), ("Jia", "Jinghan")])
ZHANG_GENERATE = item("z2", "To Generate or Not", [("Zhang", "Yimeng"), ("Jia", "Jinghan"), ("Chen", "Xin")])
ZHANG_CANVAS = item("z3", "UnlearnCanvas", [("Zhang", "Yihua"), ("Fan", "Chongyu"), ("Zhang", "Yimeng")])


def more_authors(entry):
    """Harvard abbreviates from four names on."""
    return {**entry, "author": entry["author"] + [{"family": "Ding", "given": "Kaize"}]}


def test_mla_shows_the_names_its_cites_need():
    """"(Bui et al.)" twice: the second name tells them apart, so both entries show it, and
    the second is no longer a repeat of the first (no "———")."""
    assert [t.split(" “")[0] for t in render("mla", BUI_A, BUI_B)] == [
        "Bui, Anh, Long Vuong, et al.", "Bui, Anh, Thuy-Trang Vu, et al."]


def test_names_are_added_until_one_differs():
    """The second names are equal, the third differ: three names, in both entries."""
    assert [t.split(" (")[0] for t in render("harvard", PHAM_A, PHAM_B)] == [
        "Pham, M., Marshall, K.O., Cohen, N., et al.", "Pham, M., Marshall, K.O., Hegde, C., et al."]


def test_names_that_tell_nothing_apart_are_not_added():
    """Identical author lists: no name helps, so none is added (MLA then prints the dash,
    which replaces the whole list, "et al." included, and keeps the period after it)."""
    first = item("a", "Alpha", [("Zhang", "Eric"), ("Wang", "Kai"), ("Xu", "Xingqian")], 2023)
    second = item("b", "Beta", [("Zhang", "Eric"), ("Wang", "Kai"), ("Xu", "Xingqian")], 2023)
    texts = render("mla", first, second)
    assert texts[0].startswith("Zhang, Eric, et al. “Alpha.”")
    assert texts[1].startswith("———. “Beta.”")


def test_given_names_then_names_harvard():
    """by-cite: the first name is expanded where the given names differ (Yimeng / Yihua), in
    full because Harvard's cites have no initials; the two Yimeng papers still read alike,
    so the second name is added to both. No year suffix is left to add."""
    texts = render("harvard", *map(more_authors, (ZHANG_DEFENSIVE, ZHANG_GENERATE, ZHANG_CANVAS)))
    assert [t.split(" (")[0] for t in texts] == [
        "Zhang, Yimeng, Chen, X., et al.", "Zhang, Yimeng, Jia, J., et al.", "Zhang, Yihua et al."]


def test_given_names_then_year_suffix_elsevier():
    """elsevier-harvard adds given names but not names: the Yimeng pair gets 2024a/2024b.
    Only the name that told the cites apart is expanded, not a later Zhang of the list."""
    texts = render("elsevier-harvard", ZHANG_DEFENSIVE, ZHANG_GENERATE, ZHANG_CANVAS)
    assert texts[0].startswith("Zhang, Yimeng, Chen, X., Jia, J., 2024a. Defensive")
    assert texts[1].startswith("Zhang, Yihua, Fan, C., Zhang, Y., 2024. UnlearnCanvas.")
    assert texts[2].startswith("Zhang, Yimeng, Jia, J., Chen, X., 2024b. To Generate")


def test_with_initials_rule_never_shows_full_given_names():
    """APA's primary-name-with-initials: "Y. Zhang" cannot be told from "Y. Zhang", so
    names are added ("Zhang, Chen, et al." / "Zhang, Jia, et al.") and nothing else; APA's
    entries already show those names."""
    texts = render("apa", ZHANG_DEFENSIVE, ZHANG_GENERATE, ZHANG_CANVAS)
    assert [t.split(" (")[0] for t in texts] == [
        "Zhang, Y., Chen, X., & Jia, J.", "Zhang, Y., Fan, C., & Zhang, Y.", "Zhang, Y., Jia, J., & Chen, X."]
    assert all("2024)" in t for t in texts)  # no year suffix


STYLE = ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>t</title></info>'
         '<citation disambiguate-add-year-suffix="true" {citation}><layout>'
         '<names variable="author"><name form="short"/></names>{cite}<date variable="issued" prefix=" ">'
         '<date-part name="year"/></date></layout></citation>'
         '<bibliography><layout><names variable="author"><name/></names>'
         '<date variable="issued" prefix=" "><date-part name="year"/></date>'
         '<text variable="title" prefix=". "/></layout></bibliography></style>')


@pytest.fixture
def style(tmp_path):
    def make(citation="", cite=""):
        path = tmp_path / f"s{len(list(tmp_path.iterdir()))}.csl"
        path.write_text(STYLE.format(citation=citation, cite=cite))
        return path
    return make


def test_year_suffixes_go_on_after_z(style):
    entries = [item(f"k{n:02d}", f"T{n:02d}", [("Doe", "Jane")], 2020) for n in range(28)]
    years = [t.split(".")[0].split()[-1] for t in render(style(), *entries)]
    assert years[:3] == ["2020a", "2020b", "2020c"] and years[25:] == ["2020z", "2020aa", "2020ab"]


def test_disambiguate_condition_comes_before_the_year_suffix(style):
    """Method (3): the cite rendered with disambiguate="true" shows the title; the two
    works with different titles need no suffix, the two with the same title still do."""
    path = style(cite='<choose><if disambiguate="true"><text variable="title" prefix=", "/></if></choose>')
    texts = render(path, item("a", "Alpha", [("Doe", "Jane")], 2020), item("b", "Beta", [("Doe", "Jane")], 2020))
    assert texts == ["Jane Doe 2020. Alpha", "Jane Doe 2020. Beta"]
    texts = render(path, item("a", "Same", [("Doe", "Jane")], 2020), item("b", "Same", [("Doe", "Jane")], 2020))
    assert texts == ["Jane Doe 2020a. Same", "Jane Doe 2020b. Same"]


def test_without_given_name_expansion_the_year_suffix_decides(style):
    jane, john = item("a", "A", [("Doe", "Jane")], 2020), item("b", "B", [("Doe", "John")], 2020)
    assert render(style(), jane, john) == ["Jane Doe 2020a. A", "John Doe 2020b. B"]
    path = style(citation='disambiguate-add-givenname="true"')
    assert render(path, jane, john) == ["Jane Doe 2020. A", "John Doe 2020. B"]


def test_substitute_needs_every_name_to_match(tmp_path):
    """CSL 1.0.2 complete-all: "when all names of the name variable match": the names hidden
    by "et al." count too, so "Smith et al." twice is no repeat when they differ."""
    path = tmp_path / "substitute.csl"
    path.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>t</title></info>'
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography et-al-min="2" et-al-use-first="1" subsequent-author-substitute="---"><layout>'
        '<names variable="author" suffix="."><name form="short"/></names><text variable="title" prefix=" "/>'
        '</layout></bibliography></style>')
    first = item("a", "Alpha", [("Smith", "John"), ("Brown", "X")])
    second = item("b", "Beta", [("Smith", "John"), ("Gray", "X")])
    same = item("c", "Gamma", [("Smith", "John"), ("Gray", "X")])
    assert render(path, first, second, same) == ["Smith et al. Alpha", "Smith et al. Beta", "---. Gamma"]
