"""The layouts of the twenty-first and twenty-second unseen sets (tests/data/lists, SOURCES.md: LLM watermarking,
robot manipulation, legal NLP, medical LLMs, molecular design, quant finance, traffic forecasting), one small case
each in the list's shape: what the reader must take from a row, and what it must leave alone."""
from unlearn_bib.catalog.identifiers import link_identifier
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


def _papers(text):
    rows, troubles = read_list(text)
    return [r for r in rows if not r.needs_id or row_ids(r)], troubles


def test_a_title_bullet_over_a_venue_and_a_link_sub_bullet_is_one_paper():
    """``* Title`` / ``  * ICML 2023`` / ``  * <link>``: the rendered list shows one paper with its venue and link;
    the sub-bullets are no papers (a URL as a link's own text is not linked again: it is never a title)."""
    rows, troubles = _papers(
        "* A Watermark for Large Language Models\n"
        "  * ICML 2023\n"
        "  * [http://arxiv.org/abs/2301.10226](http://arxiv.org/abs/2301.10226)\n"
        "* An Unforgeable Publicly Verifiable Watermark for Large Language Models\n"
        "  * ICLR 2024\n"
        "  * https://openreview.net/forum?id=gMLQwKDY3N\n"
        "* A watermark for order-agnostic language models\n"
        "  * ICLR 2025\n"
        "* Publicly Detectable Watermarking for Language Models [paper](http://arxiv.org/abs/2310.18491)\n")
    assert not troubles
    assert [(r.line, r.title, r.year, r.venue) for r in rows] == [
        (1, "A Watermark for Large Language Models", 2023, "ICML 2023"),
        (4, "An Unforgeable Publicly Verifiable Watermark for Large Language Models", 2024, "ICLR 2024"),
        (7, "A watermark for order-agnostic language models", 2025, "ICLR 2025"),
        (9, "Publicly Detectable Watermarking for Language Models", None, "")]
    assert [row_ids(r) for r in rows[:2]] == [{"arxiv": "2301.10226"}, {"openreview": "gMLQwKDY3N"}]


def test_a_category_bullet_over_venues_or_tools_is_no_paper():
    rows, _ = _papers(
        "* Top conferences in machine learning\n  * ICML 2024\n  * NeurIPS 2024\n"
        "* Useful tools for watermarking\n  * https://github.com/a/b\n  * [code](https://github.com/c/d)\n")
    assert rows == []


def test_the_text_of_a_link_to_a_paper_by_its_id_is_its_title_even_in_title_case_with_and():
    rows, _ = _papers(
        "[2024] [Continuous Control with Coarse-to-fine Reinforcement Learning](https://arxiv.org/abs/2407.07787)\n\n"
        "[2024] [Fast and Robust Visuomotor Riemannian Flow Matching Policy](https://arxiv.org/abs/2412.10855)\n\n"
        "[2025] [Multi-Stage Manipulation with Demonstration-Augmented Reward, Policy, and World Model Learning]"
        "(https://arxiv.org/abs/2503.01837)\n")
    assert [(r.line, r.year, row_ids(r)["arxiv"]) for r in rows] == [(1, 2024, "2407.07787"), (3, 2024, "2412.10855"),
                                                                       (5, 2025, "2503.01837")]
    assert rows[1].title == "Fast and Robust Visuomotor Riemannian Flow Matching Policy"


def test_a_gbt_7714_reference_is_read_as_its_parts():
    """``Authors. <b>Title[J]</b>. Journal, Year, Vol(No): pages.`` (Chinese standard references): the year after
    the journal is the row's, even under another year's heading, and a link to any publisher keeps the row."""
    rows, _ = _papers(
        "## 2023\n"
        "* Ning T, Wang J, Duan X. <b>Research on expressway traffic flow prediction model based on MSTA-GCN[J]</b>. "
        "Journal of Ambient Intelligence and Humanized Computing, 2022: 1-12. "
        "[Link](https://link.springer.com/article/10.1007/s12652-022-04431-6)\n"
        "* Chen L, Ren Q, Zeng J, et al. <b>CSFPre: Expressway key sections for traffic flow prediction[J]</b>. "
        "Plos one, 2023, 18(4): e0283898. [Link](https://journals.plos.org/plosone/article?id=10.1371/x)\n")
    assert [(r.title, r.year, r.venue, r.authors, r.authors_incomplete) for r in rows] == [
        ("Research on expressway traffic flow prediction model based on MSTA-GCN", 2022,
         "Journal of Ambient Intelligence and Humanized Computing", ["Ning T", "Wang J", "Duan X"], False),
        ("CSFPre: Expressway key sections for traffic flow prediction", 2023, "Plos one",
         ["Chen L", "Ren Q", "Zeng J"], True)]


