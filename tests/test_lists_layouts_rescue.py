"""The reader's safety net (read/mdrescue.py) and the layouts of the nineteenth and twentieth unseen
sets (tests/data/lists, SOURCES.md), one small case each: what the reader must take from a row and
what it must leave alone."""
from unlearn_bib.read.mdlist import read_list


def _rows(text):
    rows, _ = read_list(text)
    return [(r.line, r.title, r.year) for r in rows]


def test_a_unit_no_rule_reads_that_links_a_paper_by_its_identifier_is_a_row():
    rows, _ = read_list(
        "## 2017\n\n"
        "Attention Is All You Need. [arXiv](https://arxiv.org/abs/1706.03762)\n\n"
        "Deep Residual Learning for Image Recognition (CVPR 2016) -- https://doi.org/10.1109/CVPR.2016.90\n")
    assert [(r.line, r.title, r.year) for r in rows] == [
        (3, "Attention Is All You Need", 2017),  # the heading's year
        (5, "Deep Residual Learning for Image Recognition", 2016)]  # the unit's own tag
    assert rows[0].title_url == "https://arxiv.org/abs/1706.03762"


def test_the_safety_net_leaves_prose_toc_code_and_posts_alone():
    assert _rows(
        "## Contents\n\n"
        "- [Tool basics](#tool-basics)\n\n"
        "## About\n\n"
        "We thank the authors of [the survey](https://arxiv.org/abs/2401.00001) for the idea behind this list, see below.\n\n"
        "Jane Doe, John Smith and Ann Lee. [arXiv](https://arxiv.org/abs/2401.00002)\n\n"
        "## Blogs\n\n"
        "Why transformers work so well. [arXiv](https://arxiv.org/abs/2401.00003)\n\n"
        "- [Tool basics](#tool-basics) [arXiv](https://arxiv.org/abs/2401.00004)\n") == []


def test_a_description_bullet_over_paper_paragraphs_gives_each_paragraph_on_its_own_line():
    assert _rows(
        "### Learning by training\n\n"
        "- Training on model-synthesized examples (NL input, tool output)\n"
        "  \n"
        "  **ToolAlpaca: Generalized Tool Learning for Language Models with 3000 Simulated Cases** *Tang, Qiaoyu, et al.* "
        "2023.06 [[Preprint]](https://arxiv.org/abs/2306.05301)\n"
        "  \n"
        "  **ToolLLM: Facilitating Large Language Models to Master 16000+ Real-world APIs** *Qin, Yujia, et al.* 2023.07 "
        "[[Paper]](https://openreview.net/forum?id=dHng2O0Jjr)\n") == [
        (5, "ToolAlpaca: Generalized Tool Learning for Language Models with 3000 Simulated Cases", 2023),
        (7, "ToolLLM: Facilitating Large Language Models to Master 16000+ Real-world APIs", 2023)]


def test_a_numbered_heading_with_labelled_field_bullets_in_chinese_and_an_accepted_note():
    rows, _ = read_list(
        "## 3D Gaussian Splatting Papers\n\n"
        "#### [1] GS-Checker: Tampering Localization for 3D Gaussian Splatting\n"
        "- **🧑\u200d🔬 作者**：Haoliang Han, Ziyuan Luo, Jun Qi\n"
        "- **🏫 单位**：Hong Kong Baptist University ⟐ University of Campinas\n"
        "- **🔗 链接**：[[中英摘要](./abs/2511.20354.md)] [[arXiv:2511.20354](https://arxiv.org/abs/2511.20354)] [Code]\n"
        "- **📝 说明**: 🏆 Accepted to AAAI 2026\n\n"
        "#### [2] Material-informed Gaussian Splatting for 3D World Reconstruction in a Digital Twin\n"
        "- **🧑\u200d🔬 作者**：Andy Huynh, Tong Duy Son\n"
        "- **🏫 单位**：Delft University of Technology\n"
        "- **🔗 链接**：[[中英摘要](./abs/2511.20348.md)] [[arXiv:2511.20348](https://arxiv.org/abs/2511.20348)] [Code]\n"
        "- **📝 说明**:\n")
    assert [(r.line, r.title, r.year, r.venue) for r in rows] == [
        (3, "GS-Checker: Tampering Localization for 3D Gaussian Splatting", 2026, "AAAI 2026"),
        (9, "Material-informed Gaussian Splatting for 3D World Reconstruction in a Digital Twin", None, "")]  # arXiv id's year
    assert "arxiv.org/abs/2511.20348" in rows[1].text


def test_an_index_of_the_lists_own_pages_with_counts_is_not_a_paper():
    assert _rows(
        "- **2024**\n\n"
        "  - [[ICLR](./2024/ICLR.md)] (2 篇)\n"
        "    [[CVPR](./2024/CVPR.md)] (67 篇)\n"
        "  - [[NeurIPS](./2024/NeurIPS.md)] (70 篇)\n") == []


def test_a_venue_year_link_label_dates_a_row_over_a_yearless_short_name_tag():
    assert _rows(
        "- Domain Generalization by Marginal Transfer Learning [[JMLR 2021](https://www.jmlr.org/papers/volume22/17-679/17-679.pdf)] "
        "[[Code](https://github.com/aniketde/DomainGeneralizationMarginal)] (**MTL**) [188]\n"
        "- A Generalization Error Bound for Multi-Class Domain Generalization [[arXiv 2019](https://arxiv.org/pdf/1905.10392)] [123]\n"
    ) == [(1, "Domain Generalization by Marginal Transfer Learning", 2021),
          (2, "A Generalization Error Bound for Multi-Class Domain Generalization", None)]  # dated by its arXiv id on import


