"""``seams.join`` written out against the form it replaces (add and seam per piece): the same
text and the same rich flag for any pieces and delimiter made of the characters a seam acts on."""
from hypothesis import given, settings, strategies as st

from unlearn_bib.csl.seams import add, join, seam

_TEXT = st.text(alphabet=" .,;:!?ab", max_size=4)
_PIECE = st.tuples(_TEXT, st.booleans())


def _join_as_adds(pieces, delimiter):
    out = pieces[0]
    for text, rich in pieces[1:]:
        out = add(out, (seam(out[0], delimiter), False))
        out = add(out, (seam(out[0], text), rich))
    return out


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=6), _TEXT)
def test_join_equals_the_adds_it_replaces(pieces, delimiter):
    assert join(pieces, delimiter) == _join_as_adds(pieces, delimiter)


def test_join_tidies_a_seam_once_in_plain_text_and_twice_beside_rich_text():
    assert join([("A.", True), ("B", False)], ". ") == ("A. B", True)
    assert join([("A.", False), (".B", False)], "") == ("A.B", False)
    # a delimiter of two spaces after a space: one space is kept in plain text, none in rich
    assert join([("A ", False), ("B", False)], "  ") == ("A  B", False)
    assert join([("A ", True), ("B", False)], "  ") == ("A B", True)
