"""Never rewrite the wrong paper (issue 11 items 4, 5): an identifier that contradicts the title
and authors is ambiguous; an identifier inside prose is a hint that needs a title match's full
agreement. And one agreement rule for normalize, import and the online resolver."""
import pytest

from conftest import DATA
from unlearn_bib.catalog.load import load_catalog
from unlearn_bib.match.rule import (FUZZY_ACCEPT, CatalogIndex, Ids, entry_ids, first_author_agrees, match,
                               states_only_ids, title_agrees, title_score)
from unlearn_bib.tasks.normalize import normalize_bib

GONG = "Gong, Chao and Chen, Kai and Wei, Zhipeng and Chen, Jingjing and Jiang, Yu-Gang"

# Receler (huang2024receler, arXiv 2311.17717) and Gong's paper share half their title words;
# so do Ablating Concepts (kumari2023ablating) and Forget-Me-Not (zhang2024forget, 2303.17591).
SWAPPED = r"""@article{gong2024swap,
  title={Reliable and Efficient Concept Erasure of Text-to-Image Diffusion Models},
  author={%s},
  journal={arXiv preprint arXiv:2311.17717},
  year={2024}
}

@article{kumari2023swap,
  title={Ablating Concepts in Text-to-Image Diffusion Models},
  author={Kumari, Nupur and Zhang, Bingliang},
  eprint={2303.17591},
  year={2023}
}

@article{smith2025typo,
  title={Reliable Concept Erasing of Diffusion Models via Lightweight Erasers},
  author={Smith, John and Doe, Jane},
  eprint={2311.17717},
  year={2025}
}
""" % GONG

FOLLOW_UP = r"""@misc{doe2025reproducing,
  title={Reliable Concept Erasing of Text-to-Image Diffusion Models: A Reproducibility Study},
  author={Doe, Jane and Roe, Richard},
  note={Reproduces Receler, arXiv:2311.17717},
  year={2025}
}

@inproceedings{roe2025beyond,
  title={Beyond Forgetting: Revisiting Concept Forgetting in Diffusion Models},
  author={Roe, Richard},
  booktitle={NeurIPS},
  annote={Builds on https://arxiv.org/abs/2303.17591 and doi:10.1109/CVPR52733.2024.00615},
  abstract={We revisit Forget-Me-Not (arXiv:2303.17591).},
  year={2025}
}
"""


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def index(catalog):
    return CatalogIndex(catalog)


def _by_key(result):
    return {r.key: r for r in result.reports if r.key}


def test_title_and_first_author_of_one_paper_with_the_arxiv_id_of_another_is_ambiguous(catalog):
    result = normalize_bib(SWAPPED, catalog, "swap.bib")
    reports = _by_key(result)
    assert reports["gong2024swap"].status == "ambiguous"
    assert "arXiv id 2311.17717 is huang2024receler but the title is gong2024reliable's" in reports["gong2024swap"].message
    assert reports["kumari2023swap"].status == "ambiguous"
    assert "the title is kumari2023ablating's" in reports["kumari2023swap"].message
    # a title close to the id's paper, but nobody in common: an id typo, not that paper
    assert reports["smith2025typo"].status == "ambiguous"
    assert "no author in common" in reports["smith2025typo"].message
    assert result.text == SWAPPED  # nothing rewritten


def test_anchored_match_still_takes_renamed_titles_and_the_entrys_own_title(index):
    # Six-CD's arXiv title differs from the published one: the id anchors it, an author agrees
    found = match(Ids(title="Six-CD: Benchmarking Concept Removals for Benign Text-to-image Diffusion Models",
                      arxiv=("2406.14855",), families=("ren",)), index)
    assert (found.status, found.paper.key) == ("matched", "ren2025six")
    # the title is the id's own paper (an alias counts): no conflict
    found = match(Ids(title="EraseDiff: Erasing Data Influence in Diffusion Models", arxiv=("2401.05779",),
                      families=("wu",)), index)
    assert (found.status, found.paper.key) == ("matched", "wu2025erasing")