def test_the_safety_net_on_hostile_lines_is_fast_and_reads_nothing_unbounded():
    import time

    start = time.perf_counter()
    rows, _ = read_list("(a)" * 30000 + " [x](https://arxiv.org/abs/2401.00001)\n\n"
                        + "**" + "a " * 30000 + " https://doi.org/10.1/x" + "*" * 5000 + "\n\n"
                        + "Accepted to " + "A" * 50000 + " 2026 https://arxiv.org/abs/2401.00002\n")
    assert time.perf_counter() - start < 2
    assert all(len(r.title) <= 400 for r in rows)


def test_commented_out_table_rows_are_not_rows():
    rows, _ = read_list(
        "|Name|Paper|Code|\n|---|---|---|\n"
        "|GANITE|[GANITE: Estimation of Individualized Treatment Effects](https://openreview.net/forum?id=ByKWUeWA-)|NA|\n"
        "<!-- |ABCEI|[Adversarial Balancing-based Representation Learning](https://arxiv.org/pdf/1904.13335.pdf)|NA| -->\n"
        "<!-- ||[D'Amour, Alexander. \"On multi-cause causal inference.\" arXiv preprint arXiv:1902.10286 (2019).](https://arxiv.org/abs/1902.10286)|NA|\n"
        "||[Kong, Dehan. \"Multi-cause causal inference with unmeasured confounding.\" (2019).](https://arxiv.org/pdf/1907.13323.pdf)|NA| -->\n"
        "|DeepMatch|[DeepMatch: Balancing Deep Covariate Representations](https://arxiv.org/abs/1802.05664)|NA|\n")
    assert [r.line for r in rows] == [3, 7]


def test_a_paper_cell_holding_a_whole_citation_gives_its_parts():
    rows, _ = read_list(
        "|Name|Paper|Code|\n|---|---|---|\n"
        "|Propensity Score Matching|[Rosenbaum, Paul R., and Donald B. Rubin. \"The central role of the propensity score in "
        "observational studies for causal effects.\" Biometrika 70, no. 1 (1983): 41-55.](https://academic.oup.com/biomet/x.pdf)|"
        "[Python](https://github.com/a/b)|\n"
        "|Causal Impact|[Brodersen, K. H., Gallusser, F., & Scott, S. L. (2015). Inferring causal impact using Bayesian "
        "structural time-series models. The Annals of Applied Statistics, 9(1), 247–274. doi: 10.1214/14-AOAS788]"
        "(https://projecteuclid.org/x)|[R](https://github.com/cran/bsts)|\n"
        "|Start|[Qwen VLo: From \"Understanding\" the World to \"Depicting\" It](https://qwenlm.github.io/blog/qwen-vlo/)|-|\n")
    assert [(r.title, r.year, r.venue, r.authors) for r in rows[:2]] == [
        ("The central role of the propensity score in observational studies for causal effects", 1983, "Biometrika",
         ["Rosenbaum, Paul R.", "Donald B. Rubin"]),
        ("Inferring causal impact using Bayesian structural time-series models", 2015, "The Annals of Applied Statistics",
         ["Brodersen, K. H.", "Gallusser, F.", "Scott, S. L."])]
    assert ("doi", "https://doi.org/10.1214/14-AOAS788", False) in rows[1].links
    assert rows[2].title == 'Qwen VLo: From "Understanding" the World to "Depicting" It'  # quotes in a title: not a citation


def test_an_update_history_section_is_news_not_papers():
    assert _rows(
        "### Update History\n\n"
        "- [11/2024] we have an [updated version](https://arxiv.org/abs/2404.16789), which is concise.\n") == []


def test_a_bullet_of_names_under_a_bullet_holding_only_a_bold_title_is_its_authors_line():
    rows, _ = read_list(
        "* **Learning Semantic-Agnostic and Spatial-Aware Representation for Generalizable Visual-Audio Navigation** <br>\n"
        "* Hongcheng Wang*, Yuxuan Wang*, Fangwei Zhong, Mingdong Wu, Hao Dong* <br>\n"
        "IEEE RA-L, 2023. [[Paper]](https://arxiv.org/pdf/2304.10773.pdf)\n")
    assert [(r.line, r.year, r.venue) for r in rows] == [(1, 2023, "IEEE RA-L")]
    assert rows[0].authors[:2] == ["Hongcheng Wang", "Yuxuan Wang"]


def test_italic_authors_then_a_venue_below_a_title():
    rows, _ = read_list(
        "1. **[Multimodal Chain-of-Thought Reasoning: A Comprehensive Survey.](https://arxiv.org/abs/2503.12605)** "
        "[[code](https://github.com/a/b)]\n\n"
        "    *Yaoting Wang, Shengqiong Wu, Hao Fei.* Preprint'25\n")
    assert [(r.authors, r.venue, r.year) for r in rows] == [(["Yaoting Wang", "Shengqiong Wu", "Hao Fei"], "Preprint'25", 2025)]


def test_a_date_after_the_authors_is_no_venue_and_a_venue_comma_year_keeps_the_name():
    rows, _ = read_list(
        "**Augmented Language Models: a Survey** *Mialon, Grégoire, et al.* 2023.02 [[Paper]](https://openreview.net/forum?id=jh7wH2AzKK)\n\n"
        "* **Cognitive Mapping and Planning for Visual Navigation** <br>\n"
        "*Saurabh Gupta, Varun Tolani, Jitendra Malik* <br>\n"
        "CVPR, 2017. [[Paper]](https://arxiv.org/abs/1702.03920)\n")
    assert [(r.venue, r.year) for r in rows] == [("", 2023), ("CVPR", 2017)]
