"""The reader's quick paths (issue 18, speed): tests that skip work before a pattern runs must skip only what
the pattern could never match. Each case here is one the quick test could get wrong: what cleaning removes
inside a GB/T type tag, pipes inside code, link targets and escapes, a link only in a badge."""
from unlearn_bib.read import mdinline as md
from unlearn_bib.read.mdgbt import gbt_reference
from unlearn_bib.read.mdlist import Row
from unlearn_bib.read.mdnames import personal_names
from unlearn_bib.read.mdscan import _cells

_REFERENCE = ("Chen L, Ren Q, Zeng J, et al. <b>CSFPre: Expressway key sections for traffic flow prediction{tag}</b>. "
              "Plos one, 2023, 18(4): e0283898. [Link](https://journals.plos.org/plosone/article?id=10.1371/x)")


def _gbt(tag: str):
    row = Row(1, "x")
    return (row.title, row.year, row.venue, row.authors) if gbt_reference(row, _REFERENCE.format(tag=tag)) else None


def test_a_type_tag_with_emphasis_an_escape_or_an_emoji_inside_is_still_a_type_tag():
    """Cleaning takes ``\\``, ``*`` and emoji out of ``[J\\]``, ``[E*B*/OL]``, ``[J🔥]``: each reads as ``[J]`` does;
    ``[*J*]`` and ``[:star:J]`` are decorations cleaning takes out whole (as before the quick test)."""
    plain = _gbt("[J]")
    assert plain == ("CSFPre: Expressway key sections for traffic flow prediction", 2023, "Plos one",
                     ["Chen L", "Ren Q", "Zeng J"])
    for tag in ("[J\\]", "[J🔥]", "[E*B*/OL]", "[J]*"):
        assert _gbt(tag) == plain, tag
    for tag in ("[*J*]", "[:star:J]", "[Q]", ""):  # no type tag once cleaned: no reference
        assert _gbt(tag) is None, tag


def test_names_with_initials_need_their_full_stops():
    assert personal_names("Y. You, T. Chen, and Y. Shen")
    assert personal_names("Y\\. You, T\\. Chen, and Y\\. Shen")  # escaped full stops are full stops once cleaned
    assert not personal_names("Y You, T Chen, and Y Shen")


def test_cells_split_at_pipes_outside_code_link_targets_and_escapes():
    assert _cells("| a `x|y` | [t](https://e.org/a|b) | c \\| d | ]( | e |") == [
        "a `x|y`", "[t](https://e.org/a|b)", "c \\| d", "]( | e |"]  # an unclosed "](" holds the rest of the row
    assert _cells("a | b |  ") == ["a", "b"]
    assert _cells("| a | b\\") == ["a", "b\\"]  # a backslash at the end escapes nothing


def test_links_and_text_without_links():
    assert md.links("no link here [just brackets] (and parentheses)") == []
    assert md.links("[![badge](https://img.shields.io/x.svg)](https://arxiv.org/abs/2401.01234)") == [
        ("badge", "https://arxiv.org/abs/2401.01234", True)]
    found = md.links("[Paper](https://arxiv.org/abs/2401.01234)")
    found.append(("x", "y", False))  # a caller's list is its own: the remembered answer is not changed
    assert md.links("[Paper](https://arxiv.org/abs/2401.01234)") == [("Paper", "https://arxiv.org/abs/2401.01234", False)]
    assert md.without_links("Title [ ] see https://e.org/x and [code](https://g.com/a)") == "Title   see   and  "