def test_the_conflict_is_not_added_to_import_either(run, tmp_path):
    catalog = tmp_path / "papers.yaml"
    catalog.write_bytes((DATA.parent.parent / "papers.yaml").read_bytes())
    bib = tmp_path / "swap.bib"
    bib.write_text(SWAPPED, encoding="utf-8")
    result = run("import", "--from", "bibtex", bib, "--papers", catalog, "--section", "concept-unlearning",
                 "--dry-run")
    assert "gong2024swap: ambiguous: arXiv id 2311.17717 is huang2024receler" in result.stderr
    assert "already in the catalog as huang2024receler" not in result.stderr


def test_a_follow_up_whose_note_names_a_catalog_paper_is_not_that_paper(catalog):
    result = normalize_bib(FOLLOW_UP, catalog, "follow.bib")
    reports = _by_key(result)
    assert reports["doe2025reproducing"].status == "unmatched"
    assert "arXiv id 2311.17717 in note names huang2024receler" in reports["doe2025reproducing"].message
    assert reports["roe2025beyond"].status == "unmatched"
    assert result.text == FOLLOW_UP


def test_identifiers_in_prose_are_hints_and_bare_ones_are_the_entrys_own():
    ids = entry_ids({"note": "Reproduces Receler, arXiv:2311.17717", "abstract": "see doi:10.1109/CVPR52733.2024.00615"})
    assert ids.arxiv == () and ids.doi == ()
    assert ("arXiv id", "2311.17717", "note") in ids.hints
    assert ("DOI", "10.1109/cvpr52733.2024.00615", "abstract") in ids.hints
    for bare in ("arXiv:2311.17717 [cs.CV]", "arXiv preprint arXiv:2311.17717", "\\url{http://arxiv.org/abs/2311.17717}",
                 "\\href{https://arxiv.org/abs/2311.17717}{arXiv}", "arXiv preprint arXiv:2311.17717, 2023"):
        assert states_only_ids(bare), bare
        assert entry_ids({"howpublished": bare}).arxiv == ("2311.17717",), bare
    for prose in ("Reproduces arXiv:2311.17717", "Accepted at ECCV. arXiv:2311.17717", "arXiv Reproduction"):
        assert not states_only_ids(prose), prose


def test_a_hint_corroborates_a_title_match_and_never_decides_alone(index):
    found = match(Ids(title="ConceptPrune: Concept Editing in Diffusion Models via Skilled Neuron Pruning",
                      families=("chavhan",), hints=(("arXiv id", "2405.19237", "note"),)), index)
    assert (found.status, found.paper.key) == ("matched", "chavhan2025conceptprune")
    assert found.how == "title, arXiv id 2405.19237 in note agrees"
    # the same hint on an unrelated title: unmatched (a new paper for import), with the reason
    found = match(Ids(title="Something Else Entirely", families=("chavhan",),
                      hints=(("arXiv id", "2405.19237", "note"),)), index)
    assert found.status == "unmatched" and "chavhan2025conceptprune" in found.reason
    # a hint naming another paper does not stop the title's own full match
    found = match(Ids(title="Erasing Concepts from Diffusion Models", families=("gandikota",),
                      hints=(("arXiv id", "2311.17717", "note"),)), index)
    assert (found.status, found.paper.key) == ("matched", "gandikota2023erasing")


# --- one agreement rule, used by the resolver too ------------------------------------------------

def test_agreement_rules_and_thresholds():
    assert title_score(["MACE: Mass Concept Erasure in Diffusion Models"], "{MACE}: mass concept erasure in diffusion models") == 1.0
    score = title_score(["Mass Concept Erasure in Diffusion Models"], "MACE: Mass Concept Erasure in Diffusion Models")
    assert FUZZY_ACCEPT <= score < 1.0 and title_agrees(score)
    assert not title_agrees(title_score(["Erasing Concepts from Text-to-Image Diffusion Models"],
                                        "Erasing Concepts from Diffusion Models"))
    assert title_score([], "x") == 0.0 and title_score([""], "x") == 0.0
    assert first_author_agrees(("lu", "wang"), [{"lu"}, {"wang"}])
    assert first_author_agrees([frozenset({"berg", "vanderberg"})], [frozenset({"vanderberg"})])
    assert not first_author_agrees(("wang", "lu"), [{"lu"}, {"wang"}])
    assert not first_author_agrees((), [{"lu"}]) and not first_author_agrees(("",), [{""}])


