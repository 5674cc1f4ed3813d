"""Property tests: escaping and BibTeX round trips, loader totality."""
import string

import bibtexparser
from hypothesis import HealthCheck, given, settings, strategies as st

from unlearn_bib.text import latex
from unlearn_bib.files.yamlio import load_yaml
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.export import bibtex
from unlearn_bib.catalog.model import Catalog, Paper, Person
from unlearn_bib.catalog.validate import build_catalog
from unlearn_bib.catalog.venues import resolve

settings.register_profile("ci", max_examples=300, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

SPECIALS = "&%$#_{}~^\\\"'`-"
LATIN = "éèêëàáâäãåçñöøóôúüùíïîýÿšžčřęłńśźżőűĐđặọßæœÅÆØ"
text_chars = st.sampled_from(string.ascii_letters + string.digits + " :;,.?!()[]/" + SPECIALS + LATIN)
plain_text = st.text(text_chars, min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)
any_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
name_text = st.text(st.sampled_from(string.ascii_letters + LATIN + "-' "), min_size=1, max_size=15).map(
    lambda s: " ".join(s.split())).filter(lambda s: s and s[0] not in "-'" and s.lower() not in ("and", "others"))


@given(any_text)
def test_encode_decode_round_trip_any_unicode(text):
    # emoji and other pictographs are dropped (pdflatex cannot typeset them); all else comes back
    assert latex.decode(latex.encode(text)) == latex.drop_pictographs(text)
    assert latex.decode(latex.encode(text, ascii_only=False)) == latex.drop_pictographs(text)


@given(any_text)
def test_encoded_text_has_balanced_braces_and_no_bare_specials(text):
    encoded = latex.encode(text)
    for math in set(latex.MATH.values()):  # "{$\\Sigma$}": the one place a bare $ belongs
        encoded = encoded.replace(math, "{}")
    depth = 0
    for i, ch in enumerate(encoded):
        if ch in "{}" and (i == 0 or encoded[i - 1] != "\\"):
            depth += 1 if ch == "{" else -1
            assert depth >= 0
        if ch in "&%$#_" :
            assert encoded[i - 1] == "\\"
    assert depth == 0


def _balanced_title():
    """Plain text with optional balanced protection groups, as a catalog title may hold."""
    return st.lists(st.one_of(plain_text.map(lambda s: s.replace("{", "").replace("}", "")),
                              plain_text.map(lambda s: "{" + s.replace("{", "").replace("}", "") + "}")),
                    min_size=1, max_size=3).map(lambda parts: " ".join(parts).strip()).filter(lambda s: s.replace("{", "").replace("}", "").strip())


people = st.builds(lambda f, g: Person(family=f, given=g), name_text, name_text)


@given(st.lists(st.tuples(_balanced_title(), st.lists(people, min_size=1, max_size=4)), min_size=1, max_size=4),
       st.sampled_from(["bibtex", "biblatex"]))
def test_bibtex_round_trip_through_bibtexparser(items, dialect):
    venue = resolve("eccv", 2024)
    papers = tuple(
        Paper(key=f"k{i}", title=title, authors=tuple(authors), year=2024, venue=venue, arxiv="2311.17717")
        for i, (title, authors) in enumerate(items)
    )
    text = bibtex.render(Catalog(papers), bibtex.Options(dialect))
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [p.key for p in papers]
    for entry, paper in zip(library.entries, papers):
        assert " ".join(latex.decode(entry["title"]).split()) == paper.plain_title  # BibTeX collapses spaces too
        names = [n.strip() for n in entry["author"].split(" and ")]
        assert [latex.decode(n) for n in names] == [f"{p.family}, {p.given}" for p in paper.authors]


@given(st.binary(max_size=300))
def test_loader_is_total_on_bytes(data):
    try:
        build_catalog(load_yaml(data, "papers.yaml"), "papers.yaml")
    except UnlearnBibError as exc:
        assert str(exc).startswith("papers.yaml")


@given(st.text(max_size=300))
def test_loader_is_total_on_text(text):
    try:
        build_catalog(load_yaml(text.encode("utf-8", "surrogatepass"), "papers.yaml"), "papers.yaml")
    except UnlearnBibError as exc:
        assert str(exc).startswith("papers.yaml")
    except UnicodeEncodeError:
        pass


yaml_values = st.recursive(
    st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False, allow_infinity=False)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4)),
    max_leaves=20,
)


@given(yaml_values, st.booleans())
def test_event_loader_agrees_with_pyyaml(value, flow):
    """Our event-based loader builds exactly what yaml.safe_load builds (for alias-free YAML)."""
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow)
    assert load_yaml(text.encode(), "x.yaml") == yaml.safe_load(text) or (not text.strip() or text.strip() == "...")
