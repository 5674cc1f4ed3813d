"""Reading a .bib decodes each distinct value once (items/from_bib memoises): no item may share
a mutable part with another, and a value read again reads the same."""
from unlearn_bib.items.from_bib import entry_item, read_bibtex

BIB = """
@article{a, author = {van Rossum, Guido and M{\\"u}ller, J.}, title = {A Study of {BERT} Models},
  journal = {J. Foo}, year = 2020}
@article{b, author = {van Rossum, Guido and M{\\"u}ller, J.}, title = {A Study of {BERT} Models},
  journal = {J. Foo}, year = 2021}
"""


def test_same_authors_are_separate_dicts():
    raw = {"author": "van Rossum, Guido and M{\\\"u}ller, J.", "title": "A Study", "year": "2020"}
    first, second = entry_item("a", "article", dict(raw)), entry_item("b", "article", dict(raw))
    assert first["author"] == second["author"]
    first["author"][0]["family"] = "Changed"
    first["author"].append({"family": "Extra"})
    assert second["author"][0]["family"] == "Rossum"
    assert len(second["author"]) == 2
    again = entry_item("c", "article", dict(raw))
    assert again["author"][0]["family"] == "Rossum" and len(again["author"]) == 2


def test_repeated_values_read_the_same():
    first, second = read_bibtex(BIB, "x.bib").items
    assert first["title"] == second["title"] == 'A study of <span class="nocase">BERT</span> models'
    assert first["author"][1] == {"family": "Müller", "given": "J."}
    assert first["container-title"] == second["container-title"] == "J. Foo"
