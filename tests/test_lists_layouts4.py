"""The layouts of the fourth, unseen set of lists (tests/data/lists, SOURCES.md), one small case each,
written in each list's shape: what the reader must take from a row and what it must leave alone."""
import pytest

from listcases import one as _one
from unlearn_bib.read.mdlist import read_list
from unlearn_bib.tasks.import_table import row_ids


@pytest.mark.parametrize("line, title, venue, year", [
    ("* Transformers in Time Series: A Survey, in *IJCAI* 2023. [\\[paper\\]](https://arxiv.org/abs/2202.07125)",
     "Transformers in Time Series: A Survey", "IJCAI 2023", 2023),
    ("* Causal inference for time series analysis: problems, methods and evaluation, in *Annual Review of "
     "Statistics and Its Application* 2014. [\\[paper\\]](https://example.org/x)",
     "Causal inference for time series analysis: problems, methods and evaluation",
     "Annual Review of Statistics and Its Application 2014", 2014),
    ("* Anomaly detection for discrete sequences: A survey, TKDE'12. [\\[paper\\]](https://ieeexplore.ieee.org/document/1)",
     "Anomaly detection for discrete sequences: A survey", "TKDE'12", 2012),
    ("* Deep learning for anomaly detection: A review, *CSUR* 2021. [\\[paper\\]](https://arxiv.org/abs/2007.02500)",
     "Deep learning for anomaly detection: A review", "CSUR 2021", 2021),
])
def test_plain_title_then_in_venue_year(line, title, venue, year):
    row = _one(line + "\n")
    assert (row.title, row.venue, row.year) == (title, venue, year)


def test_a_comma_in_a_title_is_not_a_venue():
    row = _one("* Forecasting: theory, practice and more [\\[paper\\]](https://arxiv.org/abs/2012.03854)\n")
    assert (row.title, row.venue) == ("Forecasting: theory, practice and more", "")


def test_plain_title_with_a_bold_venue_tag_after_an_html_anchor():
    row = _one('- <a name="todo"></a> Class-Incremental Learning: A Survey (**TPAMI 2024**)  '
               "[[paper](https://arxiv.org/abs/2302.03648)][[code](https://github.com/a/b)]\n")
    assert (row.title, row.venue, row.year) == ("Class-Incremental Learning: A Survey", "TPAMI 2024", 2024)
    row = _one("- A Study (of Things) (**Neural Networks**) [[paper](https://arxiv.org/abs/2011.01844)]\n")
    assert (row.title, row.venue, row.year) == ("A Study (of Things)", "Neural Networks", None)


def test_a_plain_title_wrapped_before_its_bold_venue_tag():
    row = _one("- Continual Lifelong Learning with Neural Networks: A Review\n (**Neural Networks**) "
               "[[paper](https://arxiv.org/abs/1802.07569)]\n")
    assert (row.title, row.venue) == ("Continual Lifelong Learning with Neural Networks: A Review", "Neural Networks")


def test_a_link_broken_across_two_lines_is_joined():
    row = _one('- <a name="todo"></a> Learning from Itself (**CVPR 2026**) [[paper](https://openaccess.thecvf.com/'
               "x/a_paper.pdf)][[code](https://github.com/\njordangong/continual-learning)]\n")
    assert (row.title, row.year, row.code) == ("Learning from Itself", 2026, "https://github.com/jordangong/continual-learning")


def test_date_bold_title_italic_first_author_with_affiliation_et_al_and_venue():
    row = _one("- [2023/05] **RecurrentGPT: Interactive Generation of (Arbitrarily) Long Text.** *Wangchunshu Zhou "
               "(AIWaves) et al. arXiv.* [[paper](https://arxiv.org/pdf/2305.13304.pdf)] [[code](https://github.com/a/b)]\n")
    assert (row.title, row.year, row.venue, row.authors, row.authors_incomplete) == (
        "RecurrentGPT: Interactive Generation of (Arbitrarily) Long Text", 2023, "arXiv", ["Wangchunshu Zhou"], True)
    row = _one("- [2023/09] **Agents: An Open-source Framework.** *Wangchunshu Zhou et al.arXiv.* "
               "[[paper](https://arxiv.org/abs/2309.07870)]\n")
    assert (row.venue, row.authors) == ("arXiv", ["Wangchunshu Zhou"])


def test_date_bold_title_italic_single_author_and_venue():
    row = _one("- [2016/04] **Improved Keyword Extraction.** *H Leung. Systems for Advanced Applications.* "
               "[[paper](https://link.springer.com/chapter/10.1007/978-3-319-32055-7_10)]\n")
    assert (row.title, row.year, row.venue, row.authors, row.authors_incomplete) == (
        "Improved Keyword Extraction", 2016, "Systems for Advanced Applications", ["H Leung"], False)


