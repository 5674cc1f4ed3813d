"""The layouts of the third, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
import pytest

from listcases import one as _one
from unlearn_bib.catalog.identifiers import link_identifier
from unlearn_bib.read.mdcite import badge_venue, citation
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def test_plain_title_bullet_with_links_below_and_a_citation_sub_bullet():
    row = _one("#### 2023\n- Few-shot Backdoor Attacks via Neural Tangent Kernels.\n"
               "  [[pdf]](https://openreview.net/pdf?id=a70lGJ-rwy)\n  [[code]](https://github.com/a/b)\n"
               "  - Jonathan Hayase and Sewoong Oh. *ICLR*, 2023.\n")
    assert (row.title, row.venue, row.year, row.authors, row.code) == (
        "Few-shot Backdoor Attacks via Neural Tangent Kernels", "ICLR", 2023, ["Jonathan Hayase", "Sewoong Oh"],
        "https://github.com/a/b")
    row = _one("- A Survey.\n  [[pdf]](https://arxiv.org/pdf/2202.07183.pdf)\n"
               "  - Jie Wang, Ghulam M. Hassan, and Naveed Akhtar. arXiv, 2022.\n")
    assert (row.authors, row.venue, row.year) == (["Jie Wang", "Ghulam M. Hassan", "Naveed Akhtar"], "arXiv", 2022)


def test_linked_title_with_unlabelled_authors_and_notes_below_under_a_venue_heading():
    rows, _ = read_list("### NeurIPS 2024\n\n- [Graph Diffusion Policy Optimization](https://arxiv.org/pdf/2402.16302)\n"
                        "  - Yijing Liu, Chao Du, Tianyu Pang\n  - Key: Graph Generation, Diffusion Models\n"
                        "  - ExpEnv: [D4RL](https://github.com/rail-berkeley/d4rl)\n"
                        "  - Code: [official](https://github.com/sail-sg/GDPO)\n\n"
                        "- [DMBP: A Predictor](https://openreview.net/forum?id=ZULjcYLWKe)\n  - Anonymous Authors\n"
                        "  - Publisher:  ICLR 2024\n  - Key: Robust Reinforcement Learning\n")
    assert [(r.title, r.venue, r.year, r.authors) for r in rows] == [
        ("Graph Diffusion Policy Optimization", "NeurIPS 2024", 2024, ["Yijing Liu", "Chao Du", "Tianyu Pang"]),
        ("DMBP: A Predictor", "ICLR 2024", 2024, None)]  # "Anonymous Authors" names nobody


def test_title_with_paper_link_and_a_details_digest_that_is_never_closed():
    rows, _ = read_list("## Privacy\n\n### 2025\n\n- Leaky Thoughts: Reasoning Models. [[paper]](https://arxiv.org/abs/2506.15674)"
                        " [[code]](https://github.com/p/l)\n  - Tommaso Green, Martin Gubri.\n"
                        "  - Key Word: Privacy; Large Reasoning Models.\n"
                        "  - <details><summary>Digest</summary> This paper studies, privacy leakage, in Traces.\n\n"
                        "- - Model Collapse Is Not a Bug. [[paper]](https://arxiv.org/abs/2507.04219)\n"
                        "  - Yan Scholten, Leo Schwinn.\n")
    assert [(r.title, r.year, r.authors) for r in rows] == [
        ("Leaky Thoughts: Reasoning Models", 2025, ["Tommaso Green", "Martin Gubri"]),
        ("Model Collapse Is Not a Bug", 2025, ["Yan Scholten", "Leo Schwinn"])]


@pytest.mark.parametrize("line, title, authors, venue, year", [
    ("1. **Revisiting Attacks**. *Elias Abad Rocamora*, Yongtao Wu, Grigorios G. Chrysos, ICML 2024. `score` "
     "[[pdf](https://arxiv.org/abs/2405.04346)] [[code](https://github.com/a/b)]",
     "Revisiting Attacks", ["Elias Abad Rocamora", "Yongtao Wu", "Grigorios G. Chrysos"], "ICML 2024", 2024),
    ("1. **Are Detectors Robust?** *Guanhua Huang, and Zhouwang Yang.* ACL 2024. [[pdf](http://arxiv.org/abs/2406.01179)]",
     "Are Detectors Robust?", ["Guanhua Huang", "Zhouwang Yang"], "ACL 2024", 2024),
    ("1. **Double Perturbation**. *Chong Zhang, and Cho-Jui Hsieh* NAACL 2021. [[pdf](https://aclanthology.org/x.pdf)]",
     "Double Perturbation", ["Chong Zhang", "Cho-Jui Hsieh"], "NAACL 2021", 2021),
    ("1. **Using Punctuation as an Attack**.\n  *Brian Formento, See Kiong Ng*. EACL (Findings) 2023. `blind` "
     "[[pdf](https://aclanthology.org/2023.findings-eacl.1.pdf)]",
     "Using Punctuation as an Attack", ["Brian Formento", "See Kiong Ng"], "EACL (Findings) 2023", 2023),
])
def test_numbered_bold_title_with_its_citation_on_the_line_or_the_next(line, title, authors, venue, year):
    row = _one(line + "\n")
    assert (row.title, row.authors, row.venue, row.year) == (title, authors, venue, year)


def test_a_time_column_beside_a_title_column_and_a_paper_column_of_links():
    row = _one("| Time | Title | Venue | Paper | Code |\n| --- | --- | :---: | :---: | :---: |\n"
               "| 2025.11 | **BadThink: Overthinking Attacks** | AAAI'26 | [link](https://arxiv.org/abs/2511.10714) | - |\n")
    assert (row.title, row.venue, row.list_year, row.year) == ("BadThink: Overthinking Attacks", "AAAI'26", 2025, 2026)
    assert row_ids(row) == {"arxiv": "2511.10714"}


def test_a_title_and_authors_cell_with_badges_gives_title_authors_and_the_badges_venue():
    row = _one("| Title & Authors | Introduction | Links |\n|:--| :----: | :---:|\n"
               "| [![Star](https://img.shields.io/github/stars/a/b.svg?style=social&label=Star)](https://github.com/a/b) "
               "[![Publish](https://img.shields.io/badge/Conference-ICML'23-blue)]() <br> :star: "
               "[SparseGPT: Pruned in One-Shot](https://github.com/a/b) <br> Elias Frantar, Dan Alistarh et al | "
               "<img src=\"f.png\"> | [Github](https://github.com/a/b) [paper](https://arxiv.org/abs/2301.00774) |\n")
    assert (row.title, row.authors, row.authors_incomplete, row.venue, row.year) == (
        "SparseGPT: Pruned in One-Shot", ["Elias Frantar", "Dan Alistarh"], True, "ICML'23", 2023)
    assert row_ids(row) == {"arxiv": "2301.00774"}


@pytest.mark.parametrize("badge, venue", [
    ("![P](https://img.shields.io/badge/Conference-NeurIPS'24%20Workshop-blue)", "NeurIPS'24 Workshop"),
    ("![P](https://img.shields.io/badge/Journal-TMLR_2025-blue)", "TMLR 2025"),
    ("![Type](https://img.shields.io/badge/Structural-C2A4A6)", ""),
    ("![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)", ""),
])
def test_venue_badges(badge, venue):
    assert badge_venue(badge) == venue


def test_a_year_heading_over_a_venue_heading_and_a_venue_index_that_is_not_a_paper():
    rows, _ = read_list("### 2025\n\n- [IJCAI](https://dblp.org/search?q=x) [2025](https://www.ijcai.org/proceedings/2025/)\n\n"
                        "#### IJCAI\n\n- Distilling A Universal Expert. [[PUB](https://www.ijcai.org/proceedings/2025/1)]"
                        " [[COCE](https://github.com/a/b)]\n")
    assert [(r.title, r.venue, r.year) for r in rows] == [("Distilling A Universal Expert", "IJCAI", 2025)]


@pytest.mark.parametrize("url, found", [
    ("https://www.pnas.org/doi/10.1073/pnas.2205463120", ("doi", "10.1073/pnas.2205463120")),
    ("https://www.pnas.org/doi/full/10.1073/pnas.2024789118", ("doi", "10.1073/pnas.2024789118")),
    ("http://cje.ejournal.org.cn/article/doi/10.1049/cje.2021.00.126", ("doi", "10.1049/cje.2021.00.126")),
    ("https://www.nature.com/articles/s42256-021-00337-8", None),  # only a DOI's suffix: no DOI derived
])
def test_dois_in_publishers_doi_paths(url, found):
    assert link_identifier(url) == found


def test_a_doi_in_a_code_link_is_the_codes_not_the_papers():
    row = _one("| Title | Venue | Year | Materials |\n|---|---|---|---|\n| End-to-end privacy | Nat. Mach. Intell. | 2021 | "
               "[[PUB](https://www.nature.com/articles/s42256-021-00337-8)] [[CODE](https://doi.org/10.5281/zenodo.4545599)] |\n")
    assert row_ids(row) == {}


def test_citation_lines_and_what_is_not_one():
    assert citation("Sara Kaviani and Insoo Sohn. *Neurocomputing*, 2021.") == (
        ["Sara Kaviani", "Insoo Sohn"], False, "Neurocomputing", 2021)
    assert citation("*A. Author*. Findings of ACL, 2022.") == (["A. Author"], False, "Findings of ACL", 2022)
    assert citation("This paper studies a method. It works in 2024.") is None  # a sentence, not names
    assert citation("Yan Scholten, Leo Schwinn.") is None  # names without a venue or year


def test_a_heading_under_a_year_heading_is_a_venue_only_if_the_registry_knows_it(run, tmp_path):
    from unlearn_bib.catalog.load import load_catalog

    readme = tmp_path / "README.md"
    readme.write_text("### 2025\n\n#### IJCAI\n\n- A Federated Paper. [[PUB](https://arxiv.org/abs/2501.00001)]\n\n"
                      "#### LLM\n\n- A Language Paper. [[PUB](https://arxiv.org/abs/2501.00002)]\n\n"
                      "### NeurIPS 2024\n\n- [A Diffusion Paper](https://arxiv.org/abs/2406.00003)\n", encoding="utf-8")
    result = run("import", "--from", "markdown", readme, "--papers", tmp_path / "p.yaml")
    assert result.exit_code == 0, result.stderr
    got = {p.arxiv: (p.venue.id if p.venue else None, getattr(p, "venue_text", None), p.year)
           for p in load_catalog(tmp_path / "p.yaml", strict=False)}
    assert got["2501.00001"][0] == "ijcai" and got["2501.00001"][2] == 2025
    assert got["2501.00002"][0] in (None, "arxiv") and not got["2501.00002"][1]  # "LLM" is a topic
    assert got["2406.00003"][0] == "neurips" and got["2406.00003"][2] == 2024


@pytest.mark.parametrize("below, authors", [("Jane Doe", ["Jane Doe"]), ("Code", None), ("CVPR 2024", None)])
def test_only_names_below_a_title_in_its_cell_are_authors(below, authors):
    row = _one(f"| Title | Year |\n|---|---|\n| [A Great Paper](https://arxiv.org/abs/2401.00001) <br> {below} | 2024 |\n")
    assert (row.title, row.authors) == ("A Great Paper", authors)
