"""Which identifiers a list row gives (tasks.import_table.row_ids), for links the label alone would mislead on."""
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def _ids(markdown: str) -> dict:
    rows, _ = read_list(markdown)
    assert len(rows) == 1
    return row_ids(rows[0])


def test_an_openreview_link_labelled_code_still_names_the_paper():
    # OpenReview holds papers only, as arXiv does: "[code](openreview…)" is the paper's forum
    ids = _ids("| Name | Paper | Code |\n|---|---|---|\n"
               "| Intact-VAE | Intact-VAE: Estimating treatment effects under unobserved confounding (ICLR 2022) |"
               " [code](https://openreview.net/forum?id=q7n2RngwOM) |\n")
    assert ids.get("openreview") == "q7n2RngwOM"


def test_a_github_link_labelled_paper_gives_no_identifier():
    ids = _ids("- [A Study of Things Done Well](https://github.com/a/b), ICLR 2022\n")
    assert ids == {}


def test_a_doi_written_in_a_citation_that_is_the_link_text():
    ids = _ids("| Name | Paper | Code |\n|---|---|---|\n"
               "| Curves | [Kobrosly, R. W., (2020). causal-curve: A Python Causal Inference Package. Journal of Open Source"
               " Software, 5(52), 2523, https://doi.org/10.21105/joss.02523](https://joss.theoj.org/papers/10.21105/joss.02523)"
               " | [Python](https://github.com/x/y) |\n")
    assert ids.get("doi") == "10.21105/joss.02523"


def test_a_doi_link_of_the_row_wins_over_one_written_in_a_label():
    ids = _ids("- [A Study of Things, see doi.org/10.1000/other](https://doi.org/10.1145/3648358), CSUR 2024\n")
    assert ids["doi"] == "10.1145/3648358"


def test_a_biorxiv_or_medrxiv_link_gives_the_preprint_doi_its_path_holds():
    from unlearn_bib.catalog.identifiers import link_identifier

    assert link_identifier("https://www.biorxiv.org/content/10.1101/2020.03.16.993816v2.full.pdf") == (
        "doi", "10.1101/2020.03.16.993816")
    assert link_identifier("https://www.biorxiv.org/content/10.1101/069682v1") == ("doi", "10.1101/069682")
    assert link_identifier("https://www.medrxiv.org/content/10.1101/2021.01.05.21249283v1.full") == (
        "doi", "10.1101/2021.01.05.21249283")
    assert link_identifier("https://www.biorxiv.org/about-biorxiv") is None
    ids = _ids("**Deep learning of protein things** [[paper](https://www.biorxiv.org/content/10.1101/069682v1)]\n")
    assert ids == {"doi": "10.1101/069682"}