def test_sentences_below_a_paper_bullet_describe_it():
    rows, _ = read_list("- [2023/10] **Towards End-to-End Decision Making.** *Liang Chen et al. arXiv.* "
                        "[[paper](https://arxiv.org/abs/2310.02071)]\n"
                        "  - This work proposes PCA-EVAL, which benchmarks embodied decision making.\n"
                        "- [2022/08] **Inferring Rewards from Language in Context.** *Jessy Lin et al. ACL.* "
                        "[[paper](https://doi.org/10.18653/v1/2022.acl-long.585)]\n")
    assert [(r.title, r.year) for r in rows] == [("Towards End-to-End Decision Making", 2023),
                                                ("Inferring Rewards from Language in Context", 2022)]


def test_an_arxiv_doi_gives_the_arxiv_id_and_the_doi():
    row = _one("- [2023/08] **A Multitask Evaluation of ChatGPT.** *Yejin Bang et al. arXiv.* "
               "[[paper](https://doi.org/10.48550/arXiv.2302.04023)]\n")
    # the arXiv id it names (the preprint), and the DOI as the list writes it (since the twelfth set)
    assert row_ids(row) == {"arxiv": "2302.04023", "doi": "10.48550/arXiv.2302.04023"}


@pytest.mark.parametrize("line, title, venue, year", [
    ('* **RoboSpatial**: "RoboSpatial: Teaching Spatial Understanding", CVPR, June 2025. '
     "[[Paper](https://arxiv.org/abs/2411.16537)] [[Code](https://github.com/a/b)]",
     "RoboSpatial: Teaching Spatial Understanding", "CVPR", 2025),
    ('* **SPINE**: "SPINE: Online Semantic Planning", *International Conference on Robotics and Automation (ICRA), '
     'May 2025*. [[Paper](https://arxiv.org/abs/2410.03035)]',
     "SPINE: Online Semantic Planning", "International Conference on Robotics and Automation (ICRA)", 2025),
    ('* **[RT-2]** "RT-2: Vision-Language-Action Models", *arXiv, July 2023*. [[Paper](https://arxiv.org/abs/2307.15818)]',
     "RT-2: Vision-Language-Action Models", "arXiv", 2023),
    ('* **CortexBench** "Where are we in the search?" *arXiv, Mar 2023*. [[Paper](https://arxiv.org/abs/2303.18240)]',
     "Where are we in the search?", "arXiv", 2023),
    ('* "PDDL Planning with Pretrained Large Language Models", *NeurIPS, Oct 2022*. '
     "[[Paper](https://openreview.net/forum?id=1QMMUB4zfl)]", "PDDL Planning with Pretrained Large Language Models",
     "NeurIPS", 2022),
    ('* **FLTRNN**: "FLTRNN: Faithful Planning", *ICRA, May 17th 2024*, [[Paper](https://ieeexplore.ieee.org/document/1)]',
     "FLTRNN: Faithful Planning", "ICRA", 2024),
    ('* **SayCanPay**: "SayCanPay: Heuristic Planning", AAAI Jan 2024, [[Paper](https://arxiv.org/abs/2308.12682)]',
     "SayCanPay: Heuristic Planning", "AAAI", 2024),
    ('* **LABOR Agent**: "Large Language Models for Orchestrating Bimanual Robots", Humanoids, Nov. 2024. '
     "[[Paper](https://arxiv.org/abs/2404.02018)]", "Large Language Models for Orchestrating Bimanual Robots", "Humanoids", 2024),
    ('* **Embodied AI in Mobile Robots**: Coverage Path Planning", *arXiV, Jul 2024*, '
     "[[Paper](https://arxiv.org/abs/2407.02220)]", "Embodied AI in Mobile Robots: Coverage Path Planning", "arXiV", 2024),
    ('* **Octopi**: "Octopi: Object Property Reasoning", *Robotics: Science and Systems (RSS), June 24*, '
     "[[Paper](https://arxiv.org/abs/2405.02794)]", "Octopi: Object Property Reasoning",
     "Robotics: Science and Systems (RSS)", None),
])
def test_quoted_title_after_a_bold_name_then_venue_and_month_year(line, title, venue, year):
    row = _one(line + "\r\n")
    assert (row.title, row.venue, row.year) == (title, venue, year)


