"""`cite` and `export --key` by any identifier: keys, arXiv ids, DOIs, OpenReview ids, title words."""
import pytest

from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.match.identify import find, identifiers, resolve_keys

RECELER = "huang2024receler"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


@pytest.mark.parametrize("query, key", [
    (RECELER, RECELER),
    ("2311.17717", RECELER),
    ("2311.17717v3", RECELER),
    ("arXiv:2311.17717", RECELER),
    ("https://arxiv.org/abs/2311.17717", RECELER),
    ("https://arxiv.org/pdf/2311.17717v2", RECELER),
    ("10.48550/arXiv.2311.17717", RECELER),
    ("receler", RECELER),
    ("Receler", RECELER),
    ("RECELER: reliable concept erasing", RECELER),
    ("10.1109/CVPR52733.2024.00615", "lu2024mace"),
    ("doi:10.1109/cvpr52733.2024.00615", "lu2024mace"),
    ("https://doi.org/10.1109/CVPR52733.2024.00615", "lu2024mace"),
    ("oBCw6PZ0fX", "zhang2025minimalist"),
    ("https://openreview.net/forum?id=oBCw6PZ0fX", "zhang2025minimalist"),
    ("https://openreview.net/pdf?id=oBCw6PZ0fX", "zhang2025minimalist"),
    ("Erasing Concepts from Diffusion Models", "gandikota2023erasing"),  # an exact title wins over word hits
    ("mass concept erasure", "lu2024mace"),
])
def test_every_identifier_form_finds_its_paper(catalog, query, key):
    assert find(query, catalog).key == key


def test_identifiers_parse_ids_and_urls():
    assert identifiers("arXiv:2311.17717v2").arxiv == ("2311.17717",)
    assert identifiers("https://doi.org/10.1145/3581783.3612577").doi == ("10.1145/3581783.3612577",)
    assert identifiers("https://openreview.net/forum?id=oBCw6PZ0fX").openreview == ("oBCw6PZ0fX",)
    empty = identifiers("receler")
    assert not (empty.arxiv or empty.doi or empty.openreview)


def test_several_candidates_are_listed_with_key_year_venue_title(catalog):
    with pytest.raises(UnlearnBibError) as info:
        find("concept erasure", catalog)
    message = str(info.value)
    assert "matches 12 papers" in message
    assert "  lu2024mace  2024  CVPR 2024  MACE: Mass Concept Erasure in Diffusion Models" in message.splitlines()
    assert "  pham2024robust  2024  arXiv  Robust Concept Erasure Using Task Vectors" in message.splitlines()


def test_nothing_found_suggests_the_closest_titles(catalog):
    with pytest.raises(UnlearnBibError) as info:
        find("recler", catalog)
    lines = str(info.value).splitlines()
    assert lines[0].endswith("papers.yaml: no paper matches 'recler'; the closest titles:")
    assert lines[1].startswith(f"  {RECELER}  2024  ECCV 2024  Receler:")


def test_unknown_identifier_is_named(catalog):
    with pytest.raises(UnlearnBibError, match=r"no paper with arXiv id 9999\.99999"):
        find("9999.99999", catalog)
    with pytest.raises(UnlearnBibError, match=r"no paper with DOI 10\.1234/nothing"):
        find("https://doi.org/10.1234/nothing", catalog)


def test_resolve_keys_keeps_order_and_passes_keys_through(catalog):
    assert resolve_keys(("receler", "lu2024mace", "2303.07345"), catalog) == (RECELER, "lu2024mace", "gandikota2023erasing")


def test_cli_cite_by_arxiv_id(run):
    by_id = run("cite", "2311.17717", "--style", "apa")
    assert by_id.exit_code == 0, by_id.stderr
    assert by_id.stdout == run("cite", RECELER, "--style", "apa").stdout
    assert "Receler: Reliable Concept Erasing" in by_id.stdout


def test_cli_export_key_by_title_word_and_doi(run):
    result = run("export", "--key", "receler", "--key", "10.1109/CVPR52733.2024.00615")
    assert result.exit_code == 0, result.stderr
    assert "@inproceedings{huang2024receler," in result.stdout and "@inproceedings{lu2024mace," in result.stdout
    assert result.stdout.count("\n@") == 1


def test_cli_ambiguous_and_unknown_exit_1_with_message(run):
    ambiguous = run("cite", "erasing", "--style", "apa")
    assert ambiguous.exit_code == 1 and ambiguous.stdout == ""
    assert "'erasing' matches 10 papers" in ambiguous.stderr and "gandikota2023erasing  2023  ICCV 2023" in ambiguous.stderr
    assert "Traceback" not in ambiguous.stderr
    unknown = run("export", "--key", "unlearncanvs")
    assert unknown.exit_code == 1 and unknown.stdout == ""
    assert "zhang2024unlearncanvas" in unknown.stderr


def test_every_paper_is_found_by_each_of_its_identifiers(catalog):
    """Exhaustive over the shipped catalog: key, full title, every earlier title, arXiv id/link, DOI, OpenReview."""
    for paper in catalog:
        queries = [paper.key, paper.plain_title, *paper.title_aliases]
        if paper.arxiv:
            queries += [paper.arxiv, f"{paper.arxiv}v2", f"arXiv:{paper.arxiv}", f"https://arxiv.org/pdf/{paper.arxiv}v1"]
        if paper.doi:
            queries += [paper.doi, paper.doi.upper(), f"https://doi.org/{paper.doi}"]
        if paper.openreview:
            queries += [paper.openreview, f"https://openreview.net/forum?id={paper.openreview}"]
        for query in queries:
            assert find(query, catalog).key == paper.key, query