def test_the_resolver_decides_with_matchs_rules(monkeypatch):
    """decide.py has no rule of its own: change match's rule and the resolver follows."""
    from unlearn_bib.match import rule as match_module
    from unlearn_bib.resolve import decide
    from unlearn_bib.resolve.records import Candidate

    query = decide.Query(title="Mass Concept Erasure in Diffusion Models", families=(frozenset({"lu"}),), arxiv=("2403.06135",))
    cand = Candidate("crossref", "10.1109/x", "https://doi.org/10.1109/x", "MACE: Mass Concept Erasure in Diffusion Models",
                     ("Shilin Lu",), (frozenset({"lu"}),), 2024, "CVPR", "cvpr", False, anchor="the entry's own DOI")
    assert decide.decide(query, [cand], []).status == "resolved"
    monkeypatch.setattr(match_module, "FUZZY_ACCEPT", 0.99)
    assert decide.decide(query, [cand], []).status == "ambiguous"
    monkeypatch.setattr(match_module, "FUZZY_ACCEPT", 0.90)
    monkeypatch.setattr(match_module, "first_author_agrees", lambda mine, theirs: False)
    assert decide.decide(query, [cand], []).status == "ambiguous"


def test_an_identifier_match_with_a_second_contradicting_identifier_is_ambiguous(index):
    receler = "Receler: Reliable Concept Erasing of Text-to-Image Diffusion Models via Lightweight Erasers"
    # two arXiv ids, only one of them a catalog paper's: which paper is this?
    found = match(Ids(title=receler, arxiv=("2311.17717", "2599.00001"), families=("huang",)), index)
    assert found.status == "ambiguous" and "names 2 arXiv ids" in found.reason
    # MACE's DOI with another arXiv id than MACE's
    found = match(Ids(title="MACE: Mass Concept Erasure in Diffusion Models", doi=("10.1109/cvpr52733.2024.00615",),
                      arxiv=("2599.00001",), families=("lu",)), index)
    assert found.status == "ambiguous" and "differs from the catalog's 2403.06135" in found.reason
    # the same id twice (with a version, in eprint and url) is one id
    ids = entry_ids({"eprint": "2311.17717v2", "url": "https://arxiv.org/abs/2311.17717", "title": receler,
                     "author": "Huang, Chi-Pin"})
    assert match(ids, index).status == "matched"


def _similar_by_difflib_alone(norm, index):
    """The close-title search before the rapidfuzz pre-filter: difflib's ratio against every title."""
    import difflib

    from unlearn_bib.match.rule import FUZZY_REPORT

    scored = {}
    for key, candidate in index.all_titles:
        ratio = difflib.SequenceMatcher(None, key, norm, autojunk=False).ratio()
        if ratio >= FUZZY_REPORT and ratio > scored.get(candidate.key, (0.0, None))[0]:
            scored[candidate.key] = (ratio, candidate)
    return sorted(scored.values(), key=lambda item: (-item[0], item[1].key))


def test_the_prefiltered_close_title_search_finds_what_difflib_alone_finds():
    """rapidfuzz's Indel ratio bounds difflib's from above, so skipping titles under the cut-off
    there changes nothing: every catalog title, and edits of them, give the same ranked list."""
    import random

    from unlearn_bib.catalog.model import normalize_title
    from unlearn_bib.match.rule import _similar

    index = CatalogIndex(load_catalog(DATA / "catalogs" / "snapshot.yaml", strict=False))
    rng = random.Random(7)
    probes = []
    for key, _ in index.all_titles:
        words = key.split()
        probes.append(key)
        probes.append(" ".join(words[:-1] + ["revisited"]))  # one word changed
        probes.append(" ".join(rng.sample(words, len(words))))  # words shuffled
        probes.append(key.replace("e", "a", 2) + " part 2")  # letters changed, words added
    seen_close = 0
    for probe in probes:
        norm = normalize_title(probe)
        expected = _similar_by_difflib_alone(norm, index)
        assert [(round(r, 12), p.key) for r, p in _similar(norm, index)] == [(round(r, 12), p.key) for r, p in expected]
        seen_close += bool(expected)
    assert seen_close > len(probes) // 2  # the probes do reach the close-title path