@pytest.mark.parametrize("line, title, authors, incomplete, venue, year", [
    ("- [Neural Sparse Voxel Fields](https://lingjie0206.github.io/papers/NSVF/), Liu et al., NeurIPS 2020 | "
     "[github](https://github.com/facebookresearch/NSVF) | [bibtex](./NeRF-and-Beyond.bib#L135-L141) <!---Liu20-->",
     "Neural Sparse Voxel Fields", ["Liu"], True, "NeurIPS 2020", 2020),
    ("- [DeRF: Decomposed Radiance Fields](https://arxiv.org/abs/2011.12490), Rebain et al. Arxiv 2020 | "
     "[bibtex](./NeRF-and-Beyond.bib#L222-L228)", "DeRF: Decomposed Radiance Fields", ["Rebain"], True, "Arxiv 2020", 2020),
    ("- [A Review](https://arxiv.org/abs/2402.11141), Thang-Anh-Quan Nguyen*, Amine Bourki*, and Mohammed Bennamoun "
     "(*: Equal contribution), Arxiv 2024 | [bibtex](citations/x.txt)", "A Review",
     ["Thang-Anh-Quan Nguyen", "Amine Bourki", "Mohammed Bennamoun"], False, "Arxiv 2024", 2024),
    ("- [Streaming Radiance Fields](https://arxiv.org/abs/2210.14831) Li et al. NeurIPS 2022 | [github](https://github.com/a/b)",
     "Streaming Radiance Fields", ["Li"], True, "NeurIPS 2022", 2022),
    ("- [Ha-NeRF:laughing:: Hallucinated Neural Radiance Fields in the Wild](https://rover-xingyu.github.io/Ha-NeRF/), "
     "Chen et al., CVPR 2022 | [bibtex](./citations/Ha-NeRF.txt)", "Ha-NeRF: Hallucinated Neural Radiance Fields in the Wild",
     ["Chen"], True, "CVPR 2022", 2022),
])
def test_linked_title_then_authors_and_venue_year_before_pipes(line, title, authors, incomplete, venue, year):
    row = _one(line + "\n")
    assert (row.title, row.authors, row.authors_incomplete, row.venue, row.year) == (title, authors, incomplete, venue, year)
    assert not row.needs_id  # a project page with a venue and authors is a paper's


_TABLE = "| Title | Venue | Date | Code | Demo |\n|:--|:--:|:--:|:--:|:--:|\n"


@pytest.mark.parametrize("cells", [
    "[**Xiaomi MiMo-V2.5**](https://mimo.xiaomi.com/mimo-v2-5) | Blog | 2026-04-22 | - | - |",
    "[**Introducing GPT-5.2**](https://openai.com/index/introducing-gpt-5-2/) | OpenAI | 2025-12-11 | - | - |",
    "[**Gemma 4: Byte for byte**](https://deepmind.google/models/gemma/gemma-4/) | Blog | 2026-04-02 | - | - |",
])
def test_a_blog_post_or_announcement_row_is_not_a_paper(cells):
    (row,), _ = read_list(_TABLE + "| " + cells + "\n")
    assert row.needs_id and not row_ids(row)  # the import leaves it out


@pytest.mark.parametrize("cells", [
    "[**Kimi K2.5: Visual Agentic Intelligence**](https://arxiv.org/pdf/2602.02276) <br> | arXiv | 2026-02-02 | - | - |",
    "[**Introducing a Benchmark**](https://example.org/paper.pdf) | Blog | 2026-02-02 | - | - |",
    "[**Introducing Edge Intelligence to Smart Meters**](https://example.org/x) | Nat. Commun. | 2026-01-01 | - | - |",
    "[**VITA-QinYu: Expressive Spoken Language Model**](https://github.com/VITA-MLLM/VITA-QinYu) <br> | arXiv | "
    "2026-04-03 | [Github](https://github.com/VITA-MLLM/VITA-QinYu) | Local Demo |",
])
def test_a_paper_row_in_the_same_table_stays_a_paper(cells):
    (row,), _ = read_list(_TABLE + "| " + cells + "\n")
    assert not row.needs_id and row.year == 2026


@pytest.mark.parametrize("line", [
    '- **a**: "' + "x" * 19_000,
    '- "' * 6_000,
    "- Title" + " (**CVPR 2020**)" * 1_200,
    "- A Title" + ", in *X* 2020" * 1_500,
    "- [2020/01] **T.** *" + "A et al. " * 2_000 + "* [[paper](https://arxiv.org/abs/2001.00001)]",
    "- [T](https://a.org/x)," + " A B," * 4_000 + " CVPR 2020 |",
    "* **N**: \"T\", *" + "CVPR, June " * 1_500 + "2020*",
])
def test_hostile_lines_of_these_layouts_take_linear_time(line):
    import time

    text = (line + "\n  - " + "word " * 3_000 + ".\n") * 10
    started = time.perf_counter()
    read_list(text)
    assert time.perf_counter() - started < 10  # quadratic backtracking would take minutes