def test_a_doi_in_a_deeper_publisher_doi_path():
    assert link_identifier("https://www.emerald.com/insight/content/doi/10.1108/DTA-09-2022-0378/full/html") == (
        "doi", "10.1108/DTA-09-2022-0378")
    assert link_identifier("https://a.org/x/y/z/w/v/doi/10.1/x") is None  # not any path that ends in a DOI


def test_italic_authors_wrapped_over_two_lines_then_venue_and_year():
    (row,) = read_list(
        "8. **Coliee-2018: Evaluation of the competition on legal information extraction and entailment.**\n\n"
        "   *Yoshinobu Kano, Mi-Young Kim, Masaharu Yoshioka, Randy\n"
        "   Goebel, Ken Satoh.* JSAI 2018. [[pdf](https://sites.ualberta.ca/~rabelo/COLIEE2018_CL_summary.pdf)]\n")[0]
    assert (row.year, row.venue) == (2018, "JSAI 2018")
    assert row.authors == ["Yoshinobu Kano", "Mi-Young Kim", "Masaharu Yoshioka", "Randy Goebel", "Ken Satoh"]


def test_a_bold_name_and_year_tag_before_the_title_whatever_the_name():
    rows, _ = _papers(
        "* [**Korean J Med Educ., 2023**] The impending impacts of large language models on medical education. "
        "[paper](https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10020064/)\n"
        "* [**GitHub, 2024**] **dna-claude-analysis**: Personal genome analysis toolkit using Claude. "
        "[[code]](https://github.com/shmlkv/dna-claude-analysis)\n")
    assert [(r.line, r.year) for r in rows] == [(1, 2023)]  # a repository "published on GitHub" is no paper
    rows, _ = _papers("* [**Healthcare, 2023**]Leveraging Generative AI. [paper](https://www.ncbi.nlm.nih.gov/pmc/PMC1/)\n"
                      "* [**Arxiv, 2025.06**] MedAgentBench for clinical agents. [paper](https://arxiv.org/abs/2506.01234)\n")
    assert [(r.year, r.venue) for r in rows] == [(2023, "Healthcare"), (2025, "Arxiv")]  # the name is the venue


def test_a_link_labelled_with_a_venue_and_its_year_dates_the_row():
    (row,) = read_list(
        "* **Accelerating Material Design with the Generative Toolkit for Scientific Discovery**  \n"
        "Manica, Matteo and Cadow, Joris and others  \n"
        "[npj Comput Mater 9, 69 (2023)](https://www.nature.com/articles/s41524-023-01028-1) |  "
        "[code](https://github.com/GT4SD/gt4sd-core) \n")[0]
    assert (row.year, row.venue) == (2023, "npj Comput Mater 9, 69 (2023)")


def test_names_dash_title_gives_the_authors_and_a_title_with_a_dash_stays_whole():
    rows, _ = read_list(
        "* :star: Zhuoran Xiong et al. - Practical Deep Reinforcement Learning Approach for Stock Trading "
        "[[Link]](https://arxiv.org/abs/1811.07522)\n"
        "* Marcos López de Prado - The 10 reasons most Machine Learning Funds fail [[Link]](http://a.kr/SSRN.pdf)\n"
        "* Graph Neural Networks - A Survey of Methods and Applications [[Link]](https://arxiv.org/abs/1812.08434)\n")
    assert [(r.title, r.authors, r.authors_incomplete) for r in rows] == [
        ("Practical Deep Reinforcement Learning Approach for Stock Trading", ["Zhuoran Xiong"], True),
        ("The 10 reasons most Machine Learning Funds fail", ["Marcos López de Prado"], False),
        ("Graph Neural Networks - A Survey of Methods and Applications", None, False)]
